"""Derived data is never trusted unchecked: seals, load-time checks, rebuild, deep compare.

Everything but the events table is derived from the events (checkpoints, the
archive of retired vehicles, the browsable projections), so anyone with
`sqlite3` could edit it without touching the hash chain. Three defences:

- *Seals.* Each checkpoint row carries a seal over its own content and the chain
  hash at the log position it was built from; each retired-vehicle row carries a
  seal over its content and is bound to the retirement event at its position.
  A row that fails is not used: the reader folds from the events instead and
  says so, and the next append rebuilds every derived table in its transaction.
- *No cache answers a name.* Name and alias look-ups read the events (through
  partial indexes), not the `vehicles` or `retired_aliases` tables.
- *`verify --deep`* rebuilds every derived table from the events in a copy and
  compares, table by table.

A seal is a plain SHA-256, not a signature: it catches edits made without
knowing missionlog's layout (and stale or misplaced rows); a deliberate forger
who recomputes seals is caught by `verify --deep`, as a rewritten chain is by
anchors.
"""

from __future__ import annotations

import hashlib
import sqlite3
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import orjson

from missionlog.errors import StoreError, TamperDetected
from missionlog.projections.intervals import IntervalChange, interval_changes
from missionlog.projections.placement import Placer
from missionlog.projections.state import Recorded
from missionlog.projections.world import World
from missionlog.store import state_intervals
from missionlog.store.archive_table import DbArchive, save_retirements
from missionlog.store.chain import GENESIS
from missionlog.store.connection import Db
from missionlog.store.ddl import PROJECTION_TABLES
from missionlog.store.projection_tables import write_interval_changes, write_vehicles

RETIREMENT_TYPES = ("landed", "deorbited")


class DerivedDamage(StoreError):
    """A derived row failed its check; the caller falls back to the events."""


def checkpoint_seal(
    chain_hash: str, occurred_at: str, position: int, log_position: int, recorded_at: str,
    state: bytes,
) -> str:
    digest = hashlib.sha256(
        f"checkpoint\n{chain_hash}\n{occurred_at}\n{position}\n{log_position}\n"
        f"{recorded_at}\n".encode()
    )
    digest.update(state)
    return digest.hexdigest()


def retirement_seal(name: str, occurred_at: str, position: int, state: bytes) -> str:
    digest = hashlib.sha256(f"retired\n{name}\n{occurred_at}\n{position}\n".encode())
    digest.update(state)
    return digest.hexdigest()


def check_checkpoint(db: Db, row: tuple[Any, ...]) -> None:
    """ROW is (occurred_at, position, log_position, recorded_at, state, seal)."""
    occurred_at, position, log_position, recorded_at, state, seal = row
    chain = (GENESIS,) if log_position == 0 else db.execute(
        "SELECT hash FROM events WHERE position = ?", [log_position]).fetchone()
    expected = None if chain is None else checkpoint_seal(
        str(chain[0]), occurred_at, position, log_position, recorded_at, bytes(state))
    if seal is None or seal != expected:
        raise DerivedDamage(
            f"the checkpoint at position {position} does not match its seal or the chain; "
            "answering from the events instead"
        )


def check_retirement(
    db: Db, name: str, occurred_at: str, position: int, state: bytes, seal: str | None
) -> None:
    event = db.execute(
        "SELECT stream, type, occurred_at FROM events WHERE position = ?", [position]
    ).fetchone()
    bound = event is not None and event[0] == name and event[1] in RETIREMENT_TYPES and (
        event[2] == occurred_at)
    if not bound or seal != retirement_seal(name, occurred_at, position, state):
        raise DerivedDamage(
            f"the archived state of {name!r} does not match its seal or its retirement "
            "event; answering from the events instead"
        )


def quick_derived_check(db: Db) -> list[str]:
    """What every command can afford: the archive holds one row per retirement."""
    retracted = "SELECT body ->> '$.retracts' FROM events WHERE type = 'retracted'"
    expected = db.execute(
        "SELECT COUNT(*) FROM events WHERE type IN ('landed', 'deorbited') "
        f"AND event_id NOT IN ({retracted})"
    ).fetchone()[0]
    stored = db.execute("SELECT COUNT(*) FROM retired_vehicles").fetchone()[0]
    if expected != stored:
        return [f"the archive of retired vehicles holds {stored} rows for {expected} "
                "retirements; answering from the events instead"]
    return []


