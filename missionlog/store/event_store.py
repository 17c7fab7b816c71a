"""EventStore: the SQLite file behind a missionlog, with its cached head state.

The only class that holds a connection. Every sqlite3 error is translated into
a missionlog error here or in `connection.py`, so callers never import sqlite3.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Iterator
from itertools import pairwise
from pathlib import Path

import orjson

from missionlog.errors import StoreError, TamperDetected
from missionlog.projections.state import Recorded
from missionlog.projections.world import World
from missionlog.store import reads
from missionlog.store.archive_table import DbArchive
from missionlog.store.batch import AppendResult, Head, Prepared
from missionlog.store.chain import GENESIS, chain_hash
from missionlog.store.connection import open_database, translated_errors, write_transaction
from missionlog.store.writer import Writer


class EventStore:
    """Append, read and verify one missionlog file."""

    def __init__(self, path: Path | str, *, create: bool = False) -> None:
        self.path = Path(path)
        self.db = open_database(path, create=create)
        self._head: Head | None = None

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
        with translated_errors("append"), write_transaction(self.db):
            try:
                tail = reads.log_tail(self.db)
                writer = Writer(self.db, self._synced_head(tail[0]), expected_version, tail)
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
        if head is not None and head.log_position < last_position:
            newer = list(reads.records_after(self.db, head.log_position))
            keys = [head.key, *(record.key for record in newer)]
            in_order = all(a < b for a, b in pairwise(keys)) and all(
                record.event["type"] != "retracted" for record in newer
            )
            if in_order:
                head.versions.clear()  # other writers moved some streams on
                for record in newer:
                    head.world.apply(record)
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
            return reads.fold_from_checkpoint(self.db, at, known_at).world

    def replay_records(
        self, *, until: str = reads.FAR_FUTURE, known_at: str = reads.FAR_FUTURE
    ) -> Iterator[Recorded]:
        with translated_errors("reading the log"):
            yield from reads.replay_records(self.db, until=until, known_at=known_at)

    def count(self, *, until: str = reads.FAR_FUTURE, known_at: str = reads.FAR_FUTURE) -> int:
        with translated_errors("counting events"):
            return reads.count_events(self.db, until=until, known_at=known_at)

    def rows(self, **filters: object) -> Iterator[reads.StoredRow]:
        with translated_errors("reading the log"):
            yield from reads.stored_rows(self.db, **filters)  # type: ignore[arg-type]

    def retracted_ids(self, known_at: str = reads.FAR_FUTURE) -> set[str]:
        with translated_errors("reading retractions"):
            return reads.retracted_ids(self.db, known_at)

    def archive(self) -> DbArchive:
        """The retired vehicles of the log as it stands (current knowledge)."""
        return DbArchive(self.db, upto=reads.NO_KEY)

    def last_recorded_at(self) -> str:
        return reads.log_tail(self.db)[2]

    # ---- verifying -------------------------------------------------------------------

    def verify(self) -> int:
        """Walk the hash chain; return the number of events, or raise TamperDetected
        naming the first position whose content no longer matches."""
        expected_hash, expected_position = GENESIS, 1
        try:
            cursor = self.db.conn.execute(
                "SELECT position, event_id, stream, version, type, occurred_at, recorded_at, "
                "body, hash FROM events ORDER BY position"
            )
            for row in cursor:
                position, event_id, stream, version, kind, occurred_at, recorded_at = row[:7]
                body, stored_hash = row[7], row[8]
                if position != expected_position:
                    raise TamperDetected(
                        f"position {expected_position} is missing (next stored is {position})"
                    )
                expected_hash = chain_hash(
                    expected_hash, position, stream, version, recorded_at, body.encode()
                )
                if stored_hash != expected_hash:
                    raise TamperDetected(
                        f"position {position} ({event_id}) does not match its hash: the event "
                        "or one before it was edited"
                    )
                wire = orjson.loads(body)
                columns = (event_id, kind, occurred_at)
                if columns != (wire["event_id"], wire["type"], wire["occurred_at"]):
                    raise TamperDetected(
                        f"position {position}: columns event_id/type/occurred_at disagree "
                        "with the hashed body"
                    )
                expected_position += 1
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"verify could not read the log: {exc}") from exc
        return expected_position - 1
