"""The HTTP service under load: appends from 8 concurrent clients, and follow latency.

Issue 15 asks for >= 2,000 events/s appended over HTTP by 8 concurrent clients on this
2-core machine, and for `follow` to show an event less than 100 ms (median) after its
commit. This starts a real `missionlog serve` process on a fresh log and measures:

- single: 8 client *processes* (not threads: each client's CPU is its own process's and
  competes for the same 2 cores as the server, as a real client on this machine would)
  each POST one event a request over one keep-alive connection (the standard
  library's http.client: the lightest Python client), every request durable and
  acknowledged before the next. Reported: events/s over the wall time from a common
  start to the last acknowledgement, request latency, and the CPU time per request of
  the server and of the clients (from /proc and getrusage), which says where the 2
  cores went;
- batched: 8 client threads (httpx) sending --batch events a request (not counted as
  single appends);
- follow latency: a `missionlog follow --json` process (over HTTP, and on the file)
  prints events to a pipe; this script appends one event every 50 ms and times from
  just before the POST (or the local append) to the line arriving on the pipe. The
  acknowledgement is also timed, so the commit lies between the two clocks.

    python scripts/bench_http.py                  # prints one JSON document
    python scripts/bench_http.py --only single --profile-server out.svg   # py-spy
"""

from __future__ import annotations

import argparse
import os
import queue
import resource
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


def _client_process(port: int, token: str, number: int, per_client: int,
                    start: Any, out: Any) -> None:
    """One client: PER_CLIENT one-event POSTs on one keep-alive connection, from START."""
    import http.client

    connection = http.client.HTTPConnection("127.0.0.1", port)
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    connection.connect()
    latencies = []
    start.wait()
    cpu = resource.getrusage(resource.RUSAGE_SELF)
    for index in range(per_client):
        body = orjson.dumps(_note(f"p{number}", index))
        began = time.perf_counter()
        connection.request("POST", "/events", body, headers)
        response = connection.getresponse()
        answer = response.read()
        latencies.append(time.perf_counter() - began)
        if response.status != 200:
            out.put(("error", answer.decode()))
            return
    after = resource.getrusage(resource.RUSAGE_SELF)
    used = (after.ru_utime + after.ru_stime) - (cpu.ru_utime + cpu.ru_stime)
    out.put(("done", time.perf_counter(), used, latencies))


