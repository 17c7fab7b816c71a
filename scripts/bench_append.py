"""Durable single appends: MissionLog.append([event]) per event vs a raw sqlite3 commit.

Issue 2 asks for >= 3,400 validated, hash-chained, durable appends a second
through the Python API, each its own commit (WAL, synchronous=FULL), and for
the check against history not to mean replaying the whole log. So this
measures, in one run: a raw one-row commit in the same pragmas (the fsync
floor), the same row committed into missionlog's own schema (its triggers and
indexes), then per-append latency on a small log and on a large (1M-event) one,
with the first append after opening timed on its own (it loads the newest
checkpoint and folds the tail: the only replay an append ever needs).

    python scripts/bench_append.py                 # small log + 1M log
    python scripts/bench_append.py --large 0       # small log only (fast)
"""

from __future__ import annotations

import argparse
import itertools
import sqlite3
import statistics
import sys
import time
from pathlib import Path
from typing import Any

import orjson

sys.path.insert(0, str(Path(__file__).resolve().parent))
import benchkit
from synth_log import synth_events

from missionlog.api import MissionLog

RAW_DDL = """
CREATE TABLE events (
    position INTEGER PRIMARY KEY, event_id TEXT NOT NULL UNIQUE, stream TEXT NOT NULL,
    version INTEGER NOT NULL, type TEXT NOT NULL, occurred_at TEXT NOT NULL,
    recorded_at TEXT NOT NULL, body TEXT NOT NULL, hash TEXT NOT NULL,
    UNIQUE (stream, version)
)
"""


def raw_commits(count: int, path: Path) -> dict[str, Any]:
    """One row per commit with the stdlib only: the floor any durable append sits on."""
    benchkit.remove_db(path)
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute(RAW_DDL)
    events = list(synth_events(count))
    samples = []
    for position, event in enumerate(events, start=1):
        body = orjson.dumps(event).decode()
        start = time.perf_counter()
        conn.execute("BEGIN IMMEDIATE")
        conn.execute(
            "INSERT INTO events VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (position, event["event_id"], f"s{position}", 1, event["type"],
             event["occurred_at"], "2030-01-01T00:00:00.000000Z", body, "0" * 64),
        )
        conn.execute("COMMIT")
        samples.append(time.perf_counter() - start)
    conn.close()
    benchkit.remove_db(path)
    return {**benchkit.summary_ms(samples), "per_s": count / sum(samples)}


def raw_commits_on(db: Path, count: int) -> dict[str, Any]:
    """One-row commits into the events table of DB itself (through its triggers and
    indexes), on fresh streams: the fsync floor on a file that size. Run last: it breaks
    the hash chain of this scratch copy."""
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute("PRAGMA synchronous=FULL")
    position = conn.execute("SELECT MAX(position) FROM events").fetchone()[0] or 0
    samples = []
    for index in range(count):
        position += 1
        start = time.perf_counter()
        conn.execute("BEGIN IMMEDIATE")
        conn.execute(
            "INSERT INTO events (position, event_id, stream, version, type, occurred_at, "
            "recorded_at, body, hash) VALUES (?, ?, ?, 1, 'note', '2099-01-01T00:00:00Z', "
            "'2099-01-01T00:00:00.000000Z', '{}', ?)",
            (position, f"raw-{index}", f"raw-{index}", "0" * 64),
        )
        conn.execute("COMMIT")
        samples.append(time.perf_counter() - start)
    conn.close()
    return {**benchkit.summary_ms(samples), "per_s": count / sum(samples)}


