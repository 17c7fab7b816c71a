"""Point-in-time queries: MissionLog.state / .station at random times on a large log.

Issue 3 asked for `state`/`station` at a random time on a 1,000,000-event log in
under 50 ms median; issue 13 (W4) for `state`, `station` and `crew` under 1 ms with
current knowledge (interval rows kept by the writer: store/state_intervals.py) and
under 10 ms at a past --known-at (the newest checkpoint built from what was known
then, and the tail folded). Times and subjects are drawn with a fixed seed: a
vehicle query names a vehicle that has launched by then; a --known-at query takes
the recorded time of a random event at or after that vehicle's event.

    python scripts/bench_query.py                        # 1M-event log, 100 of each
    python scripts/bench_query.py --events 100000 --queries 30
"""

from __future__ import annotations

import argparse
import calendar
import random
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
import benchkit

VEHICLE_TYPES = ("launched", "docked", "relocated", "undocked", "landed", "deorbited",
                 "crew_assigned", "decision_recorded")


Pairs = list[tuple[str, str]]


def draw(conn: Any, rng: random.Random, count: int) -> tuple[Pairs, Pairs]:
    """(vehicle, at) pairs from random events of a vehicle, and (station, at) pairs at
    random instants of the log's span."""
    last = conn.execute("SELECT MAX(position) FROM events").fetchone()[0]
    marks = ",".join("?" * len(VEHICLE_TYPES))
    vehicles: list[tuple[str, str]] = []
    while len(vehicles) < count:
        row = conn.execute(
            f"SELECT stream, occurred_at FROM events WHERE position = ? AND type IN ({marks})",
            [rng.randint(1, last), *VEHICLE_TYPES],
        ).fetchone()
        if row:
            vehicles.append((str(row[0]), str(row[1])))
    stations = [str(r[0]) for r in conn.execute(
        "SELECT DISTINCT stream FROM events WHERE type = 'station_configured' ORDER BY 1")]
    first, end = conn.execute(
        "SELECT MAX(occurred_at) FILTER (WHERE type = 'station_configured'), MAX(occurred_at) "
        "FROM events").fetchone()
    lo, hi = (calendar.timegm(time.strptime(t, "%Y-%m-%dT%H:%M:%SZ")) for t in (first, end))
    places = [
        (rng.choice(stations),
         time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(rng.randint(lo, hi))))
        for _ in range(count)
    ]
    return vehicles, places


def knowledge(conn: Any, rng: random.Random, vehicles: Pairs) -> list[tuple[str, str, str]]:
    """(vehicle, at, known_at): a knowledge time when the vehicle's drawn event was known."""
    last = conn.execute("SELECT MAX(position) FROM events").fetchone()[0]
    out = []
    for name, at in vehicles:
        first = conn.execute("SELECT MIN(position) FROM events WHERE stream = ? AND "
                             "occurred_at <= ?", [name, at]).fetchone()[0]
        known = conn.execute("SELECT recorded_at FROM events WHERE position = ?",
                             [rng.randint(first, last)]).fetchone()[0]
        out.append((name, at, str(known)))
    return out


def timed_queries(fn: Any, pairs: Pairs) -> dict[str, Any]:
    samples = []
    for name, at in pairs:
        start = time.perf_counter()
        fn(name, at=at)
        samples.append(time.perf_counter() - start)
    return benchkit.summary_ms(samples)


def timed_calls(calls: list[Any]) -> dict[str, Any]:
    samples = []
    for call in calls:
        start = time.perf_counter()
        call()
        samples.append(time.perf_counter() - start)
    return benchkit.summary_ms(samples)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=1_000_000,
                        help="size of the synthetic log (default 1000000)")
    parser.add_argument("--queries", type=int, default=100,
                        help="queries of each kind (default 100)")
    parser.add_argument("--seed", type=int, default=7, help="seed for times and names (7)")
    parser.add_argument("--profile", type=Path, help="cProfile the state queries here")
    parser.add_argument("--fold", action="store_true",
                        help="answer from the checkpoint fold only (as a file without "
                             "interval rows): the comparison for the interval rows")
    parser.add_argument("--json", type=Path, help="results file (default bench-out/)")
    args = parser.parse_args(argv)

    from missionlog.api import MissionLog

    db = benchkit.synth_db(args.events)
    open_s, log = benchkit.timed(lambda: MissionLog.open(db))
    vehicles, places = draw(log.store.db.conn, random.Random(args.seed), args.queries)
    first_s, _ = benchkit.timed(lambda: log.state(vehicles[0][0], at=vehicles[0][1]))
    for name, at in vehicles[:5]:  # warm the page cache and the statement cache
        log.state(name, at=at)
    results: dict[str, Any] = {
        "answered_by": "checkpoint fold" if args.fold else "interval rows where they can",
        "events": log.count(),
        "open_ms": open_s * 1000,
        "first_query_after_open_ms": first_s * 1000,
    }
    if args.fold:
        log.store.keeps_states = False
    benchkit.log(f"{args.queries} state queries on {db.name}")
    results["state"] = benchkit.profile_to(
        args.profile, lambda: timed_queries(log.state, vehicles)
    )

    benchkit.log(f"{args.queries} station queries")
    results["station"] = timed_queries(log.station, places)
    benchkit.log(f"{args.queries} crew queries")
    results["crew"] = timed_calls([lambda at=at: log.crew(at=at) for _, at in places])
    rng = random.Random(args.seed + 1)
    triples = knowledge(log.store.db.conn, rng, vehicles)
    benchkit.log(f"{args.queries} state queries at a past --known-at")
    results["state_known_at"] = timed_calls(
        [lambda n=n, at=at, k=k: log.state(n, at=at, known_at=k) for n, at, k in triples])
    benchkit.log(f"{args.queries} station and crew queries at a past --known-at")
    results["station_known_at"] = timed_calls(
        [lambda s=s, at=at, k=k: log.station(s, at=at, known_at=k)
         for (s, at), (_, _, k) in zip(places, triples, strict=True)])
    results["crew_known_at"] = timed_calls(
        [lambda at=at, k=k: log.crew(at=at, known_at=k)
         for (_, at), (_, _, k) in zip(places, triples, strict=True)])
    log.close()
    benchkit.report("query", results, args.json)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
