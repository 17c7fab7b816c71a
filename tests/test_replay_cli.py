"""`state`, `station`, `history` and `replay` on the command line, told through the seed story:

On 2023-02-11 Progress MS-22 docked at Zvezda aft and, an hour later, Progress MS-21
("Progress 82", at Poisk zenith since 2022-10-28) sprang a coolant leak, two months after
the crew's Soyuz MS-22 at Rassvet nadir lost its coolant. What did the station look like on
2023-02-12, and who had a ride home?
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from strategies import seed_story_jsonl
from typer.testing import CliRunner, Result

from missionlog.cli import app


def cli(*args: str) -> Result:
    return CliRunner().invoke(app, list(args), prog_name="missionlog")


def as_json(*args: str) -> Any:
    result = cli(*args, "--json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


@pytest.fixture
def seed_db(tmp_path: Path, db_path: Path) -> Path:
    source = tmp_path / "seed.jsonl"
    source.write_text(seed_story_jsonl())
    result = cli("import", str(source), "--init", "--db", str(db_path))
    assert result.exit_code == 0, result.stderr
    return db_path


def test_progress_82_on_feb_12_is_docked_at_poisk_zenith_with_a_coolant_leak(
    seed_db: Path,
) -> None:
    view = as_json("state", "Progress 82", "--at", "2023-02-12", "--db", str(seed_db))
    assert view == {
        "vehicle": "Progress MS-21",
        "vehicle_class": "progress",
        "aliases": ["Progress 82", "82P"],
        "status": "docked",
        "station": "ISS",
        "port": "Poisk zenith",
        "crew_aboard": [],
        "leaks": [{"system": "coolant", "severity": "major", "cause": None,
                   "occurred_at": "2023-02-11T09:40:00Z"}],
        "fit_for_crew_return": None,
        "assigned_crew": [],
        "as_of": "2023-02-12T23:59:59Z",
        "fitness": None,  # a cargo ship carries nobody home
        "fitness_basis": None,
        "seats": 0,
        "free_seats": 0,
        "since": "2022-10-28T02:48:54Z",
        "crew_landed": [],
        "since_precision": "second",
        "uncertain": False,
        "next": [],
        "beyond_coverage": True,
    }


def test_the_iss_on_feb_12_shows_every_occupied_port_and_each_persons_ride_home(
    seed_db: Path,
) -> None:
    view = as_json("station", "ISS", "--at", "2023-02-12", "--db", str(seed_db))
    assert view["ports"] == {
        "Rassvet nadir": "Soyuz MS-22",
        "Poisk zenith": "Progress MS-21",
        "Prichal nadir": None,
        "Zvezda aft": "Progress MS-22",
        "Harmony forward": "Crew-5",
        "Harmony zenith": None,
        "Unity nadir": None,
    }
    rides = {p["name"]: (p["return_vehicle"], p["return_vehicle_fit"]) for p in view["crew"]}
    assert rides == {
        "Sergey Prokopyev": ("Soyuz MS-22", False),
        "Dmitri Petelin": ("Soyuz MS-22", False),
        "Frank Rubio": ("Crew-5", True),
        "Nicole Mann": ("Crew-5", True),
        "Josh Cassada": ("Crew-5", True),
        "Koichi Wakata": ("Crew-5", True),
        "Anna Kikina": ("Crew-5", True),
    }
    assert [p["name"] for p in view["crew"]] == sorted(rides)
    assert view["as_of"] == "2023-02-12T23:59:59Z"


def test_the_day_before_the_progress_leak_both_progress_ports_tell_a_different_story(
    seed_db: Path,
) -> None:
    view = as_json("station", "ISS", "--at", "2023-02-10", "--db", str(seed_db))
    assert view["ports"]["Zvezda aft"] is None  # MS-20 gone on the 7th, MS-22 not yet in
    state = as_json("state", "Progress 82", "--at", "2023-02-10", "--db", str(seed_db))
    assert state["leaks"] == []


def test_state_of_the_soyuz_by_its_other_name(seed_db: Path) -> None:
    view = as_json("state", "K.E. Tsiolkovsky", "--at", "2023-02-12", "--db", str(seed_db))
    assert view["vehicle"] == "Soyuz MS-22"
    assert view["fit_for_crew_return"] is False
    assert view["assigned_crew"] == ["Dmitri Petelin", "Sergey Prokopyev"]


def test_state_known_at_the_first_import_does_not_see_a_later_correction(
    seed_db: Path,
) -> None:
    first_import = as_json("history", "Progress 82", "--db", str(seed_db))[0]["recorded_at"]
    retract = cli("append", "retracted", "--retracts", "progress-ms-21-coolant-leak",
                  "--reason", "telemetry glitch", "--at", "2023-02-13T00:00:00Z",
                  "--db", str(seed_db))
    assert retract.exit_code == 0, retract.stderr
    now = as_json("state", "Progress 82", "--at", "2023-02-12", "--db", str(seed_db))
    then = as_json("state", "Progress 82", "--at", "2023-02-12", "--known-at", first_import,
                   "--db", str(seed_db))
    assert now["leaks"] == []
    assert len(then["leaks"]) == 1
    history = as_json("history", "Progress 82", "--db", str(seed_db))
    assert [item["retracted"] for item in history] == [False, False, True, False]


def test_state_before_launch_is_one_line_naming_the_first_event(seed_db: Path) -> None:
    result = cli("state", "Progress 83", "--at", "2023-02-01", "--db", str(seed_db))
    assert result.exit_code != 0
    assert result.stderr.count("\n") == 1
    assert "2023-02-09T06:15:36Z" in result.stderr


def test_history_json_lists_the_vehicles_events_in_mission_order(seed_db: Path) -> None:
    items = as_json("history", "68S", "--db", str(seed_db))
    assert [item["event_id"] for item in items] == [
        "soyuz-ms-22-launched", "soyuz-ms-22-docked", "soyuz-ms-22-coolant-leak"]
    assert {item["stream"] for item in items} == {"Soyuz MS-22"}
    for item in items:
        assert {"occurred_at", "recorded_at", "position", "version", "retracted"} <= set(item)


def test_replay_json_summarises_the_station_and_vehicles_in_space(seed_db: Path) -> None:
    summary = as_json("replay", "--until", "2023-02-12", "--db", str(seed_db))
    assert summary["as_of"] == "2023-02-12T23:59:59Z"
    station = as_json("station", "ISS", "--at", "2023-02-12", "--db", str(seed_db))
    assert summary["stations"] == [station]
    in_space = {v["vehicle"]: v for v in summary["vehicles_in_space"]}
    assert set(in_space) == {"Crew-5", "Progress MS-21", "Progress MS-22", "Soyuz MS-22"}
    assert in_space["Progress MS-21"]["leaks"] == 1
    assert in_space["Soyuz MS-22"]["fit_for_crew_return"] is False


def test_replay_known_at_before_any_event_is_an_empty_world(seed_db: Path) -> None:
    summary = as_json("replay", "--until", "2023-02-12", "--known-at", "2000-01-01",
                      "--db", str(seed_db))
    assert summary["stations"] == []
    assert summary["vehicles_in_space"] == []


@pytest.mark.parametrize(
    ("args", "expected"),
    [(("state", "Progress 82", "--at", "2023-02-12"), "Poisk zenith"),
     (("station", "ISS", "--at", "2023-02-12"), "Frank Rubio"),
     (("history", "Progress 82"), "leak_detected"),
     (("replay", "--until", "2023-02-12"), "Crew-5")],
)
def test_human_output_renders(seed_db: Path, args: tuple[str, ...], expected: str) -> None:
    result = CliRunner().invoke(app, [*args, "--db", str(seed_db)], prog_name="missionlog",
                                env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.stderr
    assert expected in result.stdout


def test_the_installed_entry_point_answers_the_seed_story_question(seed_db: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "missionlog", "state", "Progress 82", "--at", "2023-02-12",
         "--json", "--db", str(seed_db)],
        capture_output=True, text=True, check=False,
    )
    assert result.returncode == 0, result.stderr
    view = json.loads(result.stdout)
    assert (view["status"], view["port"]) == ("docked", "Poisk zenith")
    assert [leak["system"] for leak in view["leaks"]] == ["coolant"]

