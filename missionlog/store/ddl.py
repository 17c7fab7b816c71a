"""The schema's SQL text that the store reads at run time (the events table, its insert
guards, the derived tables' names), apart from the migrations in schema.py so that
reading it does not import sqlite-utils."""

from __future__ import annotations

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

# Who recorded each event (issue 15): the service's token name, or the local user of the
# CLI and the Python API; NULL where nobody is known (rows written before the column
# existed, and imported lines that keep their own recorded_at without naming anyone).
# Migration 0006 adds it; `chain.chain_hash` covers it whenever it is not NULL.
RECORDED_BY_DDL = """
ALTER TABLE events ADD COLUMN recorded_by TEXT
    CHECK (recorded_by IS NULL OR length(recorded_by) BETWEEN 1 AND 200)"""

PROJECTION_TABLES = (
    "checkpoints",
    "vehicles",
    "port_stays",
    "return_assignments",
    "retired_vehicles",
    "retired_aliases",
)

# Point-in-time state as interval rows (store/state_intervals.py): plain, portable SQL;
# and two partial indexes of the events whose time is a window (reads.straddling: how
# sure an answer is), whose WHERE text reads.IMPRECISE / reads.EARLIEST repeat.
STATE_INTERVALS_DDL = """
CREATE TABLE state_intervals (
    kind        TEXT    NOT NULL,
    name        TEXT    NOT NULL,
    valid_from  TEXT    NOT NULL,
    valid_to    TEXT,
    position    INTEGER NOT NULL,
    state       BLOB    NOT NULL,
    seal        TEXT    NOT NULL,
    PRIMARY KEY (kind, name, valid_from)
);
CREATE INDEX state_intervals_by_start ON state_intervals (valid_from);
CREATE INDEX events_imprecise ON events (occurred_at)
    WHERE body ->> '$.precision' != 'second';
CREATE INDEX events_earliest ON events (occurred_at)
    WHERE body ->> '$.earliest' IS NOT NULL;
CREATE TABLE state_intervals_head (
    id          INTEGER PRIMARY KEY,
    position    INTEGER NOT NULL,
    placements  INTEGER NOT NULL,
    first_globe TEXT,
    seal        TEXT    NOT NULL
);
"""
