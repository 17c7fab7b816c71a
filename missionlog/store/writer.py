"""The append path: check each event against the history it joins, then write it.

An event whose time is at or after everything already folded (the usual case,
and every line of an ordered import) is folded straight into the cached head
state: no replay. A late event (or a retraction) re-folds only the tail after
the newest checkpoint before its time, so the whole history stays consistent
after it lands, not just its own instant. Everything happens inside one
BEGIN IMMEDIATE transaction: a batch lands whole or not at all.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Iterable, Iterator
from typing import Any

import orjson
from sqlite_utils import Database

from missionlog.errors import (
    ConcurrencyConflict,
    DuplicateEventId,
    HistoryConflict,
    InvalidEvent,
    MissionLogError,
    UnknownName,
)
from missionlog.event_types import STATELESS_TYPES, subject_of
from missionlog.projections.intervals import IntervalChange, interval_changes
from missionlog.projections.state import Recorded
from missionlog.projections.world import World
from missionlog.store.archive_table import DbArchive, forget_from, save_retirements
from missionlog.store.batch import AppendResult, Head, Prepared, next_recorded_at
from missionlog.store.chain import GENESIS, chain_hash
from missionlog.store.projection_tables import (
    rewind_tables,
    write_interval_changes,
    write_vehicles,
)
from missionlog.store.reads import (
    NO_KEY,
    latest_checkpoint,
    replay_records,
    retracted_ids,
)
from missionlog.store.schema import INSERT_GUARDS

CHECKPOINT_EVERY = 5000
CHUNK = 2000
LIFT_GUARDS_AT = 500


def _describe(wire: dict[str, Any]) -> str:
    subject = subject_of(wire)
    return f"{wire['type']} {subject} at {wire['occurred_at']}".replace("  ", " ")


class Writer:
    """One append, inside the caller's write transaction."""

    def __init__(
        self,
        db: Database,
        head: Head,
        expected_version: int | None,
        tail: tuple[int, str, str],
    ) -> None:
        self.db = db
        self.head = head
        self.expected_version = expected_version
        self.position, self.hash, self.last_recorded = tail
        self.hash = self.hash or GENESIS
        self.recorded_at = next_recorded_at(self.last_recorded)
        self.versions: dict[str, int] = {}
        self.rows: list[tuple[Any, ...]] = []
        self.changes: list[IntervalChange] = []
        self.touched: set[str] = set()
        self.result = AppendResult()
        self.expected_stream: tuple[str, int] | None = None
        self.guards_lifted = False

    # ---- the batch -------------------------------------------------------------------

    def run(self, events: Iterable[Prepared], progress: Callable[[int], None] | None) -> None:
        fresh = self._fresh(events, progress)
        for prepared in fresh:
            wire = prepared.wire
            late = (wire["occurred_at"], self.position + 1) < self.head.key
            if late or wire["type"] == "retracted":
                self._flush()
                self._append_merged([prepared, *fresh])
                break
            self._append_in_order(prepared)
        self._flush()
        self._check_expected_version()
        write_vehicles(self.db, self.head.world, self.touched)
        self._restore_insert_guards()
        self.head.versions.update(self.versions)

    def _fresh(
        self, events: Iterable[Prepared], progress: Callable[[int], None] | None
    ) -> Iterator[Prepared]:
        """The events not in the log yet; an identical one is skipped (idempotency), the
        same id with other content is refused."""
        for chunk in _chunks(events, CHUNK):
            self._flush()  # so the lookup below also sees this batch's earlier chunks
            known = self._stored_bodies([p.event_id for p in chunk])
            for prepared in chunk:
                prior = known.get(prepared.event_id)
                if prior is None:
                    known[prepared.event_id] = prepared.body
                    yield prepared
                elif prior == prepared.body:
                    self.result.skipped += 1
                else:
                    raise DuplicateEventId(
                        f"event_id {prepared.event_id!r}{prepared.where} was recorded "
                        "before with different content; give the correction a new id"
                    )
            if progress:
                progress(len(chunk))

    def _append_in_order(self, prepared: Prepared) -> None:
        """At or after everything folded: fold straight into the head, no replay."""
        wire = prepared.wire
        recorded_at = self._recorded_at(prepared)
        position = self.position + 1
        world = self.head.world
        try:
            record = world.record(wire, position, recorded_at)
        except MissionLogError as exc:
            raise type(exc)(f"{_describe(wire)}{prepared.where}: {exc}") from exc
        self.changes.extend(interval_changes(world, record))
        self.head.key = record.key
        self.head.log_position = position
        self._count_for_checkpoint(recorded_at)
        self._add_row(prepared, record.stream, recorded_at)

    def _add_row(self, prepared: Prepared, stream: str, recorded_at: str) -> None:
        if prepared.claimed_stream is not None and prepared.claimed_stream != stream:
            raise InvalidEvent(
                f"stream{prepared.where}: the line says {prepared.claimed_stream!r} but the "
                f"event belongs to {stream!r}"
            )
        position = self.position + 1
        if prepared.wire["type"] not in STATELESS_TYPES:
            self.touched.add(stream)
        version = self._next_version(stream)
        self.hash = chain_hash(self.hash, position, stream, version, recorded_at, prepared.body)
        wire = prepared.wire
        self.rows.append(
            (position, prepared.event_id, stream, version, wire["type"], wire["occurred_at"],
             recorded_at, prepared.body.decode(), self.hash)
        )
        self.position = position
        self.result.appended += 1
        self.result.first_position = self.result.first_position or position
        self.result.last_position = position
        self.result.streams[stream] = version

    def _recorded_at(self, prepared: Prepared) -> str:
        given = prepared.recorded_at
        if given is None:
            return self.recorded_at
        if given < self.last_recorded:
            raise InvalidEvent(
                f"recorded_at{prepared.where}: {given} is earlier than {self.last_recorded}, "
                "already in the log; the known-at clock cannot run backwards"
            )
        self.last_recorded = given
        return given

    # ---- late events and retractions -------------------------------------------------

    def _append_merged(self, batch: list[Prepared]) -> None:
        """The rest of the batch holds a late event or a retraction: merge all of it into
        the log's tail after the newest checkpoint before its earliest time and re-fold, so
        the batch is judged as a whole (a late stay may dock and undock in one batch) and
        every later event is checked again."""
        pending: list[tuple[Prepared, Recorded]] = []
        seen: dict[str, bytes] = {}
        excluded = retracted_ids(self.db)
        start = min(p.wire["occurred_at"] for p in batch)
        position = self.position  # positions go to the events kept, in batch order
        for prepared in batch:
            if prepared.event_id in seen:
                if seen[prepared.event_id] != prepared.body:
                    raise DuplicateEventId(
                        f"event_id {prepared.event_id!r}{prepared.where} appears twice in "
                        "the batch with different content"
                    )
                self.result.skipped += 1
                continue
            seen[prepared.event_id] = prepared.body
            stream = ""
            if prepared.wire["type"] == "retracted":
                target = prepared.wire["retracts"]
                if target in seen:
                    raise HistoryConflict(
                        f"retracts{prepared.where}: {target!r} is in this same batch; "
                        "append it first, then retract it"
                    )
                stream, target_time = self._retraction_target(target, excluded, prepared)
                excluded.add(target)
                start = min(start, target_time)
            position += 1
            record = Recorded(position, stream, self._recorded_at(prepared), prepared.wire)
            pending.append((prepared, record))
        world = self._refold(start, excluded, pending)
        for prepared, record in pending:
            self._add_row(prepared, record.stream, record.recorded_at)
        save_retirements(self.db, world.vehicles.archive)
        world.vehicles.archive.forget_saved(DbArchive(self.db))
        self.head.world = world
        self.head.log_position = self.position

    def _refold(
        self, start: str, excluded: set[str], pending: list[tuple[Prepared, Recorded]]
    ) -> World:
        checkpoint = latest_checkpoint(self.db, before=start)
        world, after = (checkpoint.world, checkpoint.key) if checkpoint else (World(), NO_KEY)
        self.db.execute("DELETE FROM checkpoints WHERE occurred_at >= ?", [start])
        forget_from(self.db, start)
        rewind_tables(self.db, start)
        by_position = {record.position: index for index, (_, record) in enumerate(pending)}
        new_records = sorted((record for _, record in pending), key=lambda r: r.key)
        existing = replay_records(self.db, after=after, excluded=excluded)
        self.head.since_checkpoint = 0
        for record in heapq.merge(existing, new_records, key=lambda r: r.key):
            index = by_position.get(record.position)
            prepared = pending[index][0] if index is not None else None
            try:
                record = world.apply(record)  # a new event gets its stream here
                if prepared is not None:
                    pending[index] = (prepared, record)  # type: ignore[index]
            except MissionLogError as exc:
                if prepared is not None:
                    raise type(exc)(f"{_describe(record.event)}{prepared.where}: {exc}") from exc
                first = pending[0][0]
                raise type(exc)(
                    f"{_describe(first.wire)}{first.where}: it would break the later "
                    f"{_describe(record.event)} (position {record.position}): {exc}"
                ) from exc
            if record.occurred_at >= start:
                self.changes.extend(interval_changes(world, record))
                self.touched.add(record.stream)
            self.head.key = max(self.head.key, record.key)
            self._count_for_checkpoint(max(self.recorded_at, self.last_recorded), world, record.key)
        return world

    def _retraction_target(
        self, event_id: str, excluded: set[str], prepared: Prepared
    ) -> tuple[str, str]:
        """(stream, occurred_at) of the event a retraction names, if it may be retracted."""
        row = self.db.execute(
            "SELECT stream, occurred_at, type FROM events WHERE event_id = ?", [event_id]
        ).fetchone()
        where = prepared.where
        if row is None:
            raise UnknownName(f"retracts{where}: no event with event_id {event_id!r} in the log")
        if row[2] == "retracted":
            raise HistoryConflict(f"retracts{where}: {event_id!r} is itself a retraction")
        if event_id in excluded:
            raise HistoryConflict(f"retracts{where}: {event_id!r} is already retracted")
        return str(row[0]), str(row[1])

    # ---- checkpoints, versions, rows -------------------------------------------------

    def _count_for_checkpoint(
        self, recorded_at: str, world: World | None = None, key: tuple[str, int] | None = None
    ) -> None:
        self.head.since_checkpoint += 1
        if self.head.since_checkpoint < CHECKPOINT_EVERY:
            return
        self.head.since_checkpoint = 0
        world = world or self.head.world
        occurred_at, position = key or self.head.key
        self._flush()
        self.db.execute(
            "INSERT INTO checkpoints (occurred_at, position, log_position, recorded_at, state) "
            "VALUES (?, ?, ?, ?, ?)",
            [occurred_at, position, self.position, recorded_at,
             orjson.dumps(world.to_dict())],
        )

    def _next_version(self, stream: str) -> int:
        current = self.versions.get(stream)
        if current is None:
            current = self.head.versions.get(stream)
            if current is None:
                row = self.db.execute(
                    "SELECT MAX(version) FROM events WHERE stream = ?", [stream]
                ).fetchone()
                current = int(row[0] or 0)
            if self.expected_stream is None:
                self.expected_stream = (stream, current)
        self.versions[stream] = current + 1
        return current + 1

    def _check_expected_version(self) -> None:
        if self.expected_version is None or self.expected_stream is None:
            return
        stream, before = self.expected_stream
        if len(self.versions) > 1:
            raise ConcurrencyConflict(
                f"--expect-version needs one stream, but the batch touches "
                f"{', '.join(sorted(self.versions))}"
            )
        if before != self.expected_version:
            raise ConcurrencyConflict(
                f"stream {stream!r} is at version {before}, not {self.expected_version}; "
                "someone appended since you read it: re-read and retry"
            )

    def _stored_bodies(self, event_ids: list[str]) -> dict[str, bytes]:
        found: dict[str, bytes] = {}
        for start in range(0, len(event_ids), 500):
            part = event_ids[start : start + 500]
            marks = ",".join("?" * len(part))
            sql = f"SELECT event_id, body FROM events WHERE event_id IN ({marks})"
            for event_id, body in self.db.execute(sql, part).fetchall():
                found[event_id] = body.encode()
        return found

    def _flush(self) -> None:
        archive = self.head.world.vehicles.archive
        if archive.unsaved:
            save_retirements(self.db, archive)
            archive.forget_saved(DbArchive(self.db))
        if len(self.rows) >= LIFT_GUARDS_AT and not self.guards_lifted:
            self._lift_insert_guards()
        if self.rows:
            self.db.conn.executemany(
                "INSERT INTO events (position, event_id, stream, version, type, occurred_at, "
                "recorded_at, body, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                self.rows,
            )
            self.rows = []
        if self.changes:
            write_interval_changes(self.db, self.changes)
            self.changes = []

    def _lift_insert_guards(self) -> None:
        """A large batch drops the insert guards inside its own exclusive transaction (they
        cost ~20 µs a row; this writer computes positions and versions itself and checked
        every id) and `_restore_insert_guards` puts them back before the commit, so no
        committed state and no other writer ever goes without them."""
        for name in INSERT_GUARDS:
            self.db.execute(f"DROP TRIGGER IF EXISTS {name}")
        self.guards_lifted = True

    def _restore_insert_guards(self) -> None:
        if self.guards_lifted:
            for statement in INSERT_GUARDS.values():
                self.db.execute(statement)
            self.guards_lifted = False

def _chunks(items: Iterable[Prepared], size: int) -> Iterator[list[Prepared]]:
    chunk: list[Prepared] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk
