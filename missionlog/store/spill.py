"""A re-folded batch kept on disk: the events of a back-fill wait in a TEMP table, not
in memory, while the log's tail is re-folded with them (issue 10, defect 8).

A batch holding a late event (every line of a back-fill) is merged into the log's
tail in replay order, but lands in batch order, and its streams (hence versions and
hashes) are known only once the fold has placed each event. Holding the whole batch
in memory for that grew an import by ~5.7 KB an event; here it goes to SQLite's temp
database (its own small page cache, spilling to a temp file), is read back in replay
order for the fold, and in batch order for the chain. Everything happens inside the
append's transaction, and the tables are dropped before it commits.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import orjson

from missionlog.projections.state import Recorded
from missionlog.store.batch import Prepared
from missionlog.store.connection import Db

# Plain SQL that SQLite and PostgreSQL both take (store/pg.py translates only the
# store's few SQLite-isms): unqualified names find the TEMP tables first on both.
_DDL = (
    "DROP TABLE IF EXISTS refold_batch",
    "DROP TABLE IF EXISTS refold_streams",
    # stream: the target's stream for a retraction, '' for the fold to assign
    "CREATE TEMP TABLE refold_batch (position INTEGER PRIMARY KEY, event_id TEXT NOT NULL "
    "UNIQUE, type TEXT NOT NULL, occurred_at TEXT NOT NULL, recorded_at TEXT NOT NULL, "
    "body TEXT NOT NULL, stream TEXT NOT NULL, claimed_stream TEXT, line INTEGER NOT NULL, "
    "source TEXT NOT NULL, recorded_by TEXT)",
    "CREATE INDEX refold_batch_by_time ON refold_batch (occurred_at, position)",
    # the stream the fold gave each event, written as it is folded
    "CREATE TEMP TABLE refold_streams (position INTEGER PRIMARY KEY, stream TEXT NOT NULL)",
)
_FLUSH_AT = 2000


class BatchSpill:
    """The new events of one re-folded batch, numbered with their log positions."""

    def __init__(self, db: Db) -> None:
        self.conn = db.conn
        for statement in _DDL:
            self.conn.execute(statement)
        self._rows: list[tuple[Any, ...]] = []
        self._streams: list[tuple[int, str]] = []

    def close(self) -> None:
        for statement in _DDL[:2]:
            self.conn.execute(statement)

    # ---- the plan's pass: batch order ------------------------------------------------

    def add(self, position: int, prepared: Prepared, recorded_at: str, stream: str) -> None:
        wire = prepared.wire
        self._rows.append((position, prepared.event_id, wire["type"], wire["occurred_at"],
                           recorded_at, prepared.body.decode(), stream, prepared.claimed_stream,
                           prepared.line, prepared.source, prepared.recorded_by))
        if len(self._rows) >= _FLUSH_AT:
            self.flush()

    def flush(self) -> None:
        if self._rows:
            self.conn.executemany(
                "INSERT INTO refold_batch (position, event_id, type, occurred_at, recorded_at, "
                "body, stream, claimed_stream, line, source, recorded_by) "
                "VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                self._rows)
            self._rows.clear()
        if self._streams:
            self.conn.executemany(
                "INSERT INTO refold_streams (position, stream) VALUES (?, ?)", self._streams)
            self._streams.clear()

    def bodies(self, event_ids: list[str]) -> dict[str, bytes]:
        """The bodies of those of EVENT_IDS already in the batch (after `flush`)."""
        found: dict[str, bytes] = {}
        for start in range(0, len(event_ids), 500):  # within SQLite's variable limit
            part = event_ids[start:start + 500]
            rows = self.conn.execute(
                f"SELECT event_id, body FROM refold_batch WHERE event_id IN "
                f"({','.join('?' * len(part))})", part)
            found.update((str(event_id), str(body).encode()) for event_id, body in rows)
        return found

    def holds(self, event_id: str) -> bool:
        return self.conn.execute("SELECT 1 FROM refold_batch WHERE event_id = ?",
                                 [event_id]).fetchone() is not None

    def new_events(self) -> Iterator[tuple[int, str, str, str | None]]:
        """(position, occurred_at, type, the id it retracts) of every event of the batch,
        in log order (what the interval rows need to mark late events)."""
        self.flush()
        cursor = self.conn.execute(
            "SELECT position, occurred_at, type, CASE WHEN type = 'retracted' THEN body END "
            "FROM refold_batch ORDER BY position")
        while rows := cursor.fetchmany(1000):
            for position, occurred_at, kind, body in rows:
                retracts = orjson.loads(body).get("retracts") if body is not None else None
                yield int(position), str(occurred_at), str(kind), retracts

    def occurred_at(self, event_id: str) -> str | None:
        """When the batch's event EVENT_ID happened (None: not in the batch)."""
        row = self.conn.execute("SELECT occurred_at FROM refold_batch WHERE event_id = ?",
                                [event_id]).fetchone()
        return None if row is None else str(row[0])

    # ---- the fold's pass: replay order -----------------------------------------------

    def records(self) -> Iterator[Recorded]:
        """The new events in replay order (occurred_at, position), decoded as a replay
        decodes stored events."""
        cursor = self.conn.execute(
            "SELECT position, stream, recorded_at, body FROM refold_batch "
            "ORDER BY occurred_at, position")
        loads = orjson.loads
        make = tuple.__new__
        while rows := cursor.fetchmany(1000):
            yield from [make(Recorded, (p, s, r, loads(b))) for p, s, r, b in rows]

    def folded(self, position: int, stream: str) -> None:
        """The fold gave the event at POSITION its STREAM."""
        self._streams.append((position, stream))
        if len(self._streams) >= _FLUSH_AT:
            self.flush()

    def where(self, position: int) -> tuple[dict[str, Any], str]:
        """The event at POSITION and where it came from, for an error message."""
        body, line, source = self.conn.execute(
            "SELECT body, line, source FROM refold_batch WHERE position = ?", [position]
        ).fetchone()
        return orjson.loads(body), Prepared("", b"", {}, line=line, source=source).where

    # ---- the chain's pass: batch order -----------------------------------------------

    def chained(self) -> Iterator[tuple[Prepared, str, str]]:
        """(event, its stream, its recorded_at) in batch order, once every event is
        folded; the event carries what the chain needs (id, body, type, time, claim,
        who records it)."""
        self.flush()
        cursor = self.conn.execute(
            "SELECT b.position, b.event_id, b.type, b.occurred_at, b.recorded_at, b.body, "
            "s.stream, b.claimed_stream, b.line, b.source, b.recorded_by FROM refold_batch b "
            "LEFT JOIN refold_streams s ON s.position = b.position ORDER BY b.position")
        while rows := cursor.fetchmany(1000):
            for (_, event_id, kind, occurred_at, recorded_at, body, stream, claimed, line,
                 source, recorded_by) in rows:
                if stream is None:
                    raise AssertionError(f"event {event_id} was never folded")
                prepared = Prepared(event_id, str(body).encode(),
                                    {"type": kind, "occurred_at": occurred_at}, recorded_at,
                                    claimed, line, source, recorded_by)
                yield prepared, stream, recorded_at
