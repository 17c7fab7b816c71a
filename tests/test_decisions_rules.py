"""Each decision rule on small literal histories: events in, decisions out, no database."""

from __future__ import annotations

from typing import Any

import pytest
from strategies import ev

from missionlog.decisions import DECISION_KEYS, DecisionBook, derive_decisions
from missionlog.events import event_to_wire, parse_event
from missionlog.projections.replay import replay
from missionlog.projections.state import Recorded
from missionlog.projections.world import World

SOYUZ_CREW = ["Sergey Prokopyev", "Dmitri Petelin", "Frank Rubio"]
CREW_5 = ["Nicole Mann", "Josh Cassada", "Koichi Wakata", "Anna Kikina"]
LEAK_AT = "2022-12-15T00:45:00Z"


def records(events: list[dict[str, Any]]) -> list[Recorded]:
    """Validate literal events and number them in the order given (mission order)."""
    world, out = World(), []
    for position, raw in enumerate(events, start=1):
        wire = event_to_wire(parse_event({"event_id": f"e{position}", **raw}))
        record = world.record(wire, position, "2024-01-01T00:00:00.000000Z")
        out.append(record)
    return out


def decide(events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return derive_decisions(records(events))


def of_kind(decisions: list[dict[str, Any]], kind: str) -> list[dict[str, Any]]:
    return [d for d in decisions if d["kind"] == kind]




def station() -> dict[str, Any]:
    return ev("station_configured", "2022-01-01T00:00:00Z", station="ISS",
              ports=["Rassvet nadir", "Poisk zenith", "Harmony forward", "Prichal nadir"])


def arrival(vehicle: str, vehicle_class: str, at: str, port: str,
            crew: list[str] | None = None) -> list[dict[str, Any]]:
    return [ev("launched", at, vehicle=vehicle, vehicle_class=vehicle_class, crew=crew or []),
            ev("docked", at.replace("T00", "T06"), vehicle=vehicle, station="ISS", port=port)]


def leak(vehicle: str, at: str = LEAK_AT, system: str = "coolant",
         severity: str = "major") -> dict[str, Any]:
    return ev("leak_detected", at, vehicle=vehicle, system=system, severity=severity)


def ms22_aboard() -> list[dict[str, Any]]:
    """Soyuz MS-22 and Crew-5 docked at the ISS with their crews."""
    return [station(),
            *arrival("Soyuz MS-22", "soyuz", "2022-09-21T00:00:00Z", "Rassvet nadir", SOYUZ_CREW),
            *arrival("Crew-5", "crew_dragon", "2022-10-06T00:00:00Z", "Harmony forward",
                     CREW_5)]


def assign(vehicle: str, at: str, *crew: str) -> dict[str, Any]:
    return ev("crew_assigned", at, vehicle=vehicle, crew=list(crew))


# ---- replacement_required -------------------------------------------------------------


def test_coolant_leak_on_the_crews_soyuz_requires_a_replacement() -> None:
    [replacement] = of_kind(decide([*ms22_aboard(), leak("Soyuz MS-22")]), "replacement_required")
    assert replacement["subject"] == "Soyuz MS-22"
    assert replacement["crew"] == sorted(SOYUZ_CREW)
    assert (replacement["status"], replacement["opened_at"]) == ("open", LEAK_AT)
    assert replacement["decided_at"] is replacement["resolved_at"] is None
    assert replacement["rationale"] == (
        "Soyuz MS-22 had a major coolant leak at 2022-12-15T00:45:00Z and is the return "
        "vehicle of Dmitri Petelin, Frank Rubio, Sergey Prokopyev aboard ISS")
    assert replacement["evidence"] == [{"role": "opened", "event_id": "e6", "position": 6}]
    assert tuple(replacement) == DECISION_KEYS


def test_a_leak_on_a_crew_vehicle_nobody_rides_needs_no_replacement_but_returns_uncrewed() -> None:
    found = decide([station(),
                    *arrival("Soyuz MS-23", "soyuz", "2023-02-24T00:00:00Z", "Poisk zenith"),
                    leak("Soyuz MS-23", "2023-02-27T00:00:00Z")])
    assert [d["kind"] for d in found] == ["return_uncrewed"]
    assert found[0]["subject"] == "Soyuz MS-23"
    assert "still docked at ISS Poisk zenith" in found[0]["rationale"]


@pytest.mark.parametrize("vehicle", ["Soyuz MS-22", "Crew-5"])
def test_a_minor_leak_needs_no_decision(vehicle: str) -> None:
    assert decide([*ms22_aboard(), leak(vehicle, severity="minor")]) == []


def test_a_propellant_leak_leaves_the_soyuz_fit_but_asks_for_an_assessment() -> None:
    found = decide([*ms22_aboard(), leak("Soyuz MS-22", system="propellant")])
    assert [(d["kind"], d["subject"], d["status"], d["station"]) for d in found] == [
        ("assessment_required", "Soyuz MS-22", "open", "ISS")]
    assert found[0]["crew"] == sorted(SOYUZ_CREW)


def test_replacement_is_resolved_once_every_rider_has_a_fit_docked_ride() -> None:
    history = [*ms22_aboard(), leak("Soyuz MS-22"),
               assign("Crew-5", "2023-01-18T12:00:00Z", "Frank Rubio"),
               *arrival("Soyuz MS-23", "soyuz", "2023-02-26T00:00:00Z", "Poisk zenith"),
               assign("Soyuz MS-23", "2023-03-02T12:00:00Z", "Sergey Prokopyev")]
    [still_open] = of_kind(decide(history), "replacement_required")
    assert still_open["resolved_at"] is None  # Petelin still has no ride home

    history.append(assign("Soyuz MS-23", "2023-03-03T12:00:00Z", "Dmitri Petelin"))
    [resolved] = of_kind(decide(history), "replacement_required")
    assert (resolved["status"], resolved["resolved_at"]) == ("resolved", "2023-03-03T12:00:00Z")
    assert resolved["evidence"][-1] == {"role": "resolved", "event_id": "e11", "position": 11}


def test_a_rider_assigned_to_a_vehicle_still_in_flight_is_not_yet_safe() -> None:
    history = [*ms22_aboard(), leak("Soyuz MS-22"),
               ev("launched", "2023-02-24T00:00:00Z", vehicle="Soyuz MS-23",
                  vehicle_class="soyuz"),
               assign("Soyuz MS-23", "2023-02-25T00:00:00Z", *SOYUZ_CREW)]
    [replacement] = of_kind(decide(history), "replacement_required")
    assert replacement["status"] == "open"
    history.append(ev("docked", "2023-02-26T00:58:00Z", vehicle="Soyuz MS-23", station="ISS",
                      port="Poisk zenith"))
    [replacement] = of_kind(decide(history), "replacement_required")
    assert replacement["resolved_at"] == "2023-02-26T00:58:00Z"


def test_riders_who_come_home_in_the_leaking_soyuz_resolve_the_replacement_on_landing() -> None:
    history = [*ms22_aboard(), leak("Soyuz MS-22"),
               ev("undocked", "2022-12-20T00:00:00Z", vehicle="Soyuz MS-22", crew=SOYUZ_CREW)]
    [replacement] = of_kind(decide(history), "replacement_required")
    assert replacement["resolved_at"] is None
    history.append(ev("landed", "2022-12-20T03:00:00Z", vehicle="Soyuz MS-22"))
    [replacement] = of_kind(decide(history), "replacement_required")
    assert replacement["resolved_at"] == "2022-12-20T03:00:00Z"


def test_assigning_crew_to_an_already_leaking_soyuz_opens_a_replacement() -> None:
    history = [*ms22_aboard(),
               *arrival("Soyuz MS-23", "soyuz", "2022-11-01T00:00:00Z", "Poisk zenith"),
               leak("Soyuz MS-23", "2022-11-02T00:00:00Z"),
               assign("Soyuz MS-23", "2022-11-03T00:00:00Z", "Nicole Mann")]
    [replacement] = of_kind(decide(history), "replacement_required")
    assert (replacement["subject"], replacement["crew"]) == ("Soyuz MS-23", ["Nicole Mann"])
    assert replacement["opened_at"] == "2022-11-03T00:00:00Z"
    assert [e["event_id"] for e in replacement["evidence"]] == ["e8", "e9"]  # leak, assignment


def test_a_rider_assigned_into_the_unfit_soyuz_keeps_the_replacement_open() -> None:
    """Bug (issue 11): the replacement resolved once the first riders were safe, while
    Nicole Mann, assigned into the already unfit Soyuz, still rode it."""
    history = [*ms22_aboard(), leak("Soyuz MS-22"),
               assign("Soyuz MS-22", "2022-12-16T00:00:00Z", "Nicole Mann"),
               assign("Crew-5", "2023-01-18T12:00:00Z", *SOYUZ_CREW)]
    found = decide(history)
    assert [(d["crew"], d["opened_at"], d["status"])
            for d in of_kind(found, "replacement_required")] == [
        (sorted(SOYUZ_CREW), LEAK_AT, "open"),
    ]
    [hers] = [d for d in of_kind(found, "crew_reassignment_required")
              if d["crew"] == ["Nicole Mann"]]
    assert (hers["status"], hers["opened_at"]) == ("open", "2022-12-16T00:00:00Z")
    history.append(assign("Crew-5", "2023-01-19T00:00:00Z", "Nicole Mann"))
    [replacement] = of_kind(decide(history), "replacement_required")
    assert replacement["resolved_at"] == "2023-01-19T00:00:00Z"


# ---- decided --------------------------------------------------------------------------


def test_a_recorded_decision_decides_every_open_decision_about_its_subject() -> None:
    found = decide([*ms22_aboard(), leak("Soyuz MS-22"),
                    ev("decision_recorded", "2023-01-11T14:00:00Z", subject="Soyuz MS-22",
                       decision="MS-22 returns uncrewed; MS-23 launches uncrewed",
                       by="Roscosmos")])
    assert len(found) == 5  # replacement, return uncrewed, one reassignment per rider
    for decision in found:
        assert decision["status"] == "decided"
        assert decision["decided_at"] == "2023-01-11T14:00:00Z"
        assert decision["decided_by"] == "Roscosmos"
        assert decision["decision"] == "MS-22 returns uncrewed; MS-23 launches uncrewed"
        assert decision["evidence"][-1] == {"role": "decided", "event_id": "e7", "position": 7}


def test_a_decision_recorded_under_an_alias_decides_the_vehicle_it_names() -> None:
    history = ms22_aboard()
    history[1]["aliases"] = ["68S"]
    found = decide([*history, leak("Soyuz MS-22"),
                    ev("decision_recorded", "2023-01-11T14:00:00Z", subject="68S", decision="go")])
    assert {d["status"] for d in found} == {"decided"}


def test_decisions_about_other_vehicles_or_before_the_leak_decide_nothing() -> None:
    found = decide([*ms22_aboard(),
                    ev("decision_recorded", "2022-12-01T00:00:00Z", subject="Soyuz MS-22",
                       decision="extend the mission"),
                    leak("Soyuz MS-22"),
                    ev("decision_recorded", "2023-01-11T14:00:00Z", subject="Crew-5",
                       decision="Crew-5 stays")])
    assert {d["status"] for d in found if d["kind"] != "ruling"} == {"open"}
    # Neither decided a derived decision, so each shows as a ruling of its own.
    rulings = of_kind(found, "ruling")
    assert [(d["subject"], d["status"], d["decision"]) for d in rulings] == [
        ("Crew-5", "decided", "Crew-5 stays"),
        ("Soyuz MS-22", "decided", "extend the mission"),
    ]


def test_later_decisions_about_a_decided_subject_are_kept_as_evidence() -> None:
    found = decide([*ms22_aboard(), leak("Soyuz MS-22"),
                    ev("decision_recorded", "2023-01-10T12:00:00Z", subject="Soyuz MS-22",
                       decision="first"),
                    ev("decision_recorded", "2023-01-11T14:00:00Z", subject="Soyuz MS-22",
                       decision="second")])
    [replacement] = of_kind(found, "replacement_required")
    assert (replacement["decision"], replacement["decided_at"]) == ("first",
                                                                    "2023-01-10T12:00:00Z")
    assert [e["event_id"] for e in replacement["evidence"] if e["role"] == "decided"] == [
        "e7", "e8"]


# ---- crew_reassignment_required -------------------------------------------------------


def test_each_rider_of_the_leaking_soyuz_needs_a_new_ride_home() -> None:
    reassignments = of_kind(decide([*ms22_aboard(), leak("Soyuz MS-22")]),
                            "crew_reassignment_required")
    assert sorted(d["crew"][0] for d in reassignments) == sorted(SOYUZ_CREW)
    assert {d["subject"] for d in reassignments} == {"Soyuz MS-22"}
    assert all(len(d["crew"]) == 1 for d in reassignments)


def test_moving_rubios_seat_liner_to_crew_5_resolves_only_his_reassignment() -> None:
    found = decide([*ms22_aboard(), leak("Soyuz MS-22"),
                    assign("Crew-5", "2023-01-18T12:00:00Z", "Frank Rubio")])
    status = {d["crew"][0]: d["status"] for d in of_kind(found, "crew_reassignment_required")}
    assert status == {"Frank Rubio": "resolved", "Sergey Prokopyev": "open",
                      "Dmitri Petelin": "open"}


def test_crew_left_behind_when_their_dragon_undocks_need_a_new_ride() -> None:
    found = decide([*ms22_aboard(),
                    ev("undocked", "2023-03-11T07:20:00Z", vehicle="Crew-5", crew=CREW_5[:3])])
    [left_behind] = found
    assert (left_behind["kind"], left_behind["subject"]) == ("crew_reassignment_required",
                                                             "Crew-5")
    assert left_behind["crew"] == ["Anna Kikina"]
    assert "in free flight since 2023-03-11T07:20:00Z, without them" in left_behind["rationale"]


def test_a_new_decision_opens_when_the_condition_comes_back_after_a_resolution() -> None:
    found = decide([*ms22_aboard(), leak("Soyuz MS-22"),
                    assign("Crew-5", "2023-01-18T12:00:00Z", "Frank Rubio"),
                    assign("Soyuz MS-22", "2023-01-20T12:00:00Z", "Frank Rubio")])
    rubio = [d for d in of_kind(found, "crew_reassignment_required")
             if d["crew"] == ["Frank Rubio"]]
    assert [(d["opened_at"], d["status"]) for d in rubio] == [
        ("2023-01-20T12:00:00Z", "open"), (LEAK_AT, "resolved")]
    assert len(of_kind(found, "replacement_required")) == 1  # still open: no duplicate


# ---- return_uncrewed ------------------------------------------------------------------


def test_the_leaking_soyuz_must_return_uncrewed_and_that_resolves_when_it_undocks_empty() -> None:
    history = [*ms22_aboard(), leak("Soyuz MS-22"),
               ev("undocked", "2023-03-28T09:57:00Z", vehicle="Soyuz MS-22")]
    [uncrewed] = of_kind(decide(history), "return_uncrewed")
    assert (uncrewed["status"], uncrewed["resolved_at"]) == ("resolved", "2023-03-28T09:57:00Z")
    assert uncrewed["crew"] == []


def test_a_leaking_soyuz_that_undocks_with_crew_aboard_has_not_returned_uncrewed() -> None:
    history = [*ms22_aboard(), leak("Soyuz MS-22"),
               ev("undocked", "2022-12-20T00:00:00Z", vehicle="Soyuz MS-22", crew=SOYUZ_CREW)]
    [uncrewed] = of_kind(decide(history), "return_uncrewed")
    assert uncrewed["status"] == "open"


# ---- no_change ------------------------------------------------------------------------


def test_a_coolant_leak_on_progress_changes_nothing_and_is_settled_at_once() -> None:
    found = decide([station(),
                    *arrival("Progress MS-21", "progress", "2022-10-28T00:00:00Z",
                             "Poisk zenith"),
                    leak("Progress MS-21", "2023-02-11T09:40:00Z")])
    [no_change] = found
    assert no_change["kind"] == "no_change"
    assert no_change["status"] == "resolved"
    assert no_change["opened_at"] == no_change["decided_at"] == no_change["resolved_at"] == (
        "2023-02-11T09:40:00Z")
    assert "no crew depends on it, its planned disposal stands" in no_change["rationale"]
    assert [e["role"] for e in no_change["evidence"]] == ["opened", "decided", "resolved"]


def test_a_leak_in_a_station_module_opens_no_vehicle_decision() -> None:
    found = decide([*ms22_aboard(),
                    ev("leak_detected", "2023-10-09T17:00:00Z", station="ISS", module="Nauka",
                       system="coolant", severity="major")])
    assert found == []


# ---- the book -------------------------------------------------------------------------


def test_decisions_are_listed_newest_first() -> None:
    found = decide([*ms22_aboard(), leak("Soyuz MS-22"),
                    *arrival("Progress MS-21", "progress", "2023-01-01T00:00:00Z",
                             "Poisk zenith"),
                    leak("Progress MS-21", "2023-02-11T09:40:00Z")])
    assert found[0]["kind"] == "no_change"
    keys = [(d["opened_at"], d["kind"], d["subject"], d["crew"]) for d in found]
    assert keys == sorted(keys, reverse=True)


def test_records_out_of_replay_order_are_refused() -> None:
    history = records([*ms22_aboard(), leak("Soyuz MS-22")])
    history[-2], history[-1] = history[-1], history[-2]  # the leak before Crew-5 docks
    with pytest.raises(ValueError, match="replay order"):
        derive_decisions(history)


def test_the_book_is_an_observer_of_the_ordinary_replay() -> None:
    book = DecisionBook()
    replay(records([*ms22_aboard(), leak("Soyuz MS-22")]), observers=[book])
    assert len(book.decisions()) == 5
