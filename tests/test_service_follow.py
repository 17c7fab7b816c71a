"""Live follow over HTTP: several clients append at once while others follow the event
stream; every acknowledged event is in the log exactly once, and every follower sees
all of them in position order, also across a cut connection and a server restart."""

from __future__ import annotations

import threading
from itertools import islice
from pathlib import Path
from typing import Any

import httpx
import pytest
from servicekit import ThreadServer, make_token
from strategies import SEED_STORY

from missionlog import MissionLog
from missionlog.client import HttpLog

WRITERS, PER_WRITER = 4, 30


def _note(writer: int, index: int) -> dict[str, Any]:
    return {"type": "note", "occurred_at": f"2023-03-01T{writer:02d}:{index:02d}:00Z",
            "text": f"writer {writer} note {index}", "event_id": f"w{writer}-n{index}"}


def _write(url: str, token: str, writer: int, acked: list[str]) -> None:
    """Single appends and small batches, each acknowledged before it is counted."""
    with httpx.Client(base_url=url, headers={"Authorization": f"Bearer {token}"}) as http:
        index = 0
        while index < PER_WRITER:
            size = 1 if index % 4 else 3
            batch = [_note(writer, i) for i in range(index, min(index + size, PER_WRITER))]
            response = http.post("/events", json=batch)
            assert response.status_code == 200, response.text
            assert response.json()["appended"] == len(batch)
            acked.extend(e["event_id"] for e in batch)
            index += len(batch)


def _follow(url: str, token: str, start: int, total: int, seen: list[dict[str, Any]],
            cut_after: int | None = None) -> None:
    """Follow until TOTAL events arrived; with CUT_AFTER, drop the connection after that
    many and resume from the last position seen (Last-Event-ID)."""
    with HttpLog(url, token) as log:
        if cut_after is not None:
            stream = log.follow(start)
            seen.extend(islice(stream, cut_after))
            stream.close()  # closes the HTTP connection
            start = seen[-1]["position"]
        for event in log.follow(start):
            seen.append(event)
            if len(seen) >= total:
                return


def _stored(db: Path) -> list[dict[str, Any]]:
    with MissionLog.open(db) as log:
        return list(log.log())


def test_concurrent_appenders_and_followers_see_every_event_once_in_order(served: Any) -> None:
    start, total = len(SEED_STORY), WRITERS * PER_WRITER
    acked: list[list[str]] = [[] for _ in range(WRITERS)]
    seen: list[list[dict[str, Any]]] = [[] for _ in range(3)]
    read = served.tokens["read"]
    followers = [
        threading.Thread(target=_follow, args=(served.url, read, start, total, seen[0])),
        threading.Thread(target=_follow, args=(served.url, read, start, total, seen[1], 17)),
        threading.Thread(target=_follow, args=(served.url, read, start, total, seen[2], 61)),
    ]
    writers = [threading.Thread(target=_write, args=(served.url, served.tokens["append"], w,
                                                     acked[w])) for w in range(WRITERS)]
    for thread in followers + writers:
        thread.daemon = True
        thread.start()
    for thread in writers + followers:
        thread.join(120)
        assert not thread.is_alive()

    stored = _stored(served.db)
    ids = [e["event_id"] for e in stored[start:]]
    assert sorted(ids) == sorted(i for w in acked for i in w)
    assert len(set(ids)) == total
    assert [e["position"] for e in stored] == list(range(1, start + total + 1))
    for follower in seen:
        assert [e["position"] for e in follower] == list(range(start + 1, start + total + 1))
        assert follower == stored[start:]


def test_last_event_id_resumes_exactly_after_that_position(served: Any) -> None:
    headers = {"Authorization": f"Bearer {served.tokens['read']}", "Last-Event-ID": "14"}
    ids: list[str] = []
    with httpx.stream("GET", f"{served.url}/events/stream", headers=headers,
                      params={"after": 2}) as response:
        assert response.headers["content-type"].startswith("text/event-stream")
        for line in response.iter_lines():
            if line.startswith("id:"):
                ids.append(line.split(":", 1)[1].strip())
            if len(ids) == len(SEED_STORY) - 14:
                break
    assert ids == [str(p) for p in range(15, len(SEED_STORY) + 1)]


def test_the_stream_filters_by_type_and_keeps_positions_as_ids(served: Any) -> None:
    with HttpLog(served.url, served.tokens["read"]) as log:
        docked = list(islice(log.follow(0, types=["docked"]), 4))
    stored = [e for e in _stored(served.db) if e["type"] == "docked"]
    assert docked == stored[:4]


@pytest.mark.slow
def test_a_follower_resumes_across_a_server_restart(iss: MissionLog, db_path: Path) -> None:
    read, append = make_token(db_path, "r", "read"), make_token(db_path, "a", "append")
    server = ThreadServer(db_path).start()
    port = server.port
    seen: list[dict[str, Any]] = []
    start = len(SEED_STORY)
    follower = threading.Thread(target=_follow, args=(server.url, read, start, 6, seen),
                                daemon=True)
    follower.start()
    headers = {"Authorization": f"Bearer {append}"}
    for i in range(3):
        assert httpx.post(f"{server.url}/events", headers=headers,
                          json=_note(1, i)).status_code == 200
    server.stop()  # every open stream ends; the follower keeps retrying
    with MissionLog.open(db_path) as log:  # appended while no server runs
        log.append([_note(2, 0)])
    server = ThreadServer(db_path, port=port).start()
    try:
        for i in range(2):
            assert httpx.post(f"{server.url}/events", headers=headers,
                              json=_note(3, i)).status_code == 200
        follower.join(60)
        assert not follower.is_alive()
    finally:
        server.stop()
    assert [e["position"] for e in seen] == list(range(start + 1, start + 7))
    assert seen == _stored(db_path)[start:]
