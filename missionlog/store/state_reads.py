"""Reading the interval rows (state_intervals.py) at one mission time: the small world a
`state`, `station` or `crew` answer reads, assembled from indexed look-ups.

Each assembly loads exactly the entries the view reads (the vehicle, its riders and the
plans filed under its names; the station, its leaks, the people aboard, their rides and
the docked vehicles with their riders; everyone in space and their rides), so the views
in projections/views.py run unchanged on it and answer what a fold answers (a tested
property). Every row is checked: its seal, and that it covers the time asked (a deleted
row leaves a gap); a failure raises DerivedDamage, and the caller answers from the
events. None means "not answerable here" (no tables, stale tables, a name the rows do
not know, a time where the placement of imprecise events reordered the fold): fold.
"""

from __future__ import annotations

from typing import Any

import orjson

from missionlog.projections.world import World
from missionlog.store.connection import Db
from missionlog.store.derived import DerivedDamage
from missionlog.store.state_intervals import SEP, head_seal, late_name, row_seal

_ONE = ("SELECT valid_from, valid_to, position, state, seal FROM state_intervals "
        "WHERE kind = ? AND name = ? AND valid_from <= ? ORDER BY valid_from DESC LIMIT 1")


def _damage(what: str) -> DerivedDamage:
    return DerivedDamage(f"the state interval row of {what} does not match its seal or "
                         "leaves a gap; answering from the events instead")


def known_position(db: Db, known_at: str, last: int) -> int:
    """The last log position recorded at or before KNOWN_AT (recorded_at only grows along
    the log, which `verify` checks): a binary search on the positions."""
    low, high = 0, last
    while low < high:
        middle = (low + high + 1) // 2
        row = db.execute("SELECT recorded_at FROM events WHERE position = ?",
                         [middle]).fetchone()
        if row is not None and row[0] <= known_at:
            low = middle
        else:
            high = middle - 1
    return low


def unchanged_since(db: Db, at: str, known_at: str, last: int) -> bool:
    """Nothing recorded after KNOWN_AT changed the history at or before AT: the first
    event recorded after it happened after AT, and no late event or retraction recorded
    after it (`k` rows) reaches back to AT. Then the rows of current knowledge answer."""
    known = known_position(db, known_at, last)
    if known >= last:
        return True
    if known == 0:
        return False
    following = db.execute("SELECT occurred_at FROM events WHERE position = ?",
                           [known + 1]).fetchone()
    if following is None or following[0] <= at:
        return False
    return db.execute(
        "SELECT 1 FROM state_intervals WHERE kind = 'k' AND name > ? AND valid_from <= ? "
        "LIMIT 1", [late_name(known), at]).fetchone() is None


def current(db: Db) -> tuple[bool, str | None]:
    """Whether the rows were kept by every append up to the log's head (and none was
    removed from the placement ranges): the head row's seal binds them to the chain;
    and the time of the first `g` row (none at or after it is a gap)."""
    head = db.execute(
        "SELECT position, placements, first_globe, seal FROM state_intervals_head").fetchone()
    tail = db.execute(
        "SELECT position, hash FROM events ORDER BY position DESC LIMIT 1").fetchone()
    if head is None or tail is None or int(head[0]) != int(tail[0]):
        return False, None
    _, placements, first_globe, seal = head
    if seal != head_seal(int(tail[0]), str(tail[1]), int(placements), first_globe):
        raise _damage("the log's head")
    found = db.execute(
        "SELECT COUNT(*) FROM state_intervals WHERE kind IN ('x', 'k')").fetchone()[0]
    if found != placements:
        raise _damage("a placement range or a late event")
    return True, first_globe


