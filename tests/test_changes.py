"""`changes`: the shift handover. The story (tests/plans_story.py) on the CLI, and the
law over random histories recorded in random orders: the state known at K1 plus the
changes from K1 to K2 is the state known at K2, for any K1 < K2."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from plans_story import story_lines
from strategies import consistent_histories, recording_orders, scratch_dir
from test_cli_log import cli, ok

from missionlog import MissionLog
from missionlog.changes import apply_picture_changes, diff_pictures, picture


@pytest.fixture
def story(db_path: Path) -> Path:
    with MissionLog.open(db_path, create=True) as log:
        log.import_lines(story_lines())
    return db_path


def test_changes_over_the_leak_week_tell_the_ms_21_ms_23_story(story: Path) -> None:
    data = json.loads(ok("changes", "--since", "2023-02-11", "--until", "2023-02-19",
                         "--json", "--db", str(story)).stdout)
    kinds = [(e["type"], e["subject"]) for e in data["events"]]
    assert kinds[0] == ("leak_detected", "Progress MS-21")
    assert ("undocked", "Progress MS-21") in kinds and ("deorbited", "Progress MS-21") in kinds
    assert all(e["recorded_late_by_seconds"] >= 0 for e in data["events"])
    leak = data["events"][0]
    assert leak["recorded_late_by_seconds"] == 7 * 3600 + 12 * 60
    plans = [(p["change"], p["vehicle"], p["activity"]) for p in data["plans"]]
    assert ("cancelled", "Soyuz MS-23", "launch") in plans
    assert ("made", "Soyuz MS-23", "launch") in plans
    assert ("changed", "Progress MS-21", "deorbit") not in plans  # cancelled, then made
    relaunch = next(p for p in data["plans"] if p["event_id"] == "plan-ms23-launch-2")
    assert relaunch["planned_for"] == "2023-02-24T00:34:00Z"
    assert {(f["vehicle"], f["activity"]) for f in data["fulfilled"]} == {
        ("Progress MS-21", "undock"), ("Progress MS-21", "deorbit")}
    decisions = [(d["change"], d["kind"], d["subject"]) for d in data["decisions"]]
    assert ("opened", "no_change", "Progress MS-21") in decisions
    port = data["picture"]["ISS"]["ports"]["Poisk zenith"]
    assert port == {"before": "Progress MS-21", "after": None}
    human = ok("changes", "--since", "2023-02-11", "--until", "2023-02-19", "--db",
               str(story)).stdout
    assert "cancelled Soyuz MS-23 launch (was ~2023-02-20 (day))" in human
    assert "port Poisk zenith: Progress MS-21 -> free" in human


def test_changes_at_a_mission_time_and_for_a_station(story: Path) -> None:
    data = json.loads(ok("changes", "--since", "2023-02-12", "--until", "2023-03-25",
                         "--at", "2023-03-08", "--station", "ISS", "--json", "--db",
                         str(story)).stdout)
    crew = data["picture"]["ISS"]["crew"]
    assert crew["Frank Rubio"]["after"]["return_vehicle"] == "Soyuz MS-23"
    assert crew["Frank Rubio"]["before"]["return_vehicle"] == "Soyuz MS-22"
    assert data["beyond_coverage"] is True  # the log's last event is Rubio's, on 03-06


def test_changes_refuses_an_empty_window(story: Path) -> None:
    result = cli("changes", "--since", "2023-02-19", "--until", "2023-02-11", "--db",
                 str(story))
    assert result.exit_code == 9
    assert "--until" in result.stderr


def test_a_retraction_that_removes_a_decision_shows_it_withdrawn(story: Path) -> None:
    with MissionLog.open(story) as log:
        log.append([{"type": "retracted", "occurred_at": "2023-02-12T00:00:00Z",
                     "retracts": "p21-leak", "reason": "sensor fault"}])
        now_known = log.changes("2023-02-12", at="2023-02-12")
    withdrawn = [d for d in now_known["decisions"] if d["change"] == "withdrawn"]
    assert [(d["kind"], d["subject"]) for d in withdrawn] == [("no_change", "Progress MS-21")]
    assert withdrawn[0]["retractions"][0]["retracts"] == "p21-leak"


def _known_times(log: MissionLog) -> list[str]:
    return sorted({row["recorded_at"] for row in log.log()})


@settings(max_examples=min(settings().max_examples, 25), deadline=None)
@given(st.data())
def test_state_at_k1_plus_changes_from_k1_to_k2_is_the_state_at_k2(data: st.DataObject) -> None:
    history = data.draw(consistent_histories())
    batches = data.draw(recording_orders(history))
    with scratch_dir() as tmp, MissionLog.open(Path(tmp, "log.db"), create=True) as log:
        for batch in batches:
            log.append(batch)
        known = _known_times(log)
        k1, k2 = sorted(data.draw(st.lists(st.sampled_from(known), min_size=2, max_size=2,
                                           unique=True)))
        at = data.draw(st.sampled_from(history.probe_times()))
        found = log.changes(k1, until=k2, at=at)
        before = picture(log.store.world_at(at, k1))
        after = picture(log.store.world_at(at, k2))
        assert apply_picture_changes(before, found["picture"]) == after
        assert diff_pictures(before, after) == found["picture"]
        # the events known at K1 and the events it lists are the events known at K2
        first = [e for e in log.log() if e["recorded_at"] <= k1]
        listed = {e["event_id"] for e in found["events"]}
        second = [e for e in log.log() if e["recorded_at"] <= k2]
        assert {e["event_id"] for e in first} | listed == {e["event_id"] for e in second}
        assert not listed & {e["event_id"] for e in first}
        rebuilt = _rebuilt(Path(tmp, "rebuilt.db"), first, [e for e in second
                                                             if e["event_id"] in listed])
        with MissionLog.open(rebuilt) as copy:
            assert picture(copy.store.world_at(at)) == after


def _rebuilt(path: Path, first: list[dict[str, Any]], listed: list[dict[str, Any]]) -> Path:
    """A new log from the events known at K1 and the ones `changes` lists, in log order."""
    with MissionLog.open(path, create=True) as copy:
        copy.import_lines([json.dumps(e) for e in sorted(first + listed,
                                                         key=lambda e: e["position"])])
    return path
