"""After an append, missionlog says what it changed (issue 14, item 3).

The case that motivated it: `undocked` for Soyuz MS-24 dated 2024-01-01 (meant
April) is a consistent history, so it is accepted; the only warning a person can
get is the consequence: Rassvet nadir freed and three people without a ride home.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from missionlog.api import MissionLog
from missionlog.bundled import bundled_log_path
from missionlog.projections.changes import lines

MS24_RIDERS = ["Loral O'Hara", "Nikolai Chub", "Oleg Kononenko"]


@pytest.fixture
def iss_db(tmp_path: Path) -> Path:
    db = tmp_path / "iss.db"
    with MissionLog.open(db, create=True) as log, bundled_log_path().open("rb") as handle:
        log.import_lines(handle)
    return db


def test_an_undocking_on_the_wrong_date_says_who_lost_their_ride_home(iss_db: Path) -> None:
    with MissionLog.open(iss_db) as log:
        result, changes = log.append_described(
            [{"type": "undocked", "vehicle": "Soyuz MS-24", "occurred_at": "2024-01-01T00:00Z"}])
    assert result.appended == 1
    assert changes["as_of"] == "2024-01-01T00:00:00Z"
    [vehicle] = changes["vehicles"]
    assert vehicle["vehicle"] == "Soyuz MS-24"
    assert (vehicle["was"]["status"], vehicle["status"]) == ("docked", "in_flight")
    assert changes["ports_freed"] == [
        {"station": "ISS", "port": "Rassvet nadir", "vehicle": "Soyuz MS-24"}]
    assert changes["ports_taken"] == []
    assert [p["person"] for p in changes["lost_ride_home"]] == MS24_RIDERS
    assert changes["gained_ride_home"] == []
    text = " ".join(lines(changes))
    assert "Soyuz MS-24: docked at ISS Rassvet nadir -> in flight" in text
    assert "freed ISS Rassvet nadir" in text
    assert "3 people lost their ride home" in text


def test_a_coolant_leak_says_which_decision_it_opened(iss_db: Path) -> None:
    with MissionLog.open(iss_db) as log:
        _, changes = log.append_described([{
            "type": "leak_detected", "vehicle": "Soyuz MS-24", "system": "coolant",
            "severity": "major", "occurred_at": "2023-10-20T00:00Z"}])
    [vehicle] = changes["vehicles"]
    assert (vehicle["was"]["leaks"], vehicle["leaks"]) == (0, 1)
    assert (vehicle["was"]["fit_for_crew_return"], vehicle["fit_for_crew_return"]) == (True, False)
    assert "leaks 0 -> 1, fit for crew return yes -> NO" in lines(changes)[0]
    assert changes["decisions_checked"] is True
    opened = {(d["kind"], d["subject"]) for d in changes["decisions_opened"]}
    assert ("replacement_required", "Soyuz MS-24") in opened
    assert [p["person"] for p in changes["lost_ride_home"]] == MS24_RIDERS
    assert "decision opened: " in lines(changes)[-1]


def test_a_docking_takes_a_port_and_gives_its_crew_a_ride_home(tmp_path: Path) -> None:
    with MissionLog.open(tmp_path / "x.db", create=True) as log:
        log.append([
            {"type": "station_configured", "station": "ISS", "ports": ["Rassvet nadir"],
             "occurred_at": "2023-01-01T00:00Z"},
            {"type": "launched", "vehicle": "Soyuz MS-24", "vehicle_class": "soyuz",
             "crew": ["Oleg Kononenko"], "occurred_at": "2023-09-15T15:44Z"},
            {"type": "crew_assigned", "vehicle": "Soyuz MS-24", "crew": ["Oleg Kononenko"],
             "occurred_at": "2023-09-15T15:45Z"},
        ])
        _, changes = log.append_described([{
            "type": "docked", "vehicle": "Soyuz MS-24", "station": "ISS",
            "port": "Rassvet nadir", "occurred_at": "2023-09-15T18:53Z"}])
    assert changes["ports_taken"] == [
        {"station": "ISS", "port": "Rassvet nadir", "vehicle": "Soyuz MS-24"}]
    assert changes["gained_ride_home"] == [
        {"person": "Oleg Kononenko", "return_vehicle": "Soyuz MS-24"}]


def test_an_event_already_in_the_log_changes_nothing(iss_db: Path) -> None:
    with MissionLog.open(iss_db) as log:
        first = next(log.log())
        result, changes = log.append_described([first])
    assert result.appended == 0
    assert changes["ports_taken"] == changes["ports_freed"] == []
    assert changes["lost_ride_home"] == changes["decisions_opened"] == []


# ---- the CLI, as a real process ------------------------------------------------------


def run(iss_db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MISSIONLOG")}
    return subprocess.run([sys.executable, "-m", "missionlog", *args, "--db", str(iss_db)],
                          env=env, capture_output=True, text=True, timeout=60, check=False)


# The wrong-date undocking lands right after the whole bundled log.
NEXT_POSITION = len(bundled_log_path().read_bytes().splitlines()) + 1
WRONG_DATE = ("append", "undocked", "--vehicle", "Soyuz MS-24", "--at", "2024-01-01T00:00Z")


def test_the_cli_says_what_the_append_changed(iss_db: Path) -> None:
    result = run(iss_db, *WRONG_DATE)
    assert result.returncode == 0, result.stderr
    out = result.stdout.splitlines()
    assert out[0].startswith(f"appended 1 at position {NEXT_POSITION}")
    assert len(out) == 3, result.stdout  # what landed, then one or two lines of changes
    assert "Soyuz MS-24: docked at ISS Rassvet nadir -> in flight" in out[1]
    assert "3 people lost their ride home: Loral O'Hara (Soyuz MS-24)" in out[2]


def test_quiet_says_only_what_was_appended(iss_db: Path) -> None:
    result = run(iss_db, *WRONG_DATE, "--quiet")
    assert result.returncode == 0, result.stderr
    expected = f"appended 1 at position {NEXT_POSITION} (Soyuz MS-24 v4)"
    assert result.stdout.splitlines() == [expected]


def test_json_gives_the_changes_as_data(iss_db: Path) -> None:
    result = run(iss_db, *WRONG_DATE, "--json")
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["appended"] == 1
    assert document["last_position"] == NEXT_POSITION
    assert [p["person"] for p in document["changes"]["lost_ride_home"]] == MS24_RIDERS


def test_json_input_is_described_too(iss_db: Path) -> None:
    event = {"type": "undocked", "vehicle": "Soyuz MS-24", "occurred_at": "2024-01-01T00:00Z"}
    env = {k: v for k, v in os.environ.items() if not k.startswith("MISSIONLOG")}
    result = subprocess.run(
        [sys.executable, "-m", "missionlog", "append", "--json", "-", "--db", str(iss_db)],
        input=json.dumps(event), env=env, capture_output=True, text=True, timeout=60,
        check=False)
    assert result.returncode == 0, result.stderr
    assert "3 people lost their ride home" in result.stdout
