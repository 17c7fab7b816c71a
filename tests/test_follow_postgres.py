"""`missionlog follow` on PostgreSQL (LISTEN/NOTIFY): what several processes append
appears once each, in position order, and a follower resumed with --after N continues
exactly where it stopped."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from typing import Any

import orjson
import pytest
from pgkit import fresh_schema
from strategies import SEED_STORY
from test_follow_file import LEAK, _lines

from missionlog import MissionLog
from missionlog.follow import follow_postgres

WRITER = r"""
import sys
from missionlog import MissionLog
url, index = sys.argv[1], int(sys.argv[2])
with MissionLog.open(url) as log:
    for k in range(25):
        log.append([{"type": "note", "occurred_at": f"2023-03-01T00:{k:02d}:{index:02d}Z",
                     "text": f"writer {index} note {k}"}])
"""


@pytest.fixture
def url() -> Iterator[str]:
    with fresh_schema() as found:
        with MissionLog.open(found, create=True) as log:
            log.append(list(SEED_STORY))
        yield found


def collect(batches: Iterator[list[dict[str, Any]]], count: int) -> list[dict[str, Any]]:
    seen: list[dict[str, Any]] = []
    while len(seen) < count:
        seen.extend(next(batches))
    return seen


@pytest.mark.slow
def test_a_follower_sees_every_event_of_concurrent_writers_once_in_order_and_resumes(
    url: str,
) -> None:
    started: list[int] = []
    batches = follow_postgres(url, len(SEED_STORY), wait_s=30, started=started.append)
    writers = [subprocess.Popen([sys.executable, "-c", WRITER, url, str(index)],
                                stderr=subprocess.PIPE, text=True) for index in range(3)]
    try:
        first = collect(batches, 40)  # stop part way, as a cut connection would
    finally:
        batches.close()
    assert started == [len(SEED_STORY)]
    resumed = follow_postgres(url, first[-1]["position"], wait_s=30)
    try:
        rest = collect(resumed, 75 - len(first))
    finally:
        resumed.close()
    for writer in writers:
        _out, err = writer.communicate(timeout=120)
        assert writer.returncode == 0, err
    seen = first + rest
    assert [e["position"] for e in seen] == list(range(len(SEED_STORY) + 1,
                                                       len(SEED_STORY) + 76))
    assert sorted(e["text"] for e in seen) == sorted(
        f"writer {i} note {k}" for i in range(3) for k in range(25))


@pytest.mark.slow
def test_the_follow_command_on_postgresql_prints_new_events(url: str) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MISSIONLOG")}
    follower = subprocess.Popen([sys.executable, "-m", "missionlog", "follow", "--db", url,
                                 "--json", "--after", "3"], text=True, env=env,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        assert follower.stderr is not None and follower.stdout is not None
        assert follower.stderr.readline().startswith("following ")
        lines = _lines(follower.stdout)
        backlog = [orjson.loads(lines.get(timeout=20))["position"]
                   for _ in range(len(SEED_STORY) - 3)]
        assert backlog == list(range(4, len(SEED_STORY) + 1))
        with MissionLog.open(url) as log:
            position = log.append([LEAK]).last_position
        printed = orjson.loads(lines.get(timeout=20))
        assert (printed["position"], printed["event_id"]) == (position, LEAK["event_id"])
    finally:
        follower.terminate()
        follower.wait(10)
        for pipe in (follower.stdout, follower.stderr):
            if pipe is not None:
                pipe.close()
