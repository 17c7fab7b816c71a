"""`missionlog follow` on a SQLite file: events other processes record appear in
position order, once; `--decisions` prints the decisions they open or change."""

from __future__ import annotations

import os
import queue
import subprocess
import sys
import threading
from pathlib import Path
from typing import IO, Any

import orjson
import pytest
from strategies import SEED_STORY

from missionlog import MissionLog
from missionlog.follow import follow_file

NOTE = {"type": "note", "occurred_at": "2023-02-12T10:00:00Z", "text": "from Munich"}
LEAK = {"type": "leak_detected", "occurred_at": "2023-02-12T12:00:00Z",
        "vehicle": "Crew-5", "system": "coolant", "severity": "major",
        "event_id": "crew-5-coolant-leak"}


def test_follow_file_yields_what_other_connections_append_in_order(
    iss: MissionLog, db_path: Path
) -> None:
    batches = follow_file(db_path, 10, poll_s=0.005)
    first = next(batches)
    assert [e["position"] for e in first] == list(range(11, len(SEED_STORY) + 1))
    with MissionLog.open(db_path) as writer:
        writer.append([{**NOTE, "text": "one"}])
        writer.append([{**NOTE, "text": "two", "occurred_at": "2023-01-01T00:00:00Z"}])
    seen: list[dict[str, Any]] = []
    while len(seen) < 2:
        seen.extend(next(batches))
    batches.close()
    assert [(e["position"], e["text"]) for e in seen] == [
        (len(SEED_STORY) + 1, "one"), (len(SEED_STORY) + 2, "two")]


def _lines(stream: IO[str]) -> queue.Queue[str]:
    lines: queue.Queue[str] = queue.Queue()

    def pump() -> None:
        for line in stream:
            lines.put(line)

    threading.Thread(target=pump, daemon=True).start()
    return lines


def _cli(*args: str) -> subprocess.Popen[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MISSIONLOG")}
    return subprocess.Popen([sys.executable, "-m", "missionlog", *args], text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)


@pytest.mark.slow
def test_the_follow_command_prints_new_events_and_decision_changes(
    iss: MissionLog, db_path: Path
) -> None:
    events = _cli("follow", "--db", str(db_path), "--json")
    decisions = _cli("follow", "--db", str(db_path), "--decisions", "--json")
    try:
        for process in (events, decisions):  # each says so once its start is fixed
            assert process.stderr is not None
            assert process.stderr.readline().startswith("following ")
        assert events.stdout is not None and decisions.stdout is not None
        event_lines, decision_lines = _lines(events.stdout), _lines(decisions.stdout)
        position = iss.append([LEAK]).last_position
        printed = orjson.loads(event_lines.get(timeout=20))
        assert (printed["position"], printed["event_id"]) == (position, LEAK["event_id"])
        changed = orjson.loads(decision_lines.get(timeout=30))
        assert changed["subject"] == "Crew-5"
        assert any(e["event_id"] == LEAK["event_id"] for e in changed["evidence"])
    finally:
        for process in (events, decisions):
            process.terminate()
            process.wait(10)
            for pipe in (process.stdout, process.stderr):
                if pipe is not None:
                    pipe.close()
