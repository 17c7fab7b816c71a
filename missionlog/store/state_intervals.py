"""Point-in-time state as interval rows, kept by the writer: `state`, `station` and `crew`
at any mission time (current knowledge) by an indexed look-up instead of a fold.

Each row says "from VALID_FROM until VALID_TO (NULL: still), this entity's state was
STATE" (the world's own dict, as JSON). Entities (`kind`, `name`):

- `v` a vehicle (world.vehicles), `p` a person in space (world.people; `null` once
  landed), `s` a station without its leaks, `sl` one station leak (`<station>\\x1f<index>`,
  leaks are never removed from the list), `pl` the plans filed under a stream;
- indexes the views need, kept from the people's rows: `r` the riders of a vehicle
  (people whose ride home it is, with the key that orders their seats), `o` the people
  aboard a station, `g` the stations configured and the people in free flight;
- `x` a mission-time range where the fold applied an event after a later one (the
  placement of imprecise times, projections/placement.py): a query there folds;
- `k` a late event or a retraction (name: its log position, `valid_from`: the mission
  time it changed the history from). A question at a past knowledge time K is answered
  from the rows when nothing recorded after K changed the history at or before the time
  asked (the first event recorded after K happened later, and no `k` row after K is at
  or before it); otherwise it folds.

The writer observes every event the fold applies (in order, or in a re-fold) and
writes, per distinct occurred time, the last state of each entity it touched, in the
same transaction as the events; a late event or a retraction rewinds the rows from its
time and the re-fold writes them again. Rows are sealed (content, see `row_seal`), and
the head row (`state_intervals_head`) binds the whole table to the chain: its log
position and chain hash must be the log's, or the rows are stale (written by code that
did not keep them) and queries fold instead.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any

import orjson

from missionlog.event_types import STATELESS_TYPES
from missionlog.projections.plans import FULFILLED_BY
from missionlog.projections.state import Recorded
from missionlog.projections.world import World
from missionlog.store.connection import Db

Key = tuple[str, str]
SEP = "\x1f"
_PLAN_TYPES = frozenset({"planned", "plan_cancelled", *FULFILLED_BY})
_STATION_LEAK_TYPES = frozenset({"leak_detected", "leak_resolved"})
# In-memory index caches are dropped (and re-read from the table) beyond this many
# entries, so a long import's memory stays flat.
CACHE_LIMIT = 4_000
MARKS_AT_ONCE = 2_000  # late-event marks written per statement (a back-fill marks every event)
dumps = orjson.dumps


def row_seal(kind: str, name: str, valid_from: str, valid_to: str | None, position: int,
             state: bytes) -> str:
    digest = hashlib.sha256(
        f"state\n{kind}\n{name}\n{valid_from}\n{valid_to or ''}\n{position}\n".encode())
    digest.update(state)
    return digest.hexdigest()


def head_seal(position: int, chain_hash: str, placements: int, first_globe: str | None) -> str:
    return hashlib.sha256(f"state-head\n{position}\n{chain_hash}\n{placements}\n"
                          f"{first_globe or ''}\n".encode()).hexdigest()


def tables_exist(db: Db) -> bool:
    """The file keeps interval rows (a log from before them, or a backend that does not
    create them, answers by folding)."""
    return bool(db.has_table("state_intervals"))


def station_payload(station: Mapping[str, Any]) -> dict[str, Any]:
    """A station's row: everything but its leaks (kept one row per leak), and their count."""
    out = {key: value for key, value in station.items() if key != "leaks"}
    out["leak_count"] = len(station["leaks"])
    return out


class _Open:
    """The open row of an entity: written (`pending` None) or waiting in `pending`."""

    __slots__ = ("pending", "position", "state", "valid_from")

    def __init__(self, valid_from: str, position: int, state: bytes,
                 pending: list[Any] | None) -> None:
        self.valid_from = valid_from
        self.position = position
        self.state = state
        self.pending = pending


