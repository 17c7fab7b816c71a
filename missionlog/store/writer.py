"""The append path's SQL: carry out the plan (`plan.py`) inside one transaction.

An event whose time is at or after everything already folded (the usual case,
and every line of an ordered import) is folded straight into the cached head
state: no replay. A late event (or a retraction) re-folds only the tail after
the newest checkpoint before its time, so the whole history stays consistent
after it lands, not just its own instant. Everything happens inside one
BEGIN IMMEDIATE transaction: a batch lands whole or not at all. What to insert,
skip or re-fold is decided in `plan.py`; this module holds the look-ups, the
inserts, the checkpoints and the projection tables.
"""

from __future__ import annotations

import heapq
import itertools
from collections.abc import Callable, Iterable, Iterator
from typing import Any

import orjson

from missionlog.errors import HistoryConflict, MissionLogError
from missionlog.event_types import subject_of
from missionlog.projections.intervals import IntervalChange, interval_changes
from missionlog.projections.placement import Placer
from missionlog.projections.state import Recorded
from missionlog.projections.world import World
from missionlog.store.archive_table import (
    DbArchive,
    RefoldArchive,
    forget_after,
    forget_from,
    save_retirements,
)
from missionlog.store.batch import AppendResult, Head, Prepared, next_recorded_at
from missionlog.store.chain import GENESIS
from missionlog.store.connection import Db
from missionlog.store.ddl import INSERT_GUARDS
from missionlog.store.derived import checkpoint_seal
from missionlog.store.plan import (
    Chain,
    RecordedClock,
    RefoldPlan,
    check_clocks,
    chunks,
    fresh_events,
    needs_refold,
    plan_refold,
)
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
from missionlog.store.spill import BatchSpill
from missionlog.store.state_intervals import IntervalWriter

CHECKPOINT_EVERY = 5000
CHUNK = 2000
LIFT_GUARDS_AT = 500


def _describe(wire: dict[str, Any]) -> str:
    return f"{wire['type']} {subject_of(wire)} at {wire['occurred_at']}".replace("  ", " ")


