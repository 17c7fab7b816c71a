"""Reading the end of the log for followers: rows after a position, and change detection."""

from __future__ import annotations

from missionlog.store.connection import Db
from missionlog.store.reads import StoredRow


def rows_after(db: Db, position: int, limit: int = 1000) -> list[StoredRow]:
    """Up to LIMIT stored events after POSITION, in log order."""
    rows = db.conn.execute(
        f"SELECT position, event_id, stream, version, recorded_at, body, hash, {db.recorded_by} "
        "FROM events WHERE position > ? ORDER BY position LIMIT ?",
        [position, limit],
    ).fetchall()
    return [StoredRow(*row) for row in rows]


def last_position(db: Db) -> int:
    row = db.conn.execute("SELECT COALESCE(MAX(position), 0) FROM events").fetchone()
    return int(row[0])


def data_version(db: Db) -> int:
    """Changes whenever another connection commits to the file (SQLite's own counter):
    a cheap test of whether there can be anything new to read."""
    return int(db.conn.execute("PRAGMA data_version").fetchone()[0])


def positions_of(
    db: Db, event_ids: list[str], *, after: int
) -> dict[str, tuple[int, str, int]]:
    """Position, stream and version of those of EVENT_IDS stored after position AFTER."""
    found: dict[str, tuple[int, str, int]] = {}
    for start in range(0, len(event_ids), 500):  # within SQLite's variable limit
        chunk = event_ids[start:start + 500]
        rows = db.conn.execute(
            "SELECT event_id, position, stream, version FROM events "
            f"WHERE position > ? AND event_id IN ({', '.join('?' * len(chunk))})",
            [after, *chunk],
        )
        for event_id, position, stream, version in rows:
            found[event_id] = (position, stream, version)
    return found