class IntervalWriter:
    """Collects the rows one append (or a rebuild) writes; `flush` writes them."""

    def __init__(self, db: Db) -> None:
        self.db = db
        self.time = ""  # the occurred time being collected (never goes back)
        # key -> (position, state as JSON, or None for an index row built when settled);
        # serialized as observed: the fold goes on mutating the same dicts
        self.dirty: dict[Key, tuple[int, bytes | None]] = {}
        self.start: str | None = None  # a re-fold: observe from its first event at or after
        self.open: dict[Key, _Open | None] = {}
        self.inserts: list[list[Any]] = []
        self.opened: list[_Open] = []  # the open rows among `inserts`
        # (position, state, seal, kind, name, valid_from) of written open rows replaced
        self.replaces: list[tuple[int, bytes, str, str, str, str]] = []
        # (valid_to, kind, name, valid_from, position, state) of written rows to close
        self.closes: list[tuple[str, str, str, str, int, bytes]] = []
        self.placements: list[tuple[str, str, int]] = []
        self.late: list[tuple[int, str]] = []  # (position, from when) of late events
        # what `finish` adds to the head row: `x` and `k` rows, the first `g` row's time
        self.added_marks = 0
        self.first_globe: str | None = None
        self.rewound = False
        # the people and vehicles as of the last settled time, for the index rows
        self.people: dict[str, tuple[Any, ...] | None] = {}
        self.crews: dict[str, tuple[str | None, tuple[str, ...]]] = {}
        self.riders: dict[str, dict[str, list[Any]]] = {}
        self.aboard: dict[str, set[str]] = {}
        self.globe: dict[str, set[str]] | None = None
        # vehicles that landed or burned up and people back on Earth: their cached open
        # rows go once written, so a long re-fold does not keep every one of them
        self.ended: set[Key] = set()

    # ---- observing the fold ------------------------------------------------------------

    def observe(self, world: World, record: Recorded) -> None:
        """After the fold applied RECORD: note what it touched (written at the end of its
        occurred time, so only the last state per entity per time becomes a row)."""
        event = record[3]
        kind = event["type"]
        at = occurred = event["occurred_at"]
        if self.start is not None:
            if at < self.start:
                return  # before the rewound time: its rows are still in the table
            self.start = None
        if at != self.time:
            if at < self.time:  # applied after a later event: queries there must fold
                self.placements.append((at, self.time, record[0]))
                at = self.time
            else:
                self._settle()
                self.time = at
        if kind in STATELESS_TYPES:
            return
        stream = record[1]
        position = record[0]
        dirty = self.dirty
        if kind == "station_configured" or (kind in _STATION_LEAK_TYPES
                                            and event.get("station")):
            self._station(world, stream, position, kind, occurred)
            return
        if kind in _PLAN_TYPES:
            dirty[("pl", stream)] = (position, dumps(world.plans.get(stream)))
        if kind in ("planned", "plan_cancelled"):
            return
        vehicle = world.vehicles.get(stream)
        if vehicle is None:
            return
        dirty[("v", stream)] = (position, dumps(vehicle))
        if vehicle["ended_at"] is not None:
            self.ended.add(("v", stream))  # its row changes no more: not worth caching
        people = set(event.get("crew") or ())
        before = self._crew_of(stream)
        people.update(before[1])
        people.update(vehicle["crew_aboard"])
        people.update(vehicle.get("crew_landed") or ())
        self.crews[stream] = (vehicle["station"], tuple(vehicle["crew_aboard"]))
        for station in {before[0], vehicle["station"]}:
            if station is not None and station in world.stations:
                dirty[("s", station)] = (position,
                                         dumps(station_payload(world.stations[station])))
        if kind == "launched":
            for alias in vehicle["aliases"]:
                dirty[("pl", alias)] = (position, dumps(world.plans.get(alias)))
        for person in people:
            self._person(person, world.people.get(person), position)

    def _station(self, world: World, name: str, position: int, kind: str, at: str) -> None:
        station = world.stations[name]
        self.dirty[("s", name)] = (position, dumps(station_payload(station)))
        leaks = station["leaks"]
        if kind == "station_configured":
            globe = self._globe()
            if name not in globe["stations"]:
                globe["stations"].add(name)
                self._globe_dirty(position)
        elif kind == "leak_detected":
            self.dirty[("sl", f"{name}{SEP}{len(leaks) - 1:08d}")] = (position,
                                                                    dumps(leaks[-1]))
        else:
            for index, leak in enumerate(leaks):
                if leak.get("resolved_at") == at:
                    self.dirty[("sl", f"{name}{SEP}{index:08d}")] = (position, dumps(leak))

    def _person(self, name: str, state: Mapping[str, Any] | None, position: int) -> None:
        """A person's row, and the index rows their change moves them between."""
        self.dirty[("p", name)] = (position, dumps(state))
        if state is None:
            self.ended.add(("p", name))  # back on Earth: not worth caching
        old = self._person_index(name)
        new = None if state is None else (
            state["return_vehicle"], tuple(state.get("assigned", ("", 0))),
            state["on_station"], state["location"])
        if old == new:
            return
        self.people[name] = new
        if old is None or new is None or old[:2] != new[:2]:
            if old is not None and old[0] is not None:
                self._riders(old[0]).pop(name, None)
                self.dirty[("r", old[0])] = (position, None)
            if new is not None and new[0] is not None:
                self._riders(new[0])[name] = list(new[1])
                self.dirty[("r", new[0])] = (position, None)
        old_place = None if old is None or not old[2] else old[3]
        new_place = None if new is None or not new[2] else new[3]
        if old_place != new_place:
            if old_place is not None:
                self._aboard(old_place).discard(name)
                self.dirty[("o", old_place)] = (position, None)
            if new_place is not None:
                self._aboard(new_place).add(name)
                self.dirty[("o", new_place)] = (position, None)
        old_flying = old is not None and not old[2]
        new_flying = new is not None and not new[2]
        if old_flying != new_flying:
            flying = self._globe()["flying"]
            if new_flying:
                flying.add(name)
            else:
                flying.discard(name)
            self._globe_dirty(position)

    def _globe_dirty(self, position: int) -> None:
        self.dirty[("g", "")] = (position, None)

    # ---- the index caches (re-read from the table's open rows when not held) ------------

    def _person_index(self, name: str) -> tuple[Any, ...] | None:
        if name in self.people:
            return self.people[name]
        state = self._open_state(("p", name))
        found = None if state is None else (
            state["return_vehicle"], tuple(state.get("assigned", ("", 0))),
            state["on_station"], state["location"])
        self.people[name] = found
        return found

    def _crew_of(self, vehicle: str) -> tuple[str | None, tuple[str, ...]]:
        found = self.crews.get(vehicle)
        if found is None:
            state = self._open_state(("v", vehicle))
            found = (None, ()) if state is None else (
                state["station"], tuple(state["crew_aboard"]))
        return found

    def _riders(self, vehicle: str) -> dict[str, list[Any]]:
        found = self.riders.get(vehicle)
        if found is None:
            rows = self._open_state(("r", vehicle)) or []
            found = self.riders[vehicle] = {row[2]: [row[0], row[1]] for row in rows}
        return found

    def _aboard(self, station: str) -> set[str]:
        found = self.aboard.get(station)
        if found is None:
            found = self.aboard[station] = set(self._open_state(("o", station)) or [])
        return found

    def _globe(self) -> dict[str, set[str]]:
        if self.globe is None:
            state = self._open_state(("g", "")) or {"stations": [], "flying": []}
            self.globe = {"stations": set(state["stations"]), "flying": set(state["flying"])}
        return self.globe

    def _payload(self, key: Key, value: bytes | None) -> bytes:
        if value is not None:
            return value
        kind, name = key
        if kind == "r":
            riders = self._riders(name)
            return dumps(sorted([*assigned, person] for person, assigned in riders.items()))
        if kind == "o":
            return dumps(sorted(self._aboard(name)))
        globe = self._globe()
        return dumps({"stations": sorted(globe["stations"]), "flying": sorted(globe["flying"])})

    def _open_row(self, key: Key) -> _Open | None:
        if key in self.open:
            return self.open[key]
        row = self.db.execute(
            "SELECT valid_from, valid_to, position, state FROM state_intervals WHERE kind = ? "
            "AND name = ? ORDER BY valid_from DESC LIMIT 1", list(key)).fetchone()
        found = None if row is None or row[1] is not None else _Open(
            str(row[0]), int(row[2]), bytes(row[3]), None)
        self.open[key] = found
        return found

    def _open_state(self, key: Key) -> Any:
        row = self._open_row(key)
        return None if row is None else orjson.loads(row.state)

    # ---- rows --------------------------------------------------------------------------

    def _settle(self) -> None:
        """The end of an occurred time: one row per entity touched at it, if it changed."""
        if not self.dirty:
            return
        at = self.time
        for key, (position, value) in self.dirty.items():
            state = self._payload(key, value)
            previous = self._open_row(key)
            if previous is None and state == b"null":
                continue  # nothing filed under this name, as before
            if previous is not None:
                if previous.valid_from == at:  # a later append at the same time: replace
                    if (previous.position, previous.state) != (position, state):
                        self._replace(key, previous, position, state)
                    continue
                if previous.state == state:
                    continue
                if previous.pending is not None:
                    previous.pending[3] = at
                else:
                    self.closes.append((at, *key, previous.valid_from, previous.position,
                                        previous.state))
            if key[0] == "g" and previous is None:
                self.first_globe = min(filter(None, (self.first_globe, at)))
            row = [key[0], key[1], at, None, position, state]
            self.inserts.append(row)
            opened = self.open[key] = _Open(at, position, state, row)
            self.opened.append(opened)
        self.dirty = {}

    def mark_late(self, rows: Iterable[tuple[int, str, str, str | None]], latest: str,
                  target_time: Callable[[str], str | None]) -> None:
        """The `k` rows of a merged batch: ROWS are its new events (position, occurred_at,
        type, retracted id) in log order, after events whose newest time was LATEST;
        TARGET_TIME gives a retracted event's time. Written a chunk at a time, so a long
        back-fill never holds them all."""
        for mark in late_events(rows, latest, target_time):
            self.late.append(mark)
            if len(self.late) >= MARKS_AT_ONCE:
                self._write_marks()

    def _replace(self, key: Key, row: _Open, position: int, state: bytes) -> None:
        """A later append at the open row's own time: its state is now STATE. A row is
        kept only where the state changed (what a rebuild writes): back to the state of
        the row before it, the row goes and that one is open again."""
        if row.pending is None:
            prior = self.db.execute(
                "SELECT valid_from, position, state FROM state_intervals WHERE kind = ? AND "
                "name = ? AND valid_from < ? ORDER BY valid_from DESC LIMIT 1",
                [*key, row.valid_from]).fetchone()
            if (bytes(prior[2]) if prior is not None else b"null") == state:
                self.flush()  # the closes and replaces queued so far, before this one
                self.db.execute("DELETE FROM state_intervals WHERE kind = ? AND name = ? AND "
                                "valid_from = ?", [*key, row.valid_from])
                self.open[key] = None
                if prior is not None:
                    valid_from, old_position, old_state = str(prior[0]), int(prior[1]), \
                        bytes(prior[2])
                    self.db.execute(
                        "UPDATE state_intervals SET valid_to = NULL, seal = ? WHERE kind = ? "
                        "AND name = ? AND valid_from = ?",
                        [row_seal(*key, valid_from, None, old_position, old_state), *key,
                         valid_from])
                    self.open[key] = _Open(valid_from, old_position, old_state, None)
                self.rewound = True  # count the head row's marks and first `g` row anew
                return
        row.position, row.state = position, state
        if row.pending is not None:
            row.pending[4], row.pending[5] = position, state
        else:
            self.replaces.append((position, state, row_seal(*key, row.valid_from, None,
                                                            position, state),
                                  *key, row.valid_from))

    def flush(self) -> None:
        """Write the rows of every settled time (the current one may still grow)."""
        db = self.db
        if self.closes:
            found = [(valid_to, row_seal(kind, name, valid_from, valid_to, position, state),
                      kind, name, valid_from)
                     for valid_to, kind, name, valid_from, position, state in self.closes]
            db.conn.executemany(
                "UPDATE state_intervals SET valid_to = ?, seal = ? WHERE kind = ? AND "
                "name = ? AND valid_from = ?", found)
            self.closes = []
        if self.replaces:
            db.conn.executemany(
                "UPDATE state_intervals SET position = ?, state = ?, seal = ? WHERE "
                "kind = ? AND name = ? AND valid_from = ?", self.replaces)
            self.replaces = []
        if self.inserts:
            for row in self.inserts:
                row.append(row_seal(row[0], row[1], row[2], row[3], row[4], row[5]))
            db.conn.executemany(
                "INSERT INTO state_intervals (kind, name, valid_from, valid_to, position, "
                "state, seal) VALUES (?, ?, ?, ?, ?, ?, ?)", self.inserts)
            for opened in self.opened:
                opened.pending = None
            self.inserts = []
            self.opened = []
        self._write_marks()
        for key in [key for key in self.ended if key not in self.dirty]:
            self.open.pop(key, None)
            self.ended.discard(key)
        if not self.dirty and len(self.open) + len(self.people) > CACHE_LIMIT:
            self._forget()  # everything settled is written: re-read what is needed

    def _write_marks(self) -> None:
        """The `k` and `x` rows noted so far."""
        db = self.db
        self.added_marks += len(self.late) + len(self.placements)
        if self.late:
            db.conn.executemany(
                "INSERT INTO state_intervals (kind, name, valid_from, valid_to, position, "
                "state, seal) VALUES ('k', ?, ?, NULL, ?, ?, ?)",
                [(late_name(position), start, position, b"",
                  row_seal("k", late_name(position), start, None, position, b""))
                 for position, start in self.late])
            self.late = []
        if self.placements:
            db.conn.executemany(
                "INSERT INTO state_intervals (kind, name, valid_from, valid_to, "
                "position, state, seal) VALUES ('x', ?, ?, ?, ?, ?, ?)",
                [(f"{start}{SEP}{position}", start, end, position, b"",
                  row_seal("x", f"{start}{SEP}{position}", start, end, position, b""))
                 for start, end, position in self.placements])
            self.placements = []

    def _forget(self) -> None:
        self.open.clear()
        self.people.clear()
        self.crews.clear()
        self.riders.clear()
        self.aboard.clear()
        self.globe = None

    def finish(self, position: int, chain_hash: str) -> None:
        """The end of the append: the last time's rows, and the head row (counted anew
        after a rewind, else carried on from the previous head)."""
        self._settle()
        self.flush()
        db = self.db
        head = None if self.rewound else db.execute(
            "SELECT placements, first_globe FROM state_intervals_head").fetchone()
        if head is None:
            placements = db.execute(
                "SELECT COUNT(*) FROM state_intervals WHERE kind IN ('x', 'k')").fetchone()[0]
            first_globe = db.execute(
                "SELECT MIN(valid_from) FROM state_intervals WHERE kind = 'g'").fetchone()[0]
        else:
            placements = int(head[0]) + self.added_marks
            first_globe = min(filter(None, (head[1], self.first_globe)), default=None)
        self.added_marks, self.first_globe, self.rewound = 0, None, False
        self.start = None  # a re-fold that observed nothing from its start: done anyway
        db.execute("DELETE FROM state_intervals_head")
        db.execute(
            "INSERT INTO state_intervals_head (id, position, placements, first_globe, seal) "
            "VALUES (1, ?, ?, ?, ?)",
            [position, placements, first_globe,
             head_seal(position, chain_hash, placements, first_globe)])

    def rewind(self, start: str) -> None:
        """A late event or a retraction at START: forget the rows from START on and reopen
        those in force then; the re-fold observes its events from START again."""
        self._settle()
        self.flush()
        db = self.db
        db.execute("DELETE FROM state_intervals WHERE kind = 'x' AND valid_to >= ?", [start])
        # the rows closed at or after START: the newest left of each entity that lost rows
        touched = db.execute(
            "SELECT DISTINCT kind, name FROM state_intervals WHERE valid_from >= ? AND "
            "kind NOT IN ('k', 'x')", [start]).fetchall()
        db.execute("DELETE FROM state_intervals WHERE valid_from >= ? AND kind != 'k'", [start])
        reopened = [row for kind, name in touched for row in db.execute(
            "SELECT kind, name, valid_from, position, state FROM state_intervals WHERE "
            "kind = ? AND name = ? ORDER BY valid_from DESC LIMIT 1", [kind, name])]
        db.conn.executemany(
            "UPDATE state_intervals SET valid_to = NULL, seal = ? WHERE kind = ? AND "
            "name = ? AND valid_from = ?",
            [(row_seal(k, n, f, None, p, bytes(s)), k, n, f) for k, n, f, p, s in reopened])
        self._forget()
        self.time = ""
        self.start = start
        self.rewound = True



def late_name(position: int) -> str:
    return f"{position:012d}"


def late_events(rows: Iterable[tuple[int, str, str, str | None]], latest: str,
                target_time: Callable[[str], str | None]) -> Iterator[tuple[int, str]]:
    """(position, from when) of the late events among ROWS (position, occurred_at, type,
    retracted id), in log order, after events whose newest time was LATEST: an event
    before the newest already recorded, or a retraction (from its target's time)."""
    for position, occurred_at, kind, retracts in rows:
        if kind == "retracted":
            yield position, (target_time(retracts or "") or occurred_at)
        elif occurred_at < latest:
            yield position, occurred_at
        latest = max(latest, occurred_at)


def reset(db: Db) -> IntervalWriter:
    """Empty the tables for a rebuild: the caller feeds the fold's applied records to the
    result's `observe` and calls its `finish`."""
    db.execute("DELETE FROM state_intervals")
    db.execute("DELETE FROM state_intervals_head")
    return IntervalWriter(db)
