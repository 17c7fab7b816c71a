"""A request rate per token: a token bucket each, refused with 429 and Retry-After.

Each token (the bearer string; requests without one share a bucket per client address)
may make `rate` requests a second on average, and `burst` at once after a quiet spell.
A refused request is answered before its body is read or anything runs: nothing is
written. The buckets live in this process (one service instance); the least recently
used are forgotten past `MAX_KEYS`, so made-up tokens cannot grow memory without bound
(they are refused with 401 anyway; a flood of them is for the proxy in front to stop).
"""

from __future__ import annotations

import math
import time
from collections import OrderedDict
from collections.abc import Callable

from fastapi import Request

from missionlog.service.problems import Problem
from missionlog.service.runtime import runtime

MAX_KEYS = 10_000


class TokenBuckets:
    """RATE tokens a second into a bucket of BURST per key; a request takes one."""

    def __init__(self, rate: float, burst: float,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.rate, self.burst, self.clock = rate, max(burst, 1.0), clock
        self._buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()  # level, at

    def take(self, key: str) -> float:
        """0 if KEY may make a request now (and it is counted), else the seconds until
        it may."""
        now = self.clock()
        level, at = self._buckets.pop(key, (self.burst, now))
        level = min(self.burst, level + (now - at) * self.rate)
        wait = 0.0
        if level >= 1.0:
            level -= 1.0
        else:
            wait = (1.0 - level) / self.rate
        self._buckets[key] = (level, now)
        if len(self._buckets) > MAX_KEYS:
            self._buckets.popitem(last=False)
        return wait


async def limit_rate(request: Request) -> None:
    """The app-wide dependency: refuse (429) a request over its token's rate."""
    check_rate(request, request.headers.get("authorization"))


def check_rate(request: Request, authorization: str | None) -> None:
    """Refuse (429) REQUEST if its token (its AUTHORIZATION header; without one, its
    client address) is over its rate."""
    buckets = runtime(request).buckets
    if buckets is None:
        return
    key = authorization or (
        f"address {request.client.host}" if request.client else "anonymous")
    wait = buckets.take(key)
    if wait:
        seconds = max(1, math.ceil(wait))
        raise Problem(429, "rate_limited",
                      f"more than {buckets.rate:g} requests a second (bursts of "
                      f"{buckets.burst:g}) with this token; retry after {seconds} s",
                      headers={"Retry-After": str(seconds)})
