"""The browsable projection tables (`vehicles`, `port_stays`, `return_assignments`),
kept current by every append. Caches of the events: safe to drop and rebuild."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import orjson

from missionlog.projections.intervals import IntervalChange
from missionlog.projections.state import is_fit
from missionlog.projections.world import World
from missionlog.store.connection import Db


def rewind_tables(db: Db, start: str) -> None:
    """Forget interval history from START on; the re-fold writes it again."""
    db.execute("DELETE FROM port_stays WHERE arrived_at >= ?", [start])
    db.execute("UPDATE port_stays SET departed_at = NULL WHERE departed_at >= ?", [start])
    db.execute("DELETE FROM return_assignments WHERE since >= ?", [start])
    db.execute("UPDATE return_assignments SET until = NULL WHERE until >= ?", [start])


def write_vehicles(db: Db, world: World, names: Iterable[str]) -> None:
    """Rewrite the `vehicles` rows of NAMES from WORLD (deleting those it no longer has)."""
    names = list(names)
    gone = [(name,) for name in names if name not in world.vehicles]
    if gone:  # a retracted launch, or streams that are not vehicles (a no-op)
        db.conn.executemany("DELETE FROM vehicles WHERE name = ?", gone)
    rows = []
    for name in names:
        vehicle = world.vehicles.get(name)
        if vehicle is None:
            continue
        fit = is_fit(vehicle)
        rows.append(
            (name, vehicle["vehicle_class"], orjson.dumps(vehicle["aliases"]).decode(),
             vehicle["status"], vehicle["station"], vehicle["port"],
             orjson.dumps(vehicle["crew_aboard"]).decode(),
             None if fit is None else int(fit), vehicle["unfit_at"], len(vehicle["leaks"]),
             vehicle["launched_at"], vehicle["ended_at"])
        )
    if not rows:
        return
    db.conn.executemany(
        "INSERT OR REPLACE INTO vehicles (name, vehicle_class, aliases, status, station, "
        "port, crew_aboard, fit_for_crew_return, unfit_at, leaks, launched_at, ended_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        rows,
    )


def write_interval_changes(db: Db, changes: list[IntervalChange]) -> None:
    """Apply interval changes in order; rows opened and closed in one flush never
    round-trip through SQL."""
    opened: dict[tuple[str, str], list[Any]] = {}
    inserts: dict[str, list[list[Any]]] = {"port_stays": [], "return_assignments": []}
    closes: dict[str, list[tuple[str, str]]] = {"port_stays": [], "return_assignments": []}
    for change in changes:
        slot = (change.table, change.key)
        if change.action == "open":
            if change.table == "port_stays":
                row = [change.station, change.port, change.vehicle, change.at, None]
            else:
                row = [change.key, change.vehicle, change.at, None]
            opened[slot] = row
            inserts[change.table].append(row)
        elif slot in opened:
            opened.pop(slot)[-1] = change.at
        else:
            closes[change.table].append((change.at, change.key))
    statements = (
        ("UPDATE port_stays SET departed_at = ? WHERE vehicle = ? AND departed_at IS NULL",
         closes["port_stays"]),
        ("UPDATE return_assignments SET until = ? WHERE person = ? AND until IS NULL",
         closes["return_assignments"]),
        ("INSERT OR REPLACE INTO port_stays (station, port, vehicle, arrived_at, departed_at) "
         "VALUES (?, ?, ?, ?, ?)", inserts["port_stays"]),
        ("INSERT OR REPLACE INTO return_assignments (person, vehicle, since, until) "
         "VALUES (?, ?, ?, ?)", inserts["return_assignments"]),
    )
    for sql, rows in statements:
        if rows:
            db.conn.executemany(sql, rows)
