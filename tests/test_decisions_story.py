"""The Soyuz MS-22 story, December 2022 - March 2023, end to end through the Python API.

A hand-written seed: the events a flight team would type into an empty log, and
the decisions the log must show (open, decided, resolved) at each step.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from missionlog import MissionLog, NothingRecorded, UnknownName
from missionlog.decisions import DECISION_KEYS

MS22_CREW = ["Sergey Prokopyev", "Dmitri Petelin", "Frank Rubio"]
CREW_5 = ["Nicole Mann", "Josh Cassada", "Koichi Wakata", "Anna Kikina"]
PORTS = ["Rassvet nadir", "Poisk zenith", "Prichal nadir", "Zvezda aft", "Harmony forward",
         "Harmony zenith"]

SEED: list[dict[str, Any]] = [
    {"type": "station_configured", "occurred_at": "2022-01-01T00:00:00Z",
     "event_id": "iss-ports", "station": "ISS", "ports": PORTS},
    {"type": "launched", "occurred_at": "2022-09-21T13:54:49Z", "event_id": "ms22-launched",
     "vehicle": "Soyuz MS-22", "vehicle_class": "soyuz", "crew": MS22_CREW,
     "aliases": ["68S"]},
    {"type": "docked", "occurred_at": "2022-09-21T17:06:00Z", "event_id": "ms22-docked",
     "vehicle": "Soyuz MS-22", "station": "ISS", "port": "Rassvet nadir"},
    {"type": "launched", "occurred_at": "2022-10-05T16:00:57Z", "event_id": "crew5-launched",
     "vehicle": "Crew-5", "vehicle_class": "crew_dragon", "crew": CREW_5,
     "aliases": ["Endurance"]},
    {"type": "docked", "occurred_at": "2022-10-06T21:01:00Z", "event_id": "crew5-docked",
     "vehicle": "Crew-5", "station": "ISS", "port": "Harmony forward"},
    {"type": "launched", "occurred_at": "2022-10-26T00:20:09Z", "event_id": "ms21p-launched",
     "vehicle": "Progress MS-21", "vehicle_class": "progress", "aliases": ["Progress 82"]},
    {"type": "docked", "occurred_at": "2022-10-28T02:48:54Z", "event_id": "ms21p-docked",
     "vehicle": "Progress MS-21", "station": "ISS", "port": "Poisk zenith"},
    {"type": "leak_detected", "occurred_at": "2022-12-15T00:45:00Z", "event_id": "ms22-leak",
     "vehicle": "Soyuz MS-22", "system": "coolant", "severity": "major"},
    {"type": "decision_recorded", "occurred_at": "2023-01-11T14:00:00Z",
     "event_id": "ms22-decision", "subject": "Soyuz MS-22", "by": "Roscosmos",
     "decision": "Soyuz MS-22 returns uncrewed; Soyuz MS-23 launches uncrewed to replace it"},
    {"type": "crew_assigned", "occurred_at": "2023-01-18T12:00:00Z",
     "event_id": "rubio-to-crew5", "vehicle": "Crew-5", "crew": ["Frank Rubio"]},
    {"type": "leak_detected", "occurred_at": "2023-02-11T09:40:00Z", "event_id": "ms21p-leak",
     "vehicle": "Progress MS-21", "system": "coolant", "severity": "major"},
    {"type": "undocked", "occurred_at": "2023-02-18T02:26:00Z", "event_id": "ms21p-undocked",
     "vehicle": "Progress MS-21"},
    {"type": "deorbited", "occurred_at": "2023-02-19T03:15:00Z", "event_id": "ms21p-deorbited",
     "vehicle": "Progress MS-21"},
    {"type": "launched", "occurred_at": "2023-02-24T00:24:00Z", "event_id": "ms23-launched",
     "vehicle": "Soyuz MS-23", "vehicle_class": "soyuz", "aliases": ["69S"]},
    {"type": "docked", "occurred_at": "2023-02-26T00:58:00Z", "event_id": "ms23-docked",
     "vehicle": "Soyuz MS-23", "station": "ISS", "port": "Poisk zenith"},
    {"type": "crew_assigned", "occurred_at": "2023-03-02T12:00:00Z",
     "event_id": "prokopyev-petelin-to-ms23", "vehicle": "Soyuz MS-23",
     "crew": ["Sergey Prokopyev", "Dmitri Petelin"]},
    {"type": "crew_assigned", "occurred_at": "2023-03-06T12:00:00Z",
     "event_id": "rubio-to-ms23", "vehicle": "Soyuz MS-23", "crew": ["Frank Rubio"]},
    {"type": "undocked", "occurred_at": "2023-03-28T09:57:00Z", "event_id": "ms22-undocked",
     "vehicle": "Soyuz MS-22"},
    {"type": "landed", "occurred_at": "2023-03-28T11:46:00Z", "event_id": "ms22-landed",
     "vehicle": "Soyuz MS-22"},
]


@pytest.fixture
def story_log(tmp_path: Path) -> Iterator[MissionLog]:
    with MissionLog.open(tmp_path / "story.db", create=True) as log:
        log.append(SEED)
        yield log


def one(decisions: list[dict[str, Any]], kind: str, subject: str) -> dict[str, Any]:
    [found] = [d for d in decisions if d["kind"] == kind and d["subject"] == subject]
    return found


def test_five_days_after_the_leak_a_replacement_for_soyuz_ms22_is_open(
    story_log: MissionLog,
) -> None:
    replacement = one(story_log.decisions(at="2022-12-20"), "replacement_required",
                      "Soyuz MS-22")
    assert replacement["status"] == "open"
    assert sorted(replacement["crew"]) == sorted(MS22_CREW)
    assert replacement["opened_at"] == "2022-12-15T00:45:00Z"
    assert replacement["evidence"] == [
        {"role": "opened", "event_id": "ms22-leak", "position": 8}]


def test_the_january_decision_turns_the_replacement_to_decided(story_log: MissionLog) -> None:
    replacement = one(story_log.decisions(at="2023-01-12"), "replacement_required",
                      "Soyuz MS-22")
    assert replacement["status"] == "decided"
    assert replacement["decided_at"] == "2023-01-11T14:00:00Z"
    assert replacement["decided_by"] == "Roscosmos"
    assert replacement["decision"].startswith("Soyuz MS-22 returns uncrewed")
    assert replacement["resolved_at"] is None


def test_the_replacement_is_resolved_once_all_three_ride_the_docked_ms23(
    story_log: MissionLog,
) -> None:
    before = one(story_log.decisions(at="2023-03-01"), "replacement_required", "Soyuz MS-22")
    assert before["status"] == "decided"  # MS-23 docked, but nobody is assigned to it yet
    after = one(story_log.decisions(at="2023-03-07"), "replacement_required", "Soyuz MS-22")
    assert after["status"] == "resolved"
    assert after["resolved_at"] == "2023-03-02T12:00:00Z"  # Rubio already rode Crew-5
    assert after["evidence"][-1]["event_id"] == "prokopyev-petelin-to-ms23"


def test_progress_ms21s_leak_changes_nothing_from_the_day_it_happens(
    story_log: MissionLog,
) -> None:
    assert not [d for d in story_log.decisions(at="2023-02-10") if d["kind"] == "no_change"]
    newest = story_log.decisions(at="2023-02-11")[0]
    assert (newest["kind"], newest["subject"], newest["status"]) == (
        "no_change", "Progress MS-21", "resolved")


def test_soyuz_ms22_has_returned_uncrewed_by_the_end_of_march(story_log: MissionLog) -> None:
    decisions = story_log.decisions(at="2023-03-29")
    assert {d["status"] for d in decisions} == {"resolved"}
    uncrewed = one(decisions, "return_uncrewed", "Soyuz MS-22")
    assert uncrewed["resolved_at"] == "2023-03-28T09:57:00Z"


def test_every_decision_has_exactly_the_documented_keys(story_log: MissionLog) -> None:
    decisions = story_log.decisions(at="2023-03-29")
    assert len(decisions) == 7  # with Crew-5's seats_exceeded once Rubio rides it
    assert all(tuple(d) == DECISION_KEYS for d in decisions)
    assert {d["station"] for d in decisions} == {"ISS"}


def test_the_status_filter_keeps_only_that_status(story_log: MissionLog) -> None:
    still_open = story_log.decisions(at="2023-02-12", status="decided")
    assert {d["kind"] for d in still_open} == {"replacement_required", "return_uncrewed",
                                               "crew_reassignment_required"}
    assert len(still_open) == 4  # Rubio's reassignment is resolved by then
    with pytest.raises(NothingRecorded, match="not a decision status"):
        story_log.decisions(status="pending")


def test_explain_tells_the_replacement_story_with_dates_by_alias(story_log: MissionLog) -> None:
    lines = story_log.explain("replacement_required", "68S", at="2023-03-29")
    assert lines[0].startswith("replacement_required about Soyuz MS-22")
    assert lines[1].startswith("  2022-12-15T00:45:00Z  opened: Soyuz MS-22 had a major coolant")
    assert "ms22-leak" in lines[1]
    assert lines[2].startswith("  2023-01-11T14:00:00Z  decided by Roscosmos")
    assert lines[3].startswith("  2023-03-02T12:00:00Z  resolved: ")
    assert "Frank Rubio is assigned to Crew-5" in lines[3]


def test_explain_before_the_decision_says_what_is_still_awaited(story_log: MissionLog) -> None:
    lines = story_log.explain("return_uncrewed", "Soyuz MS-22", at="2022-12-20")
    assert "still open: no decision naming Soyuz MS-22 is recorded yet" in lines[2]
    assert "not resolved yet" in lines[3]


def test_explain_refuses_a_decision_that_never_opened(story_log: MissionLog) -> None:
    with pytest.raises(NothingRecorded, match="no replacement_required decision about Crew-5"):
        story_log.explain("replacement_required", "Endurance", at="2023-01-01")
    with pytest.raises(UnknownName, match="Soyuz MS-23"):
        story_log.explain("return_uncrewed", "Soyuz MS-23", at="2023-01-01")


def _one_microsecond_before(recorded_at: str) -> str:
    moment = datetime.fromisoformat(recorded_at.replace("Z", "+00:00"))
    return (moment - timedelta(microseconds=1)).isoformat()


def test_retracting_the_leak_removes_its_decisions_from_then_on_but_not_before(
    story_log: MissionLog,
) -> None:
    story_log.append([{"type": "retracted", "occurred_at": "2023-04-01T00:00:00Z",
                       "event_id": "leak-retracted", "retracts": "ms22-leak",
                       "reason": "entered against the wrong vehicle"}])
    [retraction] = story_log.log(types=["retracted"])
    before = _one_microsecond_before(retraction["recorded_at"])

    assert [d["kind"] for d in story_log.decisions(at="2022-12-20")] == []
    known_then = story_log.decisions(at="2022-12-20", known_at=before)
    assert len(known_then) == 5
    assert one(known_then, "replacement_required", "Soyuz MS-22")["status"] == "open"
    # Without the leak, Rubio's move still overfills Crew-5, and the council's decision about
    # MS-22 matches nothing derived: it stays visible as a ruling of its own.
    assert sorted(d["kind"] for d in story_log.decisions(at="2023-03-29")) == [
        "no_change", "ruling", "seats_exceeded"]
