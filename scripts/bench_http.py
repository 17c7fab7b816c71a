"""The HTTP service under load: appends from 8 concurrent clients, and follow latency.

Issue 15 asks for >= 2,000 events/s appended over HTTP by 8 concurrent clients on this
2-core machine, and for `follow` to show an event less than 100 ms (median) after its
commit. This starts a real `missionlog serve` process on a fresh log and measures:

- appends: 8 client threads (one httpx.Client each) POST notes, one event a request
  and then batches of --batch events a request; every request is durable (its own
  commit) and acknowledged before the next;
- follow latency: a `missionlog follow --json` process (over HTTP, and on the file)
  prints events to a pipe; this script appends one event every 50 ms and times from
  just before the POST (or the local append) to the line arriving on the pipe. The
  acknowledgement is also timed, so the commit lies between the two clocks.

    python scripts/bench_http.py                  # prints one JSON document
"""

from __future__ import annotations

import argparse
import os
import queue
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import httpx
import orjson

sys.path.insert(0, str(Path(__file__).resolve().parent))
import benchkit

from missionlog.api import MissionLog
from missionlog.store.tokens import TokenStore

CLIENTS = 8


def _note(tag: str, index: int) -> dict[str, Any]:
    return {"type": "note", "occurred_at": "2023-02-12T10:00:00Z", "text": f"{tag} {index}",
            "event_id": f"{tag}-{index}"}


def appends(url: str, token: str, per_client: int, batch: int, tag: str) -> dict[str, Any]:
    """CLIENTS threads, each appending PER_CLIENT events in requests of BATCH events."""
    latencies: list[float] = []
    lock = threading.Lock()

    def client(number: int) -> None:
        mine: list[float] = []
        with httpx.Client(base_url=url, headers={"Authorization": f"Bearer {token}"}) as http:
            for first in range(0, per_client, batch):
                events = [_note(f"{tag}{number}", i)
                          for i in range(first, min(first + batch, per_client))]
                start = time.perf_counter()
                response = http.post("/events", json=events)
                mine.append(time.perf_counter() - start)
                if response.status_code != 200 or response.json()["appended"] != len(events):
                    raise SystemExit(f"append failed: {response.text}")
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=client, args=(n,)) for n in range(CLIENTS)]
    start = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - start
    total = CLIENTS * per_client
    return {"clients": CLIENTS, "events_per_request": batch, "events": total,
            "seconds": round(elapsed, 3), "events_per_s": round(total / elapsed),
            "request_ms_median": round(statistics.median(latencies) * 1000, 2),
            "request_ms_p99": round(sorted(latencies)[int(len(latencies) * 0.99)] * 1000, 2)}


def follow_latency(db: Path, url: str | None, token: str, count: int) -> dict[str, Any]:
    """Time from an append to its line on a `missionlog follow --json` pipe."""
    env = {**os.environ, "MISSIONLOG_TOKEN": token}
    target = url or str(db)
    follower = subprocess.Popen([benchkit.PYTHON, "-m", "missionlog", "follow", "--db", target,
                                 "--json"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                env=env)
    assert follower.stderr is not None and follower.stdout is not None
    follower.stderr.readline()  # "following ... after position N": the start is fixed
    arrived: queue.Queue[tuple[float, str]] = queue.Queue()
    out = follower.stdout

    def pump() -> None:
        for line in out:
            arrived.put((time.perf_counter(), orjson.loads(line)["event_id"]))

    threading.Thread(target=pump, daemon=True).start()
    sent: dict[str, tuple[float, float]] = {}
    tag = "followed-http" if url else "followed-file"
    local = None if url else MissionLog.open(db)
    with httpx.Client(base_url=url or "http://unused",
                      headers={"Authorization": f"Bearer {token}"}) as http:
        for index in range(count):
            event = _note(tag, index)
            before = time.perf_counter()
            if local is None:
                http.post("/events", json=event).raise_for_status()
            else:
                local.append([event])
            sent[event["event_id"]] = (before, time.perf_counter())
            time.sleep(0.05)
    from_send, from_ack = [], []
    for _ in range(count):
        when, event_id = arrived.get(timeout=30)
        before, acked = sent[event_id]
        from_send.append((when - before) * 1000)
        from_ack.append((when - acked) * 1000)
    follower.terminate()
    follower.wait(10)
    if local is not None:
        local.close()
    return {"via": "http" if url else "file", "events": count,
            "ms_median_from_send": round(statistics.median(from_send), 2),
            "ms_median_from_ack": round(statistics.median(from_ack), 2),
            "ms_p95_from_send": round(sorted(from_send)[int(count * 0.95)], 2)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-client", type=int, default=500,
                        help="events each client appends one a request")
    parser.add_argument("--batch", type=int, default=50, help="events a request, batched run")
    parser.add_argument("--follow", type=int, default=100, help="events timed to a follower")
    parser.add_argument("--port", type=int, default=8765)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        db = Path(scratch) / "bench.db"
        with MissionLog.open(db, create=True) as log:
            token = TokenStore(log.store.db).create("bench", "append")
        server = benchkit.serve(db, args.port)
        url = f"http://127.0.0.1:{args.port}"
        try:
            results = {
                "machine": benchkit.machine(),
                "single": appends(url, token, args.per_client, 1, "s"),
                "batched": appends(url, token, args.per_client * 4, args.batch, "b"),
                "follow_http": follow_latency(db, url, token, args.follow),
                "follow_file": follow_latency(db, None, token, args.follow),
            }
        finally:
            server.terminate()
            server.wait(10)
    print(orjson.dumps(results, option=orjson.OPT_INDENT_2).decode())


if __name__ == "__main__":
    main()
