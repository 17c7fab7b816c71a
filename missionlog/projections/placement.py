"""Folding events whose times are placeholders: accept a history that is consistent for
some placement of each imprecise event inside its window.

A day-precision undocking written at 12:00 may have happened at 07:00; a docking at
08:10 at the same port that day must not be refused for it. The fold itself applies
events one by one in replay order (occurred_at, position); the `Placer` sits in front
of it. An event the fold refuses (HistoryConflict) waits while a later event could
still be placed before it (the later event's window starts no later than the waiting
one's window ends, and after everything already placed) and is tried again after each
event applied. When no later event can come before it any more, it is applied or its
refusal stands. The applied order always has a placement inside every window that
never goes back in time (`clock`), so an accepted history is consistent for at least
that placement; a history consistent for none is refused with the fold's own message.

Deterministic: the same records give the same order, so appends and replays agree.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from missionlog.errors import HistoryConflict
from missionlog.projections.plans import event_window
from missionlog.projections.state import Recorded
from missionlog.projections.world import World


class Waiting:
    __slots__ = ("error", "record", "window")

    def __init__(self, record: Recorded, window: tuple[str, str], error: HistoryConflict):
        self.record = record
        self.window = window
        self.error = error


class Placer:
    """Feed records in replay order; `applied` receives each one as the fold takes it."""

    __slots__ = ("applied", "clock", "failed", "waiting", "world")

    def __init__(self, world: World, applied: Callable[[Recorded], None] | None = None) -> None:
        self.world = world
        self.applied = applied
        self.clock = ""  # the placement of the last applied event: never goes back
        self.waiting: list[Waiting] = []
        self.failed: Recorded | None = None  # the record whose refusal was raised

    def feed(self, record: Recorded) -> None:
        event = record.event
        if event.get("precision", "second") == "second" and not self.waiting and \
                "earliest" not in event and "latest" not in event:
            at = record.event["occurred_at"]  # the common case: no window, nothing waiting
            self._try(record, (at, at))
            return
        start, end = event_window(event)
        placed = max(self.clock, start)
        for waiting in list(self.waiting):
            if placed > waiting.window[1]:  # this event cannot come before it any more
                self._settle(waiting)
        self._try(record, (start, end))
        self._retry()

    def feed_batch(self, records: list[Recorded]) -> None:
        """`feed` for a batch of stored records: runs of exact times go straight into the
        fold (`_apply_run`) while nothing waits; a refusal there, or an imprecise time,
        takes the per-event way."""
        start, count = 0, len(records)
        while start < count:
            if self.waiting:
                for record in records[start:]:
                    self.feed(record)
                return
            end = start
            while end < count and _exact(records[end].event):
                end += 1
            if end == start:
                self.feed(records[start])
                start += 1
                continue
            run = records[start:end]
            try:
                self._apply_run(run)
            except HistoryConflict:
                failed = next(i for i, r in enumerate(run) if r.position == self.world.position)
                if failed:
                    self.clock = max(self.clock, run[failed - 1].occurred_at)
                start += failed  # the refused one was not applied: feed it to wait
                self.feed(records[start])
                start += 1
                continue
            self.clock = max(self.clock, run[-1].occurred_at)
            start = end

    def finish(self, lookahead: Iterable[Recorded] = ()) -> None:
        """The end of the records: LOOKAHEAD (the events after them, in replay order) may
        still be placed before a waiting one, and are applied only while one waits."""
        if self.waiting:
            for record in lookahead:
                start, _ = event_window(record.event)
                if not self.waiting or max(self.clock, start) > max(
                        w.window[1] for w in self.waiting):
                    break
                self.feed(record)
        for waiting in list(self.waiting):
            self._settle(waiting)

    # ---- internals ---------------------------------------------------------------------

    def _apply_run(self, run: list[Recorded]) -> None:
        """Fold a run of exact-time records in order (the replay's inner loop, without
        `feed`'s checks per event); `applied` sees each one as it lands. A refusal
        propagates with `world.position` at the refused record, the ones before it applied."""
        if self.applied is None:
            self.world.apply_stored(run)
            return
        apply, applied = self.world.apply, self.applied
        for record in run:
            applied(apply(record))

    def _try(self, record: Recorded, window: tuple[str, str]) -> bool:
        world = self.world
        clock, position = world.clock, world.position
        try:
            record = world.apply(record)
        except HistoryConflict as exc:
            world.clock, world.position = clock, position
            self.waiting.append(Waiting(record, window, exc))
            return False
        self.clock = max(self.clock, window[0])
        if self.applied is not None:
            self.applied(record)
        return True

    def _retry(self) -> None:
        """Try the waiting events again (oldest first) after something was applied."""
        progress = True
        while progress and self.waiting:
            progress = False
            for waiting in list(self.waiting):
                if max(self.clock, waiting.window[0]) > waiting.window[1]:
                    continue
                self.waiting.remove(waiting)
                if self._try(waiting.record, waiting.window):
                    progress = True
                else:
                    self.waiting.pop()  # _try queued it again: keep the first error
                    self.waiting.append(waiting)

    def _settle(self, waiting: Waiting) -> None:
        """WAITING can wait no longer: it is applied now, or its refusal stands."""
        self.waiting.remove(waiting)
        if max(self.clock, waiting.window[0]) <= waiting.window[1] and \
                self._try(waiting.record, waiting.window):
            return
        self.failed = waiting.record
        raise waiting.error


def _exact(event: dict[str, object]) -> bool:
    return (event.get("precision", "second") == "second" and "earliest" not in event
            and "latest" not in event)


def place(world: World, records: Iterable[Recorded],
          applied: Callable[[Recorded], None] | None = None,
          lookahead: Iterable[Recorded] = ()) -> World:
    """Fold RECORDS (replay order) into WORLD through a Placer."""
    placer = Placer(world, applied)
    feed = placer.feed
    for record in records:
        feed(record)
    placer.finish(lookahead)
    return world
