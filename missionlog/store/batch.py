"""The shapes an append passes around: a prepared event, the cached head, the result."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any, NamedTuple

from missionlog.projections.world import World
from missionlog.timeparse import RECORDED_FORMAT


class Prepared(NamedTuple):
    """A validated event ready to append: its canonical body and what the caller claimed."""

    event_id: str
    body: bytes
    wire: dict[str, Any]
    recorded_at: str | None = None
    claimed_stream: str | None = None
    line: int = 0
    source: str = ""
    recorded_by: str | None = None  # who records it (None: nobody known; see ingest.py)

    @property
    def where(self) -> str:
        """Where the event came from, for error messages (built only when one is raised)."""
        if not self.line:
            return ""
        return f" ({self.source} {self.line})" if self.source in ("event", "line") else (
            f" (line {self.line} of {self.source})")


@dataclass
class Head:
    """The state after every event in the log, cached between appends of one process."""

    world: World
    key: tuple[str, int]
    log_position: int
    since_checkpoint: int = 0
    versions: dict[str, int] = field(default_factory=dict)  # stream -> latest version
    # The interval rows' writer with its caches (store/state_intervals.py), kept while
    # no other process appended: its caches then still hold the open rows.
    states: Any = None


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
    now = _now_text()
    if now > last:  # fixed-width text: text order is time order
        return now
    floor = datetime.fromisoformat(last.replace("Z", "+00:00"))
    return (floor + timedelta(microseconds=1)).strftime(RECORDED_FORMAT)


_second: list[Any] = [None, ""]  # (whole second, its text): formatted once a second


def _now_text() -> str:
    """The current UTC instant in the store's fixed-width text (every append asks: the
    date and time are formatted once a second, the microseconds each time)."""
    now_ns = time.time_ns()
    second, micro = divmod(now_ns // 1000, 1_000_000)
    if _second[0] != second:
        _second[0] = second
        _second[1] = datetime.fromtimestamp(second, UTC).strftime("%Y-%m-%dT%H:%M:%S")
    return f"{_second[1]}.{micro:06d}Z"
