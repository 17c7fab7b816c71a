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
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any, NamedTuple

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
from missionlog.projections.intervals import IntervalChange, interval_changes
from missionlog.projections.world import Recorded, World, is_fit
from missionlog.store.chain import GENESIS, chain_hash
from missionlog.store.reads import (
    NO_KEY,
    latest_checkpoint,
    log_tail,
    replay_records,
    retracted_ids,
)
from missionlog.timeparse import RECORDED_FORMAT

CHECKPOINT_EVERY = 5000
CHUNK = 2000


class Prepared(NamedTuple):
    """A validated event ready to append: its canonical body and what the caller claimed."""

    event_id: str
    body: bytes
    wire: dict[str, Any]
    recorded_at: str | None = None
    claimed_stream: str | None = None
    where: str = ""


@dataclass
class Head:
    """The state after every event in the log, cached between appends of one process."""

    world: World
    key: tuple[str, int]
    log_position: int
    since_checkpoint: int = 0


@dataclass
class AppendResult:
    appended: int = 0
    skipped: int = 0
    first_position: int | None = None
    last_position: int | None = None
    streams: dict[str, int] = field(default_factory=dict)


def next_recorded_at(last: str) -> str:
    """Now, but strictly after the last append: every append gets its own instant on the
    known-at clock, so `--known-at` that instant reproduces exactly what was known."""
    now = datetime.now(UTC)
    if last:
        floor = datetime.strptime(last, RECORDED_FORMAT).replace(tzinfo=UTC)
        now = max(now, floor + timedelta(microseconds=1))
    return now.strftime(RECORDED_FORMAT)


def _describe(wire: dict[str, Any]) -> str:
    subject = wire.get("vehicle") or wire.get("station") or wire.get("subject") or ""
    return f"{wire['type']} {subject} at {wire['occurred_at']}".replace("  ", " ")


