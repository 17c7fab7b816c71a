"""The archive of retired vehicles in SQLite, as the fold's `Archive`.

Written as vehicles land or burn up; read by worlds rebuilt from a checkpoint,
bounded to the checkpoint's replay key so a rebuilt world never sees a
retirement that lies after the point it was restored to.
"""

from __future__ import annotations

from typing import Any, cast

import orjson

from missionlog.projections.archive import MemoryArchive
from missionlog.projections.state import VehicleState
from missionlog.projections.world import World
from missionlog.store.connection import Db


class DbArchive:
    """Retired vehicles whose retirement key is at or before UPTO (all of them if None)."""

    def __init__(self, db: Db, upto: tuple[str, int] | None = None) -> None:
        self.db = db
        self.upto = upto
        self.followed: World | None = None

    def follow(self, world: World) -> None:
        """Bound the archive to retirements at or before WORLD's current replay key, read at
        each look-up: a streamed replay then never sees a retirement that lies ahead."""
        self.followed = world

    def _bound(self) -> tuple[str, list[Any]]:
        if self.followed is not None:
            self.upto = (self.followed.clock, self.followed.position)
        if self.upto is None:
            return "", []
        occurred_at, position = self.upto
        clause = " AND (r.occurred_at < ? OR (r.occurred_at = ? AND r.position <= ?))"
        return clause, [occurred_at, occurred_at, position]

    def get(self, name: str) -> VehicleState | None:
        """The archived state, checked against its seal and retirement event first."""
        clause, params = self._bound()
        row = self.db.execute(
            f"SELECT occurred_at, position, state, seal FROM retired_vehicles r "
            f"WHERE r.name = ?{clause}",
            [name, *params],
        ).fetchone()
        if row is None:
            return None
        from missionlog.store.derived import check_retirement

        check_retirement(self.db, name, row[0], row[1], bytes(row[2]), row[3])
        return cast(VehicleState, orjson.loads(row[2]))

    def names_for_alias(self, alias: str) -> list[str]:
        """Retired vehicles launched with ALIAS: read from the launches themselves, not from
        the `retired_aliases` cache (a cache must not decide what a name means)."""
        clause, params = self._bound()
        rows = self.db.execute(
            "SELECT r.name FROM retired_vehicles r WHERE r.name IN (SELECT stream FROM events "
            "WHERE type = 'launched' AND EXISTS (SELECT 1 FROM json_each(events.body, "
            f"'$.aliases') WHERE value = ?)){clause} ORDER BY r.name",
            [alias, *params],
        ).fetchall()
        return [str(row[0]) for row in rows]


def save_retirements(db: Db, archive: MemoryArchive) -> None:
    """Write the retirements this fold has not saved yet."""
    if not archive.unsaved:
        return
    from missionlog.store.derived import retirement_seal

    rows: list[tuple[str, str, int, bytes, str]] = []
    aliases: list[tuple[str, str]] = []
    for name, occurred_at, position in archive.unsaved:
        vehicle = archive.retired[name]
        state = orjson.dumps(vehicle)
        rows.append((name, occurred_at, position, state,
                     retirement_seal(name, occurred_at, position, state)))
        aliases.extend((alias, name) for alias in vehicle["aliases"])
    db.conn.executemany(
        "INSERT OR REPLACE INTO retired_vehicles (name, occurred_at, position, state, seal) "
        "VALUES (?, ?, ?, ?, ?)",
        rows,
    )
    db.conn.executemany(
        "INSERT OR IGNORE INTO retired_aliases (alias, name) VALUES (?, ?)", aliases
    )
    archive.unsaved.clear()


def forget_from(db: Db, start: str) -> None:
    """A late event or retraction at START rewinds the archive to before it."""
    db.execute(
        "DELETE FROM retired_aliases WHERE name IN "
        "(SELECT name FROM retired_vehicles WHERE occurred_at >= ?)",
        [start],
    )
    db.execute("DELETE FROM retired_vehicles WHERE occurred_at >= ?", [start])


def forget_after(db: Db, key: tuple[str, int]) -> None:
    """A re-fold from the checkpoint at KEY writes every later retirement again (and
    reads its own from the table as it goes, see RefoldArchive): forget them first."""
    occurred_at, position = key
    after = "occurred_at > ? OR (occurred_at = ? AND position > ?)"
    params = [occurred_at, occurred_at, position]
    db.execute("DELETE FROM retired_aliases WHERE name IN "
               f"(SELECT name FROM retired_vehicles WHERE {after})", params)
    db.execute(f"DELETE FROM retired_vehicles WHERE {after}", params)


class RefoldArchive:
    """What a re-fold from the checkpoint at SINCE knows as retired: the archive up to
    the checkpoint (checked, as DbArchive reads it), and the retirements the re-fold
    itself has written since, in this transaction (`forget_after` cleared the table
    after SINCE first). Those are read back unchecked: their retirement events may be
    new events of the batch, not stored until the re-fold ends. Saving them as the
    fold goes keeps a long back-fill's memory flat."""

    def __init__(self, db: Db, since: tuple[str, int]) -> None:
        self.db = db
        self.since = since
        # nothing before the first event: no need to ask the table
        self.checked = DbArchive(db, upto=since) if since[0] else None
        occurred_at, position = since
        self._after = " AND (r.occurred_at > ? OR (r.occurred_at = ? AND r.position > ?))"
        self._params = [occurred_at, occurred_at, position]

    def get(self, name: str) -> VehicleState | None:
        row = self.db.execute(
            f"SELECT state FROM retired_vehicles r WHERE r.name = ?{self._after}",
            [name, *self._params]).fetchone()
        if row is not None:
            return cast(VehicleState, orjson.loads(row[0]))
        return None if self.checked is None else self.checked.get(name)

    def names_for_alias(self, alias: str) -> list[str]:
        rows = self.db.execute(
            "SELECT a.name FROM retired_aliases a JOIN retired_vehicles r ON r.name = a.name "
            f"WHERE a.alias = ?{self._after}", [alias, *self._params]).fetchall()
        own = [str(row[0]) for row in rows]
        older = [] if self.checked is None else self.checked.names_for_alias(alias)
        return sorted([*own, *(name for name in older if name not in own)])
