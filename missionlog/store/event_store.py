"""EventStore: the SQLite file behind a missionlog, with its cached head state.

The only class that holds a connection. Every sqlite3 error is translated into
a missionlog error here or in `connection.py`, so callers never import sqlite3.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Iterator
from itertools import pairwise
from pathlib import Path

from missionlog.errors import StoreError
from missionlog.projections.placement import place
from missionlog.projections.state import Recorded
from missionlog.projections.world import World
from missionlog.store import derived, integrity, reads, state_intervals, state_reads
from missionlog.store.archive_table import DbArchive
from missionlog.store.batch import AppendResult, Head, Prepared
from missionlog.store.connection import (
    OpenMode,
    backup_to,
    open_database,
    translated_errors,
    write_transaction,
)
from missionlog.store.location import postgres_url
from missionlog.store.writer import Writer


class EventStore:
    """Append, read and verify one missionlog file."""

    def __init__(
        self, path: Path | str, *, create: bool = False, read_only: bool = False
    ) -> None:
        self.path: Path | str = path if postgres_url(path) else Path(path)
        mode: OpenMode = "create" if create else "read" if read_only else "write"
        self.read_only = mode == "read"
        self.db = open_database(path, mode=mode)
        self._head: Head | None = None
        # The check every command can afford (see store/integrity.py); callers show these
        # before their answer.
        self.warnings: list[str] = []
        self.on_warning: Callable[[str], None] | None = None
        self.trust_derived = True
        with translated_errors("checking the log"):
            # Files from before the interval rows answer by folding (see connection.py).
            self.keeps_states = state_intervals.tables_exist(self.db)
            for problem in integrity.quick_check(self.db):
                self.warn(problem)
            for problem in derived.quick_derived_check(self.db):
                self.warn(problem)
                self.trust_derived = False

    def warn(self, problem: str) -> None:
        """Note a failed check (shown by the CLI on stderr before its answer)."""
        if problem not in self.warnings:
            self.warnings.append(problem)
            if self.on_warning is not None:
                self.on_warning(problem)

    def distrust(self, damage: derived.DerivedDamage) -> None:
        """A derived row failed its check: say so, and answer from the events from now on."""
        self.warn(str(damage))
        self.trust_derived = False
        self._head = None

    def close(self) -> None:
        self.db.close()

    # ---- writing ---------------------------------------------------------------------

    def append(
        self,
        events: Iterable[Prepared],
        *,
        expected_version: int | None = None,
        progress: Callable[[int], None] | None = None,
    ) -> AppendResult:
        """Append EVENTS atomically: all of them land, or none and the error says why."""
        if self.read_only:
            raise StoreError(f"{self.path} is open read-only: nothing can be appended")
        if not self.trust_derived:
            self.repair()
        try:
            return self._append_once(events, expected_version, progress)
        except derived.DerivedDamage as damage:
            self.distrust(damage)
            self.repair()
            if isinstance(events, list | tuple):  # can be read again: retry on repaired data
                return self._append_once(events, expected_version, progress)
            raise StoreError(
                f"{str(damage).split(';')[0]}; the derived tables are now rebuilt from the "
                "events and nothing was appended: run the command again"
            ) from None

    def repair(self) -> int:
        """Rebuild every derived table from the events, in one write transaction."""
        with translated_errors("rebuilding derived tables"), write_transaction(self.db):
            count = derived.rebuild(self.db)
        self._head = None
        self.trust_derived = True
        return count

    def _append_once(
        self,
        events: Iterable[Prepared],
        expected_version: int | None,
        progress: Callable[[int], None] | None,
    ) -> AppendResult:
        with translated_errors("append"), write_transaction(self.db):
            try:
                tail = reads.log_tail(self.db)
                head = self._synced_head(tail[0])
                if self.keeps_states and head.states is None:
                    head.states = state_intervals.IntervalWriter(self.db)
                writer = Writer(self.db, head, expected_version, tail, head.states)
                writer.run(events, progress)
            except BaseException:
                self._head = None  # the fold may have half-applied an event: rebuild later
                raise
        return writer.result

    def _synced_head(self, last_position: int) -> Head:
        """The head state, caught up with what other processes appended since."""
        head = self._head
        if head is not None and head.log_position == last_position:
            return head
        if head is not None:
            head.states = None  # another process wrote rows this one has not seen
        if head is not None and head.log_position < last_position:
            newer = list(reads.records_after(self.db, head.log_position))
            keys = [head.key, *(record.key for record in newer)]
            in_order = all(a < b for a, b in pairwise(keys)) and all(
                record.event["type"] != "retracted" for record in newer
            )
            if in_order:
                head.versions.clear()  # other writers moved some streams on
                place(head.world, newer)
                head.key = newer[-1].key
                head.log_position = last_position
                return head
        self._head = self._load_head(last_position)
        return self._head

    def _load_head(self, last_position: int) -> Head:
        world, key, tail = reads.fold_from_checkpoint(self.db)
        # Every retirement in the log is already in the archive table: read it from there.
        world.vehicles.archive.forget_saved(DbArchive(self.db))
        return Head(world, key, last_position, since_checkpoint=tail)

    # ---- reading ---------------------------------------------------------------------

    def world_at(self, at: str = reads.FAR_FUTURE, known_at: str = reads.FAR_FUTURE) -> World:
        with translated_errors("reading the log"):
            if self.trust_derived:
                try:
                    return reads.fold_from_checkpoint(self.db, at, known_at,
                                                      stateful_only=True).world
                except derived.DerivedDamage as damage:
                    self.distrust(damage)
            return reads.fold_from_checkpoint(self.db, at, known_at, trusted=False,
                                              stateful_only=True).world

    def rows_at(self, at: str, known_at: str = reads.FAR_FUTURE) -> state_reads.RowsAt | None:
        """The interval rows in force at AT, if they can answer there as known at KNOWN_AT
        (kept up to the log's head, trusted, AT not where the fold reordered imprecise
        events, and nothing recorded after KNOWN_AT changed the history up to AT)."""
        if not (self.keeps_states and self.trust_derived):
            return None
        with translated_errors("reading the log"):
            kept, first_globe = state_reads.current(self.db)
            if not kept:
                return None
            if known_at < reads.FAR_FUTURE and not state_reads.unchanged_since(
                    self.db, at, known_at, reads.log_tail(self.db)[0]):
                return None
            rows = state_reads.RowsAt(self.db, at, first_globe)
            return None if rows.reordered() else rows

    def replay_records(
        self,
        *,
        until: str = reads.FAR_FUTURE,
        known_at: str = reads.FAR_FUTURE,
        after: str | None = None,
    ) -> Iterator[Recorded]:
        """Events in replay order up to UNTIL as known at KNOWN_AT (only those after the
        time AFTER, if given: a replay's lookahead)."""
        key = (after, 2**62) if after is not None else reads.NO_KEY
        with translated_errors("reading the log"):
            yield from reads.replay_records(self.db, until=until, known_at=known_at, after=key)

    def replay_batches(
        self, *, until: str = reads.FAR_FUTURE, known_at: str = reads.FAR_FUTURE,
        stateful_only: bool = False, left_out: Collection[str] = (),
    ) -> Iterator[list[Recorded]]:
        with translated_errors("reading the log"):
            yield from reads.replay_batches(self.db, until=until, known_at=known_at,
                                            stateful_only=stateful_only, left_out=left_out)

    def last_key(
        self, *, until: str = reads.FAR_FUTURE, known_at: str = reads.FAR_FUTURE
    ) -> tuple[str, int] | None:
        with translated_errors("reading the log"):
            return reads.last_key(self.db, until=until, known_at=known_at)

    def count(self, *, until: str = reads.FAR_FUTURE, known_at: str = reads.FAR_FUTURE) -> int:
        with translated_errors("counting events"):
            return reads.count_events(self.db, until=until, known_at=known_at)

    def rows(self, **filters: object) -> Iterator[reads.StoredRow]:
        with translated_errors("reading the log"):
            yield from reads.stored_rows(self.db, **filters)  # type: ignore[arg-type]

    def retracted_ids(self, known_at: str = reads.FAR_FUTURE) -> set[str]:
        with translated_errors("reading retractions"):
            return reads.retracted_ids(self.db, known_at)

    def archive(self) -> DbArchive | None:
        """The retired vehicles of the log as it stands (current knowledge), every row
        checked first; None if any fails (the caller then folds from the events alone)."""
        if self.trust_derived:
            try:
                with translated_errors("reading the archive"):
                    derived.check_all_retirements(self.db)
                return DbArchive(self.db, upto=reads.NO_KEY)
            except derived.DerivedDamage as damage:
                self.distrust(damage)
        return None

    def verify_derived(self) -> None:
        """`verify --deep`: rebuild the derived tables from the events in a scratch copy
        and compare (TamperDetected names the first that differs)."""
        with translated_errors("verifying derived tables"):
            derived.verify_deep(self.db)

    def backup(self, out: Path) -> int:
        """A consistent single-file copy at OUT through SQLite's backup API (what is still
        in the -wal file included); the number of events copied."""
        return backup_to(self.db, out)

    def last_occurred_at(self, known_at: str = reads.FAR_FUTURE) -> str:
        with translated_errors("reading the log"):
            return reads.last_occurred_at(self.db, known_at)

    def straddling(self, at: str, known_at: str = reads.FAR_FUTURE) -> list[Recorded]:
        with translated_errors("reading the log"):
            return list(reads.straddling(self.db, at, known_at))

    def last_recorded_at(self) -> str:
        return reads.log_tail(self.db)[2]

    # ---- verifying -------------------------------------------------------------------

    def verify(self) -> int:
        """Walk the hash chain and check the guards; return the number of events, or raise
        TamperDetected naming the first position whose content no longer matches."""
        return self.verify_with(())[0]

    def verify_chain(self) -> int:
        """The chain and the guards only (what a repair rebuilds from)."""
        return integrity.verify_chain(self.db)[0].position

    def verify_with(self, positions: Collection[int]) -> tuple[int, dict[int, str]]:
        """`verify` (chain, guards, then the derived rows' seals), also returning the
        recomputed chain hash at each of POSITIONS."""
        chain_head, seen = integrity.verify_chain(self.db, positions)
        with translated_errors("verifying derived tables"):
            derived.verify_seals(self.db)
        return chain_head.position, seen

    def head(self) -> integrity.ChainHead:
        """The newest event's position and stored chain hash."""
        with translated_errors("reading the head"):
            return integrity.head(self.db)
