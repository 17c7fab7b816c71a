"""Checks of the stored log: the full `verify` walk and the cheap check every command runs.

`verify_chain` recomputes every hash (covering position, stream, version,
recorded_at, schema_version, recorded_by and body), checks the indexed columns against the
hashed body, that recorded_at never runs backwards, and that the append-only
triggers are all there and unaltered. `quick_check` is what every command can
afford before it answers: the triggers, and the newest event's hash recomputed
from the one before it.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from typing import NamedTuple

import orjson

from missionlog.errors import StoreError, TamperDetected
from missionlog.store.chain import GENESIS, chain_hash
from missionlog.store.connection import Db, database_error
from missionlog.store.ddl import EVENTS_DDL, INSERT_GUARDS

RECORDED_AT = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z")
_TRIGGER = re.compile(r"CREATE TRIGGER (\w+) .*?END", re.DOTALL)


def _normal(sql: str) -> str:
    return " ".join(sql.replace(";", " ").split())


def expected_triggers() -> dict[str, str]:
    """name -> normalised SQL of every trigger the events table must carry."""
    found = {match.group(1): _normal(match.group(0)) for match in _TRIGGER.finditer(EVENTS_DDL)}
    found.update((name, _normal(sql.strip())) for name, sql in INSERT_GUARDS.items())
    return found


EXPECTED_TRIGGERS = expected_triggers()


def trigger_problems(db: Db) -> list[str]:
    """What is wrong with the guard triggers: missing, altered or extra ones."""
    if db.kind != "sqlite":
        from missionlog.store.pg import trigger_problems as pg_trigger_problems

        return pg_trigger_problems(db)  # type: ignore[arg-type]
    rows = db.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'events'"
    ).fetchall()
    stored = {str(name): _normal(str(sql)) for name, sql in rows}
    problems = [f"trigger {name} is missing" for name in EXPECTED_TRIGGERS if name not in stored]
    problems += [
        f"trigger {name} was altered"
        for name, sql in stored.items()
        if name in EXPECTED_TRIGGERS and sql != EXPECTED_TRIGGERS[name]
    ]
    problems += [f"unexpected trigger {name} on events" for name in stored
                 if name not in EXPECTED_TRIGGERS]
    return problems


# Every column the chain hash covers, and the stored hash (the SQL reading recorded_by
# comes from the connection: NULL on a read-only log from before it).
_CHAIN_COLUMNS = (
    "SELECT position, event_id, stream, version, type, occurred_at, recorded_at, "
    "schema_version, body, hash, {} FROM events"
)


class ChainHead(NamedTuple):
    """The newest event's position and chain hash (position 0 and GENESIS when empty)."""

    position: int
    hash: str
    recorded_at: str


def verify_chain(
    db: Db, positions: Collection[int] = ()
) -> tuple[ChainHead, dict[int, str]]:
    """Walk the whole chain; the head and the recomputed hash at each of POSITIONS (that
    the log holds), or TamperDetected naming the first bad position."""
    seen: dict[int, str] = {}
    expected_hash, expected_position, last_recorded = GENESIS, 1, ""
    try:
        cursor = db.conn.execute(f"{_CHAIN_COLUMNS.format(db.recorded_by)} ORDER BY position")
        for row in cursor:
            position, event_id, stream, version, kind, occurred_at, recorded_at = row[:7]
            schema_version, body, stored_hash, recorded_by = row[7], row[8], row[9], row[10]
            if position != expected_position:
                raise TamperDetected(
                    f"position {expected_position} is missing (next stored is {position})"
                )
            expected_hash = chain_hash(expected_hash, position, stream, version, recorded_at,
                                       body.encode(), schema_version, recorded_by)
            if stored_hash != expected_hash:
                raise TamperDetected(
                    f"position {position} ({event_id}) does not match its hash: the event "
                    "or one before it was edited"
                )
            _check_row(position, event_id, kind, occurred_at, recorded_at, body, last_recorded)
            if position in positions:
                seen[position] = expected_hash
            last_recorded = recorded_at
            expected_position += 1
    except Exception as exc:
        if database_error(exc) is None:
            raise
        raise StoreError(f"verify could not read the log: {exc}") from exc
    problems = trigger_problems(db)  # after the walk: an edited event is named first
    if problems:
        raise TamperDetected(f"the append-only guards were tampered with: {problems[0]}")
    return ChainHead(expected_position - 1, expected_hash, last_recorded), seen


def _check_row(
    position: int, event_id: str, kind: str, occurred_at: str, recorded_at: str, body: str,
    last_recorded: str,
) -> None:
    if not RECORDED_AT.fullmatch(recorded_at):
        raise TamperDetected(f"position {position}: recorded_at {recorded_at!r} is malformed")
    if recorded_at < last_recorded:
        raise TamperDetected(
            f"position {position}: recorded_at {recorded_at} is earlier than the previous "
            f"event's ({last_recorded}); the known-at clock ran backwards"
        )
    try:
        wire = orjson.loads(body)
        columns_match = (event_id, kind, occurred_at) == (
            wire["event_id"], wire["type"], wire["occurred_at"])
    except (orjson.JSONDecodeError, KeyError, TypeError):
        columns_match = False
    if not columns_match:
        raise TamperDetected(
            f"position {position}: columns event_id/type/occurred_at disagree with the "
            "hashed body"
        )


def head(db: Db) -> ChainHead:
    """The stored head, read (not recomputed): what `missionlog head` prints."""
    row = db.execute(
        "SELECT position, hash, recorded_at FROM events ORDER BY position DESC LIMIT 1"
    ).fetchone()
    return ChainHead(0, GENESIS, "") if row is None else ChainHead(int(row[0]), str(row[1]),
                                                                   str(row[2]))


def stored_hash_at(db: Db, position: int) -> str | None:
    row = db.execute("SELECT hash FROM events WHERE position = ?", [position]).fetchone()
    return None if row is None else str(row[0])


def quick_check(db: Db) -> list[str]:
    """Problems a command can afford to look for before every answer (a few ms): the
    guard triggers, the newest event's link to the one before it, and its columns."""
    problems = trigger_problems(db)
    rows = db.execute(
        f"{_CHAIN_COLUMNS.format(db.recorded_by)} ORDER BY position DESC LIMIT 2"
    ).fetchall()
    if not rows:
        return problems
    newest = rows[0]
    previous_hash = str(rows[1][9]) if len(rows) > 1 else GENESIS
    previous_recorded = str(rows[1][6]) if len(rows) > 1 else ""
    if len(rows) > 1 and int(rows[1][0]) != int(newest[0]) - 1:
        problems.append(f"position {int(newest[0]) - 1} is missing")
    position, event_id, stream, version, kind, occurred_at, recorded_at = newest[:7]
    computed = chain_hash(previous_hash, position, stream, version, recorded_at,
                          str(newest[8]).encode(), newest[7], newest[10])
    if computed != newest[9]:
        problems.append(f"the newest event (position {position}) does not match its hash")
    try:
        _check_row(position, event_id, kind, occurred_at, recorded_at, str(newest[8]),
                   previous_recorded)
    except TamperDetected as exc:
        problems.append(str(exc))
    return problems
