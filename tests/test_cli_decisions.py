"""`missionlog decisions` and `missionlog explain`, driven the way a new user would:
type the Soyuz MS-22 story into an empty log with `missionlog append`, then ask."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from missionlog.cli import app
from missionlog.decisions import DECISION_KEYS

runner = CliRunner()

TYPED_STORY: list[list[str]] = [
    ["station_configured", "--station", "ISS", "--ports", "Rassvet nadir", "--ports",
     "Poisk zenith", "--ports", "Harmony forward", "--at", "2022-01-01T00:00Z"],
    ["launched", "--vehicle", "Soyuz MS-22", "--vehicle-class", "soyuz", "--aliases", "68S",
     "--crew", "Sergey Prokopyev", "--crew", "Dmitri Petelin", "--crew", "Frank Rubio",
     "--at", "2022-09-21T13:54:49Z"],
    ["docked", "--vehicle", "68S", "--station", "ISS", "--port", "Rassvet nadir",
     "--at", "2022-09-21T17:06Z"],
    ["launched", "--vehicle", "Crew-5", "--vehicle-class", "crew_dragon", "--crew",
     "Nicole Mann", "--crew", "Josh Cassada", "--crew", "Koichi Wakata", "--crew",
     "Anna Kikina", "--at", "2022-10-05T16:00:57Z"],
    ["docked", "--vehicle", "Crew-5", "--station", "ISS", "--port", "Harmony forward",
     "--at", "2022-10-06T21:01Z"],
    ["launched", "--vehicle", "Progress MS-21", "--vehicle-class", "progress",
     "--aliases", "Progress 82", "--at", "2022-10-26T00:20:09Z"],
    ["docked", "--vehicle", "Progress 82", "--station", "ISS", "--port", "Poisk zenith",
     "--at", "2022-10-28T02:48:54Z"],
    ["leak_detected", "--vehicle", "Soyuz MS-22", "--system", "coolant", "--severity", "major",
     "--at", "2022-12-15T00:45Z", "--event-id", "ms22-coolant-leak"],
    ["decision_recorded", "--subject", "Soyuz MS-22", "--by", "Roscosmos", "--decision",
     "Soyuz MS-22 returns uncrewed; Soyuz MS-23 launches uncrewed to replace it",
     "--at", "2023-01-11T14:00Z", "--event-id", "ms22-decision"],
    ["crew_assigned", "--vehicle", "Crew-5", "--crew", "Frank Rubio",
     "--at", "2023-01-18T12:00Z"],
    ["leak_detected", "--vehicle", "Progress 82", "--system", "coolant",
     "--at", "2023-02-11T09:40Z"],
    ["undocked", "--vehicle", "Progress MS-21", "--at", "2023-02-18T02:26Z"],
    ["deorbited", "--vehicle", "Progress MS-21", "--at", "2023-02-19T03:15Z"],
    ["launched", "--vehicle", "Soyuz MS-23", "--vehicle-class", "soyuz", "--aliases", "69S",
     "--at", "2023-02-24T00:24Z"],
    ["docked", "--vehicle", "69S", "--station", "ISS", "--port", "Poisk zenith",
     "--at", "2023-02-26T00:58Z"],
    ["crew_assigned", "--vehicle", "Soyuz MS-23", "--crew", "Sergey Prokopyev", "--crew",
     "Dmitri Petelin", "--at", "2023-03-02T12:00Z", "--event-id", "ms23-assigned"],
    ["crew_assigned", "--vehicle", "Soyuz MS-23", "--crew", "Frank Rubio",
     "--at", "2023-03-06T12:00Z"],
    ["undocked", "--vehicle", "Soyuz MS-22", "--at", "2023-03-28T09:57Z"],
    ["landed", "--vehicle", "Soyuz MS-22", "--at", "2023-03-28T11:46Z"],
]


def missionlog(db: Path, *args: str) -> Any:
    return runner.invoke(app, [*args, "--db", str(db)], prog_name="missionlog")


@pytest.fixture(scope="module")
def typed_story(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Typed once per module: every test here only reads the log."""
    db = tmp_path_factory.mktemp("story") / "missionlog.db"
    assert missionlog(db, "init").exit_code == 0
    for command in TYPED_STORY:
        result = missionlog(db, "append", *command)
        assert result.exit_code == 0, result.output
    return db


