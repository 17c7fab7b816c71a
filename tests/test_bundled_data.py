"""The three bundled logs as data: current with their generators, ordered on the knowledge
clock, sourced, consistent at every instant, and telling the stories the facts files tell.

The spot checks a controller would make (issue 17; the facts file's seat summaries 1c and
2c) are asked through the store's own answers (`state`, `station`, `crew`, `decisions`,
`explain`) on a store loaded from each committed file, so they fail if either the data or
the rules go wrong. A few claims about how a line was written (its note, its bounds) are
checked on the lines themselves.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import orjson
import pytest
from test_bundled_log import ConsistencyWatcher

from missionlog import MissionLog

ROOT = Path(__file__).resolve().parent.parent
STORIES = {
    "iss-2022-2023": "build_iss_log.py",
    "starliner-cft-2024": "build_starliner_log.py",
    "shenzhou-20-2025": "build_shenzhou_log.py",
}
BUTCH, SUNI = "Butch Wilmore", "Suni Williams"
SZ21 = ["Wu Fei", "Zhang Hongzhang", "Zhang Lu"]

Line = dict[str, Any]


def story_file(story: str) -> Path:
    return ROOT / "events" / f"{story}.jsonl"


def lines(story: str) -> list[Line]:
    raw = story_file(story).read_bytes().splitlines()
    return [orjson.loads(line) for line in raw if line.strip()]


def known(story: str, at: str) -> list[Line]:
    """What the log knew at the end of UTC day `at` (the CLI reads a bare date that way)."""
    return [e for e in lines(story) if e["recorded_at"] <= f"{at}T23:59:59Z"]


def plans_in_force(story: str, known_at: str) -> dict[tuple[str, str], Line]:
    """(vehicle, activity) -> the plan in force: the latest `planned`, unless cancelled later."""
    force: dict[tuple[str, str], Line] = {}
    for e in known(story, known_at):
        if e["type"] == "planned":
            force[(e["vehicle"], e["activity"])] = e
        elif e["type"] == "plan_cancelled":
            force.pop((e["vehicle"], e["activity"]), None)
    return force


@pytest.fixture(scope="module")
def stores(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, MissionLog]]:
    opened = {}
    for story in STORIES:
        log = MissionLog.open(tmp_path_factory.mktemp(story) / "log.db", create=True)
        with story_file(story).open("rb") as handle:
            log.import_lines(handle)
        opened[story] = log
    yield opened
    for log in opened.values():
        log.close()


@pytest.mark.parametrize("story", STORIES)
def test_each_bundled_file_is_what_its_generator_writes(story: str) -> None:
    script = ROOT / "scripts" / STORIES[story]
    result = subprocess.run([sys.executable, str(script), "--check"], capture_output=True,
                            text=True, check=False)
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("story", STORIES)
def test_lines_are_in_strict_recorded_order_and_never_recorded_before_they_happen(
    story: str,
) -> None:
    recorded = [e["recorded_at"] for e in lines(story)]
    assert recorded == sorted(set(recorded))
    assert all(e["occurred_at"] <= e["recorded_at"] for e in lines(story))


@pytest.mark.parametrize("story", STORIES)
def test_every_line_is_sourced_has_a_unique_id_and_plans_look_forward(story: str) -> None:
    ids = [e["event_id"] for e in lines(story)]
    assert len(set(ids)) == len(ids)
    assert all(all(u.startswith("http") for u in e["source"].split(" ; ")) for e in lines(story))
    for plan in (e for e in lines(story) if e["type"] == "planned"):
        assert plan["planned_for"] > plan["recorded_at"], plan["event_id"]


@pytest.mark.parametrize("story", STORIES)
def test_an_unknown_first_report_says_which_rule_placed_it(story: str) -> None:
    ruled = [e for e in lines(story) if "First report not found" in e.get("note", "")]
    assert ruled, "each story has rows whose first report was not found"
    assert all(e["recorded_at"][:10] == e["occurred_at"][:10] for e in ruled)


@pytest.mark.parametrize("story", STORIES)
def test_each_file_imports_verifies_and_reimports_as_a_no_op(
    story: str, stores: dict[str, MissionLog]
) -> None:
    total = len(lines(story))
    assert stores[story].verify() == total
    again = stores[story].import_lines(story_file(story).read_bytes().splitlines(keepends=True))
    assert (again.appended, again.skipped) == (0, total)


@pytest.mark.parametrize("story", STORIES)
def test_each_story_is_consistent_at_every_instant(
    story: str, stores: dict[str, MissionLog]
) -> None:
    watcher = ConsistencyWatcher()
    stores[story].replay_world(observers=[watcher])
    assert watcher.instants == len(lines(story))


def test_on_the_seed_article_day_ms_23_is_planned_for_february_20() -> None:
    force = plans_in_force("iss-2022-2023", "2023-02-12")
    assert force[("Soyuz MS-23", "launch")]["planned_for"].startswith("2023-02-20")
    leaks = [e["event_id"] for e in known("iss-2022-2023", "2023-02-12")
             if e["type"] == "leak_detected"]
    assert "progress-ms-21-coolant-leak" in leaks


def test_the_february_2023_slip_withdraws_then_resets_the_ms_23_launch() -> None:
    assert ("Soyuz MS-23", "launch") not in plans_in_force("iss-2022-2023", "2023-02-13")
    force = plans_in_force("iss-2022-2023", "2023-02-19")
    assert force[("Soyuz MS-23", "launch")]["planned_for"].startswith("2023-02-24")
    assert force[("Progress MS-21", "deorbit")]["planned_for"] == "2023-02-19T03:15:00Z"


def test_the_ms_22_rulings_are_each_on_their_own_date_by_their_own_body() -> None:
    rulings = {e["event_id"]: e for e in lines("iss-2022-2023")
               if e["type"] == "decision_recorded"}
    replacement = rulings["soyuz-ms-22-return-uncrewed-ms-23-replacement"]
    assert (replacement["kind"], replacement["occurred_at"][:10]) == (
        "replacement_required", "2023-01-11")
    assert replacement["by"].startswith("Roscosmos")
    rubio = rulings["rubio-seat-liner-to-endurance-go"]
    assert (rubio["kind"], rubio["crew"], rubio["occurred_at"][:10]) == (
        "crew_reassignment_required", ["Frank Rubio"], "2023-01-12")
    assert "Mission Management Team" in rubio["by"]


def test_ms_22_is_emergency_only_for_two_from_january_2023() -> None:
    (assessed,) = [e for e in lines("iss-2022-2023") if e["type"] == "vehicle_assessed"]
    assert (assessed["vehicle"], assessed["fitness"], assessed["max_crew"]) == (
        "Soyuz MS-22", "emergency_only", 2)
    assert assessed["occurred_at"].startswith("2023-01")


def test_rubios_move_to_ms_23_carries_its_bounds() -> None:
    (move,) = [e for e in lines("iss-2022-2023")
               if e["event_id"] == "rubio-assigned-to-soyuz-ms-23"]
    assert move["precision"] == "day"
    assert "2023-03-02" in move["note"] and "2023-03-11T05:29Z" in move["note"]


def rides(log: MissionLog, at: str) -> dict[str, tuple[str | None, str | None, str]]:
    """Everyone in space on day AT: (ride home, its fitness, seat)."""
    return {p["name"]: (p["return_vehicle"], p["return_vehicle_fitness"], p["seat"])
            for p in log.crew(at=at)["crew"]}


def decision(log: MissionLog, at: str, kind: str, subject: str, person: str) -> Any:
    (found,) = [d for d in log.decisions(at=at) if (d["kind"], d["subject"]) == (kind, subject)
                and person in d["crew"]]
    return found


def test_2024_08_25_starliner_is_an_emergency_ride_only_and_crew_9_answers(
    stores: dict[str, MissionLog],
) -> None:
    log, at = stores["starliner-cft-2024"], "2024-08-25"
    starliner = log.state("Starliner CFT", at=at)
    assert (starliner["status"], starliner["fitness"], starliner["fit_for_crew_return"]) == (
        "docked", "emergency_only", False)
    basis = starliner["fitness_basis"]
    assert basis is not None
    assert (basis["at"][:10], basis["by"][:4], basis["max_crew"]) == ("2024-08-24", "NASA", 2)
    assert "Not fit for a crewed return" in basis["reason"] and "helium" in basis["reason"]
    found = rides(log, at)
    assert found[BUTCH] == found[SUNI] == ("Starliner CFT", "emergency_only", "nominal")
    replacement = decision(log, at, "replacement_required", "Starliner CFT", BUTCH)
    assert (replacement["status"], replacement["decided_at"][:10], replacement["crew"]) == (
        "decided", "2024-08-24", [BUTCH, SUNI])
    assert "Crew-9" in replacement["decision"]
    assert replacement["planned_resolution"]["vehicle"] == "Crew-9"
    why = "\n".join(log.explain("replacement_required", "Starliner CFT", at=at))
    assert "decided by NASA" in why and "planned resolution: Crew-9 to launch" in why


def test_2024_09_10_their_ride_is_crew_8_on_approved_contingency_places(
    stores: dict[str, MissionLog],
) -> None:
    log, at = stores["starliner-cft-2024"], "2024-09-10"
    found = rides(log, at)
    assert found[BUTCH] == found[SUNI] == ("Crew-8", "fit", "contingency")
    assert sum(ride == "Crew-8" for ride, _, _ in found.values()) == 6  # six for four seats
    assert log.state("Crew-8", at=at)["seats"] == 4
    approved = decision(log, at, "seats_exceeded", "Crew-8", BUTCH)
    assert (approved["status"], approved["decided_by"]) == ("resolved", "NASA")
    assert "contingency places" in approved["decision"]
    assert log.state("Starliner CFT", at=at)["status"] == "landed"


def test_2024_09_30_they_hold_two_of_crew_9s_four_seats(stores: dict[str, MissionLog]) -> None:
    log, at = stores["starliner-cft-2024"], "2024-09-30"
    found = rides(log, at)
    assert sorted(p for p, (ride, _, _) in found.items() if ride == "Crew-9") == [
        "Aleksandr Gorbunov", BUTCH, "Nick Hague", SUNI]
    assert found[BUTCH] == found[SUNI] == ("Crew-9", "fit", "nominal")
    assert log.state("Crew-9", at=at)["seats"] == 4
    still_open = [d for d in log.decisions(at=at, status="open")
                  if {BUTCH, SUNI} & set(d["crew"])]
    assert still_open == []


def test_2025_11_20_the_shenzhou_21_crew_has_no_usable_ride(
    stores: dict[str, MissionLog],
) -> None:
    log, at = stores["shenzhou-20-2025"], "2025-11-20"
    shenzhou_20 = log.state("Shenzhou-20", at=at)
    assert (shenzhou_20["status"], shenzhou_20["fitness"]) == ("docked", "unfit")
    assert shenzhou_20["fitness_basis"] is not None
    assert shenzhou_20["fitness_basis"]["by"] == "CMSA"
    assert "crack" in shenzhou_20["fitness_basis"]["reason"]
    assert log.state("Shenzhou-21", at=at)["crew_landed"] == [
        "Chen Dong", "Chen Zhongrui", "Wang Jie"]
    crew = log.station("Tiangong", at=at)["crew"]
    assert sorted(p["name"] for p in crew) == SZ21
    assert not any(p["return_vehicle_fit"] for p in crew)
    for person in SZ21:  # the decision about their ride home: decided, naming Shenzhou-22
        ride = decision(log, at, "crew_reassignment_required", "Shenzhou-21", person)
        assert (ride["status"], ride["decided_by"]) == ("decided", "CMSA")
        assert "Shenzhou-22" in ride["decision"]
        plan = decision(log, "2025-11-24", "crew_reassignment_required", "Shenzhou-21", person)
        assert plan["planned_resolution"]["vehicle"] == "Shenzhou-22"


def test_2025_11_26_they_are_covered_again_by_shenzhou_22(
    stores: dict[str, MissionLog],
) -> None:
    log, at = stores["shenzhou-20-2025"], "2025-11-26"
    crew = log.station("Tiangong", at=at)["crew"]
    assert {(p["return_vehicle"], p["return_vehicle_fit"]) for p in crew} == {
        ("Shenzhou-22", True)}
    assert log.state("Shenzhou-22", at=at)["port"] == "Tianhe forward"
    for person in SZ21:
        ride = decision(log, at, "crew_reassignment_required", "Shenzhou-21", person)
        assert ride["status"] == "resolved"