def check_all_retirements(db: Db) -> None:
    """Every archive row against its seal (a full replay reads the archive as it goes)."""
    rows = db.execute(
        "SELECT name, occurred_at, position, state, seal FROM retired_vehicles"
    ).fetchall()
    for name, occurred_at, position, state, seal in rows:
        check_retirement(db, name, occurred_at, position, bytes(state), seal)


def check_all_state_rows(db: Db) -> None:
    """Every interval row against its seal, and the head row against the chain."""
    from missionlog.store.state_reads import current

    for kind, name, valid_from, valid_to, position, state, seal in db.conn.execute(
            "SELECT kind, name, valid_from, valid_to, position, state, seal "
            "FROM state_intervals"):
        if seal != state_intervals.row_seal(kind, name, valid_from, valid_to, position,
                                            bytes(state)):
            raise DerivedDamage(f"the state interval row of {kind} {name!r} from "
                                f"{valid_from} does not match its seal")
    current(db)


def verify_seals(db: Db) -> None:
    """What plain `verify` checks of the derived tables: every checkpoint and archive row
    against its seal and the chain, and one archive row per retirement (TamperDetected)."""
    problems = quick_derived_check(db)
    if problems:
        raise TamperDetected(problems[0].split(";")[0])
    rows = db.execute(
        "SELECT occurred_at, position, log_position, recorded_at, state, seal FROM checkpoints"
    ).fetchall()
    try:
        for row in rows:
            check_checkpoint(db, row)
        check_all_retirements(db)
        if state_intervals.tables_exist(db):
            check_all_state_rows(db)
    except DerivedDamage as exc:
        raise TamperDetected(str(exc).split(";")[0]) from None


def rebuild(db: Db, *, checkpoint_every: int | None = None) -> int:
    """Rebuild every derived table from the events (inside the caller's transaction);
    return the number of events folded."""
    from missionlog.store.writer import CHECKPOINT_EVERY

    every = checkpoint_every or CHECKPOINT_EVERY
    for table in PROJECTION_TABLES:
        db.execute(f"DELETE FROM {table}")
    tail = db.execute(
        "SELECT position, hash, recorded_at FROM events ORDER BY position DESC LIMIT 1"
    ).fetchone()
    states = state_intervals.reset(db) if state_intervals.tables_exist(db) else None
    if tail is None:
        if states is not None:
            states.finish(0, GENESIS)
        return 0
    log_position, chain_hash, recorded_at = int(tail[0]), str(tail[1]), str(tail[2])
    world = World()
    changes: list[IntervalChange] = []
    touched: set[str] = set()
    count = 0
    placer = Placer(world)

    def applied(record: Recorded) -> None:
        nonlocal changes, count
        changes.extend(interval_changes(world, record))
        touched.add(record.stream)
        if states is not None:
            states.observe(world, record)
        count += 1
        if len(changes) >= 2000:
            write_interval_changes(db, changes)
            changes = []
        if states is not None and count % 2000 == 0:
            states.flush()
        if count % every == 0 and not placer.waiting:
            save_retirements(db, world.vehicles.archive)
            world.vehicles.archive.forget_saved(DbArchive(db))
            state = orjson.dumps(world.to_dict())
            occurred_at, position = record.key
            db.execute(
                "INSERT INTO checkpoints (occurred_at, position, log_position, recorded_at, "
                "state, seal) VALUES (?, ?, ?, ?, ?, ?)",
                [occurred_at, position, log_position, recorded_at, state,
                 checkpoint_seal(chain_hash, occurred_at, position, log_position,
                                 recorded_at, state)],
            )

    placer.applied = applied
    _fold_all(db, placer)
    write_interval_changes(db, changes)
    save_retirements(db, world.vehicles.archive)
    write_vehicles(db, world, touched)
    if states is not None:
        _mark_late(db, states)
        states.finish(log_position, chain_hash)
    return count


def _mark_late(db: Db, states: state_intervals.IntervalWriter) -> None:
    """The `k` rows of every late event and retraction in the log (the rule the writer
    applies as they are appended)."""
    def target_time(event_id: str) -> str | None:
        row = db.execute("SELECT occurred_at FROM events WHERE event_id = ?",
                         [event_id]).fetchone()
        return None if row is None else str(row[0])

    rows = db.conn.execute("SELECT position, occurred_at, type, body ->> '$.retracts' "
                           "FROM events ORDER BY position")
    states.late.extend(state_intervals.late_events(rows, "", target_time))


def _fold_all(db: Db, placer: Placer) -> None:
    """Every event folded in replay order through PLACER, as every other fold folds
    (imprecise times); its `applied` sees each as the fold takes it."""
    from missionlog.store.reads import replay_records  # reads imports this module

    for record in replay_records(db):
        placer.feed(record)
    placer.finish()