def _server_cpu_s(pid: int) -> float:
    """User + system CPU seconds the server process has used (its threads included)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def durable_commit_ms(folder: Path, count: int = 200) -> float:
    """Median time of one durable one-row commit (WAL, synchronous=FULL) in FOLDER: with
    8 clients each waiting for its acknowledgement, a group commit carries at most 8
    events, so 8 / this bounds the single-append rate however little CPU it needs."""
    import sqlite3

    connection = sqlite3.connect(folder / "commit-probe.db", isolation_level=None)
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("PRAGMA synchronous=FULL")
    connection.execute("CREATE TABLE IF NOT EXISTS t (a INTEGER)")
    times = []
    for index in range(count):
        began = time.perf_counter()
        connection.execute("BEGIN IMMEDIATE")
        connection.execute("INSERT INTO t VALUES (?)", [index])
        connection.execute("COMMIT")
        times.append(time.perf_counter() - began)
    connection.close()
    return round(statistics.median(times) * 1000, 3)


def single_appends(port: int, token: str, per_client: int, server_pid: int) -> dict[str, Any]:
    """CLIENTS processes, each appending PER_CLIENT events one a request."""
    import multiprocessing

    context = multiprocessing.get_context("fork")
    start, out = context.Event(), context.Queue()
    processes = [context.Process(target=_client_process,
                                 args=(port, token, n, per_client, start, out))
                 for n in range(CLIENTS)]
    for process in processes:
        process.start()
    time.sleep(1.0)  # every client connected and waiting
    server_before = _server_cpu_s(server_pid)
    began = time.perf_counter()
    start.set()
    finished, client_cpu, latencies = [], 0.0, []
    for _ in processes:
        message = out.get(timeout=600)
        if message[0] == "error":
            raise SystemExit(f"append failed: {message[1]}")
        finished.append(message[1])
        client_cpu += message[2]
        latencies.extend(message[3])
    elapsed = max(finished) - began
    server_cpu = _server_cpu_s(server_pid) - server_before
    for process in processes:
        process.join(10)
    total = CLIENTS * per_client
    latencies.sort()
    return {"clients": f"{CLIENTS} processes (http.client, keep-alive)",
            "events_per_request": 1, "events": total, "seconds": round(elapsed, 3),
            "events_per_s": round(total / elapsed),
            "request_ms_median": round(statistics.median(latencies) * 1000, 2),
            "request_ms_p99": round(latencies[int(len(latencies) * 0.99)] * 1000, 2),
            "server_cpu_ms_per_request": round(server_cpu / total * 1000, 3),
            "client_cpu_ms_per_request": round(client_cpu / total * 1000, 3),
            "load_average_after": os.getloadavg()}


def _fanout_process(port: int, token: str, followers: int, after: int, expected: int,
                    ready: Any, out: Any) -> None:
    """FOLLOWERS event streams on raw sockets in one process (a selector): when each
    position arrived on every stream."""
    import selectors
    import socket

    request = (f"GET /events/stream?after={after} HTTP/1.1\r\nHost: bench\r\n"
               f"Authorization: Bearer {token}\r\nAccept: text/event-stream\r\n\r\n").encode()
    selector = selectors.DefaultSelector()
    for number in range(followers):
        sock = socket.create_connection(("127.0.0.1", port))
        sock.sendall(request)
        sock.setblocking(False)
        selector.register(sock, selectors.EVENT_READ, number)
    ready.set()
    arrivals: dict[int, list[float]] = {}
    pending = [b""] * followers
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        for key, _ in selector.select(timeout=1):
            data = key.fileobj.recv(65536)  # type: ignore[union-attr]
            now = time.perf_counter()
            text = pending[key.data] + data
            lines = text.split(b"\n")
            pending[key.data] = lines.pop()
            for line in lines:
                if line.startswith(b"id: "):
                    arrivals.setdefault(int(line[4:]), []).append(now)
        if len(arrivals) >= expected and all(len(v) == followers
                                             for v in arrivals.values()):
            break
    out.put(arrivals)


def fanout(port: int, token: str, followers: int, events: int,
           server_pid: int) -> dict[str, Any]:
    """FOLLOWERS streams open on the server; EVENTS appended one at a time, 200 ms apart:
    from each append's acknowledgement to its arrival on every stream."""
    import http.client
    import multiprocessing

    def rss_mb() -> float:
        for line in Path(f"/proc/{server_pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
        return 0.0

    connection = http.client.HTTPConnection("127.0.0.1", port)
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    connection.request("GET", "/head", headers=headers)
    after = orjson.loads(connection.getresponse().read())["last_position"]
    rss_before = rss_mb()
    context = multiprocessing.get_context("fork")
    ready, out = context.Event(), context.Queue()
    process = context.Process(target=_fanout_process,
                              args=(port, token, followers, after, events, ready, out))
    process.start()
    ready.wait(120)
    time.sleep(2)  # every stream has connected and read its (empty) first page
    rss_connected = rss_mb()
    cpu_before = _server_cpu_s(server_pid)
    acked: dict[int, float] = {}
    for index in range(events):
        connection.request("POST", "/events", orjson.dumps(_note("fan", index)), headers)
        answer = orjson.loads(connection.getresponse().read())
        acked[answer["last_position"]] = time.perf_counter()
        time.sleep(0.2)
    arrivals = out.get(timeout=180)
    cpu = _server_cpu_s(server_pid) - cpu_before
    process.join(10)
    every = [(max(arrivals[p]) - t) * 1000 for p, t in acked.items()
             if len(arrivals.get(p, [])) == followers]
    each = sorted((when - t) * 1000 for p, t in acked.items() for when in arrivals.get(p, []))
    return {"followers": followers, "events": events,
            "delivered_to_all": len(every),
            "ms_median_ack_to_one_follower": round(statistics.median(each), 1),
            "ms_median_ack_to_last_follower": round(statistics.median(every), 1),
            "ms_max_ack_to_last_follower": round(max(every), 1),
            "server_cpu_ms_per_event": round(cpu / events * 1000, 1),
            "server_rss_mb_idle": round(rss_before, 1),
            "server_rss_mb_per_1000_streams": round(
                (rss_connected - rss_before) / followers * 1000, 1),
            "load_average_after": os.getloadavg()}


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
    parser.add_argument("--followers", type=int, default=1000,
                        help="event streams held open in the fan-out run")
    parser.add_argument("--only", choices=["single", "batched", "follow", "fanout"],
                        action="append",
                        help="run only these parts (repeatable)")
    parser.add_argument("--profile-server", type=Path, default=None,
                        help="record the server with py-spy during the single run "
                             "(a flame graph; collapsed stacks if the name ends in .txt)")
    args = parser.parse_args()
    parts = set(args.only or ["single", "batched", "follow", "fanout"])
    with tempfile.TemporaryDirectory() as scratch:
        db = Path(scratch) / "bench.db"
        with MissionLog.open(db, create=True) as log:
            token = TokenStore(log.store.db).create("bench", "append")
        # No rate limit: one token drives thousands of requests a second here.
        server = benchkit.serve(db, args.port, "--rate-limit", "0")
        url = f"http://127.0.0.1:{args.port}"
        results: dict[str, Any] = {"machine": benchkit.machine()}
        try:
            if "single" in parts:
                spy = None
                if args.profile_server is not None:
                    spy = subprocess.Popen(["py-spy", "record", "--pid", str(server.pid),
                                            "--output", str(args.profile_server),
                                            "--format", "raw" if args.profile_server.suffix
                                            == ".txt" else "flamegraph",
                                            "--threads", "--rate", "250"],
                                           stdout=subprocess.DEVNULL,
                                           stderr=subprocess.DEVNULL)
                    time.sleep(1)
                commit_ms = durable_commit_ms(Path(scratch))
                results["single"] = single_appends(args.port, token, args.per_client,
                                                   server.pid)
                results["single"]["durable_commit_ms_median_before"] = commit_ms
                results["single"]["durable_commit_ms_median_after"] = durable_commit_ms(
                    Path(scratch))
                if spy is not None:
                    spy.send_signal(2)
                    spy.wait(60)
            if "batched" in parts:
                results["batched"] = appends(url, token, args.per_client * 4, args.batch, "b")
            if "follow" in parts:
                results["follow_http"] = follow_latency(db, url, token, args.follow)
                results["follow_file"] = follow_latency(db, None, token, args.follow)
            if "fanout" in parts:
                results["fanout"] = fanout(args.port, token, args.followers, 20, server.pid)
        finally:
            server.terminate()
            server.wait(10)
    print(orjson.dumps(results, option=orjson.OPT_INDENT_2).decode())


if __name__ == "__main__":
    main()
