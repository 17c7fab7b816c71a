"""Issue 11 on small literal histories: assessments, seats, crew in free flight, rulings
with a kind, and the bugs found on the way (each test here failed before the fix)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from strategies import ev
from test_decisions_rules import (
    CREW_5,
    SOYUZ_CREW,
    assign,
    decide,
    leak,
    ms22_aboard,
    of_kind,
    records,
    station,
)

from missionlog import MissionLog
from missionlog.errors import HistoryConflict, InvalidEvent
from missionlog.projections.replay import replay
from missionlog.projections.views import crew_view, vehicle_view


def assess(vehicle: str, at: str, fitness: str, **more: Any) -> dict[str, Any]:
    return ev("vehicle_assessed", at, vehicle=vehicle, fitness=fitness, by="flight director",
              reason="engineering review", **more)


def ruling(at: str, subject: str, kind: str, **more: Any) -> dict[str, Any]:
    return {**ev("decision_recorded", at, subject=subject, **more), "kind": kind}


def world_of(events: list[dict[str, Any]]) -> Any:
    return replay(records(events))


# ---- bugs ---------------------------------------------------------------------------------


def test_return_uncrewed_resolves_when_the_unfit_vehicle_lands_with_its_crew() -> None:
    history = [*ms22_aboard(), leak("Soyuz MS-22"),
               ev("undocked", "2022-12-20T00:00:00Z", vehicle="Soyuz MS-22", crew=SOYUZ_CREW),
               ev("landed", "2022-12-20T03:00:00Z", vehicle="Soyuz MS-22")]
    [uncrewed] = of_kind(decide(history), "return_uncrewed")
    assert (uncrewed["status"], uncrewed["resolved_at"]) == ("resolved", "2022-12-20T03:00:00Z")
    [flight] = of_kind(decide(history), "crew_in_unfit_vehicle")
    assert (flight["opened_at"], flight["resolved_at"]) == ("2022-12-20T00:00:00Z",
                                                            "2022-12-20T03:00:00Z")


def test_return_uncrewed_resolves_when_the_vehicle_is_assessed_fit_again() -> None:
    found = decide([*ms22_aboard(), leak("Soyuz MS-22"),
                    assess("Soyuz MS-22", "2022-12-28T00:00:00Z", "fit")])
    [uncrewed] = of_kind(found, "return_uncrewed")
    assert uncrewed["resolved_at"] == "2022-12-28T00:00:00Z"
    assert {d["status"] for d in of_kind(found, "crew_reassignment_required")} == {"resolved"}


def test_explain_says_how_the_uncrewed_return_went(tmp_path: Path) -> None:
    with MissionLog.open(tmp_path / "log.db", create=True) as log:
        log.append([*ms22_aboard(), {**leak("Soyuz MS-22"), "event_id": "leak"},
                    ev("undocked", "2022-12-20T00:00:00Z", vehicle="Soyuz MS-22",
                       crew=SOYUZ_CREW),
                    ev("landed", "2022-12-20T03:00:00Z", vehicle="Soyuz MS-22")])
        lines = log.explain("return_uncrewed", "Soyuz MS-22", at="2023-01-01")
    assert lines[-1].startswith("  2022-12-20T03:00:00Z  resolved: Soyuz MS-22 landed")
    assert "with Sergey Prokopyev, Dmitri Petelin, Frank Rubio aboard" in lines[-1]
    assert not any("will be once" in line for line in lines)


def test_a_landed_vehicle_has_nobody_aboard_and_its_crew_is_no_longer_in_space() -> None:
    world = world_of([*ms22_aboard(),
                      ev("undocked", "2023-03-01T00:00:00Z", vehicle="Soyuz MS-22",
                         crew=SOYUZ_CREW),
                      ev("landed", "2023-03-01T03:00:00Z", vehicle="Soyuz MS-22")])
    view = vehicle_view(world, "Soyuz MS-22", "2023-03-02T00:00:00Z")
    assert view["crew_aboard"] == []
    assert view["crew_landed"] == SOYUZ_CREW
    assert {p["name"] for p in crew_view(world, "")["crew"]} == set(CREW_5)


def test_crew_pre_assigned_to_a_replacement_in_free_flight_keep_one_decision_each() -> None:
    found = decide([*ms22_aboard(), leak("Soyuz MS-22"),
                    ev("launched", "2023-02-24T00:00:00Z", vehicle="Soyuz MS-23",
                       vehicle_class="soyuz"),
                    assign("Soyuz MS-23", "2023-02-24T01:00:00Z", *SOYUZ_CREW)])
    reassignments = of_kind(found, "crew_reassignment_required")
    assert sorted(d["crew"][0] for d in reassignments) == sorted(SOYUZ_CREW)
    assert {d["status"] for d in reassignments} == {"open"}


def test_a_person_aboard_one_station_cannot_ride_home_in_a_vehicle_at_another() -> None:
    history = [*ms22_aboard(),
               ev("station_configured", "2022-01-01T00:00:00Z", station="Tiangong",
                  ports=["Tianhe forward"]),
               ev("launched", "2022-11-01T00:00:00Z", vehicle="Shenzhou-15",
                  vehicle_class="shenzhou"),
               ev("docked", "2022-11-01T06:00:00Z", vehicle="Shenzhou-15", station="Tiangong",
                  port="Tianhe forward"),
               assign("Shenzhou-15", "2022-11-02T00:00:00Z", "Frank Rubio")]
    with pytest.raises(HistoryConflict, match="aboard ISS but Shenzhou-15 is docked at Tiangong"):
        records(history)


# ---- fitness from any cause -----------------------------------------------------------------


def test_an_assessment_overrides_an_earlier_leak_and_a_later_leak_overrides_it() -> None:
    history = [*ms22_aboard(), leak("Soyuz MS-22"),
               assess("Soyuz MS-22", "2023-01-14T00:00:00Z", "emergency_only", max_crew=2)]
    view = vehicle_view(world_of(history), "Soyuz MS-22", "")
    assert (view["fitness"], view["fit_for_crew_return"], view["free_seats"]) == (
        "emergency_only", False, 0)
    assert view["fitness_basis"]["by"] == "flight director"
    history.append(leak("Soyuz MS-22", "2023-01-20T00:00:00Z", system="atmosphere"))
    view = vehicle_view(world_of(history), "Soyuz MS-22", "")
    assert (view["fitness"], view["fitness_basis"]["source"]) == ("unfit", "leak")


def test_a_window_crack_is_an_assessment_not_a_leak() -> None:
    found = decide([*ms22_aboard(), assess("Crew-5", "2023-01-01T00:00:00Z", "unfit")])
    assert {d["kind"] for d in found} == {"replacement_required", "return_uncrewed",
                                          "crew_reassignment_required"}
    [replacement] = of_kind(found, "replacement_required")
    assert "was assessed unfit by flight director" in replacement["rationale"]


def test_a_propellant_leak_waits_for_an_assessment() -> None:
    history = [*ms22_aboard(), leak("Soyuz MS-22", system="propellant"),
               assess("Soyuz MS-22", "2022-12-20T00:00:00Z", "fit")]
    [due] = decide(history)
    assert (due["kind"], due["resolved_at"]) == ("assessment_required", "2022-12-20T00:00:00Z")


def test_an_assessment_of_a_cargo_ship_is_refused() -> None:
    with pytest.raises(HistoryConflict, match="not a crew-capable vehicle; only"):
        records([station(), ev("launched", "2023-01-01T00:00:00Z", vehicle="Progress MS-21",
                               vehicle_class="progress"),
                 assess("Progress MS-21", "2023-01-02T00:00:00Z", "unfit")])


def test_max_crew_only_limits_an_emergency_only_assessment(tmp_path: Path) -> None:
    with MissionLog.open(tmp_path / "log.db", create=True) as log, \
            pytest.raises(InvalidEvent, match="max_crew: only an emergency_only"):
        log.append([assess("Soyuz MS-22", "2023-01-14T00:00:00Z", "fit", max_crew=2)])


# ---- seats --------------------------------------------------------------------------------


def test_launching_more_crew_than_seats_is_refused() -> None:
    with pytest.raises(HistoryConflict, match="4 people launched in Soyuz MS-22, which has 3"):
        records([station(), ev("launched", "2022-09-21T00:00:00Z", vehicle="Soyuz MS-22",
                               vehicle_class="soyuz", crew=[*SOYUZ_CREW, "Anna Kikina"])])


def test_an_other_vehicle_declared_crew_capable_carries_its_seats() -> None:
    history = [station(),
               ev("launched", "2030-01-01T00:00:00Z", vehicle="Orion", vehicle_class="other",
                  crew_capable=True, seats=4, crew=["A", "B"]),
               ev("launched", "2030-01-01T00:00:00Z", vehicle="Dream Chaser",
                  vehicle_class="other"),
               leak("Dream Chaser", "2030-01-02T00:00:00Z")]
    world = world_of(history)
    assert vehicle_view(world, "Orion", "")["seats"] == 4
    assert vehicle_view(world, "Orion", "")["free_seats"] == 2
    assert vehicle_view(world, "Dream Chaser", "")["fitness"] is None
    assert [d["kind"] for d in decide(history)] == ["no_change"]


def test_an_other_declared_crew_capable_must_say_how_many_seats(tmp_path: Path) -> None:
    with MissionLog.open(tmp_path / "log.db", create=True) as log, \
            pytest.raises(InvalidEvent, match="seats: give the seats of Orion"):
        log.append([ev("launched", "2030-01-01T00:00:00Z", vehicle="Orion",
                       vehicle_class="other", crew_capable=True)])


def test_more_people_than_seats_is_accepted_and_waits_for_a_ruling_or_fewer() -> None:
    history = [*ms22_aboard(), assign("Crew-5", "2023-01-18T00:00:00Z", "Frank Rubio")]
    [extra] = decide(history)
    assert (extra["kind"], extra["subject"], extra["status"], extra["station"]) == (
        "seats_exceeded", "Crew-5", "open", "ISS")
    view = crew_view(world_of(history), "")
    assert {p["name"]: p["seat"] for p in view["crew"]}["Frank Rubio"] == "contingency"
    moved_back = [*history, assign("Soyuz MS-22", "2023-01-19T00:00:00Z", "Frank Rubio")]
    assert decide(moved_back)[0]["resolved_at"] == "2023-01-19T00:00:00Z"
    approved = [*history, ruling("2023-01-19T00:00:00Z", "Crew-5", "seats_exceeded",
                                 by="NASA", decision="a fifth place")]
    [extra] = decide(approved)
    assert (extra["status"], extra["decided_by"], extra["resolved_at"]) == (
        "resolved", "NASA", "2023-01-19T00:00:00Z")


# ---- crew in free flight ------------------------------------------------------------------


def test_a_leak_on_approach_opens_at_its_cause_and_resolves_at_docking() -> None:
    history = [station(),
               ev("launched", "2022-09-21T13:54:49Z", vehicle="Soyuz MS-22",
                  vehicle_class="soyuz", crew=SOYUZ_CREW),
               leak("Soyuz MS-22", "2022-09-21T15:00:00Z"),
               ev("docked", "2022-09-21T17:06:00Z", vehicle="Soyuz MS-22", station="ISS",
                  port="Rassvet nadir")]
    [flight] = of_kind(decide(history), "crew_in_unfit_vehicle")
    assert (flight["opened_at"], flight["station"], flight["resolved_at"]) == (
        "2022-09-21T15:00:00Z", None, "2022-09-21T17:06:00Z")
    assert of_kind(decide(history), "replacement_required")[0]["opened_at"] == \
        "2022-09-21T17:06:00Z"


# ---- rulings --------------------------------------------------------------------------------


def test_a_ruling_with_a_kind_and_crew_decides_only_that_decision() -> None:
    found = decide([*ms22_aboard(), leak("Soyuz MS-22"),
                    ruling("2023-01-12T00:00:00Z", "Soyuz MS-22", "crew_reassignment_required",
                           crew=["Frank Rubio"], by="NASA", decision="Rubio moves to Crew-5")])
    decided = [(d["kind"], d["crew"]) for d in found if d["status"] == "decided"]
    assert decided == [("crew_reassignment_required", ["Frank Rubio"])]


def test_decisions_filter_by_station(tmp_path: Path) -> None:
    with MissionLog.open(tmp_path / "log.db", create=True) as log:
        log.append([*ms22_aboard(), leak("Soyuz MS-22")])
        assert len(log.decisions(station="ISS")) == 5
        log.append([ev("station_configured", "2022-01-01T00:00:00Z", station="Tiangong",
                       ports=["Tianhe forward"])])
        assert log.decisions(station="Tiangong") == []