def build_state_intervals(db: Db) -> None:
    """The interval rows alone, from the events (the migration that adds them)."""
    tail = db.execute(
        "SELECT position, hash FROM events ORDER BY position DESC LIMIT 1").fetchone()
    states = state_intervals.reset(db)
    world = World()

    def applied(record: Recorded) -> None:
        states.observe(world, record)
        if record.position % 2000 == 0:
            states.flush()

    if tail is not None:
        _fold_all(db, Placer(world, applied))
        _mark_late(db, states)
    states.finish(int(tail[0]) if tail else 0, str(tail[1]) if tail else GENESIS)


COMPARED = {
    "vehicles": "SELECT * FROM vehicles ORDER BY name",
    "port_stays": "SELECT * FROM port_stays ORDER BY vehicle, arrived_at",
    "return_assignments": "SELECT * FROM return_assignments ORDER BY person, since",
    "retired_vehicles": "SELECT name, occurred_at, position, state FROM retired_vehicles "
                        "ORDER BY name",
    "retired_aliases": "SELECT * FROM retired_aliases ORDER BY alias, name",
    "state_intervals": "SELECT kind, name, valid_from, valid_to, position, state "
                       "FROM state_intervals ORDER BY kind, name, valid_from",
}


def _digest(db: Db, sql: str) -> tuple[int, str]:
    digest, count = hashlib.sha256(), 0
    for row in db.conn.execute(sql):
        digest.update(orjson.dumps([bytes(v).hex() if isinstance(v, bytes) else v for v in row]))
        count += 1
    return count, digest.hexdigest()


def verify_deep(db: Db) -> None:
    """Rebuild every derived table from the events in a scratch copy and compare; check
    every checkpoint's seal and its state against a fold at its key. TamperDetected
    names the first table that differs."""
    checkpoints = db.execute(
        "SELECT occurred_at, position, log_position, recorded_at, state, seal "
        "FROM checkpoints ORDER BY occurred_at, position"
    ).fetchall()
    for row in checkpoints:
        try:
            check_checkpoint(db, row)
        except DerivedDamage as exc:
            raise TamperDetected(f"checkpoints: {exc}".split(";")[0]) from None
    stored = {table: _digest(db, sql) for table, sql in COMPARED.items()
              if table != "state_intervals" or state_intervals.tables_exist(db)}
    with _scratch_copy(db) as copy:
        rebuild(copy)
        for table, sql in COMPARED.items():
            if table == "state_intervals" and not state_intervals.tables_exist(db):
                continue
            if stored[table] != _digest(copy, sql):
                raise TamperDetected(
                    f"derived table {table} differs from a rebuild from the events"
                )
        _check_checkpoint_states(copy, checkpoints)


@contextmanager
def _scratch_copy(db: Db) -> Iterator[Db]:
    """A copy of the log to rebuild in and throw away: a SQLite file's backup in a
    scratch directory, or (PostgreSQL) the log itself inside a transaction that is
    always rolled back."""
    if db.kind != "sqlite":
        with db.scratch() as copy:  # type: ignore[attr-defined]  # a PgDb (store/pg.py)
            yield copy
        return
    with tempfile.TemporaryDirectory(prefix="missionlog-deep-") as scratch:
        target = sqlite3.connect(str(Path(scratch) / "copy.db"))
        try:
            db.conn.backup(target)
            copy = Db(target, db.recorded_by)
            copy.execute("PRAGMA journal_mode=MEMORY")
            with copy.conn:
                yield copy
        finally:
            target.close()


def _check_checkpoint_states(copy: Db, checkpoints: list[tuple[Any, ...]]) -> None:
    """Each stored checkpoint's state equals the fold of the events up to its key."""
    from missionlog.store.reads import replay_records

    wanted = {(str(row[0]), int(row[1])): bytes(row[4]) for row in checkpoints}
    if not wanted:
        return
    world = World()
    for record in replay_records(copy):
        world.apply(record)
        stored = wanted.pop(record.key, None)
        if stored is not None and orjson.loads(stored) != orjson.loads(
            orjson.dumps(world.to_dict())
        ):
            raise TamperDetected(
                f"checkpoints: the state at position {record.key[1]} differs from a fold "
                "of the events"
            )
    if wanted:
        key = next(iter(wanted))
        raise TamperDetected(f"checkpoints: a checkpoint at position {key[1]} names no event")
