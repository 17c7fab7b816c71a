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
