"""Three lifeboat crises as flight controllers lived them, asked the controller's first
question at their key dates: who is aboard, how many seats home are there, in what,
cleared by whom; on both clocks (mission time, and what the log knew then).

The logs in tests/stories/ are written from /work/shared/facts (each event's `source`
names its row) and carry `recorded_at` set to when the fact was first reported, so
`--known-at` replays what a controller reading the news would have known.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from missionlog import MissionLog

STORIES = Path(__file__).parent / "stories"
W, S = "Butch Wilmore", "Suni Williams"
P, PE, R = "Sergey Prokopyev", "Dmitri Petelin", "Frank Rubio"
SZ20 = ["Chen Dong", "Chen Zhongrui", "Wang Jie"]
SZ21 = ["Zhang Lu", "Wu Fei", "Zhang Hongzhang"]


def open_story(tmp_path: Path, name: str) -> MissionLog:
    log = MissionLog.open(tmp_path / f"{name}.db", create=True)
    log.import_lines((STORIES / f"{name}.jsonl").read_bytes().splitlines(), source=name)
    return log


@pytest.fixture
def starliner(tmp_path: Path) -> Iterator[MissionLog]:
    with open_story(tmp_path, "starliner-2024") as log:
        yield log


@pytest.fixture
def shenzhou(tmp_path: Path) -> Iterator[MissionLog]:
    with open_story(tmp_path, "shenzhou-2025") as log:
        yield log


@pytest.fixture
def soyuz(tmp_path: Path) -> Iterator[MissionLog]:
    with open_story(tmp_path, "soyuz-ms22-2022") as log:
        yield log


def answer(log: MissionLog, at: str, known_at: str | None = None,
           people: list[str] | None = None) -> dict[str, tuple[Any, ...]]:
    """person -> (where, ride home, its fitness, seat), for PEOPLE (everyone by default)."""
    view = log.crew(at=at, known_at=known_at)
    found = {p["name"]: (p["station"] or p["vehicle"], p["return_vehicle"],
                         p["return_vehicle_fitness"], p["seat"]) for p in view["crew"]}
    if people is None:
        return found
    return {name: found.get(name, ("home",)) for name in people}


def seats(log: MissionLog, station: str, at: str,
          known_at: str | None = None) -> dict[str, tuple[Any, ...]]:
    """vehicle -> (seats, assigned, free seats, fitness) for the crew vehicles docked."""
    view = log.station(station, at=at, known_at=known_at)
    return {v["vehicle"]: (v["seats"], v["assigned"], v["free_seats"], v["fitness"])
            for v in view["vehicles"] if v["seats"]}


def cleared_by(log: MissionLog, vehicle: str, at: str, known_at: str | None = None) -> Any:
    basis = log.state(vehicle, at=at, known_at=known_at)["fitness_basis"]
    return None if basis is None else (basis["source"], basis["by"], basis["at"])


def kinds(log: MissionLog, at: str, known_at: str | None = None,
          station: str | None = None) -> list[tuple[str, str, str]]:
    return sorted((d["kind"], d["subject"], d["status"])
                  for d in log.decisions(at=at, known_at=known_at, station=station))


# ---- Starliner crew flight test, ISS 2024-2025 (facts section 1, seat summary 1c) --------


def test_starliner_on_approach_the_crew_is_in_free_flight_and_an_assessment_is_due(
    starliner: MissionLog,
) -> None:
    at = "2024-06-06T12:00:00Z"
    assert answer(starliner, at, people=[W, S]) == {
        W: ("Starliner Calypso", "Starliner Calypso", "fit", "nominal"),
        S: ("Starliner Calypso", "Starliner Calypso", "fit", "nominal"),
    }
    [due] = starliner.decisions(at=at)
    assert (due["kind"], due["status"], due["station"]) == ("assessment_required", "open", None)
    assert due["opened_at"] == "2024-06-06T00:00:00Z"  # at its cause, in free flight


def test_starliner_docked_is_an_emergency_only_ride_for_two_cleared_by_nasa(
    starliner: MissionLog,
) -> None:
    at = "2024-07-01"
    ride = ("ISS", "Starliner Calypso", "emergency_only", "nominal")
    assert answer(starliner, at, people=[W, S]) == {W: ride, S: ride}
    assert seats(starliner, "ISS", at) == {
        "Starliner Calypso": (4, [W, S], 0, "emergency_only"),  # max_crew 2 of 4 seats
        "Crew-8": (4, ["Alexander Grebenkin", "Jeanette Epps", "Matthew Dominick",
                       "Michael Barratt"], 0, "fit"),
    }
    assert cleared_by(starliner, "Calypso", at) == ("assessment", "NASA", "2024-06-14T00:00:00Z")
    # Known on 2024-06-10, before NASA's statement: only the leaks, no assessment yet.
    assert answer(starliner, at, known_at="2024-06-10", people=[W]) == {
        W: ("ISS", "Starliner Calypso", "fit", "nominal")}
    assert ("assessment_required", "Starliner Calypso", "open") in kinds(
        starliner, at, known_at="2024-06-10")


def test_after_starliner_leaves_they_ride_crew_8_in_contingency_places(
    starliner: MissionLog,
) -> None:
    at = "2024-09-08"
    ride = ("ISS", "Crew-8", "fit", "contingency")
    assert answer(starliner, at, people=[W, S]) == {W: ride, S: ride}
    assert seats(starliner, "ISS", at)["Crew-8"][0::2] == (4, 0)
    assert len(seats(starliner, "ISS", at)["Crew-8"][1]) == 6
    # NASA's ruling on the extra places was published on 2024-09-09: known then, the
    # seats_exceeded decision is settled from the undocking; known on the 8th, it is open.
    assert ("seats_exceeded", "Crew-8", "resolved") in kinds(starliner, at)
    assert ("seats_exceeded", "Crew-8", "open") in kinds(starliner, at, known_at="2024-09-08")
    assert starliner.state("Calypso", at=at)["status"] == "landed"


def test_the_august_ruling_waited_for_the_uncrewed_return_it_decided(
    starliner: MissionLog,
) -> None:
    decisions = {(d["kind"], d["subject"]): d for d in starliner.decisions(at="2024-09-08")}
    uncrewed = decisions["return_uncrewed", "Starliner Calypso"]
    assert uncrewed["decided_by"].startswith("NASA")
    assert uncrewed["decision"] == "Starliner returns uncrewed"
    assert uncrewed["opened_at"] == uncrewed["decided_at"] == "2024-09-06T22:04:00Z"
    assert uncrewed["status"] == "resolved"
    ruling = decisions["ruling", "Starliner Calypso"]
    assert (ruling["opened_at"], ruling["resolved_at"]) == ("2024-08-24T17:13:00Z",
                                                            "2024-09-06T22:04:00Z")
    # Before the trigger, the ruling is visible as a ruling of its own, decided.
    early = {(d["kind"], d["subject"]): d for d in starliner.decisions(at="2024-09-01")}
    assert early["ruling", "Starliner Calypso"]["status"] == "decided"
    assert ("return_uncrewed", "Starliner Calypso") not in early
    lines = starliner.explain("return_uncrewed", "Calypso", at="2024-09-08")
    assert "decided in advance" in lines[2] and "2024-08-24T17:13:00Z" in lines[2]


def test_from_crew_9s_arrival_they_hold_two_of_its_four_seats_until_splashdown(
    starliner: MissionLog,
) -> None:
    ride = ("ISS", "Crew-9", "fit", "nominal")
    assert answer(starliner, "2024-10-01", people=[W, S]) == {W: ride, S: ride}
    assert seats(starliner, "ISS", "2024-12-01")["Crew-9"] == (
        4, ["Aleksandr Gorbunov", "Nick Hague", W, S], 0, "fit")
    assert answer(starliner, "2025-03-18T12:00:00Z", people=[W, S]) == {
        W: ("Crew-9", "Crew-9", "fit", "nominal"), S: ("Crew-9", "Crew-9", "fit", "nominal")}
    assert answer(starliner, "2025-03-19", people=[W, S]) == {W: ("home",), S: ("home",)}
    assert {status for _, _, status in kinds(starliner, "2025-03-19")} == {"resolved"}


# ---- Shenzhou-20's cracked window, Tiangong 2025-2026 (section 2, seat summary 2c) --------


def test_before_the_crack_each_crew_rides_its_own_shenzhou(shenzhou: MissionLog) -> None:
    found = answer(shenzhou, "2025-11-02")
    assert {p: found[p] for p in SZ20} == {
        p: ("Tiangong", "Shenzhou-20", "fit", "nominal") for p in SZ20}
    assert {p: found[p] for p in SZ21} == {
        p: ("Tiangong", "Shenzhou-21", "fit", "nominal") for p in SZ21}


def test_between_the_crack_and_the_return_shenzhou_21_carries_six_on_both_clocks(
    shenzhou: MissionLog,
) -> None:
    at = "2025-11-10"
    found = answer(shenzhou, at)
    assert {found[p] for p in SZ20} == {("Tiangong", "Shenzhou-21", "fit", "contingency")}
    assert seats(shenzhou, "Tiangong", at)["Shenzhou-21"][0::2] == (3, 0)
    assert ("seats_exceeded", "Shenzhou-21", "open") in kinds(shenzhou, at)
    assert ("seats_exceeded", "Shenzhou-21", "resolved") in kinds(shenzhou, "2025-11-15")
    # What the log knew on 2025-11-10: the postponement only (a ruling), no new ride yet.
    known = answer(shenzhou, at, known_at="2025-11-10")
    assert {known[p] for p in SZ20} == {("Tiangong", "Shenzhou-20", "fit", "nominal")}
    assert kinds(shenzhou, at, known_at="2025-11-10") == [
        ("ruling", "Shenzhou-20", "decided")]


def test_after_shenzhou_21_left_its_own_crew_had_no_ride_home_for_eleven_days(
    shenzhou: MissionLog,
) -> None:
    at = "2025-11-20"
    found = answer(shenzhou, at)
    assert {p: found[p] for p in SZ21} == {
        p: ("Tiangong", "Shenzhou-21", "unfit", "nominal") for p in SZ21}  # it has landed
    assert all(p not in found for p in SZ20)
    assert seats(shenzhou, "Tiangong", at) == {"Shenzhou-20": (3, [], 0, "unfit")}
    assert cleared_by(shenzhou, "Shenzhou-20", at) == ("assessment", "CMSA",
                                                      "2025-11-14T00:00:00Z")
    stranded = [d for d in shenzhou.decisions(at=at, station="Tiangong")
                if d["kind"] == "crew_reassignment_required"]
    assert sorted(d["crew"][0] for d in stranded) == sorted(SZ21)
    assert {(d["status"], d["opened_at"]) for d in stranded} == {
        ("open", "2025-11-14T03:14:00Z")}


def test_shenzhou_22_is_their_lifeboat_and_shenzhou_20_goes_home_empty(
    shenzhou: MissionLog,
) -> None:
    found = answer(shenzhou, "2025-12-15")
    assert {found[p] for p in SZ21} == {("Tiangong", "Shenzhou-22", "fit", "nominal")}
    assert seats(shenzhou, "Tiangong", "2025-12-15")["Shenzhou-22"] == (
        3, ["Wu Fei", "Zhang Hongzhang", "Zhang Lu"], 0, "fit")
    decisions = {(d["kind"], d["subject"]): d for d in shenzhou.decisions(at="2026-02-01")}
    uncrewed = decisions["return_uncrewed", "Shenzhou-20"]
    assert (uncrewed["decided_by"], uncrewed["resolved_at"]) == ("CMSA",
                                                                  "2026-01-18T16:23:00Z")
    assert {d["status"] for d in decisions.values()} == {"resolved", "decided"}


# ---- Soyuz MS-22, the seed story, ISS 2022-2023 ------------------------------------------------


def test_after_the_leak_all_three_ride_an_unfit_soyuz(soyuz: MissionLog) -> None:
    assert answer(soyuz, "2022-12-20", people=[P, PE, R]) == {
        p: ("ISS", "Soyuz MS-22", "unfit", "nominal") for p in (P, PE, R)}
    assert cleared_by(soyuz, "68S", "2022-12-20")[0:2] == ("leak", None)


def test_in_january_ms22_is_kept_as_an_emergency_ride_for_the_two_cosmonauts(
    soyuz: MissionLog,
) -> None:
    at = "2023-01-20"
    assert answer(soyuz, at, people=[P, PE, R]) == {
        P: ("ISS", "Soyuz MS-22", "emergency_only", "nominal"),
        PE: ("ISS", "Soyuz MS-22", "emergency_only", "nominal"),
        R: ("ISS", "Crew-5", "fit", "contingency"),
    }
    assert seats(soyuz, "ISS", at) == {
        "Soyuz MS-22": (3, [PE, P], 0, "emergency_only"),  # launched together: by name
        "Crew-5": (4, ["Anna Kikina", "Josh Cassada", "Koichi Wakata", "Nicole Mann", R],
                   0, "fit"),
    }
    assert cleared_by(soyuz, "Soyuz MS-22", at) == ("assessment", "Roscosmos",
                                                    "2023-01-14T00:00:00Z")
    # Known on 2023-01-13: the leak, the rulings, but not the assessment or the move.
    assert answer(soyuz, at, known_at="2023-01-13", people=[R]) == {
        R: ("ISS", "Soyuz MS-22", "unfit", "nominal")}


def test_each_ruling_is_attached_to_its_own_decision_date_and_body(soyuz: MissionLog) -> None:
    decisions = {(d["kind"], d["subject"], tuple(d["crew"])): d
                 for d in soyuz.decisions(at="2023-01-20")}
    replacement = decisions["replacement_required", "Soyuz MS-22", (PE, R, P)]
    assert (replacement["decided_at"], replacement["decided_by"]) == (
        "2023-01-11T00:00:00Z", "Roscosmos, with NASA concurring")
    rubio = decisions["crew_reassignment_required", "Soyuz MS-22", (R,)]
    assert (rubio["decided_at"], rubio["decided_by"], rubio["status"]) == (
        "2023-01-12T00:00:00Z", "NASA ISS mission management team", "resolved")
    cosmonaut = decisions["crew_reassignment_required", "Soyuz MS-22", (P,)]
    assert cosmonaut["decided_at"] is None  # no ruling named them
    extra = decisions["seats_exceeded", "Crew-5", ("Anna Kikina", "Josh Cassada",
                                                   "Koichi Wakata", "Nicole Mann", R)]
    assert (extra["status"], extra["decided_by"]) == ("resolved",
                                                      "NASA ISS mission management team")


def test_from_ms23s_arrival_all_three_ride_it_until_they_land(soyuz: MissionLog) -> None:
    ride = ("ISS", "Soyuz MS-23", "fit", "nominal")
    assert answer(soyuz, "2023-03-01", people=[P, PE, R]) == {P: ride, PE: ride, R: ride}
    assert answer(soyuz, "2023-09-28", people=[P, PE, R]) == {
        P: ("home",), PE: ("home",), R: ("home",)}
    assert {status for _, _, status in kinds(soyuz, "2023-09-28")} == {"resolved"}
    assert soyuz.state("Soyuz MS-23", at="2023-09-28")["crew_landed"] == [P, PE, R]
