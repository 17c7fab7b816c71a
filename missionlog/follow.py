"""Following a log as it grows: new events in position order, and decision changes.

On a SQLite file the follower polls `PRAGMA data_version`, SQLite's own counter of
commits by other connections: a poll with nothing new costs one pragma, and a commit is
seen within one poll interval. On PostgreSQL it LISTENs on the log's channel, which
every append notifies at its commit (store/pg.py): a wake-up, not a poll. Over HTTP the
service's event stream does the watching (`HttpLog.follow`). All hand out batches of
events in position order.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, Protocol

POLL_S = 0.02


class DecisionSource(Protocol):
    def decisions(self, *, at: Any = None, known_at: Any = None,
                  status: str | None = None) -> list[dict[str, Any]]: ...


def follow_file(path: Path | str, after: int | None = None, *,
                types: list[str] | None = None, poll_s: float = POLL_S,
                started: Callable[[int], None] | None = None,
                ) -> Iterator[list[dict[str, Any]]]:
    """Batches of the events recorded in the log at PATH after position AFTER (default:
    from its current end), forever, each in the `export` shape. STARTED is called with
    the start position once the watch is set up."""
    from missionlog.api import MissionLog
    from missionlog.store import tail

    with MissionLog.open(path) as log:
        reader = _NewEvents(log.store.db, after, types, started)
        seen_version: int | None = None
        while True:
            version = tail.data_version(reader.db)
            if version != seen_version:
                seen_version = version
                yield from reader.batches()
            time.sleep(poll_s)


class _NewEvents:
    """The events stored after the last position handed out (at first AFTER, or the end
    of the log), in batches in the `export` shape, only those of TYPES if given."""

    def __init__(self, db: Any, after: int | None, types: list[str] | None,
                 started: Callable[[int], None] | None) -> None:
        from missionlog.store import tail

        self.db = db
        self.wanted = set(types) if types else None
        self.position = tail.last_position(db) if after is None else after
        if started is not None:
            started(self.position)

    def batches(self) -> Iterator[list[dict[str, Any]]]:
        from missionlog.store import tail

        while rows := tail.rows_after(self.db, self.position, 1000):
            self.position = rows[-1].position
            batch = [row.export_dict() for row in rows]
            batch = [e for e in batch if self.wanted is None or e["type"] in self.wanted]
            if batch:
                yield batch


def follow_log(db: Path | str, after: int | None = None, *,
               types: list[str] | None = None,
               started: Callable[[int], None] | None = None,
               ) -> Iterator[list[dict[str, Any]]]:
    """`follow_file` or `follow_postgres`, whichever DB names."""
    from missionlog.store.location import postgres_url

    url = postgres_url(db)
    if url is not None:
        return follow_postgres(url, after, types=types, started=started)
    return follow_file(db, after, types=types, started=started)


def follow_postgres(url: str, after: int | None = None, *,
                    types: list[str] | None = None, wait_s: float = 5.0,
                    started: Callable[[int], None] | None = None,
                    ) -> Iterator[list[dict[str, Any]]]:
    """`follow_file` on a PostgreSQL log. The LISTEN is in place before the start is
    read, so a commit after it is always notified; a notification is only a hint to read
    `position > last seen`, so a lost or folded one costs nothing (and every WAIT_S the
    follower reads anyway). Positions commit in order (writers hold the log's lock until
    they commit), so reading by position never skips one."""
    from psycopg import sql

    from missionlog.api import MissionLog
    from missionlog.store.pg import connect

    with MissionLog.open(url, read_only=True) as log, connect(url) as listener:
        channel = log.store.db.channel  # type: ignore[attr-defined]  # a PgDb
        listener.execute(sql.SQL("LISTEN {}").format(sql.Identifier(channel)))
        reader = _NewEvents(log.store.db, after, types, started)
        while True:
            yield from reader.batches()
            for _ in listener.notifies(timeout=wait_s, stop_after=1):
                pass


def decision_key(decision: dict[str, Any]) -> tuple[str, str, str]:
    return (decision["kind"], decision["subject"], decision["opened_at"])


def decision_changes(
    log: DecisionSource, batches: Iterable[Any], baseline: list[dict[str, Any]]
) -> Iterator[list[dict[str, Any]]]:
    """After each batch of new events, the decisions that opened or changed (status or
    content) since the batch before (the first time: since BASELINE), oldest first.
    BASELINE must be read before the position BATCHES start after is fixed: a change
    recorded in between then shows in the first comparison instead of being lost."""
    known = {decision_key(d): d for d in baseline}
    for _batch in batches:
        now = {decision_key(d): d for d in log.decisions()}
        changed = [d for key, d in now.items() if known.get(key) != d]
        known = now
        if changed:
            yield sorted(changed, key=lambda d: (d["opened_at"], d["kind"], d["subject"]))