def api_appends(db: Path, events: list[dict[str, Any]], profile: Path | None) -> dict[str, Any]:
    """First append after open (head load) apart, then one durable append per event."""
    log = MissionLog.open(db)
    first_s, _ = benchkit.timed(lambda: log.append([events[0]]))
    samples: list[float] = []

    def loop() -> None:
        for event in events[1:]:
            start = time.perf_counter()
            log.append([event])
            samples.append(time.perf_counter() - start)

    benchkit.profile_to(profile, loop)
    log.close()
    return {
        "first_append_after_open_ms": first_s * 1000,
        **benchkit.summary_ms(samples),
        "per_s": len(samples) / sum(samples),
        "per_s_from_median": 1000 / benchkit.summary_ms(samples)["median_ms"],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--appends", type=int, default=5001,
                        help="appends per log (default 5001: crosses one checkpoint)")
    parser.add_argument("--raw", type=int, default=2000, help="raw one-row commits (2000)")
    parser.add_argument("--small", type=int, default=1000,
                        help="events already in the small log (default 1000)")
    parser.add_argument("--large", type=int, default=1_000_000,
                        help="events in the large log (cached synthetic db; 0 skips it)")
    parser.add_argument("--rounds", type=int, default=3,
                        help="raw + small-log rounds, alternating (default 3)")
    parser.add_argument("--profile", type=Path,
                        help="cProfile the large-log appends (or the last small round) here")
    parser.add_argument("--json", type=Path, help="results file (default bench-out/)")
    args = parser.parse_args(argv)
    out = benchkit.OUT
    out.mkdir(exist_ok=True)
    results: dict[str, Any] = {"appends": args.appends}

    events = list(synth_events(args.small + args.appends))
    small = out / "bench-append-small.db"
    rounds: list[dict[str, Any]] = []
    for round_no in range(1, args.rounds + 1):
        # Raw and API alternate so both see the same noise from a shared machine.
        benchkit.log(f"round {round_no}: {args.raw} raw one-row commits (WAL, FULL)")
        raw = raw_commits(args.raw, out / "bench-raw-append.db")
        benchkit.log(f"round {round_no}: {args.raw} raw one-row commits into missionlog's schema")
        schema_db = out / "bench-raw-schema.db"
        benchkit.remove_db(schema_db)
        MissionLog.open(schema_db, create=True).close()
        schema = raw_commits_on(schema_db, args.raw)
        benchkit.remove_db(schema_db)
        benchkit.log(f"round {round_no}: {args.appends} API appends onto {args.small} events")
        benchkit.remove_db(small)
        with MissionLog.open(small, create=True) as log:
            log.import_lines(orjson.dumps(e) for e in events[: args.small])
        last = round_no == args.rounds and not args.large
        api = api_appends(small, events[args.small:], args.profile if last else None)
        benchkit.remove_db(small)
        rounds.append({"raw_one_row_commit": raw, "raw_commit_into_missionlog_schema": schema,
                       f"api_append_on_{args.small}_events": api,
                       "api_over_raw_median": api["median_ms"] / raw["median_ms"]})
    results["rounds"] = rounds
    results["median_of_rounds"] = {
        "raw_per_s": statistics.median(r["raw_one_row_commit"]["per_s"] for r in rounds),
        "raw_median_ms": statistics.median(
            r["raw_one_row_commit"]["median_ms"] for r in rounds),
        "raw_schema_median_ms": statistics.median(
            r["raw_commit_into_missionlog_schema"]["median_ms"] for r in rounds),
        "api_per_s": statistics.median(
            r[f"api_append_on_{args.small}_events"]["per_s"] for r in rounds),
        "api_median_ms": statistics.median(
            r[f"api_append_on_{args.small}_events"]["median_ms"] for r in rounds),
    }

    if args.large:
        source = benchkit.synth_db(args.large)
        large = benchkit.copy_db(source, out / "bench-append-large.db")
        benchkit.log(f"API: {args.appends} appends onto a {args.large}-event log")
        tail = list(itertools.islice(synth_events(args.large + args.appends), args.large, None))
        results[f"api_append_on_{args.large}_events"] = api_appends(large, tail, args.profile)
        results[f"raw_one_row_commit_on_{args.large}_event_file"] = raw_commits_on(
            large, args.raw
        )
        benchkit.remove_db(large)

    benchkit.report("append", results, args.json)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
