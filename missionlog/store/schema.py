"""The SQLite schema, as sqlite-utils migrations (also runnable with `sqlite-utils migrate`).

The events table is written by hand because sqlite-utils' `create()` cannot
declare CHECK, composite UNIQUE or triggers, and the append-only guarantees
live there: the database itself refuses UPDATE, DELETE, a version gap and a
position gap, whoever writes to the file.

The other tables are caches and projections: rebuilt from events, safe to drop.
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from missionlog.store.ddl import EVENTS_DDL as EVENTS_DDL
from missionlog.store.ddl import INSERT_GUARDS as INSERT_GUARDS
from missionlog.store.ddl import PROJECTION_TABLES as PROJECTION_TABLES
from missionlog.store.ddl import RECORDED_BY_DDL, STATE_INTERVALS_DDL

migrations = Migrations("missionlog")


PROJECTIONS_DDL = """
CREATE TABLE checkpoints (
    id           INTEGER PRIMARY KEY,
    occurred_at  TEXT    NOT NULL,
    position     INTEGER NOT NULL,
    log_position INTEGER NOT NULL,
    recorded_at  TEXT    NOT NULL,
    state        BLOB    NOT NULL
) STRICT;
CREATE INDEX checkpoints_by_time ON checkpoints (occurred_at, position);
CREATE TABLE vehicles (
    name          TEXT PRIMARY KEY,
    vehicle_class TEXT NOT NULL,
    aliases       TEXT NOT NULL,
    status        TEXT NOT NULL,
    station       TEXT,
    port          TEXT,
    crew_aboard   TEXT NOT NULL,
    fit_for_crew_return INTEGER,
    unfit_at      TEXT,
    leaks         INTEGER NOT NULL,
    launched_at   TEXT NOT NULL,
    ended_at      TEXT
) STRICT;
CREATE TABLE port_stays (
    station      TEXT NOT NULL,
    port         TEXT NOT NULL,
    vehicle      TEXT NOT NULL,
    arrived_at   TEXT NOT NULL,
    departed_at  TEXT,
    PRIMARY KEY (vehicle, arrived_at)
) STRICT;
CREATE INDEX port_stays_by_port ON port_stays (station, port, arrived_at);
CREATE TABLE return_assignments (
    person       TEXT NOT NULL,
    vehicle      TEXT NOT NULL,
    since        TEXT NOT NULL,
    until        TEXT,
    PRIMARY KEY (person, since)
) STRICT;
"""


ARCHIVE_DDL = """
CREATE TABLE retired_vehicles (
    name         TEXT    PRIMARY KEY,
    occurred_at  TEXT    NOT NULL,
    position     INTEGER NOT NULL,
    state        BLOB    NOT NULL
) STRICT;
CREATE INDEX retired_vehicles_by_time ON retired_vehicles (occurred_at, position);
CREATE TABLE retired_aliases (
    alias        TEXT NOT NULL,
    name         TEXT NOT NULL,
    PRIMARY KEY (alias, name)
) STRICT;
"""


def run_script(db: Database, script: str) -> None:
    """Run SCRIPT one statement at a time: `executescript` would COMMIT the caller's
    transaction first, and schema creation must happen under the write lock."""
    statement = ""
    for line in script.splitlines(keepends=True):
        statement += line
        if sqlite3.complete_statement(statement):
            db.execute(statement)
            statement = ""
    if statement.strip():
        db.execute(statement)


def apply_pending(db: Database) -> None:
    """Apply pending migrations inside the caller's write transaction (recording each as
    sqlite-utils does), so concurrent creators of one new file never race."""
    migrations.ensure_migrations_table(db)
    for migration in migrations.pending(db):
        migration.fn(db)
        db.execute(
            f"INSERT INTO {migrations.migrations_table} (migration_set, name, applied_at) "
            "VALUES (?, ?, ?)",
            [migrations.name, migration.name, str(datetime.now(UTC))],
        )


@migrations(name="0001_wal", transactional=False)
def _enable_wal(db: Database) -> None:
    # WAL lets readers (Datasette, a second CLI) work while one process appends.
    # (The store sets it before taking the write lock; this is for `sqlite-utils migrate`.)
    if db.journal_mode != "wal":
        db.enable_wal()


@migrations(name="0002_events")
def _create_events(db: Database) -> None:
    run_script(db, EVENTS_DDL)
    for statement in INSERT_GUARDS.values():
        db.execute(statement)


@migrations(name="0003_projections")
def _create_projections(db: Database) -> None:
    run_script(db, PROJECTIONS_DDL)


@migrations(name="0004_archive")
def _create_archive(db: Database) -> None:
    run_script(db, ARCHIVE_DDL)


SEALS_DDL = """
ALTER TABLE checkpoints ADD COLUMN seal TEXT;
ALTER TABLE retired_vehicles ADD COLUMN seal TEXT;
CREATE INDEX events_launches ON events (stream) WHERE type = 'launched';
CREATE INDEX events_retirements ON events (position) WHERE type IN ('landed', 'deorbited');
"""


@migrations(name="0005_seals")
def _add_seals(db: Database) -> None:
    # Derived rows carry a seal binding them to the chain (see store/derived.py); the
    # two partial indexes let name look-ups and the open-time check read the events
    # instead of trusting the `vehicles` and `retired_aliases` caches.
    run_script(db, SEALS_DDL)


@migrations(name="0006_recorded_by")
def _add_recorded_by(db: Database) -> None:
    # Adding a nullable column rewrites nothing (SQLite only edits the schema), so an
    # old log upgrades in a moment; its rows keep NULL and their hashes (see chain.py).
    db.execute(RECORDED_BY_DDL)


@migrations(name="0007_state_intervals")
def _add_state_intervals(db: Database) -> None:
    # Interval rows for point-in-time answers (see store/state_intervals.py), built from
    # the events already in the file. A log without them is read by folding.
    from missionlog.store.connection import Db
    from missionlog.store.derived import build_state_intervals

    run_script(db, STATE_INTERVALS_DDL)
    build_state_intervals(Db(db.conn))
