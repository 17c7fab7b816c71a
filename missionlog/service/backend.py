"""The service's only contact with the store beneath the log: the tail of the log for
streams and exports, and the token table. Every other call goes through MissionLog's
own methods, so another backend only needs these few functions to serve over HTTP."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any
from weakref import WeakKeyDictionary

from missionlog.store import AppendResult, Prepared, tail
from missionlog.store.tokens import CachedTokens, TokenInfo

if TYPE_CHECKING:
    from missionlog.api import MissionLog


def events_after(log: MissionLog, position: int, limit: int) -> list[dict[str, Any]]:
    """Up to LIMIT events after POSITION, in log order, in the `export` shape."""
    return [row.export_dict() for row in tail.rows_after(log.store.db, position, limit)]


def last_position(log: MissionLog) -> int:
    return tail.last_position(log.store.db)


_TOKENS: WeakKeyDictionary[MissionLog, CachedTokens] = WeakKeyDictionary()


def _tokens(log: MissionLog) -> CachedTokens:
    tokens = _TOKENS.get(log)
    if tokens is None:
        tokens = _TOKENS[log] = CachedTokens(log.store.db)
    return tokens


def check_token(log: MissionLog, token: str) -> TokenInfo | None:
    """TOKEN's record on LOG's connection (each worker's own), cached until another
    connection commits: a revocation is seen by the next request."""
    return _tokens(log).check(token)


@contextmanager
def tokens_settled(log: MissionLog) -> Iterator[None]:
    """The token checks inside share one look at whether another connection committed
    (the writer admits a whole group of requests at one moment)."""
    tokens = _tokens(log)
    tokens.refresh()
    tokens.settled = True
    try:
        yield
    finally:
        tokens.settled = False


def prepare(lines: list[bytes]) -> list[Prepared]:
    """One request's events, validated (InvalidEvent names the line)."""
    from missionlog.ingest import prepare_lines

    return list(prepare_lines(lines, source="request"))


def append_group(log: MissionLog, prepared: list[list[Prepared]]) -> list[AppendResult]:
    """Several requests' batches in one transaction (one durable commit), in order, with
    each request's own result; as if each had been appended alone right after the one
    before. Any error raises before anything is written: the caller then appends them
    one by one, so each request gets its own answer."""
    before = tail.last_position(log.store.db)
    log.store.append([event for batch in prepared for event in batch])
    ids = list(dict.fromkeys(event.event_id for batch in prepared for event in batch))
    landed = tail.positions_of(log.store.db, ids, after=before)
    results = []
    for batch in prepared:
        result = AppendResult()
        for event in batch:
            row = landed.pop(event.event_id, None)  # the first to send it appended it
            if row is None:
                result.skipped += 1
                continue
            position, stream, version = row
            result.appended += 1
            result.first_position = min(result.first_position or position, position)
            result.last_position = max(result.last_position or position, position)
            result.streams[stream] = max(result.streams.get(stream, 0), version)
        results.append(result)
    return results
