"""Bulk import: MissionLog.import_lines on growing synthetic logs, vs raw executemany.

Issue 2 asks for >= 120,000 events/s on a large consistent JSONL log, with
memory flat as the file grows. Each size runs in its own process, so its peak
RSS (VmHWM) is its own. Three raw baselines run on the same file in the
same run: the limit as PERF-LIMITS.md defines it (models already in memory:
dump_json + executemany into a minimal table, one transaction), the same with
every line validated first (which an import of a JSONL file cannot skip), and
the schema floor (executemany of ready rows into missionlog's own events table,
its triggers and indexes included).

    python scripts/bench_import.py                         # 100k, 300k, 1M
    python scripts/bench_import.py --sizes 100000 --profile bench-out/import.prof
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
import benchkit

MINIMAL_DDL = """
CREATE TABLE events (
    position INTEGER PRIMARY KEY, event_id TEXT NOT NULL, stream TEXT NOT NULL,
    version INTEGER NOT NULL, type TEXT NOT NULL, occurred_at TEXT NOT NULL,
    recorded_at TEXT NOT NULL, body TEXT NOT NULL, hash TEXT NOT NULL,
    UNIQUE (stream, version)
)
"""
BATCH = 2000


def api_import(source: Path, db: Path, profile: Path | None) -> dict[str, Any]:
    """The product path: validate, fold, hash-chain, write events + projections."""
    from missionlog.api import MissionLog

    benchkit.remove_db(db)
    rss_before = benchkit.rss_mb()
    log = MissionLog.open(db, create=True)
    with source.open("rb") as handle:
        seconds, result = benchkit.timed(
            lambda: benchkit.profile_to(profile, lambda: log.import_lines(handle))
        )
    log.close()
    conn = sqlite3.connect(db)
    checkpoint_bytes = conn.execute("SELECT SUM(LENGTH(state)) FROM checkpoints").fetchone()[0]
    newest = conn.execute(
        "SELECT LENGTH(state) FROM checkpoints ORDER BY id DESC LIMIT 1"
    ).fetchone()
    conn.close()
    return {
        "events": result.appended,
        "seconds": seconds,
        "per_s": result.appended / seconds,
        "rss_before_mb": rss_before,
        "peak_rss_mb": benchkit.peak_rss_mb(),
        "db_mb": db.stat().st_size / 2**20,
        "checkpoints_mb": (checkpoint_bytes or 0) / 2**20,
        "newest_checkpoint_mb": (newest[0] if newest else 0) / 2**20,
    }


def _stream(event: dict[str, Any]) -> str:
    return str(event.get("vehicle") or event.get("station") or event.get("subject") or "log")


def raw_validated(source: Path, db: Path) -> dict[str, Any]:
    """The limit from PERF-LIMITS.md: pydantic validate_json + dump_json + executemany,
    one transaction, minimal table."""
    import orjson

    from missionlog.events import EVENT

    benchkit.remove_db(db)
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute(MINIMAL_DDL)
    start = time.perf_counter()
    versions: dict[str, int] = {}
    rows: list[tuple[Any, ...]] = []
    count = 0
    insert = "INSERT INTO events VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
    conn.execute("BEGIN IMMEDIATE")
    with source.open("rb") as handle:
        for count, line in enumerate(handle, start=1):
            event = EVENT.validate_json(line)
            body = EVENT.dump_json(event)
            wire = orjson.loads(body)
            stream = _stream(wire)
            version = versions[stream] = versions.get(stream, 0) + 1
            rows.append((count, wire["event_id"], stream, version, wire["type"],
                         wire["occurred_at"], "2030-01-01T00:00:00.000000Z", body.decode(),
                         "0" * 64))
            if len(rows) >= BATCH:
                conn.executemany(insert, rows)
                rows = []
    conn.executemany(insert, rows)
    conn.execute("COMMIT")
    seconds = time.perf_counter() - start
    conn.close()
    benchkit.remove_db(db)
    return {"events": count, "seconds": seconds, "per_s": count / seconds,
            "peak_rss_mb": benchkit.peak_rss_mb()}


def raw_encode(source: Path, db: Path) -> dict[str, Any]:
    """The limit exactly as PERF-LIMITS.md defines it ("encode + executemany"): models
    already in memory (validated batch by batch, untimed), timed from dump_json to the
    commit, into a minimal table."""
    from missionlog.events import EVENT

    benchkit.remove_db(db)
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute(MINIMAL_DDL)
    insert = "INSERT INTO events VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
    timed = 0.0
    count = 0
    conn.execute("BEGIN IMMEDIATE")
    with source.open("rb") as handle:
        while lines := handle.readlines(BATCH * 200):
            models = [EVENT.validate_json(line) for line in lines]
            start = time.perf_counter()
            rows = []
            for model in models:
                count += 1
                rows.append((count, model.event_id, f"s{count}", 1, model.type, "t",
                             "2030-01-01T00:00:00.000000Z", EVENT.dump_json(model).decode(),
                             "0" * 64))
            conn.executemany(insert, rows)
            timed += time.perf_counter() - start
    start = time.perf_counter()
    conn.execute("COMMIT")
    timed += time.perf_counter() - start
    conn.close()
    benchkit.remove_db(db)
    return {"events": count, "seconds": timed, "per_s": count / timed}


def raw_schema_floor(source: Path, db: Path) -> dict[str, Any]:
    """Ready rows (orjson only, no validation) into missionlog's own events table, its
    indexes included and its insert guards lifted as the writer lifts them: what the SQL
    for the events alone costs."""
    import orjson

    from missionlog.store import schema
    from missionlog.store.connection import open_database

    benchkit.remove_db(db)
    database = open_database(db, mode="create")
    conn = database.conn
    versions: dict[str, int] = {}
    rows: list[tuple[Any, ...]] = []
    insert = ("INSERT INTO events (position, event_id, stream, version, type, occurred_at, "
              "recorded_at, body, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
    with source.open("rb") as handle:
        for position, line in enumerate(handle, start=1):
            wire = orjson.loads(line)
            stream = _stream(wire)
            version = versions[stream] = versions.get(stream, 0) + 1
            rows.append((position, wire["event_id"], stream, version, wire["type"],
                         wire["occurred_at"], "2030-01-01T00:00:00.000000Z",
                         line.decode().rstrip("\n"), "0" * 64))
    # Like the writer, lift the insert guards inside the batch's own transaction.
    guards: dict[str, str] = getattr(schema, "INSERT_GUARDS", {})
    start = time.perf_counter()
    conn.execute("BEGIN IMMEDIATE")
    for name in guards:
        conn.execute(f"DROP TRIGGER IF EXISTS {name}")
    for offset in range(0, len(rows), BATCH):
        conn.executemany(insert, rows[offset : offset + BATCH])
    for statement in guards.values():
        conn.execute(statement)
    conn.execute("COMMIT")
    seconds = time.perf_counter() - start
    database.close()
    benchkit.remove_db(db)
    return {"events": len(rows), "seconds": seconds, "per_s": len(rows) / seconds}


def child(kind: str, source: Path, profile: Path | None) -> int:
    db = benchkit.OUT / f"bench-import-{kind}.db"
    if kind == "api":
        result = api_import(source, db, profile)
        benchkit.remove_db(db)
    elif kind == "raw-validated":
        result = raw_validated(source, db)
    elif kind == "raw-encode":
        result = raw_encode(source, db)
    else:
        result = raw_schema_floor(source, db)
    print(json.dumps(result))
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 300_000, 1_000_000],
                        help="log sizes in events (default 100000 300000 1000000)")
    parser.add_argument("--no-raw", action="store_true", help="skip the raw baselines")
    parser.add_argument("--profile", type=Path,
                        help="cProfile the API import of the first size here")
    parser.add_argument("--json", type=Path, help="results file (default bench-out/)")
    parser.add_argument("--child", nargs=2, metavar=("KIND", "FILE"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        return child(args.child[0], Path(args.child[1]), args.profile)

    results: dict[str, Any] = {}
    for index, size in enumerate(args.sizes):
        source = benchkit.synth_file(size)
        row: dict[str, Any] = {"file_mb": source.stat().st_size / 2**20}
        kinds = ["api"] if args.no_raw else ["raw-encode", "raw-validated", "raw-schema-floor",
                                              "api"]
        for kind in kinds:
            benchkit.log(f"{size} events: {kind}")
            extra = []
            if kind == "api" and args.profile and index == 0:
                extra = ["--profile", str(args.profile)]
            row[kind] = benchkit.child_json("bench_import.py", "--child", kind, str(source),
                                            *extra)
        if not args.no_raw:
            row["api_over_raw_validated_time"] = (
                row["api"]["seconds"] / row["raw-validated"]["seconds"]
            )
        results[str(size)] = row
    benchkit.report("import", results, args.json)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
