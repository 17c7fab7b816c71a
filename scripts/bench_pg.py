"""missionlog on PostgreSQL against the `eventsourcing` library's PostgreSQL module, in one
run on the same server, plus `follow` latency over LISTEN/NOTIFY (issue 15's targets).

- single durable appends: `MissionLog.append([event])`, one transaction each, against
  eventsourcing's `app.save(aggregate)` of one new event (target: at least as fast);
- bulk import: `import_lines` of the synthetic log (validate, fold, hash, COPY) against
  eventsourcing's `app.save(*aggregates)` of as many events, 5,000 a transaction (see
  ES_SAVE_AGGREGATES) (target: at least twice its rate);
- follow latency: a `missionlog follow --json` process on the log, an event appended,
  the time until its line reaches the reader (target: under 100 ms median).

The two libraries' rounds alternate (A, B, A, B, ...) so machine load hits both alike.
Needs a venv with missionlog and eventsourcing[postgres]==9.5.6 (kept out of the
project's dependencies), e.g.:

    python3 -m venv /tmp/pg-benchvenv
    /tmp/pg-benchvenv/bin/pip install 'eventsourcing[postgres]==9.5.6' -e .
    /tmp/pg-benchvenv/bin/python scripts/bench_pg.py [--singles 500] [--bulk 20000]

Each side works in its own fresh schema of the `test` database on 127.0.0.1:5432
(MISSIONLOG_BENCH_PG to change), dropped afterwards.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import queue
import secrets
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import orjson
import psycopg

sys.path.insert(0, str(Path(__file__).resolve().parent))
from benchkit import machine, synth_file

ADMIN = os.environ.get("MISSIONLOG_BENCH_PG", "postgresql://root@127.0.0.1:5432/test")


@contextmanager
def schema() -> Iterator[str]:
    name = f"bench_pg_{secrets.token_hex(4)}"
    with psycopg.connect(ADMIN, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {name}")
    try:
        yield name
    finally:
        with psycopg.connect(ADMIN, autocommit=True) as conn:
            conn.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                         "WHERE application_name = %s", [f"missionlog {name}"])
            conn.execute(f"DROP SCHEMA {name} CASCADE")


# ---- missionlog ----------------------------------------------------------------------


LAUNCH = {"type": "launched", "vehicle": "Progress X", "vehicle_class": "progress",
          "occurred_at": "2020-01-01T00:00:00Z"}


def ml_single_events(count: int) -> list[dict[str, Any]]:
    """Events of one stream (as eventsourcing's side appends to one aggregate): minor
    leaks reported on one Progress, a second apart."""
    return [{"type": "leak_detected", "vehicle": "Progress X", "system": "propellant",
             "severity": "minor", "occurred_at": f"2020-01-02T{(i // 3600) % 24:02d}:"
             f"{(i // 60) % 60:02d}:{i % 60:02d}Z"} for i in range(count)]


def ml_singles(count: int) -> float:
    from missionlog import MissionLog

    events = ml_single_events(count)
    with schema() as name, MissionLog.open(f"{ADMIN}?schema={name}", create=True) as log:
        log.append([LAUNCH])
        start = time.perf_counter()
        for event in events:
            log.append([event])
        return time.perf_counter() - start


def ml_bulk(lines: list[bytes]) -> float:
    from missionlog import MissionLog

    with schema() as name, MissionLog.open(f"{ADMIN}?schema={name}", create=True) as log:
        start = time.perf_counter()
        result = log.import_lines(lines)
        elapsed = time.perf_counter() - start
        assert result.appended == len(lines), result
        return elapsed


# ---- eventsourcing -------------------------------------------------------------------


def es_app(name: str) -> Any:
    from eventsourcing.application import Application

    user = ADMIN.split("//", 1)[1].split("@", 1)[0]
    host_port, dbname = ADMIN.rsplit("@", 1)[1].split("/", 1)
    host, port = host_port.split(":")
    return Application(env={
        "PERSISTENCE_MODULE": "eventsourcing.postgres", "POSTGRES_DBNAME": dbname,
        "POSTGRES_HOST": host, "POSTGRES_PORT": port, "POSTGRES_USER": user,
        "POSTGRES_PASSWORD": "", "POSTGRES_SCHEMA": name, "CREATE_TABLE": "y"})


@functools.cache  # eventsourcing registers each class once by its topic
def es_aggregate_class() -> Any:
    from eventsourcing.domain import Aggregate, event

    class Vehicle(Aggregate):
        """One aggregate per vehicle; each event carries the same body missionlog stores."""

        @event("Registered")
        def __init__(self, name: str) -> None:
            self.name = name

        @event("Recorded")
        def record(self, body: dict[str, Any]) -> None:
            self.last = body

    return Vehicle


def es_singles(count: int) -> float:
    vehicle = es_aggregate_class()
    events = ml_single_events(count)
    with schema() as name:
        app = es_app(name)
        aggregate = vehicle(name="Progress X")
        app.save(aggregate)
        start = time.perf_counter()
        for body in events:
            aggregate.record(body=body)
            app.save(aggregate)
        elapsed = time.perf_counter() - start
        app.close()
        return elapsed


# One save() of 2,000 aggregates (20,000 events) hung here (the server waiting on the
# client in its INSERT, the client asleep, for 15 minutes); 5,000 events a save() works.
ES_SAVE_AGGREGATES = 500


def es_bulk(lines: list[bytes]) -> float:
    vehicle = es_aggregate_class()
    bodies = [orjson.loads(line) for line in lines]
    with schema() as name:
        app = es_app(name)
        aggregates = []
        for first in range(0, len(bodies), 10):  # 10 events an aggregate: 1 + 9 recorded
            aggregate = vehicle(name=f"v{first}")
            for body in bodies[first + 1:first + 10]:
                aggregate.record(body=body)
            aggregates.append(aggregate)
        start = time.perf_counter()
        for first in range(0, len(aggregates), ES_SAVE_AGGREGATES):
            app.save(*aggregates[first:first + ES_SAVE_AGGREGATES])
        elapsed = time.perf_counter() - start
        app.close()
        return elapsed


# ---- follow latency ------------------------------------------------------------------


def follow_latency(samples: int) -> tuple[list[float], list[float]]:
    """(append returned -> line read, append called -> line read) in ms, per event."""
    from missionlog import MissionLog

    with schema() as name:
        url = f"{ADMIN}?schema={name}"
        MissionLog.open(url, create=True).close()
        follower = subprocess.Popen(
            [sys.executable, "-m", "missionlog", "follow", "--db", url, "--json"],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        assert follower.stderr is not None and follower.stdout is not None
        assert follower.stderr.readline().startswith("following")
        received: queue.Queue[tuple[float, int]] = queue.Queue()

        def pump() -> None:
            assert follower.stdout is not None
            for line in follower.stdout:
                received.put((time.perf_counter(), orjson.loads(line)["position"]))

        threading.Thread(target=pump, daemon=True).start()
        after_commit: list[float] = []
        after_call: list[float] = []
        try:
            with MissionLog.open(url) as log:
                for i in range(samples):
                    called = time.perf_counter()
                    position = log.append([{"type": "note", "text": f"sample {i}",
                                            "occurred_at": "2023-01-01T00:00:00Z"}]
                                          ).last_position
                    returned = time.perf_counter()
                    seen, got = received.get(timeout=10)
                    assert got == position, (got, position)
                    after_commit.append((seen - returned) * 1000)
                    after_call.append((seen - called) * 1000)
                    time.sleep(0.02)
        finally:
            follower.terminate()
            follower.wait(10)
        return after_commit, after_call


# ---- the run -------------------------------------------------------------------------


def alternate(rounds: int, sides: dict[str, Callable[[], float]]) -> dict[str, list[float]]:
    times: dict[str, list[float]] = {side: [] for side in sides}
    for _ in range(rounds):
        for side, run in sides.items():
            times[side].append(run())
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--singles", type=int, default=500)
    parser.add_argument("--bulk", type=int, default=20_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--follow", type=int, default=100)
    args = parser.parse_args()
    from importlib.metadata import version

    with psycopg.connect(ADMIN) as conn:
        server = conn.execute("SHOW server_version").fetchone()[0]  # type: ignore[index]
        synchronous = conn.execute("SHOW synchronous_commit").fetchone()[0]  # type: ignore[index]
    report: dict[str, Any] = {
        "machine": machine(), "postgresql": server, "synchronous_commit": synchronous,
        "eventsourcing": version("eventsourcing"), "psycopg": version("psycopg"),
        "args": vars(args),
    }
    print(json.dumps(report), flush=True)
    singles = alternate(args.rounds, {
        "missionlog append([event])": lambda: ml_singles(args.singles),
        "eventsourcing save(aggregate)": lambda: es_singles(args.singles),
    })
    lines = synth_file(args.bulk).read_bytes().splitlines()
    bulk = alternate(args.rounds, {
        "missionlog import_lines (COPY)": lambda: ml_bulk(lines),
        "eventsourcing save(*aggregates)": lambda: es_bulk(lines),
    })
    after_commit, after_call = follow_latency(args.follow)
    results = {
        "single appends /s (median of rounds)": {
            side: round(args.singles / statistics.median(t)) for side, t in singles.items()},
        "bulk events /s (median of rounds)": {
            side: round(len(lines) / statistics.median(t)) for side, t in bulk.items()},
        "follow ms, append returned -> line read": {
            "median": round(statistics.median(after_commit), 2),
            "p95": round(statistics.quantiles(after_commit, n=20)[18], 2)},
        "follow ms, append called -> line read": {
            "median": round(statistics.median(after_call), 2),
            "p95": round(statistics.quantiles(after_call, n=20)[18], 2)},
        "load_average_after": os.getloadavg(),
    }
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
