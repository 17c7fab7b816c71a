"""What a running service holds: its worker threads, limits and the append signal."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from fastapi import Request

from missionlog.service.group_commit import GroupCommit
from missionlog.service.pages import SharedPages
from missionlog.service.workers import Workers

if TYPE_CHECKING:
    from missionlog.api import MissionLog
    from missionlog.service.ratelimit import TokenBuckets


PAGE = 1000  # events a stream reads at a time


@dataclass(frozen=True)
class Limits:
    """Bounds a public service needs: the largest request body and batch it accepts, and
    how many requests a second one token may make (`rate_per_s` 0: no limit)."""

    max_body_bytes: int = 8 * 1024 * 1024
    max_batch_events: int = 10_000
    rate_per_s: float = 100.0  # per token, on average (429 above)
    rate_burst: int = 200  # requests at once after a quiet spell
    follow_poll_s: float = 0.5  # how often a stream re-reads when no append woke it
    follow_ping_s: float = 5.0


class Signal:
    """Wakes every waiting stream when an append lands (in this process)."""

    def __init__(self) -> None:
        self._event = asyncio.Event()

    def current(self) -> asyncio.Event:
        """Take this before reading, then wait on it: an append in between still wakes."""
        return self._event

    def fire(self) -> None:
        self._event.set()
        self._event = asyncio.Event()


@dataclass
class Runtime:
    readers: Workers[MissionLog]
    writer: Workers[MissionLog]
    limits: Limits
    public_read: bool
    appended: Signal = field(default_factory=Signal)
    appends: GroupCommit = field(init=False)
    buckets: TokenBuckets | None = field(init=False)
    pages: SharedPages = field(init=False)

    def __post_init__(self) -> None:
        from missionlog.service.ratelimit import TokenBuckets

        self.appends = GroupCommit(self.writer)
        self.pages = SharedPages(self.readers, PAGE)
        self.buckets = (TokenBuckets(self.limits.rate_per_s, self.limits.rate_burst)
                        if self.limits.rate_per_s > 0 else None)


def runtime(request: Request) -> Runtime:
    value: Runtime = request.app.state.runtime
    return value
