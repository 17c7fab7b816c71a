"""Full replay: MissionLog.replay_world over the whole log, vs raw scans, and its memory.

Issue 3 asks for >= 300,000 events/s replaying into every projection in a warm
process, with peak memory state-sized (flat as the log grows), not log-sized.
In one process this times: the raw SQL scan in replay order (no decode), the
scan plus orjson decode, the store's record stream without the fold, and the
full replay_world (several runs; the first warms the page cache). Peak memory
is measured per log size in a fresh process (peak VmHWM minus RSS after open).

    python scripts/bench_replay.py                      # 1M-event log, sizes 100k and 1M
    python scripts/bench_replay.py --events 100000 --sizes 100000
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
import benchkit

# The replay query of missionlog/store/reads.py (replay order), for the raw floor.
SCAN = (
    "SELECT position, stream, recorded_at, body, event_id FROM events "
    "ORDER BY occurred_at, position"
)


def raw_scan(conn: Any, decode: bool) -> int:
    import orjson

    count = 0
    loads = orjson.loads
    cursor = conn.execute(SCAN)
    while rows := cursor.fetchmany(1000):
        count += len(rows)
        if decode:
            for row in rows:
                loads(row[3])
    return count


def timed_rate(label: str, fn: Callable[[], int]) -> dict[str, Any]:
    benchkit.log(f"  {label}")
    start = time.perf_counter()
    cpu = time.process_time()
    done = fn()
    seconds = time.perf_counter() - start
    cpu_s = time.process_time() - cpu
    return {"events": done, "seconds": seconds, "cpu_seconds": cpu_s,
            "per_s": done / seconds, "per_s_cpu": done / cpu_s}


def speed(db: Path, runs: int, profile: Path | None) -> dict[str, Any]:
    from missionlog.api import MissionLog

    log = MissionLog.open(db)
    count = log.count()
    conn = log.store.db.conn
    out: dict[str, Any] = {"events": count}
    out["raw_scan"] = timed_rate("raw scan", lambda: raw_scan(conn, False))
    out["raw_scan_orjson"] = timed_rate("raw scan + orjson", lambda: raw_scan(conn, True))
    out["store_records_no_fold"] = timed_rate(
        "store.replay_records, no fold",
        lambda: sum(1 for _ in log.store.replay_records()),
    )
    replays = []
    for run in range(1, runs + 1):
        run_profile = profile if run == runs else None

        def replay_once(run_profile: Path | None = run_profile) -> int:
            benchkit.profile_to(run_profile, log.replay_world)
            return count

        replays.append(timed_rate(f"replay_world run {run}", replay_once))
    warm = [r["per_s"] for r in replays[1:]] or [replays[0]["per_s"]]
    out["replay_world_runs"] = replays
    out["replay_world_warm_median_per_s"] = statistics.median(warm)
    log.close()
    return out


def memory(db: Path) -> dict[str, Any]:
    """In a fresh process: how far one full replay lifts the peak RSS, and the state size."""
    import orjson

    from missionlog.api import MissionLog

    log = MissionLog.open(db)
    count = log.count()
    before = benchkit.rss_mb()
    world = log.replay_world()
    peak = benchkit.peak_rss_mb()
    state = orjson.dumps(world.to_dict())
    result = {
        "events": count,
        "rss_after_open_mb": before,
        "peak_rss_mb": peak,
        "replay_peak_growth_mb": peak - before,
        "state_json_mb": len(state) / 2**20,
        "vehicles_in_state": len(world.vehicles),
        "people_in_state": len(world.people),
    }
    log.close()
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=1_000_000,
                        help="size of the synthetic log timed for speed (default 1000000)")
    parser.add_argument("--sizes", type=int, nargs="*", default=[100_000, 1_000_000],
                        help="log sizes for the memory check (default 100000 1000000)")
    parser.add_argument("--runs", type=int, default=3, help="replay_world runs (default 3)")
    parser.add_argument("--profile", type=Path, help="cProfile the last replay here")
    parser.add_argument("--json", type=Path, help="results file (default bench-out/)")
    parser.add_argument("--child-memory", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child_memory:
        print(json.dumps(memory(args.child_memory)))
        return 0

    results: dict[str, Any] = {}
    db = benchkit.synth_db(args.events)
    benchkit.log(f"speed on {db.name}")
    results["speed"] = speed(db, args.runs, args.profile)
    results["memory"] = {}
    for size in args.sizes:
        benchkit.log(f"memory on {size} events (fresh process)")
        results["memory"][str(size)] = benchkit.child_json(
            "bench_replay.py", "--child-memory", str(benchkit.synth_db(size))
        )
    benchkit.report("replay", results, args.json)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
