"""Group commit: requests queued while the writer is busy land in one transaction, each
with the answer it would have had alone, and a refused one sinks none of the others."""

from __future__ import annotations

import threading
import time
from typing import Any

import httpx
from strategies import SEED_STORY

from missionlog import MissionLog

LEAK = {"type": "leak_detected", "occurred_at": "2023-02-12T00:00:00Z",
        "vehicle": "Progress 82", "system": "propellant", "severity": "minor",
        "event_id": "ms21-minor-leak"}


def _note(name: str) -> dict[str, Any]:
    return {"type": "note", "occurred_at": "2023-02-12T10:00:00Z", "text": name,
            "event_id": name}


def test_queued_requests_land_together_with_their_own_answers(served: Any) -> None:
    runtime = served.app.state.runtime
    release = threading.Event()
    runtime.writer.submit(lambda log: release.wait(30))  # the writer is busy
    bodies: list[Any] = [
        [_note("a1"), _note("a2")],
        _note("b1"),
        [_note("a2"), _note("c1")],                # a2 again: skipped, as if alone
        [{**LEAK, "severity": "cosmic"}],          # refused: not a severity
        LEAK,
    ]
    answers: list[httpx.Response | None] = [None] * len(bodies)
    headers = {"Authorization": f"Bearer {served.tokens['append']}"}

    def send(index: int) -> None:
        answers[index] = httpx.post(f"{served.url}/events", json=bodies[index],
                                    headers=headers, timeout=60)

    threads = []
    for index in range(len(bodies)):  # one at a time, so the queue keeps their order
        threads.append(threading.Thread(target=send, args=(index,)))
        threads[-1].start()
        deadline = time.monotonic() + 20
        while runtime.appends._pending.qsize() < index + 1:
            assert time.monotonic() < deadline, "the request never queued"
            time.sleep(0.005)
    release.set()
    for thread in threads:
        thread.join(60)
    statuses = [a.status_code if a is not None else None for a in answers]
    assert statuses == [200, 200, 200, 422, 200]

    with MissionLog.open(served.db) as log:
        stored = list(log.log())
    start = len(SEED_STORY)
    assert [e["event_id"] for e in stored[start:]] == ["a1", "a2", "b1", "c1",
                                                       "ms21-minor-leak"]
    recorded = {e["recorded_at"] for e in stored[start:]}
    assert len(recorded) == 1, "one transaction, one instant on the known-at clock"
    results = [a.json() for a in answers if a is not None and a.status_code == 200]
    assert results == [
        {"appended": 2, "skipped": 0, "first_position": start + 1,
         "last_position": start + 2, "streams": {"log": 2}},
        {"appended": 1, "skipped": 0, "first_position": start + 3,
         "last_position": start + 3, "streams": {"log": 3}},
        {"appended": 1, "skipped": 1, "first_position": start + 4,
         "last_position": start + 4, "streams": {"log": 4}},
        {"appended": 1, "skipped": 0, "first_position": start + 5,
         "last_position": start + 5, "streams": {"Progress MS-21": 4}},
    ]
    assert answers[3] is not None and answers[3].json()["error"] == "invalid_event"


def test_a_history_conflict_in_a_group_refuses_only_its_request(served: Any) -> None:
    runtime = served.app.state.runtime
    release = threading.Event()
    runtime.writer.submit(lambda log: release.wait(30))
    bodies = [_note("x1"), {**LEAK, "vehicle": "Progress 99"}, _note("x2")]
    answers: list[Any] = [None] * len(bodies)
    headers = {"Authorization": f"Bearer {served.tokens['append']}"}

    def send(index: int) -> None:
        answers[index] = httpx.post(f"{served.url}/events", json=bodies[index],
                                    headers=headers, timeout=60)

    threads = [threading.Thread(target=send, args=(i,)) for i in range(len(bodies))]
    for thread in threads:
        thread.start()
    deadline = time.monotonic() + 20
    while runtime.appends._pending.qsize() < len(bodies):
        assert time.monotonic() < deadline, "the requests never queued"
        time.sleep(0.005)
    release.set()
    for thread in threads:
        thread.join(60)
    assert sorted(a.status_code for a in answers) == [200, 200, 409]
    assert answers[1].json()["error"] == "unknown_name"
    with MissionLog.open(served.db) as log:
        texts = [e["text"] for e in log.log(types=["note"])]
    assert sorted(texts) == ["x1", "x2"]