class Writer:
    """One append, inside the caller's write transaction."""

    def __init__(self, db: Database, head: Head, expected_version: int | None) -> None:
        self.db = db
        self.head = head
        self.expected_version = expected_version
        self.position, self.hash, self.last_recorded = log_tail(db)
        self.hash = self.hash or GENESIS
        self.recorded_at = next_recorded_at(self.last_recorded)
        self.versions: dict[str, int] = {}
        self.rows: list[tuple[Any, ...]] = []
        self.changes: list[IntervalChange] = []
        self.touched: set[str] = set()
        self.result = AppendResult()
        self.expected_stream: tuple[str, int] | None = None

    # ---- the batch -------------------------------------------------------------------

    def run(self, events: Iterable[Prepared], progress: Callable[[int], None] | None) -> None:
        for chunk in _chunks(events, CHUNK):
            known = self._stored_bodies([p.event_id for p in chunk])
            for prepared in chunk:
                prior = known.get(prepared.event_id)
                if prior is not None:
                    if prior != prepared.body:
                        raise DuplicateEventId(
                            f"event_id {prepared.event_id!r}{prepared.where} was recorded "
                            "before with different content; give the correction a new id"
                        )
                    self.result.skipped += 1
                    continue
                known[prepared.event_id] = prepared.body
                self._append_one(prepared)
            self._flush()
            if progress:
                progress(len(chunk))
        self._check_expected_version()
        self._write_vehicles()

    def _append_one(self, prepared: Prepared) -> None:
        wire = prepared.wire
        recorded_at = self._recorded_at(prepared)
        position = self.position + 1
        key = (wire["occurred_at"], position)
        try:
            if wire["type"] == "retracted" or key < self.head.key:
                self._flush()
                stream = self._append_late(prepared, position, recorded_at)
            else:
                world = self.head.world
                world.clock = wire["occurred_at"]
                stream = world.stream_for(wire)
                record = Recorded(position, stream, recorded_at, wire)
                world.apply(record)
                self.changes.extend(interval_changes(world, record))
                self.head.key = key
                self.head.log_position = position
                self._count_for_checkpoint(recorded_at)
        except MissionLogError as exc:
            raise type(exc)(f"{_describe(wire)}{prepared.where}: {exc}") from exc
        if prepared.claimed_stream is not None and prepared.claimed_stream != stream:
            raise InvalidEvent(
                f"stream{prepared.where}: the line says {prepared.claimed_stream!r} but the "
                f"event belongs to {stream!r}"
            )
        self.touched.add(stream)
        version = self._next_version(stream)
        body_text = prepared.body.decode()
        self.hash = chain_hash(self.hash, position, stream, version, recorded_at, prepared.body)
        self.rows.append(
            (position, prepared.event_id, stream, version, wire["type"], wire["occurred_at"],
             recorded_at, body_text, self.hash)
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
        floor = max(self.last_recorded, self.rows[-1][6] if self.rows else "")
        if given < floor:
            raise InvalidEvent(
                f"recorded_at{prepared.where}: {given} is earlier than {floor}, already in the "
                "log; the known-at clock cannot run backwards"
            )
        self.last_recorded = given
        return given

    # ---- late events and retractions -------------------------------------------------

    def _append_late(self, prepared: Prepared, position: int, recorded_at: str) -> str:
        """Re-fold from the newest checkpoint before the event's time, with it inserted."""
        wire = prepared.wire
        excluded = retracted_ids(self.db)
        start = wire["occurred_at"]
        fixed_stream: str | None = None
        if wire["type"] == "retracted":
            target = self._retraction_target(wire["retracts"], excluded)
            fixed_stream, start = target[0], min(start, target[1])
            excluded.add(wire["retracts"])
        checkpoint = latest_checkpoint(self.db, before=start)
        world, after = (checkpoint.world, checkpoint.key) if checkpoint else (World(), NO_KEY)
        self.db.execute("DELETE FROM checkpoints WHERE occurred_at >= ?", [start])
        self._rewind_tables(start)
        new = Recorded(position, fixed_stream or "", recorded_at, wire)
        existing = replay_records(self.db, after=after, excluded=excluded)
        merged = heapq.merge(existing, [new], key=lambda r: r.key)
        self.head.since_checkpoint = 0
        stream = fixed_stream or ""
        last = after
        for record in merged:
            if record is new and fixed_stream is None:
                world.clock = wire["occurred_at"]
                stream = world.stream_for(wire)
                record = Recorded(position, stream, recorded_at, wire)
            try:
                world.apply(record)
            except HistoryConflict as exc:
                if record.position == position:
                    raise
                raise HistoryConflict(
                    f"it would break the later {_describe(record.event)} "
                    f"(position {record.position}): {exc}"
                ) from exc
            if record.occurred_at >= start:
                self.changes.extend(interval_changes(world, record))
                self.touched.add(record.stream)
            last = record.key
            self._count_for_checkpoint(recorded_at, world, last)
        self.head.world = world
        self.head.key = max(last, (wire["occurred_at"], position))
        self.head.log_position = position
        return stream

    def _retraction_target(self, event_id: str, excluded: set[str]) -> tuple[str, str]:
        row = self.db.execute(
            "SELECT stream, occurred_at, type FROM events WHERE event_id = ?", [event_id]
        ).fetchone()
        if row is None:
            raise UnknownName(f"retracts: no event with event_id {event_id!r} in the log")
        if row[2] == "retracted":
            raise HistoryConflict(f"retracts: {event_id!r} is itself a retraction")
        if event_id in excluded:
            raise HistoryConflict(f"retracts: {event_id!r} is already retracted")
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
        if self.rows:
            self.db.conn.executemany(
                "INSERT INTO events (position, event_id, stream, version, type, occurred_at, "
                "recorded_at, body, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                self.rows,
            )
            self.rows = []
        if self.changes:
            _write_interval_changes(self.db, self.changes)
            self.changes = []

    # ---- browsable projection tables -------------------------------------------------

    def _rewind_tables(self, start: str) -> None:
        """Forget interval history from START on; the re-fold writes it again."""
        self.db.execute("DELETE FROM port_stays WHERE arrived_at >= ?", [start])
        self.db.execute(
            "UPDATE port_stays SET departed_at = NULL WHERE departed_at >= ?", [start]
        )
        self.db.execute("DELETE FROM return_assignments WHERE since >= ?", [start])
        self.db.execute(
            "UPDATE return_assignments SET until = NULL WHERE until >= ?", [start]
        )

    def _write_vehicles(self) -> None:
        world = self.head.world
        rows = []
        gone = [(name,) for name in self.touched if name not in world.vehicles]
        self.db.conn.executemany("DELETE FROM vehicles WHERE name = ?", gone)  # retracted launch
        for name in self.touched:
            vehicle = world.vehicles.get(name)
            if vehicle is None:
                continue
            fit = is_fit(vehicle)
            rows.append(
                (name, vehicle["vehicle_class"], orjson.dumps(vehicle["aliases"]).decode(),
                 vehicle["status"], vehicle["station"], vehicle["port"],
                 orjson.dumps(vehicle["crew_aboard"]).decode(),
                 None if fit is None else int(fit), vehicle["unfit_at"], len(vehicle["leaks"]),
                 vehicle["launched_at"], vehicle["ended_at"])
            )
        self.db.conn.executemany(
            "INSERT OR REPLACE INTO vehicles (name, vehicle_class, aliases, status, station, "
            "port, crew_aboard, fit_for_crew_return, unfit_at, leaks, launched_at, ended_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )


def _write_interval_changes(db: Database, changes: list[IntervalChange]) -> None:
    """Apply interval changes in order; rows opened and closed in one flush never
    round-trip through SQL."""
    opened: dict[tuple[str, str], list[Any]] = {}
    inserts: dict[str, list[list[Any]]] = {"port_stays": [], "return_assignments": []}
    closes: dict[str, list[tuple[str, str]]] = {"port_stays": [], "return_assignments": []}
    for change in changes:
        slot = (change.table, change.key)
        if change.action == "open":
            if change.table == "port_stays":
                row = [change.station, change.port, change.vehicle, change.at, None]
            else:
                row = [change.key, change.vehicle, change.at, None]
            opened[slot] = row
            inserts[change.table].append(row)
        elif slot in opened:
            opened.pop(slot)[-1] = change.at
        else:
            closes[change.table].append((change.at, change.key))
    db.conn.executemany(
        "UPDATE port_stays SET departed_at = ? WHERE vehicle = ? AND departed_at IS NULL",
        closes["port_stays"],
    )
    db.conn.executemany(
        "UPDATE return_assignments SET until = ? WHERE person = ? AND until IS NULL",
        closes["return_assignments"],
    )
    db.conn.executemany(
        "INSERT OR REPLACE INTO port_stays (station, port, vehicle, arrived_at, departed_at) "
        "VALUES (?, ?, ?, ?, ?)",
        inserts["port_stays"],
    )
    db.conn.executemany(
        "INSERT OR REPLACE INTO return_assignments (person, vehicle, since, until) "
        "VALUES (?, ?, ?, ?)",
        inserts["return_assignments"],
    )


def _chunks(items: Iterable[Prepared], size: int) -> Iterator[list[Prepared]]:
    chunk: list[Prepared] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk
