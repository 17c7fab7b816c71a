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

migrations = Migrations("missionlog")

EVENTS_DDL = """
CREATE TABLE events (
    position       INTEGER PRIMARY KEY,
    event_id       TEXT    NOT NULL UNIQUE,
    stream         TEXT    NOT NULL,
    version        INTEGER NOT NULL CHECK (version >= 1),
    type           TEXT    NOT NULL,
    occurred_at    TEXT    NOT NULL,
    recorded_at    TEXT    NOT NULL,
    schema_version INTEGER NOT NULL DEFAULT 1,
    body           TEXT    NOT NULL CHECK (json_valid(body)),
    hash           TEXT    NOT NULL,
    UNIQUE (stream, version)
) STRICT;
CREATE INDEX events_by_time ON events (occurred_at, position);
CREATE INDEX events_retractions ON events (recorded_at) WHERE type = 'retracted';
CREATE TRIGGER events_no_update BEFORE UPDATE ON events
BEGIN SELECT RAISE(ABORT, 'events are append-only: record a correction instead'); END;
CREATE TRIGGER events_no_delete BEFORE DELETE ON events
BEGIN SELECT RAISE(ABORT, 'events are append-only: record a retraction instead'); END;
"""

# The insert guards refuse a version or position gap and an INSERT OR REPLACE that would
# drop a stored event through a reused event_id (with recursive_triggers off, as in plain
# sqlite3, REPLACE deletes without firing the delete trigger). Any INSERT trigger costs
# ~20 µs a row here, so the store's own writer lifts them inside a large batch's
# exclusive transaction and puts them back before it commits (see writer.py): every other
# writer, at every committed state, meets them.
INSERT_GUARDS: dict[str, str] = {
    "events_next_version": """
CREATE TRIGGER events_next_version BEFORE INSERT ON events
WHEN NEW.version IS NOT
     (SELECT COALESCE(MAX(version), 0) + 1 FROM events WHERE stream = NEW.stream)
BEGIN SELECT RAISE(ABORT, 'stream version must be the previous version + 1'); END""",
    "events_new_event_id": """
CREATE TRIGGER events_new_event_id BEFORE INSERT ON events
WHEN EXISTS (SELECT 1 FROM events WHERE event_id = NEW.event_id)
BEGIN SELECT RAISE(ABORT, 'event_id already in the log: REPLACE may not drop an event'); END""",
    "events_next_position": """
CREATE TRIGGER events_next_position BEFORE INSERT ON events
WHEN NEW.position IS NOT (SELECT COALESCE(MAX(position), 0) + 1 FROM events)
BEGIN SELECT RAISE(ABORT, 'log position must be the previous position + 1'); END""",
}

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


PROJECTION_TABLES = (
    "checkpoints",
    "vehicles",
    "port_stays",
    "return_assignments",
    "retired_vehicles",
    "retired_aliases",
)
