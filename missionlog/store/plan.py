"""The append plan: which events a batch inserts, skips or re-folds, and the rows it
writes, decided without touching SQL.

`writer.py` carries a plan out (the look-ups it needs, the inserts, the checkpoint
and projection tables); everything here is a function of its inputs, so the rules
of an append (idempotency, the recorded_at clock, positions, versions, the hash
chain, which events force a re-fold) can be read, and tested, apart from the SQL.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, Protocol

from missionlog.errors import (
    ConcurrencyConflict,
    DuplicateEventId,
    HistoryConflict,
    InvalidEvent,
    UnknownName,
)
from missionlog.event_types import STATELESS_TYPES
from missionlog.projections.plans import event_window, shift, window
from missionlog.store.batch import AppendResult, Prepared
from missionlog.store.chain import chain_hash

Row = tuple[Any, ...]
FAR_FUTURE_TEXT = "9999-12-31T23:59:59.999999Z"  # after any occurred_at
# event_id -> (stream, occurred_at, type) of a stored event, or None
TargetLookup = Callable[[str], tuple[str, str, str] | None]


def needs_refold(wire: dict[str, Any], next_position: int, head_key: tuple[str, int]) -> bool:
    """A late event (before something already folded) or a retraction cannot be folded
    into the head: the tail after it is re-folded with the rest of the batch."""
    return (wire["occurred_at"], next_position) < head_key or wire["type"] == "retracted"


def fresh_events(
    chunk: Iterable[Prepared], known: dict[str, bytes], result: AppendResult
) -> Iterator[Prepared]:
    """The events of CHUNK not in KNOWN (stored bodies by id, updated as we go): an
    identical one is skipped (idempotency), the same id with other content refused."""
    for prepared in chunk:
        prior = known.get(prepared.event_id)
        if prior is None:
            known[prepared.event_id] = prepared.body
            yield prepared
        elif prior == prepared.body:
            result.skipped += 1
        else:
            raise DuplicateEventId(
                f"event_id {prepared.event_id!r}{prepared.where} was recorded "
                "before with different content; give the correction a new id"
            )


# How far a fact may seem to lie in the future of its recording (clocks disagree a little).
CLOCK_SKEW_SECONDS = 300


def check_clocks(wire: dict[str, Any], recorded_at: str, where: str = "") -> None:
    """The log records what happened and what is planned, each in its own kind of event:
    a fact cannot be recorded before it happened (for every placement its precision
    allows), and a plan cannot be for a time already past when it is recorded."""
    recorded = recorded_at[:19] + "Z"
    earliest, _ = event_window(wire)
    # (fixed-width text: text order is time order; the shift only when it can matter)
    if earliest > recorded and earliest > shift(recorded, CLOCK_SKEW_SECONDS):
        hint = ("a plan is recorded when it is made (occurred_at), for its planned_for"
                if wire["type"] == "planned" else
                "a fact cannot be recorded before it happens: to record what is meant to "
                "happen, append a `planned` event")
        raise InvalidEvent(
            f"occurred_at{where}: {wire['occurred_at']} is in the future of its recording "
            f"({recorded}); {hint}"
        )
    if wire["type"] == "planned":
        _, latest = window(wire["planned_for"], wire.get("planned_for_precision", "day"))
        if latest < wire["occurred_at"]:
            raise InvalidEvent(
                f"planned_for{where}: {wire['planned_for']} is before the plan was made "
                f"({wire['occurred_at']})"
            )
        if latest < shift(recorded, -CLOCK_SKEW_SECONDS):
            raise InvalidEvent(
                f"planned_for{where}: {wire['planned_for']} is already past when the plan is "
                f"recorded ({recorded}); a plan is for the future: record what happened as "
                f"its own event (e.g. `{_ACTIVITY_EVENT.get(wire['activity'], 'docked')}`)"
            )


_ACTIVITY_EVENT = {"launch": "launched", "dock": "docked", "relocate": "relocated",
                   "undock": "undocked", "land": "landed", "deorbit": "deorbited"}


class RecordedClock:
    """The known-at clock of a batch: the store's next instant, or an import's own
    recorded_at, which may not run backwards."""

    def __init__(self, default: str, last: str) -> None:
        self.default = default
        self.last = last

    def stamp(self, prepared: Prepared) -> str:
        given = prepared.recorded_at
        if given is None:
            # Later lines may not carry an earlier recorded_at than this one got.
            self.last = max(self.last, self.default)
            return self.default
        if given < self.last:
            raise InvalidEvent(
                f"recorded_at{prepared.where}: {given} is earlier than {self.last}, "
                "already in the log or on an earlier line; recorded time only moves forward, "
                "so this file cannot keep its recorded times: import it with --recorded-now "
                "to record every line now"
            )
        self.last = given
        return given

    @property
    def latest(self) -> str:
        return max(self.default, self.last)


@dataclass
class Chain:
    """The rows a batch inserts: positions, per-stream versions and the hash chain."""

    position: int
    hash: str
    result: AppendResult
    versions: dict[str, int] = field(default_factory=dict)
    rows: list[Row] = field(default_factory=list)
    touched: set[str] = field(default_factory=set)
    expected_stream: tuple[str, int] | None = None  # (first stream, its version before)

    def add(
        self,
        prepared: Prepared,
        stream: str,
        recorded_at: str,
        stored_version: Callable[[str], int],
    ) -> None:
        """Chain PREPARED as the next row; STORED_VERSION(stream) is asked once per
        stream the batch has not written yet."""
        if prepared.claimed_stream is not None and prepared.claimed_stream != stream:
            raise InvalidEvent(
                f"stream{prepared.where}: the line says {prepared.claimed_stream!r} but the "
                f"event belongs to {stream!r}"
            )
        wire = prepared.wire
        position = self.position + 1
        if wire["type"] not in STATELESS_TYPES:
            self.touched.add(stream)
        current = self.versions.get(stream)
        if current is None:
            current = stored_version(stream)
            if self.expected_stream is None:
                self.expected_stream = (stream, current)
        version = self.versions[stream] = current + 1
        self.hash = chain_hash(self.hash, position, stream, version, recorded_at, prepared.body,
                               recorded_by=prepared.recorded_by)
        self.rows.append(
            (position, prepared.event_id, stream, version, wire["type"], wire["occurred_at"],
             recorded_at, prepared.recorded_by, prepared.body.decode(), self.hash)
        )
        self.position = position
        result = self.result
        result.appended += 1
        result.first_position = result.first_position or position
        result.last_position = position
        result.streams[stream] = version

    def check_expected_version(self, expected: int | None) -> None:
        if expected is None or self.expected_stream is None:
            return
        stream, before = self.expected_stream
        if len(self.versions) > 1:
            raise ConcurrencyConflict(
                f"--expect-version needs one stream, but the batch touches "
                f"{', '.join(sorted(self.versions))}"
            )
        if before != expected:
            raise ConcurrencyConflict(
                f"stream {stream!r} is at version {before}, not {expected}; "
                "someone appended since you read it: re-read and retry"
            )


@dataclass
class RefoldPlan:
    """A batch merged into the log's tail: re-fold from START without EXCLUDED, folding
    the new events (positions FIRST to LAST, numbered in batch order) in replay order."""

    start: str
    excluded: set[str]
    first: int
    last: int

    def is_new(self, position: int) -> bool:
        return self.first <= position <= self.last


class Spill(Protocol):
    """Where a re-folded batch waits (store/spill.py): it is not held in memory."""

    def bodies(self, event_ids: list[str]) -> dict[str, bytes]: ...

    def holds(self, event_id: str) -> bool: ...

    def add(self, position: int, prepared: Prepared, recorded_at: str, stream: str) -> None: ...

    def flush(self) -> None: ...


def plan_refold(
    batch: Iterable[Prepared],
    excluded: set[str],
    first_position: int,
    clock: RecordedClock,
    target_of: TargetLookup,
    result: AppendResult,
    spill: Spill,
    chunk_size: int,
) -> RefoldPlan:
    """What a batch holding a late event or a retraction re-folds: the whole batch is
    judged together (a late stay may dock and undock in one batch), from the earliest
    time it touches, so every later event is checked again. The new events go to SPILL
    a chunk at a time, numbered in batch order."""
    excluded = set(excluded)
    start = FAR_FUTURE_TEXT
    position = first_position - 1  # positions go to the events kept, in batch order
    for chunk in chunks(batch, chunk_size):
        spill.flush()
        seen = spill.bodies([p.event_id for p in chunk])  # earlier in the batch
        for prepared in chunk:
            prior = seen.get(prepared.event_id)
            if prior is not None:
                if prior != prepared.body:
                    raise DuplicateEventId(
                        f"event_id {prepared.event_id!r}{prepared.where} appears twice in "
                        "the batch with different content"
                    )
                result.skipped += 1
                continue
            seen[prepared.event_id] = prepared.body
            start = min(start, prepared.wire["occurred_at"])
            stream = ""
            if prepared.wire["type"] == "retracted":
                target = prepared.wire["retracts"]
                if target in seen or spill.holds(target):
                    raise HistoryConflict(
                        f"retracts{prepared.where}: {target!r} is in this same batch; "
                        "append it first, then retract it"
                    )
                stream, target_time = _retraction_target(target, excluded, prepared, target_of)
                excluded.add(target)
                start = min(start, target_time)
            position += 1
            recorded_at = clock.stamp(prepared)
            check_clocks(prepared.wire, recorded_at, prepared.where)
            spill.add(position, prepared, recorded_at, stream)
    spill.flush()
    return RefoldPlan(start, excluded, first_position, position)


def _retraction_target(
    event_id: str, excluded: set[str], prepared: Prepared, target_of: TargetLookup
) -> tuple[str, str]:
    """(stream, occurred_at) of the event a retraction names, if it may be retracted."""
    found = target_of(event_id)
    where = prepared.where
    if found is None:
        raise UnknownName(f"retracts{where}: no event with event_id {event_id!r} in the log")
    stream, occurred_at, kind = found
    if kind == "retracted":
        raise HistoryConflict(f"retracts{where}: {event_id!r} is itself a retraction")
    if event_id in excluded:
        raise HistoryConflict(f"retracts{where}: {event_id!r} is already retracted")
    return stream, occurred_at


def chunks(items: Iterable[Prepared], size: int) -> Iterator[list[Prepared]]:
    chunk: list[Prepared] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk
