"""Every replay rule, on small hand-written histories in real SQLite files.

The shapes of `state` and `station` are a contract (scripts read their JSON), so their keys
are asserted exactly.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from strategies import CREW_5, SOYUZ_MS_22_CREW, ev

from missionlog import (
    AmbiguousName,
    MissionLog,
    MissionLogError,
    NothingRecorded,
    UnknownName,
)

STATE_KEYS = {"vehicle", "vehicle_class", "aliases", "status", "station", "port", "crew_aboard",
              "leaks", "fit_for_crew_return", "assigned_crew", "as_of", "fitness",
              "fitness_basis", "seats", "free_seats", "since", "crew_landed",
              "since_precision", "uncertain", "next", "beyond_coverage"}
LEAK_KEYS = {"system", "severity", "cause", "occurred_at"}
STATION_KEYS = {"station", "ports", "crew", "as_of", "leaks", "vehicles", "uncertain_ports",
                "beyond_coverage"}
CREW_KEYS = {"name", "return_vehicle", "return_vehicle_fit", "return_vehicle_fitness", "seat",
             "return_since_precision", "uncertain"}






@pytest.fixture
def empty(db_path: Path) -> Iterator[MissionLog]:
    log = MissionLog.open(db_path, create=True)
    log.append([ev("station_configured", "2022-01-01T00:00:00Z", station="ISS",
                   ports=["Poisk zenith", "Rassvet nadir", "Prichal nadir"])])
    yield log
    log.close()


# ---- shapes --------------------------------------------------------------------------


def test_state_has_exactly_the_documented_keys(iss: MissionLog) -> None:
    view = iss.state("Soyuz MS-22", at="2023-02-12")
    assert set(view) == STATE_KEYS
    assert view["leaks"]
    for leak in view["leaks"]:
        assert set(leak) == LEAK_KEYS
    assert view == {
        "vehicle": "Soyuz MS-22",
        "vehicle_class": "soyuz",
        "aliases": ["68S", "K.E. Tsiolkovsky"],
        "status": "docked",
        "station": "ISS",
        "port": "Rassvet nadir",
        "crew_aboard": [],
        "leaks": [{"system": "coolant", "severity": "major", "cause": "micrometeoroid",
                   "occurred_at": "2022-12-15T00:45:00Z"}],
        "fit_for_crew_return": False,
        "assigned_crew": ["Dmitri Petelin", "Sergey Prokopyev"],
        "as_of": "2023-02-12T23:59:59Z",
        "fitness": "unfit",
        "fitness_basis": {"source": "leak", "at": "2022-12-15T00:45:00Z", "by": None,
                          "reason": "major coolant leak",
                          "event_id": "soyuz-ms-22-coolant-leak"},
        "seats": 3,
        "free_seats": 0,  # unfit: no seat home in it
        "since": "2022-09-21T17:06:00Z",
        "crew_landed": [],
        "since_precision": "second",
        "uncertain": False,
        "next": [],
        "beyond_coverage": True,  # the seed story ends on 2023-02-11
    }


def test_station_has_exactly_the_documented_keys(iss: MissionLog) -> None:
    view = iss.station("ISS", at="2023-02-12")
    assert set(view) == STATION_KEYS
    assert view["crew"]
    for person in view["crew"]:
        assert set(person) == CREW_KEYS
    assert view["as_of"] == "2023-02-12T23:59:59Z"


def test_fitness_is_a_bool_for_crew_capable_vehicles_and_null_for_cargo(iss: MissionLog) -> None:
    assert iss.state("Crew-5", at="2023-02-12")["fit_for_crew_return"] is True
    assert iss.state("Soyuz MS-22", at="2023-02-12")["fit_for_crew_return"] is False
    assert iss.state("Progress MS-22", at="2023-02-12")["fit_for_crew_return"] is None
    assert iss.state("Progress MS-21", at="2023-02-12")["fit_for_crew_return"] is None


# ---- the two clocks ------------------------------------------------------------------


def test_a_bare_date_means_the_end_of_that_utc_day(empty: MissionLog) -> None:
    empty.append([
        ev("launched", "2023-02-11T00:00:00Z", vehicle="Progress MS-22",
           vehicle_class="progress"),
        ev("leak_detected", "2023-02-11T23:59:59Z", vehicle="Progress MS-22", system="other",
           severity="minor"),
        ev("leak_detected", "2023-02-12T00:00:00Z", vehicle="Progress MS-22", system="coolant"),
    ])
    view = empty.state("Progress MS-22", at="2023-02-11")
    assert view["as_of"] == "2023-02-11T23:59:59Z"
    assert [leak["system"] for leak in view["leaks"]] == ["other"]
    assert len(empty.state("Progress MS-22", at="2023-02-12")["leaks"]) == 2


def test_an_instant_is_inclusive_and_may_carry_any_offset(iss: MissionLog) -> None:
    assert iss.state("Progress 82", at="2023-02-11T09:39:59Z")["leaks"] == []
    assert len(iss.state("Progress 82", at="2023-02-11T09:40:00Z")["leaks"]) == 1
    assert len(iss.state("Progress 82", at="2023-02-11T12:40:00+03:00")["leaks"]) == 1
    assert iss.state("Progress 82", at="2023-02-11T12:39:59+03:00")["leaks"] == []


def test_a_naive_at_is_refused(iss: MissionLog) -> None:
    with pytest.raises(Exception, match="offset"):
        iss.state("Progress 82", at="2023-02-11T09:40:00")


def _recorded_at(log: MissionLog, event_id: str) -> str:
    return next(row["recorded_at"] for row in log.log() if row["event_id"] == event_id)


def test_known_at_only_counts_events_recorded_by_then(empty: MissionLog) -> None:
    empty.append([ev("launched", "2023-02-09T06:15:36Z", vehicle="Progress MS-22",
                     vehicle_class="progress", event_id="launch")])
    empty.append([ev("docked", "2023-02-11T08:45:00Z", vehicle="Progress MS-22", station="ISS",
                     port="Poisk zenith", event_id="dock")])
    empty.append([ev("leak_detected", "2023-02-10T00:00:00Z", vehicle="Progress MS-22",
                     system="propellant", event_id="late-leak")])  # learned late
    launch_known, dock_known = _recorded_at(empty, "launch"), _recorded_at(empty, "dock")
    then = empty.state("Progress MS-22", at="2023-02-12", known_at=launch_known)
    assert then["status"] == "in_flight"
    assert then["leaks"] == []
    later = empty.state("Progress MS-22", at="2023-02-12", known_at=dock_known)
    assert (later["status"], later["port"], later["leaks"]) == ("docked", "Poisk zenith", [])
    now = empty.state("Progress MS-22", at="2023-02-12")
    assert [leak["occurred_at"] for leak in now["leaks"]] == ["2023-02-10T00:00:00Z"]


def test_a_retraction_recorded_after_k_does_not_change_the_answer_at_k(iss: MissionLog) -> None:
    known = iss.log().__next__()["recorded_at"]  # the whole seed story was one append
    iss.append([ev("retracted", "2023-02-13T00:00:00Z", retracts="progress-ms-21-coolant-leak",
                   reason="telemetry glitch")])
    assert iss.state("Progress 82", at="2023-02-12")["leaks"] == []
    at_k = iss.state("Progress 82", at="2023-02-12", known_at=known)
    assert [leak["system"] for leak in at_k["leaks"]] == ["coolant"]
    retraction_known = _recorded_at(iss, next(
        row["event_id"] for row in iss.log(types=["retracted"])))
    assert iss.state("Progress 82", at="2023-02-12", known_at=retraction_known)["leaks"] == []


def test_a_retracted_leak_no_longer_makes_the_soyuz_unfit(iss: MissionLog) -> None:
    iss.append([ev("retracted", "2023-02-13T00:00:00Z", retracts="soyuz-ms-22-coolant-leak",
                   reason="wrong vehicle")])
    view = iss.state("Soyuz MS-22", at="2023-02-12")
    assert view["fit_for_crew_return"] is True
    crew = {p["name"]: p for p in iss.station("ISS", at="2023-02-12")["crew"]}
    assert crew["Sergey Prokopyev"]["return_vehicle_fit"] is True


def test_known_at_reproduces_the_answer_given_before_a_vehicle_was_recorded(
    empty: MissionLog,
) -> None:
    """Asked before Progress MS-22's launch was logged, `state` said the log knows no such
    vehicle; asked later *as known then*, it must say the same (not reveal the launch)."""
    known = empty.log().__next__()["recorded_at"]
    with pytest.raises(MissionLogError) as then:
        empty.state("Progress MS-22", at="2023-02-12")
    empty.append([ev("launched", "2023-02-09T06:15:36Z", vehicle="Progress MS-22",
                     vehicle_class="progress")])
    with pytest.raises(MissionLogError) as again:
        empty.state("Progress MS-22", at="2023-02-12", known_at=known)
    assert type(again.value) is type(then.value)
    assert "2023-02-09T06:15:36Z" not in str(again.value)


def test_known_at_reproduces_an_alias_answer_given_before_the_alias_was_reused(
    db_path: Path,
) -> None:
    """On the day Crew-3 (Endurance) was the only Endurance in the log, `state Endurance`
    answered Crew-3; Crew-5 reusing the capsule later must not change that answer as known
    then."""
    with MissionLog.open(db_path, create=True) as log:
        log.append([
            ev("launched", "2021-11-11T02:03:31Z", vehicle="Crew-3", vehicle_class="crew_dragon",
               aliases=["Endurance"]),
            ev("landed", "2022-05-06T04:43:00Z", vehicle="Crew-3"),
        ])
        known = log.log().__next__()["recorded_at"]
        assert log.state("Endurance", at="2022-07-01")["vehicle"] == "Crew-3"
        log.append([ev("launched", "2022-10-05T16:00:57Z", vehicle="Crew-5",
                       vehicle_class="crew_dragon", aliases=["Endurance"])])
        assert log.state("Endurance", at="2022-07-01", known_at=known)["vehicle"] == "Crew-3"


# ---- replay order ----------------------------------------------------------------------


def test_a_late_event_lands_where_it_happened(empty: MissionLog) -> None:
    empty.append([
        ev("launched", "2022-10-26T00:20:09Z", vehicle="Progress MS-21", vehicle_class="progress"),
        ev("leak_detected", "2023-02-11T09:40:00Z", vehicle="Progress MS-21", system="coolant"),
    ])
    empty.append([ev("docked", "2022-10-28T02:48:54Z", vehicle="Progress MS-21", station="ISS",
                     port="Poisk zenith")])
    empty.append([ev("leak_detected", "2022-12-01T00:00:00Z", vehicle="Progress MS-21",
                     system="propellant", severity="minor")])
    assert empty.state("Progress MS-21", at="2022-10-27")["status"] == "in_flight"
    assert empty.state("Progress MS-21", at="2022-10-28")["port"] == "Poisk zenith"
    leaks = empty.state("Progress MS-21", at="2023-02-12")["leaks"]
    assert [leak["occurred_at"] for leak in leaks] == ["2022-12-01T00:00:00Z",
                                                       "2023-02-11T09:40:00Z"]


def test_events_at_the_same_second_replay_in_the_order_they_were_recorded(
    empty: MissionLog,
) -> None:
    empty.append([ev("launched", "2023-02-09T06:15:36Z", vehicle="Progress MS-22",
                     vehicle_class="progress")])
    for cause in ("first report", "second report", "third report"):
        empty.append([ev("leak_detected", "2023-02-11T09:40:00Z", vehicle="Progress MS-22",
                         system="other", severity="minor", cause=cause)])
    empty.append([ev("launched", "2023-02-01T00:00:00Z", vehicle="Progress MS-99",
                     vehicle_class="progress")])  # a late event re-folds the tail
    causes = [leak["cause"] for leak in empty.state("Progress MS-22", at="2023-02-12")["leaks"]]
    assert causes == ["first report", "second report", "third report"]


# ---- people ----------------------------------------------------------------------------


def test_people_aboard_are_those_who_arrived_on_docked_vehicles_minus_those_who_left(
    empty: MissionLog,
) -> None:
    empty.append([
        ev("launched", "2022-09-21T13:54:49Z", vehicle="Soyuz MS-22", vehicle_class="soyuz",
           crew=SOYUZ_MS_22_CREW),
        ev("docked", "2022-09-21T17:06:00Z", vehicle="Soyuz MS-22", station="ISS",
           port="Rassvet nadir"),
        ev("launched", "2023-02-24T00:24:00Z", vehicle="Soyuz MS-23", vehicle_class="soyuz"),
        ev("docked", "2023-02-26T00:58:00Z", vehicle="Soyuz MS-23", station="ISS",
           port="Poisk zenith"),
        ev("crew_assigned", "2023-03-02T12:00:00Z", vehicle="Soyuz MS-23",
           crew=SOYUZ_MS_22_CREW),
        ev("undocked", "2023-03-28T09:57:00Z", vehicle="Soyuz MS-22"),
        ev("undocked", "2023-09-27T07:55:00Z", vehicle="Soyuz MS-23",
           crew=["Sergey Prokopyev", "Dmitri Petelin"]),
    ])

    def aboard(at: str) -> list[str]:
        return [p["name"] for p in empty.station("ISS", at=at)["crew"]]

    assert aboard("2022-09-21T17:05:59Z") == []
    assert empty.state("Soyuz MS-22", at="2022-09-21T17:05:59Z")["crew_aboard"] == \
        SOYUZ_MS_22_CREW
    assert aboard("2022-09-21T17:06:00Z") == sorted(SOYUZ_MS_22_CREW)
    assert empty.state("Soyuz MS-22", at="2022-09-21T17:06:00Z")["crew_aboard"] == []
    assert aboard("2023-03-28T09:57:00Z") == sorted(SOYUZ_MS_22_CREW)  # left empty
    assert aboard("2023-09-27T07:55:00Z") == ["Frank Rubio"]
    in_flight = empty.state("Soyuz MS-23", at="2023-09-27T08:00:00Z")
    assert in_flight["crew_aboard"] == ["Sergey Prokopyev", "Dmitri Petelin"]
    assert in_flight["status"] == "in_flight"


def test_the_return_vehicle_is_the_launch_vehicle_until_a_crew_assignment(
    iss: MissionLog,
) -> None:
    def ride(person: str, at: str) -> str:
        crew = {p["name"]: p for p in iss.station("ISS", at=at)["crew"]}
        return str(crew[person]["return_vehicle"])

    assert ride("Frank Rubio", "2023-01-18T11:59:59Z") == "Soyuz MS-22"
    assert ride("Frank Rubio", "2023-01-18T12:00:00Z") == "Crew-5"
    assert ride("Sergey Prokopyev", "2023-02-12") == "Soyuz MS-22"
    assert iss.state("Soyuz MS-22", at="2023-01-17")["assigned_crew"] == sorted(SOYUZ_MS_22_CREW)
    assert iss.state("Soyuz MS-22", at="2023-01-19")["assigned_crew"] == [
        "Dmitri Petelin", "Sergey Prokopyev"]
    assert iss.state("Crew-5", at="2023-01-19")["assigned_crew"] == sorted([*CREW_5,
                                                                           "Frank Rubio"])


def test_landed_crew_leave_space_and_their_vehicle_is_no_longer_a_ride(empty: MissionLog) -> None:
    empty.append([
        ev("launched", "2023-03-02T05:34:14Z", vehicle="Crew-6", vehicle_class="crew_dragon",
           crew=["Stephen Bowen", "Warren Hoburg"]),
        ev("docked", "2023-03-03T06:40:00Z", vehicle="Crew-6", station="ISS",
           port="Prichal nadir"),
        ev("undocked", "2023-09-03T11:05:00Z", vehicle="Crew-6",
           crew=["Stephen Bowen", "Warren Hoburg"]),
        ev("landed", "2023-09-04T04:17:00Z", vehicle="Crew-6", site="off Jacksonville"),
    ])
    view = empty.state("Crew-6", at="2023-09-05")
    assert (view["status"], view["station"], view["port"]) == ("landed", None, None)
    assert view["fit_for_crew_return"] is False
    assert view["assigned_crew"] == []
    assert empty.station("ISS", at="2023-09-05")["crew"] == []
    assert empty.station("ISS", at="2023-09-05")["ports"]["Prichal nadir"] is None


# ---- fitness ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("system", "severity", "fit"),
    [("coolant", "major", False), ("atmosphere", "major", False), ("coolant", "minor", True),
     ("atmosphere", "minor", True), ("propellant", "major", True), ("other", "major", True)],
)
def test_only_a_major_coolant_or_atmosphere_leak_makes_a_crew_vehicle_unfit(
    empty: MissionLog, system: str, severity: str, fit: bool
) -> None:
    empty.append([
        ev("launched", "2022-09-21T13:54:49Z", vehicle="Soyuz MS-22", vehicle_class="soyuz",
           crew=SOYUZ_MS_22_CREW),
        ev("docked", "2022-09-21T17:06:00Z", vehicle="Soyuz MS-22", station="ISS",
           port="Rassvet nadir"),
        ev("launched", "2022-10-26T00:20:09Z", vehicle="Progress MS-21", vehicle_class="progress"),
        ev("leak_detected", "2022-12-15T00:45:00Z", vehicle="Soyuz MS-22", system=system,
           severity=severity),
        ev("leak_detected", "2022-12-15T00:45:00Z", vehicle="Progress MS-21", system=system,
           severity=severity),
    ])
    assert empty.state("Soyuz MS-22", at="2022-12-15T00:44:59Z")["fit_for_crew_return"] is True
    assert empty.state("Soyuz MS-22", at="2022-12-15T00:45:00Z")["fit_for_crew_return"] is fit
    assert empty.state("Progress MS-21", at="2022-12-16")["fit_for_crew_return"] is None
    crew = empty.station("ISS", at="2022-12-16")["crew"]
    assert {p["return_vehicle_fit"] for p in crew} == {fit}


def test_a_station_leak_is_listed_on_the_station_not_on_a_vehicle(iss: MissionLog) -> None:
    iss.append([ev("leak_detected", "2023-02-12T00:00:00Z", station="ISS", module="Zvezda PrK",
                   system="atmosphere", severity="minor")])
    leaks = iss.station("ISS", at="2023-02-13")["leaks"]
    assert [(leak["module"], leak["system"], leak["severity"]) for leak in leaks] == [
        ("Zvezda PrK", "atmosphere", "minor")]
    assert iss.station("ISS", at="2023-02-11")["leaks"] == []


# ---- names ---------------------------------------------------------------------------


def test_aliases_in_output_are_always_canonical(empty: MissionLog) -> None:
    empty.append([
        ev("launched", "2022-09-21T13:54:49Z", vehicle="Soyuz MS-22", vehicle_class="soyuz",
           crew=["Frank Rubio"], aliases=["68S"]),
        ev("docked", "2022-09-21T17:06:00Z", vehicle="68S", station="ISS", port="Rassvet nadir"),
        ev("launched", "2022-10-05T16:00:57Z", vehicle="Crew-5", vehicle_class="crew_dragon",
           aliases=["Endurance"]),
        ev("docked", "2022-10-06T21:01:00Z", vehicle="Endurance", station="ISS",
           port="Poisk zenith"),
        ev("crew_assigned", "2023-01-18T12:00:00Z", vehicle="Endurance", crew=["Frank Rubio"]),
        ev("relocated", "2023-01-20T00:00:00Z", vehicle="Endurance", port="Prichal nadir"),
    ])
    assert empty.state("68S", at="2023-02-12")["vehicle"] == "Soyuz MS-22"
    station = empty.station("ISS", at="2023-02-12")
    assert station["ports"] == {"Poisk zenith": None, "Rassvet nadir": "Soyuz MS-22",
                                "Prichal nadir": "Crew-5"}
    assert station["crew"] == [{"name": "Frank Rubio", "return_vehicle": "Crew-5",
                                "return_vehicle_fit": True, "return_vehicle_fitness": "fit",
                                "seat": "nominal", "return_since_precision": "second",
                                "uncertain": False}]
    history = empty.history("Endurance")
    assert {item["stream"] for item in history} == {"Crew-5"}
    summary = empty.replay(until="2023-02-12")
    assert {v["vehicle"] for v in summary["vehicles_in_space"]} == {"Soyuz MS-22", "Crew-5"}


def test_a_vehicle_with_no_events_by_t_is_an_error_saying_when_its_first_event_is(
    iss: MissionLog,
) -> None:
    with pytest.raises(NothingRecorded) as caught:
        iss.state("Progress 83", at="2023-02-01")
    message = str(caught.value)
    assert "Progress MS-22" in message
    assert "2023-02-09T06:15:36Z" in message


def test_a_vehicle_the_log_never_heard_of_suggests_close_names(iss: MissionLog) -> None:
    with pytest.raises(UnknownName, match="Progress MS-21"):
        iss.state("Progress MS-2l", at="2023-02-12")


def test_a_reused_capsule_name_in_state_means_the_one_in_space_then(db_path: Path) -> None:
    with MissionLog.open(db_path, create=True) as log:
        log.append([
            ev("launched", "2021-11-11T02:03:31Z", vehicle="Crew-3", vehicle_class="crew_dragon",
               aliases=["Endurance"]),
            ev("landed", "2022-05-06T04:43:00Z", vehicle="Crew-3"),
            ev("launched", "2022-10-05T16:00:57Z", vehicle="Crew-5", vehicle_class="crew_dragon",
               aliases=["Endurance"]),
        ])
        assert log.state("Endurance", at="2022-01-01")["vehicle"] == "Crew-3"
        assert log.state("Endurance", at="2022-12-01")["vehicle"] == "Crew-5"
        between = log.state("Endurance", at="2022-07-01")  # neither in space: the last one
        assert (between["vehicle"], between["status"]) == ("Crew-3", "landed")
        with pytest.raises(AmbiguousName, match=r"Crew-3 \(launched 2021-11-11.*Crew-5"):
            log.state("Endurance", at="2021-01-01")  # neither had launched
        assert {e["stream"] for e in log.history("Endurance")} == {"Crew-5"}
        assert {e["stream"] for e in log.history("Endurance", at="2022-01-01")} == {"Crew-3"}
        assert {e["stream"] for e in log.history("Endurance", all_flights=True)} == {
            "Crew-3", "Crew-5"}


# ---- history and replay ----------------------------------------------------------------


def test_history_is_in_mission_order_with_both_clocks_and_retractions_marked(
    iss: MissionLog,
) -> None:
    iss.append([ev("leak_detected", "2022-11-01T00:00:00Z", vehicle="Progress 82",
                   system="other", severity="minor", event_id="late-minor-leak")])
    iss.append([ev("retracted", "2023-02-13T00:00:00Z", retracts="late-minor-leak",
                   reason="duplicate report")])
    items = iss.history("Progress 82")
    assert [item["event_id"] for item in items] == [
        "progress-ms-21-launched", "progress-ms-21-docked", "late-minor-leak",
        "progress-ms-21-coolant-leak", items[-1]["event_id"]]
    assert items[-1]["type"] == "retracted"
    assert [item["retracted"] for item in items] == [False, False, True, False, False]
    assert items[2]["position"] > items[3]["position"]  # recorded later, happened earlier
    for item in items:
        assert item["occurred_at"].endswith("Z")
        assert item["recorded_at"].endswith("Z")


def test_replay_summarises_every_station_and_vehicle_in_space(iss: MissionLog) -> None:
    summary = iss.replay(until="2023-02-12")
    assert summary["as_of"] == "2023-02-12T23:59:59Z"
    assert summary["stations"] == [iss.station("ISS", at="2023-02-12")]
    assert [v["vehicle"] for v in summary["vehicles_in_space"]] == [
        "Crew-5", "Progress MS-21", "Progress MS-22", "Soyuz MS-22"]
    assert "Progress MS-20" not in {v["vehicle"] for v in summary["vehicles_in_space"]}
