"""Read queries over the events table and the checkpoints: replay order, filters, export.

All reads trust what the store hands back: events were validated on append and
`verify` checks their hashes, so replay decodes bodies with orjson only.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator
from typing import Any, NamedTuple

import orjson

from missionlog.event_types import STATELESS_TYPES
from missionlog.projections.placement import Placer
from missionlog.projections.state import Recorded
from missionlog.projections.world import World
from missionlog.store.archive_table import DbArchive
from missionlog.store.connection import Db
from missionlog.store.derived import check_checkpoint

FAR_FUTURE = "9999-12-31T23:59:59.999999Z"
# The SQL that leaves out the types that change no state (a constant: the registry's names)
_STATEFUL = f" AND type NOT IN ({', '.join(repr(t) for t in sorted(STATELESS_TYPES))})"
NO_KEY: tuple[str, int] = ("", 0)


class StoredRow(NamedTuple):
    """A stored event with every column a reader may show."""

    position: int
    event_id: str
    stream: str
    version: int
    recorded_at: str
    body: str
    hash: str = ""
    recorded_by: str | None = None

    def wire(self) -> dict[str, Any]:
        return dict(orjson.loads(self.body))

    def export_dict(self) -> dict[str, Any]:
        """The JSONL export shape: the wire fields plus the store's fields."""
        out = self.wire()
        out.update(
            stream=self.stream,
            version=self.version,
            position=self.position,
            recorded_at=self.recorded_at,
            recorded_by=self.recorded_by,
            hash=self.hash,
        )
        return out


class Checkpoint(NamedTuple):
    key: tuple[str, int]
    world: World


def retracted_ids(db: Db, known_at: str = FAR_FUTURE) -> set[str]:
    """Event ids retracted by retractions the log knew at KNOWN_AT."""
    sql = (
        "SELECT body ->> '$.retracts' FROM events "
        "WHERE type = 'retracted' AND recorded_at <= ?"
    )
    return {row[0] for row in db.execute(sql, [known_at]).fetchall()}


def replay_batches(
    db: Db,
    *,
    after: tuple[str, int] = NO_KEY,
    until: str = FAR_FUTURE,
    known_at: str = FAR_FUTURE,
    excluded: set[str] | None = None,
    stateful_only: bool = False,
    left_out: Collection[str] = (),
) -> Iterator[list[Recorded]]:
    """Events in replay order (occurred_at, position) after AFTER, up to UNTIL, as known at
    KNOWN_AT, without retracted ones, a thousand at a time: memory stays flat, and a
    replay pays one Python step per batch instead of a generator step per event.
    STATEFUL_ONLY leaves out the types that change no state (event_types.py): a fold
    that only wants the state then never decodes them (see `last_key` for its clock).
    LEFT_OUT names further types the caller has no use for (see `MissionLog.replay_world`)."""
    excluded = retracted_ids(db, known_at) if excluded is None else excluded
    types = _STATEFUL if stateful_only else (
        f" AND type NOT IN ({', '.join('?' * len(left_out))})" if left_out else "")
    where = (
        "FROM events WHERE occurred_at >= ? AND (occurred_at > ? OR position > ?) "
        f"AND occurred_at <= ? AND recorded_at <= ?{types} "
        "ORDER BY occurred_at, position"
    )
    params = [after[0], after[0], after[1], until, known_at,
              *([] if stateful_only else sorted(left_out))]
    loads = orjson.loads
    make = tuple.__new__  # NamedTuple's own constructor is Python-level: 2x slower here
    if not excluded:  # the usual log: no retractions, so no event_id column to read
        cursor = db.conn.execute(f"SELECT position, stream, recorded_at, body {where}", params)
        while rows := cursor.fetchmany(1000):
            yield [make(Recorded, (p, s, r, loads(b))) for p, s, r, b in rows]
        return
    cursor = db.conn.execute(
        f"SELECT position, stream, recorded_at, body, event_id {where}", params
    )
    while rows := cursor.fetchmany(1000):
        yield [make(Recorded, (p, s, r, loads(b))) for p, s, r, b, e in rows
               if e not in excluded]


