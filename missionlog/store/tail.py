"""Reading the end of the log for followers: rows after a position, and change detection."""

from __future__ import annotations

from sqlite_utils import Database

from missionlog.store.reads import StoredRow


def rows_after(db: Database, position: int, limit: int = 1000) -> list[StoredRow]:
    """Up to LIMIT stored events after POSITION, in log order."""
    rows = db.conn.execute(
        "SELECT position, event_id, stream, version, recorded_at, body FROM events "
        "WHERE position > ? ORDER BY position LIMIT ?",
        [position, limit],
    ).fetchall()
    return [StoredRow(*row) for row in rows]


def last_position(db: Database) -> int:
    row = db.conn.execute("SELECT COALESCE(MAX(position), 0) FROM events").fetchone()
    return int(row[0])


def data_version(db: Database) -> int:
    """Changes whenever another connection commits to the file (SQLite's own counter):
    a cheap test of whether there can be anything new to read."""
    return int(db.conn.execute("PRAGMA data_version").fetchone()[0])