def decisions_json(db: Path, *args: str) -> list[dict[str, Any]]:
    result = missionlog(db, "decisions", "--json", *args)
    assert result.exit_code == 0, result.output
    found: list[dict[str, Any]] = json.loads(result.stdout)
    return found


def replacement(decisions: list[dict[str, Any]]) -> dict[str, Any]:
    [found] = [d for d in decisions if d["kind"] == "replacement_required"]
    return found


def test_a_new_user_watches_the_replacement_open_get_decided_and_resolve(
    typed_story: Path,
) -> None:
    opened = replacement(decisions_json(typed_story, "--at", "2022-12-20"))
    assert (opened["subject"], opened["status"]) == ("Soyuz MS-22", "open")
    assert opened["crew"] == ["Dmitri Petelin", "Frank Rubio", "Sergey Prokopyev"]
    decided = replacement(decisions_json(typed_story, "--at", "2023-01-12"))
    assert (decided["status"], decided["decided_by"]) == ("decided", "Roscosmos")
    resolved = replacement(decisions_json(typed_story, "--at", "2023-03-07"))
    assert (resolved["status"], resolved["resolved_at"]) == ("resolved", "2023-03-02T12:00:00Z")


def test_decisions_json_is_a_list_of_objects_with_exactly_the_documented_keys(
    typed_story: Path,
) -> None:
    found = decisions_json(typed_story, "--at", "2023-02-11")
    assert found[0]["kind"] == "no_change"  # newest first
    assert all(tuple(d) == DECISION_KEYS for d in found)


def test_the_status_option_filters_and_rejects_unknown_statuses(typed_story: Path) -> None:
    still_open = decisions_json(typed_story, "--at", "2022-12-20", "--status", "open")
    assert len(still_open) == 5
    assert decisions_json(typed_story, "--at", "2022-12-20", "--status", "resolved") == []
    assert missionlog(typed_story, "decisions", "--status", "pending").exit_code == 2


def test_the_human_listing_names_kind_subject_status_and_reason(typed_story: Path) -> None:
    result = missionlog(typed_story, "decisions", "--at", "2022-12-20")
    assert result.exit_code == 0, result.output
    text = " ".join(result.stdout.split())
    assert result.stdout.splitlines()[0].split() == [
        "status", "kind", "subject", "opened", "decided", "resolved", "crew"]
    assert "- replacement_required Soyuz MS-22: Soyuz MS-22 had a major coolant leak at" in text
    assert result.stdout.count("crew_reassignment_required") >= 3


def test_explain_tells_the_story_with_dates_when_asked_by_alias(typed_story: Path) -> None:
    result = missionlog(typed_story, "explain", "replacement_required", "68S",
                        "--at", "2023-03-29")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].startswith("replacement_required about Soyuz MS-22")
    assert [line.split()[:2] for line in lines[1:]] == [
        ["2022-12-15T00:45:00Z", "opened:"],
        ["2023-01-11T14:00:00Z", "decided"],
        ["2023-03-02T12:00:00Z", "resolved:"],
    ]
    assert "ms22-coolant-leak" in lines[1]
    assert "ms22-decision" in lines[2]
    assert "ms23-assigned" in lines[3]


def test_explain_of_a_decision_that_never_opened_is_one_line_and_exit_9(
    typed_story: Path,
) -> None:
    result = missionlog(typed_story, "explain", "return_uncrewed", "Crew-5")
    assert result.exit_code == 9
    assert result.stderr.startswith("error: no return_uncrewed decision about Crew-5")
    assert len(result.stderr.splitlines()) == 1


def test_explain_of_an_unknown_vehicle_suggests_close_names(typed_story: Path) -> None:
    result = missionlog(typed_story, "explain", "replacement_required", "Soyuz MS-2")
    assert result.exit_code == 5
    assert "did you mean" in result.stderr


def test_explain_rejects_an_unknown_kind_as_a_usage_error(typed_story: Path) -> None:
    assert missionlog(typed_story, "explain", "abort_mission", "Soyuz MS-22").exit_code == 2


def test_decisions_on_a_missing_log_file_is_one_line_on_stderr(tmp_path: Path) -> None:
    result = missionlog(tmp_path / "nowhere.db", "decisions")
    assert result.exit_code == 8
    assert len(result.stderr.splitlines()) == 1