class Writer:
    """One append, inside the caller's write transaction."""

    def __init__(
        self,
        db: Db,
        head: Head,
        expected_version: int | None,
        tail: tuple[int, str, str],
        states: IntervalWriter | None = None,
    ) -> None:
        self.db = db
        # the point-in-time interval rows (store/state_intervals.py); None: not kept here
        self.states = states
        self.head = head
        self.expected_version = expected_version
        position, last_hash, last_recorded = tail
        self.result = AppendResult()
        self.chain = Chain(position, last_hash or GENESIS, self.result)
        self.clock = RecordedClock(next_recorded_at(last_recorded), last_recorded)
        self.changes: list[IntervalChange] = []
        self.guards_lifted = False

    # ---- the batch -------------------------------------------------------------------

    def run(self, events: Iterable[Prepared], progress: Callable[[int], None] | None) -> None:
        fresh = self._fresh(events, progress)
        for prepared in fresh:
            if needs_refold(prepared.wire, self.chain.position + 1, self.head.key):
                self._flush()
                self._append_merged(itertools.chain([prepared], fresh))
                break
            try:
                self._append_in_order(prepared)
            except HistoryConflict:
                # A later event of this batch may be placed before it (imprecise times,
                # see projections/placement.py): judge the rest of the batch together.
                following = next(fresh, None)
                if following is None:
                    raise
                self._flush()
                self._append_merged(itertools.chain([prepared, following], fresh))
                break
        self._flush()
        if self.states is not None:
            self.states.finish(self.chain.position, self.chain.hash)
        self.chain.check_expected_version(self.expected_version)
        write_vehicles(self.db, self.head.world, self.chain.touched)
        self._restore_insert_guards()
        self.head.versions.update(self.chain.versions)

    def _fresh(
        self, events: Iterable[Prepared], progress: Callable[[int], None] | None
    ) -> Iterator[Prepared]:
        """The events not in the log yet (see plan.fresh_events)."""
        for chunk in chunks(events, CHUNK):
            self._flush()  # so the lookup below also sees this batch's earlier chunks
            known = self._stored_bodies([p.event_id for p in chunk])
            yield from fresh_events(chunk, known, self.result)
            if progress:
                progress(len(chunk))

    def _append_in_order(self, prepared: Prepared) -> None:
        """At or after everything folded: fold straight into the head, no replay."""
        wire = prepared.wire
        recorded_at = self.clock.stamp(prepared)
        check_clocks(wire, recorded_at, prepared.where)
        world = self.head.world
        try:
            record = world.record(wire, self.chain.position + 1, recorded_at)
        except MissionLogError as exc:
            raise type(exc)(f"{_describe(wire)}{prepared.where}: {exc}") from exc
        self.changes.extend(interval_changes(world, record))
        if self.states is not None:
            self.states.observe(world, record)
        self.head.key = record.key
        self.head.log_position = record.position
        self.chain.add(prepared, record.stream, recorded_at, self._stored_version)
        # After the row is chained: a checkpoint flushes the rows, and an archive row it
        # saves must find its retirement event stored (see store/derived.py).
        self._count_for_checkpoint(recorded_at)

    # ---- late events and retractions -------------------------------------------------

    def _append_merged(self, batch: Iterable[Prepared]) -> None:
        """The rest of the batch holds a late event or a retraction: re-fold the log's
        tail with all of it, as planned by plan.plan_refold. The batch waits in a TEMP
        table (store/spill.py), so memory stays flat however long it is."""
        latest = self.db.execute("SELECT MAX(occurred_at) FROM events").fetchone()[0] or ""
        spill = BatchSpill(self.db)
        plan = plan_refold(batch, retracted_ids(self.db), self.chain.position + 1,
                           self.clock, self._retraction_target, self.result, spill, CHUNK)
        if self.states is not None:
            def target_time(event_id: str) -> str | None:
                found = self._retraction_target(event_id)
                return found[1] if found is not None else spill.occurred_at(event_id)

            self.states.mark_late(spill.new_events(), latest, target_time)
        world = self._refold(plan, spill)
        for prepared, stream, recorded_at in spill.chained():
            self.chain.add(prepared, stream, recorded_at, self._stored_version)
            if len(self.chain.rows) >= CHUNK:
                self._flush()
        self._flush()
        spill.close()
        save_retirements(self.db, world.vehicles.archive)
        world.vehicles.archive.forget_saved(DbArchive(self.db))
        self.head.world = world
        self.head.log_position = self.chain.position

    def _refold(self, plan: RefoldPlan, spill: BatchSpill) -> World:
        start = plan.start
        checkpoint = latest_checkpoint(self.db, before=start)
        world, after = (checkpoint.world, checkpoint.key) if checkpoint else (World(), NO_KEY)
        self.db.execute("DELETE FROM checkpoints WHERE occurred_at >= ?", [start])
        forget_from(self.db, start)
        # Every retirement after the checkpoint is written again by this fold, which reads
        # them back from the table as it goes instead of holding them (RefoldArchive).
        forget_after(self.db, after)
        archive = world.vehicles.archive
        archive.forget_saved(RefoldArchive(self.db, after))
        rewind_tables(self.db, start)
        if self.states is not None:
            self.states.rewind(start)
        existing = replay_records(self.db, after=after, excluded=plan.excluded)
        self.head.since_checkpoint = 0
        folded = 0

        def applied(record: Recorded) -> None:
            nonlocal folded
            if plan.is_new(record.position):  # a new event gets its stream as it is folded
                spill.folded(record.position, record.stream)
            if self.states is not None:
                self.states.observe(world, record)
            if record.occurred_at >= start:
                self.changes.extend(interval_changes(world, record))
                self.chain.touched.add(record.stream)
            self.head.key = max(self.head.key, record.key)
            folded += 1
            if folded % CHUNK == 0:
                if archive.unsaved:
                    save_retirements(self.db, archive)
                    archive.forget_saved(RefoldArchive(self.db, after))
                if self.states is not None:
                    self.states.flush()  # interval rows out a chunk at a time, as appends do
            if not placer.waiting:  # a checkpoint only of a settled state
                self._count_for_checkpoint(self.clock.latest, world, record.key)

        placer = Placer(world, applied)
        current: Recorded | None = None
        try:
            for current in heapq.merge(existing, spill.records(), key=lambda r: r.key):
                placer.feed(current)
            placer.finish()
        except MissionLogError as exc:
            failed = placer.failed or current
            assert failed is not None
            if plan.is_new(failed.position):
                _, where = spill.where(failed.position)
                raise type(exc)(f"{_describe(failed.event)}{where}: {exc}") from exc
            first, where = spill.where(plan.first)
            raise type(exc)(
                f"{_describe(first)}{where}: it would break the later "
                f"{_describe(failed.event)} (position {failed.position}): {exc}"
            ) from exc
        return world

    def _retraction_target(self, event_id: str) -> tuple[str, str, str] | None:
        row = self.db.execute(
            "SELECT stream, occurred_at, type FROM events WHERE event_id = ?", [event_id]
        ).fetchone()
        return None if row is None else (str(row[0]), str(row[1]), str(row[2]))

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
        state = orjson.dumps(world.to_dict())
        seal = checkpoint_seal(self.chain.hash, occurred_at, position, self.chain.position,
                               recorded_at, state)
        self.db.execute(
            "INSERT INTO checkpoints (occurred_at, position, log_position, recorded_at, state, "
            "seal) VALUES (?, ?, ?, ?, ?, ?)",
            [occurred_at, position, self.chain.position, recorded_at, state, seal],
        )

    def _stored_version(self, stream: str) -> int:
        """The stream's version before this batch: the head's cache, else the table."""
        current = self.head.versions.get(stream)
        if current is None:
            row = self.db.execute(
                "SELECT MAX(version) FROM events WHERE stream = ?", [stream]
            ).fetchone()
            current = int(row[0] or 0)
        return current

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
        rows = self.chain.rows
        if len(rows) >= LIFT_GUARDS_AT and not self.guards_lifted and self.db.kind == "sqlite":
            self._lift_insert_guards()
        if rows:
            self.db.conn.executemany(
                "INSERT INTO events (position, event_id, stream, version, type, occurred_at, "
                "recorded_at, recorded_by, body, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                rows,
            )
            rows.clear()
        if self.changes:
            write_interval_changes(self.db, self.changes)
            self.changes = []
        if self.states is not None:
            self.states.flush()

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
