"""Group commit: requests that arrive while the writer is busy land in one transaction.

Every append is durable (one fsync per commit), so with one event per request the
commit, not the work, bounds throughput. Requests queue here; the writer thread takes
everything queued when it gets to it and appends those batches in one transaction,
each request still getting its own result. If anything in the group is refused, the
group wrote nothing, and the writer appends its requests one by one, so each gets its
own answer and a bad request never sinks a good one. A request with an expected
version always goes alone: its check is about the log as it finds it.
"""

from __future__ import annotations

import asyncio
import queue
from concurrent.futures import Future
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import orjson

from missionlog.errors import MissionLogError
from missionlog.provenance import attributed
from missionlog.service import backend
from missionlog.service.auth import authorize
from missionlog.service.problems import Problem
from missionlog.service.workers import Workers

if TYPE_CHECKING:
    from missionlog.api import MissionLog
    from missionlog.store import AppendResult, Prepared

MAX_GROUP_EVENTS = 10_000
Appended = tuple["AppendResult", "dict[str, Any] | None"]


@dataclass
class PendingAppend:
    token: str | None
    lines: list[bytes]
    expected_version: int | None
    describe: bool = False
    future: Future[Appended] = field(default_factory=Future)
    recorded_by: str | None = None  # the token's name, once it is admitted


def _groupable(item: PendingAppend) -> bool:
    """An expected version is checked against the log as the request finds it, and a
    description compares the world just before and after that one request: alone."""
    return item.expected_version is None and not item.describe


class GroupCommit:
    """The service's appends, through its one writer thread."""

    def __init__(self, writer: Workers[MissionLog]) -> None:
        self._writer = writer
        self._pending: queue.SimpleQueue[PendingAppend] = queue.SimpleQueue()

    async def append(self, token: str | None, lines: list[bytes],
                     expected_version: int | None, *, describe: bool = False) -> Appended:
        """The request's result, and with DESCRIBE what it changed (`append_described`)."""
        item = PendingAppend(token, lines, expected_version, describe)
        self._pending.put(item)
        self._writer.submit(self._drain)  # may find the queue emptied by an earlier drain
        return await asyncio.wrap_future(item.future)

    def _take(self) -> list[PendingAppend]:
        group: list[PendingAppend] = []
        events = 0
        while events < MAX_GROUP_EVENTS:
            try:
                item = self._pending.get_nowait()
            except queue.Empty:
                break
            group.append(item)
            events += len(item.lines)
        return group

    def _drain(self, log: MissionLog) -> None:
        group = self._take()
        try:
            with backend.tokens_settled(log):
                together = [item for item in group if self._admitted(log, item)]
            alone = [item for item in together if not _groupable(item)]
            together = [item for item in together if _groupable(item)]
            if len(together) > 1:
                valid = [(item, self._prepared(item)) for item in together]
                together = [item for item, events in valid if events is not None]
                batches = [events for _item, events in valid if events is not None]
                try:
                    results = backend.append_group(log, batches)
                except MissionLogError:
                    alone.extend(together)  # nothing was written: one by one
                else:
                    for item, result in zip(together, results, strict=True):
                        item.future.set_result((result, None))
            else:
                alone.extend(together)
            for item in alone:
                self._append_alone(log, item)
        except BaseException as exc:  # a bug: no request may wait forever
            for item in group:
                if not item.future.done():
                    item.future.set_exception(exc)
            raise

    @staticmethod
    def _prepared(item: PendingAppend) -> list[Prepared] | None:
        """The request's events, or None with the request refused (bad input)."""
        try:
            return list(attributed(backend.prepare(item.lines), item.recorded_by))
        except MissionLogError as exc:
            item.future.set_exception(exc)
            return None

    @staticmethod
    def _admitted(log: MissionLog, item: PendingAppend) -> bool:
        """The token may append (checked on the writer's own connection, so a token
        revoked a moment ago is refused) and names nobody else as the recorder."""
        try:
            info = authorize(log, item.token, "append", public_read=False)
            assert info is not None  # an append always needs a token
            if info.role != "admin":
                _only_as_itself(item.lines, info.name)
        except Problem as refused:
            item.future.set_exception(refused)
            return False
        item.recorded_by = info.name
        return True

    @staticmethod
    def _append_alone(log: MissionLog, item: PendingAppend) -> None:
        try:
            result: Appended
            if item.describe:
                result = log.append_described(lines=item.lines, source="request",
                                              expected_version=item.expected_version,
                                              recorded_by=item.recorded_by)
            else:
                result = (log.import_lines(item.lines, source="request",
                                           expected_version=item.expected_version,
                                           recorded_by=item.recorded_by), None)
        except MissionLogError as exc:
            item.future.set_exception(exc)
        else:
            item.future.set_result(result)


def _only_as_itself(lines: list[bytes], name: str) -> None:
    """Refuse (403) a line naming a recorder other than NAME: events appended with a
    token are recorded by its name, and only an admin token may bring in events
    recorded by others (an `export` of another log). A line that is not JSON is left
    to the validation that follows."""
    for number, line in enumerate(lines, start=1):
        try:  # decoded, not searched for: a key may be spelt with escapes
            claimed = orjson.loads(line).get("recorded_by")
        except (orjson.JSONDecodeError, AttributeError):
            continue
        if claimed is not None and claimed != name:
            raise Problem(403, "forbidden",
                          f"recorded_by (line {number}): {claimed!r} is not this token's name "
                          f"{name!r}; only an admin token may append events recorded by others")
