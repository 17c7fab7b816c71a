"""Name look-ups over the whole log, as the log knew it at a given recorded time.

Used when a question cannot be answered from the replayed world alone: an alias
shared with a vehicle launched later, or a vehicle whose first event comes after
the time asked about. Reading the log (not the current `vehicles` table) keeps
`--known-at K` answers exactly what they were at K.
"""

from __future__ import annotations

from missionlog.resolver import Flight
from missionlog.store.connection import Db
from missionlog.store.reads import FAR_FUTURE, retracted_ids


def stream_exists(db: Db, name: str, known_at: str = FAR_FUTURE) -> bool:
    row = db.execute(
        "SELECT 1 FROM events WHERE stream = ? AND recorded_at <= ? LIMIT 1", [name, known_at]
    ).fetchone()
    return row is not None


def vehicles_with_alias(db: Db, alias: str, known_at: str = FAR_FUTURE) -> list[str]:
    """Every vehicle launched with ALIAS among its names, as known at KNOWN_AT."""
    # Read from the launches (a partial index), never from the `vehicles` cache: an edited
    # cache must not make a name mean another vehicle.
    retracted = retracted_ids(db, known_at)
    rows = db.execute(
        "SELECT event_id, stream FROM events WHERE type = 'launched' AND recorded_at <= ? "
        "AND EXISTS (SELECT 1 FROM json_each(events.body, '$.aliases') WHERE value = ?)",
        [known_at, alias],
    ).fetchall()
    return sorted({str(stream) for event_id, stream in rows if event_id not in retracted})


def known_streams(db: Db, known_at: str = FAR_FUTURE) -> list[str]:
    rows = db.execute(
        "SELECT DISTINCT stream FROM events WHERE recorded_at <= ?", [known_at]
    ).fetchall()
    return [str(row[0]) for row in rows]


def first_occurred_at(db: Db, stream: str, known_at: str = FAR_FUTURE) -> str | None:
    row = db.execute(
        "SELECT MIN(occurred_at) FROM events WHERE stream = ? AND recorded_at <= ?",
        [stream, known_at],
    ).fetchone()
    return None if row is None or row[0] is None else str(row[0])


class StoreNameIndex:
    """The resolver's NameIndex (see missionlog/resolver.py) over the whole log as it was
    known at KNOWN_AT: every flight, including those launched after the time asked about,
    so the resolver can tell "not launched yet" from "unknown"."""

    def __init__(self, db: Db, known_at: str = FAR_FUTURE) -> None:
        self.db = db
        self.known_at = known_at
        self._retracted: set[str] | None = None

    def flight(self, name: str) -> Flight | None:
        flights = self._flights("stream = ?", [name])
        return flights[0] if flights else None

    def alias_flights(self, alias: str) -> list[Flight]:
        return self._flights(
            "EXISTS (SELECT 1 FROM json_each(events.body, '$.aliases') WHERE value = ?)",
            [alias],
        )

    def known_names(self) -> list[str]:
        rows = self.db.execute(
            "SELECT DISTINCT stream FROM events WHERE recorded_at <= ? UNION "
            "SELECT DISTINCT a.value FROM events, json_each(events.body, '$.aliases') AS a "
            "WHERE events.type = 'launched' AND events.recorded_at <= ?",
            [self.known_at, self.known_at],
        ).fetchall()
        return sorted(str(row[0]) for row in rows)

    def _flights(self, where: str, args: list[str]) -> list[Flight]:
        if self._retracted is None:
            self._retracted = retracted_ids(self.db, self.known_at)
        rows = self.db.execute(
            "SELECT event_id, stream, occurred_at FROM events WHERE type = 'launched' "
            f"AND recorded_at <= ? AND {where}",
            [self.known_at, *args],
        ).fetchall()
        out = []
        for event_id, stream, launched_at in rows:
            if event_id not in self._retracted:
                out.append(Flight(str(stream), str(launched_at), self._ended_at(str(stream))))
        return sorted(out, key=lambda f: (f.launched_at, f.name))

    def _ended_at(self, stream: str) -> str | None:
        rows = self.db.execute(
            "SELECT event_id, occurred_at FROM events WHERE stream = ? "
            "AND type IN ('landed', 'deorbited') AND recorded_at <= ? ORDER BY occurred_at",
            [stream, self.known_at],
        ).fetchall()
        retracted = self._retracted or set()
        return next((str(at) for event_id, at in rows if event_id not in retracted), None)
