"""The three bundled logs as data: current with their generators, ordered on the knowledge
clock, sourced, and telling the stories the facts files tell.

Why these tests read the JSONL directly: the bundled files use event types and fields whose
models are being written in parallel (`planned`, `plan_cancelled`, `vehicle_assessed`, `kind`
and `crew` on rulings, `seats`). Until they land, the store cannot import the files whole, so
the data claims are checked on the lines themselves, and the store is exercised on the part
it already knows (the files without the newer types), which must import, verify and answer.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import orjson
import pytest

from missionlog import MissionLog

ROOT = Path(__file__).resolve().parent.parent
STORIES = {
    "iss-2022-2023": "build_iss_log.py",
    "starliner-cft-2024": "build_starliner_log.py",
    "shenzhou-20-2025": "build_shenzhou_log.py",
}
NEW_TYPES = {"planned", "plan_cancelled", "vehicle_assessed", "leak_resolved"}
NEW_FIELDS = {"kind", "modules", "seats", "crew_capable"}

Line = dict[str, Any]


def lines(story: str) -> list[Line]:
    raw = (ROOT / "events" / f"{story}.jsonl").read_bytes().splitlines()
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


def legacy(story: str) -> bytes:
    """The file without the types and fields the store does not know yet."""
    kept = []
    for e in lines(story):
        if e["type"] in NEW_TYPES:
            continue
        body = {k: v for k, v in e.items() if k not in NEW_FIELDS}
        if e["type"] == "decision_recorded":
            body.pop("crew", None)
        kept.append(orjson.dumps(body))
    return b"\n".join(kept) + b"\n"


@pytest.fixture(scope="module")
def stores(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, MissionLog]]:
    opened = {}
    for story in STORIES:
        log = MissionLog.open(tmp_path_factory.mktemp(story) / "log.db", create=True)
        log.import_lines(legacy(story).splitlines(keepends=True))
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
def test_the_part_the_store_knows_imports_and_verifies(
    story: str, stores: dict[str, MissionLog]
) -> None:
    assert stores[story].verify() == len(legacy(story).splitlines())


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


def latest(story: str, at: str, etype: str, **match: str) -> Line:
    found = [e for e in lines(story) if e["type"] == etype and e["occurred_at"] <= at
             and all(e.get(k) == v for k, v in match.items())]
    assert found, (etype, match, at)
    return max(found, key=lambda e: e["occurred_at"])


def test_2024_08_25_starliner_is_an_emergency_ride_only_and_crew_9_answers(
    stores: dict[str, MissionLog],
) -> None:
    at = "2024-08-25T00:00:00Z"
    fitness = latest("starliner-cft-2024", at, "vehicle_assessed", vehicle="Starliner CFT")
    assert (fitness["fitness"], fitness["max_crew"], fitness["occurred_at"][:10]) == (
        "emergency_only", 2, "2024-08-24")
    assert "crewed return" in fitness["reason"]
    decided = latest("starliner-cft-2024", at, "decision_recorded", kind="replacement_required")
    assert decided["crew"] == ["Butch Wilmore", "Suni Williams"]
    answer = latest("starliner-cft-2024", at, "planned", vehicle="Crew-9", activity="launch")
    assert answer["answers"] == {"kind": "replacement_required", "subject": "Starliner CFT"}
    rides = {p["name"]: p["return_vehicle"]
             for p in stores["starliner-cft-2024"].station("ISS", at="2024-08-25")["crew"]}
    assert rides["Butch Wilmore"] == rides["Suni Williams"] == "Starliner CFT"


def test_2024_09_10_their_ride_is_crew_8_on_approved_contingency_places(
    stores: dict[str, MissionLog],
) -> None:
    log = stores["starliner-cft-2024"]
    rides = {p["name"]: p["return_vehicle"] for p in log.station("ISS", at="2024-09-10")["crew"]}
    assert rides["Butch Wilmore"] == rides["Suni Williams"] == "Crew-8"
    assert sum(ride == "Crew-8" for ride in rides.values()) == 6  # six for four seats
    ruling = latest("starliner-cft-2024", "2024-09-10T00:00:00Z", "decision_recorded",
                    kind="seats_exceeded")
    assert ruling["subject"] == "Crew-8"
    assert log.state("Starliner CFT", at="2024-09-10")["status"] == "landed"


def test_2024_09_30_they_hold_two_of_crew_9s_four_seats(stores: dict[str, MissionLog]) -> None:
    log = stores["starliner-cft-2024"]
    rides = {p["name"]: p["return_vehicle"] for p in log.station("ISS", at="2024-09-30")["crew"]}
    assert sorted(p for p, ride in rides.items() if ride == "Crew-9") == [
        "Aleksandr Gorbunov", "Butch Wilmore", "Nick Hague", "Suni Williams"]
    (launch,) = [e for e in lines("starliner-cft-2024") if e["event_id"] == "crew-9-launched"]
    assert (launch["seats"], len(launch["crew"])) == (4, 2)


def test_2025_11_20_the_shenzhou_21_crew_has_no_usable_ride(
    stores: dict[str, MissionLog],
) -> None:
    at = "2025-11-20T00:00:00Z"
    unfit = latest("shenzhou-20-2025", at, "vehicle_assessed", vehicle="Shenzhou-20")
    assert (unfit["fitness"], unfit["by"]) == ("unfit", "CMSA")
    log = stores["shenzhou-20-2025"]
    assert log.state("Shenzhou-21", at="2025-11-20")["status"] == "landed"
    crew = log.station("Tiangong", at="2025-11-20")["crew"]
    assert sorted(p["name"] for p in crew) == ["Wu Fei", "Zhang Hongzhang", "Zhang Lu"]
    assert all(p["return_vehicle"] != "Shenzhou-22" for p in crew)
    decided = latest("shenzhou-20-2025", at, "decision_recorded", kind="replacement_required")
    assert "Shenzhou-22" in decided["decision"]


def test_2025_11_26_they_are_covered_again_by_shenzhou_22(
    stores: dict[str, MissionLog],
) -> None:
    crew = stores["shenzhou-20-2025"].station("Tiangong", at="2025-11-26")["crew"]
    assert {p["return_vehicle"] for p in crew} == {"Shenzhou-22"}
    plan = latest("shenzhou-20-2025", "2025-11-26T00:00:00Z", "planned", vehicle="Shenzhou-22")
    assert plan["answers"] == {"kind": "replacement_required", "subject": "Shenzhou-20"}