def last_key(
    db: Db, *, until: str = FAR_FUTURE, known_at: str = FAR_FUTURE,
    excluded: set[str] | None = None,
) -> tuple[str, int] | None:
    """The replay key of the last event up to UNTIL as known at KNOWN_AT (not retracted):
    where a fold of those events leaves its clock."""
    excluded = retracted_ids(db, known_at) if excluded is None else excluded
    cursor = db.conn.execute(
        "SELECT occurred_at, position, event_id FROM events WHERE occurred_at <= ? "
        "AND recorded_at <= ? ORDER BY occurred_at DESC, position DESC",
        [until, known_at],
    )
    for occurred_at, position, event_id in cursor:
        if event_id not in excluded:
            return (str(occurred_at), int(position))
    return None


def replay_records(
    db: Db,
    *,
    after: tuple[str, int] = NO_KEY,
    until: str = FAR_FUTURE,
    known_at: str = FAR_FUTURE,
    excluded: set[str] | None = None,
) -> Iterator[Recorded]:
    """`replay_batches`, one event at a time."""
    for batch in replay_batches(db, after=after, until=until, known_at=known_at,
                                excluded=excluded):
        yield from batch


def count_events(db: Db, *, until: str = FAR_FUTURE, known_at: str = FAR_FUTURE) -> int:
    sql = "SELECT COUNT(*) FROM events WHERE occurred_at <= ? AND recorded_at <= ?"
    return int(db.execute(sql, [until, known_at]).fetchone()[0])


def latest_checkpoint(
    db: Db,
    *,
    before: str | None = None,
    at: str = FAR_FUTURE,
    known_at: str = FAR_FUTURE,
) -> Checkpoint | None:
    """The newest usable checkpoint: at or before AT (strictly before BEFORE if given),
    built from no event recorded after KNOWN_AT."""
    time_clause, bound = ("occurred_at < ?", before) if before else ("occurred_at <= ?", at)
    sql = (
        "SELECT occurred_at, position, log_position, recorded_at, state, seal FROM checkpoints "
        f"WHERE {time_clause} AND recorded_at <= ? ORDER BY occurred_at DESC, position DESC "
        "LIMIT 1"
    )
    row = db.execute(sql, [bound, known_at]).fetchone()
    if row is None:
        return None
    check_checkpoint(db, row)  # DerivedDamage: the caller answers from the events
    key = (str(row[0]), int(row[1]))
    return Checkpoint(key, World.from_dict(orjson.loads(row[4]), DbArchive(db, upto=key)))


class Folded(NamedTuple):
    world: World
    key: tuple[str, int]  # replay key of the last event folded
    tail: int  # events folded after the checkpoint


def fold_from_checkpoint(
    db: Db,
    at: str = FAR_FUTURE,
    known_at: str = FAR_FUTURE,
    *,
    trusted: bool = True,
    stateful_only: bool = False,
) -> Folded:
    """State of everything at AT as the log knew it at KNOWN_AT: the newest usable
    checkpoint, then the tail of events after it (all events, in memory, if the derived
    data is not TRUSTED). STATEFUL_ONLY (a query: only the state is wanted) folds only
    the events that change state and takes the clock from the log; its TAIL then counts
    those alone."""
    checkpoint = latest_checkpoint(db, at=at, known_at=known_at) if trusted else None
    world, key = (checkpoint.world, checkpoint.key) if checkpoint else (World(), NO_KEY)
    world.position = key[1]  # a snapshot keeps the clock, not the position
    excluded = retracted_ids(db, known_at)
    tail = 0
    placer = Placer(world)
    for batch in replay_batches(db, after=key, until=at, known_at=known_at,
                                excluded=excluded, stateful_only=stateful_only):
        if batch:
            placer.feed_batch(batch)
            key, tail = batch[-1].key, tail + len(batch)
    if placer.waiting:  # an imprecise event just after AT may belong before it
        placer.finish(replay_records(db, after=key, known_at=known_at, excluded=excluded))
    if stateful_only:
        last = last_key(db, until=at, known_at=known_at, excluded=excluded)
        if last is not None and last > key:
            key = last
            world.clock, world.position = last
    return Folded(world, key, tail)


def records_after(db: Db, position: int) -> Iterator[Recorded]:
    """Events stored after POSITION, in log order (what other writers appended)."""
    cursor = db.conn.execute(
        "SELECT position, stream, recorded_at, body FROM events WHERE position > ? "
        "ORDER BY position",
        [position],
    )
    for row_position, stream, recorded_at, body in cursor:
        yield Recorded(row_position, stream, recorded_at, orjson.loads(body))


