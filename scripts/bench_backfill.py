"""Back-fill import: memory and time of importing events older than the log's newest.

Issue 10 (defect 8) found that an import whose events lie before something already in
the log (a back-fill: every line is a late event, so the log's tail is re-folded with
the whole batch) grew memory with its size, ~5.7 KB an event, while an in-order import
stays flat. This script imports the first N lines of the synthetic log
(`synth_log.py`, from 2000-01-01) into a log holding one event: for the back-fill that
event lies after them all (a station configured in 2020), for the in-order import
beside it before them all (1999). Each import runs in its own process, so its peak
RSS (VmHWM) is its own; the time is the import's alone.

    python scripts/bench_backfill.py                         # 30k, 100k, 300k
    python scripts/bench_backfill.py --sizes 30000 --profile bench-out/backfill.prof
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
import benchkit

# The log's one event before the import: after every synthetic line (a back-fill), or
# before them all (an in-order import).
ANCHOR_AT = {"backfill": "2020-01-01T00:00:00Z", "inorder": "1999-06-01T00:00:00Z"}


def import_into(kind: str, source: Path, events: int, profile: Path | None) -> dict[str, Any]:
    from missionlog.api import MissionLog

    db = benchkit.OUT / f"bench-backfill-{kind}.db"
    benchkit.remove_db(db)
    log = MissionLog.open(db, create=True)
    log.append([{"type": "station_configured", "occurred_at": ANCHOR_AT[kind],
                 "station": "Anchor Station", "ports": ["Forward"], "source": "bench"}])
    rss_before = benchkit.rss_mb()
    cpu_before = time.process_time()
    with source.open("rb") as handle:
        lines = (line for _, line in zip(range(events), handle, strict=False))
        seconds, result = benchkit.timed(
            lambda: benchkit.profile_to(profile, lambda: log.import_lines(lines)))
    cpu_seconds = time.process_time() - cpu_before
    count = log.count()
    log.close()
    benchkit.remove_db(db)
    return {
        "events": result.appended,
        "log_events": count,
        "seconds": seconds,
        "per_s": result.appended / seconds,
        # CPU time is steadier than wall time on a shared machine
        "cpu_seconds": cpu_seconds,
        "per_cpu_s": result.appended / cpu_seconds,
        "rss_before_mb": rss_before,
        "peak_rss_mb": benchkit.peak_rss_mb(),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[30_000, 100_000, 300_000],
                        help="events imported (default 30000 100000 300000)")
    parser.add_argument("--kinds", nargs="+", default=["inorder", "backfill"],
                        choices=["inorder", "backfill"], help="which imports to run")
    parser.add_argument("--profile", type=Path,
                        help="cProfile the back-fill of the first size here")
    parser.add_argument("--json", type=Path, help="results file (default bench-out/)")
    parser.add_argument("--child", nargs=3, metavar=("KIND", "FILE", "EVENTS"),
                        help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        kind, source, events = args.child
        print(json.dumps(import_into(kind, Path(source), int(events), args.profile)))
        return 0

    source = benchkit.synth_file(max(args.sizes))  # a shorter log is a prefix of it
    results: dict[str, Any] = {}
    for index, size in enumerate(args.sizes):
        row: dict[str, Any] = {}
        for kind in args.kinds:
            benchkit.log(f"{size} events: {kind}")
            extra = []
            if kind == "backfill" and args.profile and index == 0:
                extra = ["--profile", str(args.profile)]
            row[kind] = benchkit.child_json("bench_backfill.py", "--child", kind, str(source),
                                            str(size), *extra)
        if len(row) == 2:
            for measure in ("seconds", "cpu_seconds"):
                row[f"backfill_over_inorder_{measure}"] = (
                    row["backfill"][measure] / row["inorder"][measure])
        results[str(size)] = row
    benchkit.report("backfill", results, args.json)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
