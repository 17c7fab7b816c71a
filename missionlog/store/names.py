"""Name look-ups over the whole log, as the log knew it at a given recorded time.

Used when a question cannot be answered from the replayed world alone: an alias
shared with a vehicle launched later, or a vehicle whose first event comes after
the time asked about. Reading the log (not the current `vehicles` table) keeps
`--known-at K` answers exactly what they were at K.
"""

from __future__ import annotations

from sqlite_utils import Database

from missionlog.store.reads import FAR_FUTURE, retracted_ids


def stream_exists(db: Database, name: str, known_at: str = FAR_FUTURE) -> bool:
    row = db.execute(
        "SELECT 1 FROM events WHERE stream = ? AND recorded_at <= ? LIMIT 1", [name, known_at]
    ).fetchone()
    return row is not None


def vehicles_with_alias(db: Database, alias: str, known_at: str = FAR_FUTURE) -> list[str]:
    """Every vehicle launched with ALIAS among its names, as known at KNOWN_AT."""
    if known_at == FAR_FUTURE:  # the current projection answers the common case quickly
        rows = db.execute(
            "SELECT name FROM vehicles WHERE EXISTS "
            "(SELECT 1 FROM json_each(vehicles.aliases) WHERE value = ?) ORDER BY name",
            [alias],
        ).fetchall()
        return [str(row[0]) for row in rows]
    retracted = retracted_ids(db, known_at)
    rows = db.execute(
        "SELECT event_id, stream FROM events WHERE type = 'launched' AND recorded_at <= ? "
        "AND EXISTS (SELECT 1 FROM json_each(events.body, '$.aliases') WHERE value = ?)",
        [known_at, alias],
    ).fetchall()
    return sorted({str(stream) for event_id, stream in rows if event_id not in retracted})


def known_streams(db: Database, known_at: str = FAR_FUTURE) -> list[str]:
    rows = db.execute(
        "SELECT DISTINCT stream FROM events WHERE recorded_at <= ?", [known_at]
    ).fetchall()
    return [str(row[0]) for row in rows]


def first_occurred_at(db: Database, stream: str, known_at: str = FAR_FUTURE) -> str | None:
    row = db.execute(
        "SELECT MIN(occurred_at) FROM events WHERE stream = ? AND recorded_at <= ?",
        [stream, known_at],
    ).fetchone()
    return None if row is None or row[0] is None else str(row[0])