def stored_rows(
    db: Db,
    *,
    streams: list[str] | None = None,
    types: list[str] | None = None,
    since: str | None = None,
    until: str | None = None,
    recorded_since: str | None = None,
    recorded_from: str | None = None,
    recorded_until: str | None = None,
    order: str = "position",
) -> Iterator[StoredRow]:
    """Stored events with optional filters, in log order (or replay order)."""
    clauses: list[str] = []
    params: list[Any] = []
    if streams:
        clauses.append(f"stream IN ({', '.join('?' * len(streams))})")
        params.extend(streams)
    if types:
        clauses.append(f"type IN ({', '.join('?' * len(types))})")
        params.extend(types)
    if since:
        clauses.append("occurred_at >= ?")
        params.append(since)
    if until:
        clauses.append("occurred_at <= ?")
        params.append(until)
    if recorded_since:  # exclusive: what was not known yet at that knowledge time
        clauses.append("recorded_at > ?")
        params.append(recorded_since)
    if recorded_from:  # inclusive
        clauses.append("recorded_at >= ?")
        params.append(recorded_from)
    if recorded_until:
        clauses.append("recorded_at <= ?")
        params.append(recorded_until)
    where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
    order_by = "position" if order == "position" else "occurred_at, position"
    sql = (
        f"SELECT position, event_id, stream, version, recorded_at, body, hash, {db.recorded_by} "
        f"FROM events {where} ORDER BY {order_by}"
    )
    cursor = db.conn.execute(sql, params)
    while rows := cursor.fetchmany(1000):
        for row in rows:
            yield StoredRow(*row)


def recorded_at_of(db: Db, event_id: str) -> str | None:
    row = db.execute("SELECT recorded_at FROM events WHERE event_id = ?", [event_id]).fetchone()
    return None if row is None else str(row[0])


def log_tail(db: Db) -> tuple[int, str, str]:
    """(last position, last hash, last recorded_at) of the log, or zeros for an empty one."""
    row = db.execute(
        "SELECT position, hash, recorded_at FROM events ORDER BY position DESC LIMIT 1"
    ).fetchone()
    return (0, "", "") if row is None else (int(row[0]), str(row[1]), str(row[2]))


def last_occurred_at(db: Db, known_at: str = FAR_FUTURE) -> str:
    """The mission time of the log's last event as known at KNOWN_AT ('' when empty):
    the end of what the log covers."""
    row = db.execute(
        "SELECT MAX(occurred_at) FROM events WHERE recorded_at <= ?", [known_at]
    ).fetchone()
    return str(row[0] or "")


# Events whose time is a window (an imprecise placeholder, or an explicit `earliest`):
# the partial indexes of the same conditions (ddl.WINDOW_INDEXES) find them without
# reading every event after the time asked about. The text must match the indexes'.
IMPRECISE = "body ->> '$.precision' != 'second'"
EARLIEST = "body ->> '$.earliest' IS NOT NULL"


def straddling(db: Db, at: str, known_at: str = FAR_FUTURE) -> Iterator[Recorded]:
    """Events after AT (as known at KNOWN_AT) whose window may still contain AT: a day
    at most for a precision, any width for an explicit `earliest`. (An exact event after
    AT cannot contain it, so only windowed events are read.)"""
    day_after = at[:10] + "T23:59:59Z"
    excluded = retracted_ids(db, known_at)
    columns = "position, stream, recorded_at, body, event_id, occurred_at, type"
    found = {}
    for sql, params in (
        (f"SELECT {columns} FROM events WHERE {IMPRECISE} AND occurred_at > ? "
         "AND occurred_at <= ?", [at, day_after]),
        (f"SELECT {columns} FROM events WHERE {EARLIEST} AND occurred_at > ? "
         "AND body ->> '$.earliest' <= ?", [at, at]),
    ):
        for row in db.conn.execute(sql, params):
            found[row[0]] = row
    for position, stream, recorded_at, body, event_id, _, kind in sorted(
            found.values(), key=lambda row: (row[5], row[0])):
        if recorded_at <= known_at and event_id not in excluded and kind != "retracted":
            yield Recorded(position, stream, recorded_at, orjson.loads(body))
