"""Point-in-time queries: MissionLog.state / .station at random times on a large log.

Issue 3 asks for `state`/`station` at a random time on a 1,000,000-event log in
under 50 ms median: a query loads the newest checkpoint at or before --at and
folds only the events after it (writer.CHECKPOINT_EVERY per checkpoint), so
its cost should not depend on the log's length. Times and subjects are drawn
with a fixed seed: a vehicle query names a vehicle that has launched by then.

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


def timed_queries(fn: Any, pairs: Pairs) -> dict[str, Any]:
    samples = []
    for name, at in pairs:
        start = time.perf_counter()
        fn(name, at=at)
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
        "events": log.count(),
        "open_ms": open_s * 1000,
        "first_query_after_open_ms": first_s * 1000,
    }
    benchkit.log(f"{args.queries} state queries on {db.name}")
    results["state"] = benchkit.profile_to(
        args.profile, lambda: timed_queries(log.state, vehicles)
    )
    benchkit.log(f"{args.queries} station queries")
    results["station"] = timed_queries(log.station, places)
    log.close()
    benchkit.report("query", results, args.json)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