class RowsAt:
    """The rows in force at mission time AT (a store text bound)."""

    def __init__(self, db: Db, at: str, first_globe: str | None = None) -> None:
        self.db = db
        self.at = at
        self.first_globe = first_globe

    def missing(self, what: str) -> None:
        """WHAT must have a row at AT and has none: raise, the caller folds."""
        raise _damage(what)

    def reordered(self) -> bool:
        """AT lies where the fold applied an imprecise event after a later one."""
        for name, start, end, position, seal in self.db.execute(
                "SELECT name, valid_from, valid_to, position, seal FROM state_intervals "
                "WHERE kind = 'x' AND valid_from <= ? AND valid_to >= ?", [self.at, self.at]):
            if seal != row_seal("x", name, start, end, position, b""):
                raise _damage("a placement range")
            return True
        return False

    def one(self, kind: str, name: str) -> tuple[bool, Any]:
        """(found, state) of KIND NAME at AT; not found before its first row."""
        row = self.db.execute(_ONE, [kind, name, self.at]).fetchone()
        if row is None:
            return False, None
        valid_from, valid_to, position, state, seal = row
        if (valid_to is not None and valid_to <= self.at) or seal != row_seal(
                kind, name, valid_from, valid_to, position, bytes(state)):
            raise _damage(f"{kind} {name!r}")
        return True, orjson.loads(state)

    def many(self, kind: str, names: list[str]) -> dict[str, Any]:
        """The states of every one of NAMES at AT (each must have one)."""
        found: dict[str, Any] = {}
        for start in range(0, len(names), 400):
            part = names[start:start + 400]
            marks = ",".join("?" * len(part))
            for name, valid_from, valid_to, position, state, seal in self.db.execute(
                    "SELECT name, valid_from, valid_to, position, state, seal FROM "
                    f"state_intervals WHERE kind = ? AND name IN ({marks}) AND "
                    "valid_from <= ? AND (valid_to IS NULL OR valid_to > ?)",
                    [kind, *part, self.at, self.at]):
                if seal != row_seal(kind, name, valid_from, valid_to, position, bytes(state)):
                    raise _damage(f"{kind} {name!r}")
                found[name] = orjson.loads(state)
        missing = [name for name in names if name not in found]
        if missing:
            raise _damage(f"{kind} {missing[0]!r}")
        return found

    def leaks(self, station: str, count: int) -> list[Any]:
        """The COUNT leaks of STATION at AT, in the order the fold listed them."""
        names = [f"{station}{SEP}{index:08d}" for index in range(count)]
        found = self.many("sl", names) if names else {}
        return [found[name] for name in names]

    # ---- the worlds the views read -----------------------------------------------------

    def globe(self) -> dict[str, Any]:
        """The stations configured and the people in free flight at AT (none before the
        first of either)."""
        found, state = self.one("g", "")
        if not found and self.first_globe is not None and self.at >= self.first_globe:
            raise _damage("the stations and people in space")
        return state if found else {"stations": [], "flying": []}

    def add_vehicles(self, world: World, names: set[str]) -> None:
        for name, vehicle in self.many("v", sorted(names)).items():
            if vehicle["ended_at"] is None:
                world.vehicles.live[name] = vehicle
            else:  # retired: in the archive, as in a fold (not iterated as in space)
                world.vehicles.archive.add(vehicle, 0)

    def add_riders(self, world: World, vehicles: set[str]) -> None:
        """The people whose ride home is one of VEHICLES (seat order needs them all); those
        not already in WORLD get the two keys the seat rule reads."""
        for vehicle in sorted(vehicles):
            _, riders = self.one("r", vehicle)
            for assigned_at, assigned_position, person in riders or ():
                if person not in world.people:  # not aboard: never listed as crew here
                    world.people[person] = {
                        "return_vehicle": vehicle, "assigned": [assigned_at, assigned_position],
                        "on_station": False, "location": ""}
        world.people_changed()

    def vehicle_world(self, name: str) -> World | None:
        found, vehicle = self.one("v", name)
        if not found:
            return None
        world = World()
        self.add_vehicles(world, {name})
        self.add_riders(world, {name})
        for stream in dict.fromkeys([name, *vehicle["aliases"]]):
            known, plans = self.one("pl", stream)
            if known and plans is not None:
                world.plans[stream] = plans
        return world

    def station_world(self, name: str) -> World | None:
        found, station = self.one("s", name)
        if not found:
            return None
        station["leaks"] = self.leaks(name, station.pop("leak_count"))
        world = World()
        world.stations[name] = station
        _, aboard = self.one("o", name)
        world.people.update(self.many("p", list(aboard or ())))
        docked = {holder for holder in station["ports"].values() if holder is not None}
        rides = {p["return_vehicle"] for p in world.people.values() if p["return_vehicle"]}
        self.add_vehicles(world, docked | rides)
        self.add_riders(world, docked | rides)
        return world

    def crew_world(self, globe: dict[str, Any]) -> World:
        world = World()
        people: list[str] = list(globe["flying"])
        for station in globe["stations"]:
            _, aboard = self.one("o", station)
            people.extend(aboard or ())
        world.people.update(sorted(self.many("p", people).items()))
        world.people_changed()
        places = {p["return_vehicle"] for p in world.people.values() if p["return_vehicle"]}
        places.update(p["location"] for p in world.people.values() if not p["on_station"])
        self.add_vehicles(world, places)
        return world
