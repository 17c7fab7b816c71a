"""One read of the log's tail for every event stream at the same place.

After an append every open stream wakes and asks for the events after the position it
has sent. Followers mostly sit at the same position, so streams woken by the same
append share one page read (on a reader thread) and one JSON encoding of each event:
with a thousand followers an append costs one read, not a thousand (docs/scaling.md).

A shared read is keyed by the position and by the wake-up signal the stream took
before asking (runtime.Signal): a read started under that signal began after every
append that fired before it, so joining it shows a stream no less than its own read
would. Streams at other positions (catching up) read on their own.
"""

from __future__ import annotations

import asyncio
from functools import partial
from typing import TYPE_CHECKING, NamedTuple

import orjson

from missionlog.service import backend

if TYPE_CHECKING:
    from missionlog.api import MissionLog
    from missionlog.service.workers import Workers


class Sent(NamedTuple):
    """An event as a stream sends it: its position, type and `export` shape as JSON."""

    position: int
    type: str
    data: str


class SharedPages:
    def __init__(self, readers: Workers[MissionLog], size: int) -> None:
        self.readers, self.size = readers, size
        self._reads: dict[tuple[int, asyncio.Event], asyncio.Future[list[Sent]]] = {}

    async def after(self, position: int, wake: asyncio.Event) -> list[Sent]:
        """Up to a page of events after POSITION, read no earlier than WAKE was taken."""
        key = (position, wake)
        read = self._reads.get(key)
        if read is None:
            read = asyncio.ensure_future(self.readers.run(partial(self._page, after=position)))
            self._reads[key] = read
            read.add_done_callback(lambda _: self._reads.pop(key, None))
        return await asyncio.shield(read)  # a stream that leaves does not end the read

    def _page(self, log: MissionLog, after: int) -> list[Sent]:
        return [Sent(event["position"], event["type"], orjson.dumps(event).decode())
                for event in backend.events_after(log, after, self.size)]
