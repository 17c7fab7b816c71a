"""MissionLog: the Python API. Every CLI command is a thin wrapper over one method here.

    log = MissionLog.open("missionlog.db", create=True)
    log.append([Launched(...), Docked(...)])
    log.state("Progress 82", at="2023-02-12")
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from datetime import date, datetime
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, TypeVar

import orjson

from missionlog.errors import InvalidQuery, NothingRecorded, TamperDetected, UnknownName
from missionlog.event_types import STATELESS_TYPES
from missionlog.projections.precision import Uncertain, uncertain_at
from missionlog.projections.replay import Observer, replay_batches
from missionlog.projections.state import Recorded, suggest
from missionlog.projections.views import (
    CrewListView,
    EventRecord,
    ReplaySummary,
    StationView,
    VehicleView,
    crew_view,
    in_flight_summary,
    station_view,
    vehicle_view,
)
from missionlog.projections.world import World
from missionlog.resolver import resolve
from missionlog.store import AppendResult, EventStore, names
from missionlog.store.chain import GENESIS
from missionlog.store.reads import FAR_FUTURE
from missionlog.store.state_reads import RowsAt
from missionlog.timeparse import now, occurred_bound, parse_moment, recorded_bound

if TYPE_CHECKING:
    from missionlog.changes import ChangesView
    from missionlog.decisions.book import DecisionView
    from missionlog.events import Event
    from missionlog.projections.plans import PlansView

When = str | datetime | date | None
DESCRIBE_DECISIONS_UP_TO = 50_000
T = TypeVar("T")


def _moment(value: When, option: str, *, start_of_day: bool = False) -> datetime:
    """The one reading of a time given to the API; the CLI passes its text through here
    too, so `log(since="2023-02-11")` and `log --from 2023-02-11` are the same query."""
    if value is None:
        return now()
    if isinstance(value, datetime):
        if value.tzinfo is None:
            return parse_moment(value.isoformat(), option=option)
        return value
    if isinstance(value, date):
        value = value.isoformat()
    return parse_moment(value, option=option, start_of_day=start_of_day)


class MissionLog:
    """One mission log file: append events, read them back, ask what the log says."""

    def __init__(self, store: EventStore) -> None:
        self.store = store

    @classmethod
    def open(
        cls, path: Path | str = "missionlog.db", *, create: bool = False, read_only: bool = False
    ) -> MissionLog:
        """Open the log at PATH. Only CREATE makes a new file (or upgrades an old schema);
        otherwise PATH must already be a missionlog log. READ_ONLY opens it without
        write access (works on a read-only file or file system; appends are refused)."""
        log = cls(EventStore(path, create=create, read_only=read_only))
        if not read_only:
            # A log opened for writing is about to be written: load the event models now
            # (pydantic, ~0.15-0.3 s once per process) rather than inside the first append.
            import missionlog.ingest  # noqa: F401
        return log

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> MissionLog:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ---- writing ---------------------------------------------------------------------

    def append(
        self,
        events: Iterable[Event | dict[str, Any]],
        *,
        expected_version: int | None = None,
        recorded_by: str | None = None,
    ) -> AppendResult:
        """Append events (models or wire dicts) atomically, checked against the history.
        Each is recorded as by RECORDED_BY (default: the local user; see provenance.py)."""
        from missionlog.ingest import prepare_any  # pydantic: only when writing
        from missionlog.provenance import attributed

        # A list, so that the store can retry it after rebuilding damaged derived tables.
        prepared = list(attributed(prepare_any(events), recorded_by))
        return self.store.append(prepared, expected_version=expected_version)

    def append_described(
        self,
        events: Iterable[Event | dict[str, Any]] | None = None,
        *,
        lines: Iterable[str | bytes] | None = None,
        source: str = "",
        expected_version: int | None = None,
        recorded_by: str | None = None,
    ) -> tuple[AppendResult, dict[str, Any]]:
        """Append EVENTS (or JSON LINES) like `append`/`import_lines`, and say what they
        changed: the world at the latest new event's time, before and after (see
        `projections/changes.py`). Decisions are compared only on logs of up to
        DESCRIBE_DECISIONS_UP_TO events, since that needs two full replays."""
        from missionlog.ingest import prepare_any, prepare_lines
        from missionlog.projections.changes import describe
        from missionlog.provenance import attributed

        prepared = list(attributed(prepare_lines(lines, source=source) if lines is not None
                                   else prepare_any(events or ()), recorded_by))
        as_of = max((p.wire["occurred_at"] for p in prepared), default=FAR_FUTURE)
        with_decisions = self.count() <= DESCRIBE_DECISIONS_UP_TO
        before = self.store.world_at(as_of)
        decisions_before = self.decisions(at=as_of) if with_decisions else None
        result = self.store.append(prepared, expected_version=expected_version)
        if not result.appended:
            before = after = self.store.world_at(as_of)
            decisions_after = decisions_before
        else:
            after = self.store.world_at(as_of)
            decisions_after = self.decisions(at=as_of) if with_decisions else None
        changes = describe(before, after, as_of=as_of, named=result.streams,
                           decisions_before=decisions_before, decisions_after=decisions_after)
        return result, changes

    def import_lines(
        self,
        lines: Iterable[str | bytes],
        *,
        source: str = "",
        progress: Callable[[int], None] | None = None,
        expected_version: int | None = None,
        recorded_now: bool = False,
        recorded_by: str | None = None,
    ) -> AppendResult:
        """Append JSON Lines (plain events or `export` output) as one atomic batch. Lines
        keep their own `recorded_at` (which may not run backwards) and `recorded_by`,
        unless RECORDED_NOW; who records the others: see provenance.attributed."""
        from missionlog.ingest import prepare_lines  # pydantic: only when writing
        from missionlog.provenance import attributed

        return self.store.append(
            attributed(prepare_lines(lines, source=source, recorded_now=recorded_now),
                       recorded_by),
            progress=progress,
            expected_version=expected_version,
        )

    # ---- reading the log -------------------------------------------------------------

    def export(self, out: IO[bytes]) -> int:
        """Write the whole log as JSONL in log order; `import_lines` takes it back exactly."""
        count = 0
        for row in self.store.rows():
            out.write(orjson.dumps(row.export_dict()) + b"\n")
            count += 1
        return count

    def log(
        self,
        *,
        vehicle: str | None = None,
        types: list[str] | None = None,
        since: When = None,
        until: When = None,
        at: When = None,
        all_flights: bool = False,
        recorded_since: When = None,
        recorded_until: When = None,
    ) -> Iterator[EventRecord]:
        """Stored events in log order, filtered; each in the `export` shape. A bare date
        in SINCE means the start of that UTC day, in UNTIL its end (both inclusive).
        VEHICLE picks a flight of a reused capsule name at AT (default: now), or every
        flight with ALL_FLIGHTS. RECORDED_SINCE/RECORDED_UNTIL filter on the knowledge
        clock the same way (inclusive; a bare date: the start, or the end, of that day)."""
        streams = (self.streams_named(vehicle, at=at, all_flights=all_flights)
                   if vehicle else None)
        since_text = (occurred_bound(_moment(since, "--from", start_of_day=True))
                      if since is not None else None)
        until_text = occurred_bound(_moment(until, "--to")) if until is not None else None
        _check_query(types, since_text, until_text)
        recorded = {
            "recorded_from": recorded_bound(
                _moment(recorded_since, "--recorded-since", start_of_day=True))
            if recorded_since is not None else None,
            "recorded_until": recorded_bound(_moment(recorded_until, "--recorded-until"))
            if recorded_until is not None else None,
        }
        for row in self.store.rows(streams=streams, types=types, since=since_text,
                                   until=until_text, **recorded):
            yield row.export_dict()

    def verify(self, anchors: Iterable[Path] = (), *, trusted_key: str | None = None) -> int:
        """Check the hash chain and the guards; with ANCHORS (signed heads from `anchor`),
        also that the log still holds each anchored head at its position. The number of
        events, or TamperDetected naming the first bad position or anchor."""
        if not anchors:
            return self.store.verify()
        from missionlog.anchors import read_anchor

        signed = [(Path(path), read_anchor(Path(path), trusted_key)) for path in anchors]
        count, seen = self.store.verify_with({anchor["position"] for _, anchor in signed})
        for path, anchor in signed:
            position = anchor["position"]
            if position > count:
                raise TamperDetected(
                    f"anchor {path}: the log has {count} events but was anchored at position "
                    f"{position}: its tail was cut"
                )
            if seen.get(position, GENESIS) != anchor["hash"]:
                raise TamperDetected(
                    f"anchor {path}: the log's hash at position {position} is not the "
                    "anchored one: its history up to there was rewritten"
                )
        return count

    def verify_derived(self) -> None:
        """`verify --deep`: rebuild every derived table (checkpoints, archive, projections)
        from the events in a scratch copy and compare; TamperDetected names the first
        that differs."""
        self.store.verify_derived()

    def repair(self) -> int:
        """Rebuild every derived table from the events (what an append does by itself
        after a failed check), once the chain is verified; the number of events folded."""
        self.store.verify_chain()
        return self.store.repair()

    def backup(self, out: Path | str) -> int:
        """A consistent single-file copy of the log at OUT (SQLite's backup API: includes
        what is still in the -wal file); the number of events copied."""
        return self.store.backup(Path(out))

    @property
    def warnings(self) -> list[str]:
        """Problems the cheap check on opening found (see store/integrity.py)."""
        return list(self.store.warnings)

    def head(self) -> dict[str, Any]:
        """The newest event's position and chain hash: `{"position", "hash", "recorded_at"}`."""
        position, chain_hash, recorded_at = self.store.head()
        return {"position": position, "hash": chain_hash, "recorded_at": recorded_at or None}

    def anchor(self, key_file: Path | str) -> dict[str, Any]:
        """The head, signed with the Ed25519 key in KEY_FILE (`missionlog key create`)."""
        from missionlog.anchors import load_key, sign_head

        position, chain_hash, recorded_at = self.store.head()
        return sign_head(load_key(Path(key_file)), position, chain_hash, recorded_at)

    # ---- asking the log --------------------------------------------------------------

    def world(self, at: When = None, known_at: When = None) -> tuple[World, str]:
        """Everything as of AT, as known at KNOWN_AT; and the as-of text."""
        as_of = occurred_bound(_moment(at, "--at"))
        world = self.store.world_at(as_of, recorded_bound(_moment(known_at, "--known-at")))
        world.as_of = as_of
        return world, as_of

    def _checked(self, answer: Callable[[], T]) -> T:
        """ANSWER, and if a derived row it read lazily (an archived vehicle) fails its
        check, ANSWER again from the events alone (the store says so first)."""
        from missionlog.store.derived import DerivedDamage

        try:
            return answer()
        except DerivedDamage as damage:
            self.store.distrust(damage)
            return answer()

    def state(self, vehicle: str, *, at: When = None, known_at: When = None) -> VehicleView:
        """One vehicle as of AT (see docs/cli.md for the keys). VEHICLE is a canonical name
        or an alias, resolved by the one rule (resolver.py) over the log as known then."""
        return self._checked(lambda: self._state(vehicle, at, known_at))

    def _state(self, vehicle: str, at: When, known_at: When) -> VehicleView:
        fast = self._state_from_rows(vehicle, occurred_bound(_moment(at, "--at")), known_at)
        if fast is not None:
            return fast
        world, as_of = self.world(at, known_at)
        known = recorded_bound(_moment(known_at, "--known-at")) if known_at else FAR_FUTURE
        if vehicle in world.stations:
            raise UnknownName(f"{vehicle} is a station: ask `missionlog station {vehicle}`")
        name = self.canonical_name(vehicle, known, at=as_of)
        if name in world.stations:
            raise UnknownName(f"{name} is a station: ask `missionlog station {name}`")
        if name not in world.vehicles:
            raise self._not_launched(name, as_of, known, world.plans.get(name, {}))
        return vehicle_view(world, name, as_of, *self._sureness(world, as_of, known_at))

    def _not_launched(self, name: str, as_of: str, known: str,
                      plans: dict[str, Any]) -> NothingRecorded:
        first = names.first_occurred_at(self.store.db, name, known)
        then = " as the log knew it then" if known != FAR_FUTURE else ""
        launch = plans.get("launch")
        planned = (f" (a launch is planned for {launch['planned_for']}, "
                   f"{launch['planned_for_precision']} precision: see `missionlog plans`)"
                   if launch else "")
        return NothingRecorded(
            f"{name} has no launch by {as_of}{then}; its first event is at {first}{planned}"
        )

    # ---- answers from the interval rows (store/state_reads.py) ------------------------
    # None whenever the rows cannot answer (no or stale tables, a knowledge time after
    # which the history up to AS_OF changed, a name they do not know, a time the
    # placement of imprecise events reordered, an error to report): the fold then
    # answers, with its own messages.

    def _rows_at(self, as_of: str, known_at: When) -> tuple[RowsAt | None, str]:
        known = recorded_bound(_moment(known_at, "--known-at")) if known_at else FAR_FUTURE
        return self.store.rows_at(as_of, known), known

    def _state_from_rows(self, vehicle: str, as_of: str,
                         known_at: When = None) -> VehicleView | None:
        rows, known = self._rows_at(as_of, known_at)
        if rows is None:
            return None
        globe = rows.globe()
        if vehicle in globe["stations"]:
            return None
        name = self.canonical_name(vehicle, known, at=as_of)  # its errors are the fold's
        if name in globe["stations"]:
            return None
        world = rows.vehicle_world(name)
        if world is None:  # no launch by then, as the fold would say (unless a row is gone)
            flight = names.StoreNameIndex(self.store.db, known).flight(name)
            if flight is not None and flight.launched_at <= as_of:
                rows.missing(f"v {name!r}")
            found, plans = rows.one("pl", name)
            raise self._not_launched(name, as_of, known, plans if found and plans else {})
        world.as_of = as_of
        return vehicle_view(world, name, as_of, *self._sureness(world, as_of, known_at))

    def _station_from_rows(self, name: str, as_of: str,
                           known_at: When = None) -> StationView | None:
        rows, _ = self._rows_at(as_of, known_at)
        if rows is None:
            return None
        globe = rows.globe()
        folded = [s for s in globe["stations"] if s.casefold() == name.casefold()]
        if name not in globe["stations"] and len(folded) == 1:
            name = folded[0]
        world = rows.station_world(name) if name in globe["stations"] else None
        if world is None:
            return None
        world.as_of = as_of
        return station_view(world, name, as_of, *self._sureness(world, as_of, known_at))

    def _crew_from_rows(self, as_of: str, known_at: When = None) -> CrewListView | None:
        rows, _ = self._rows_at(as_of, known_at)
        if rows is None:
            return None
        world = rows.crew_world(rows.globe())
        world.as_of = as_of
        return crew_view(world, as_of, *self._sureness(world, as_of, known_at))

    def _sureness(self, world: World, as_of: str, known_at: When) -> tuple[Uncertain, bool]:
        """What is uncertain at AS_OF (precision.py), and whether AS_OF is after the log's
        last event (as known at KNOWN_AT): past it the log says nothing."""
        known = recorded_bound(_moment(known_at, "--known-at")) if known_at else FAR_FUTURE
        straddling = self.store.straddling(as_of, known)
        last = self.store.last_occurred_at(known)
        return uncertain_at(world, as_of, straddling), bool(last) and as_of > last

    def coverage(self, *, known_at: When = None) -> str:
        """The mission time of the log's last event (as known at KNOWN_AT): answers for
        later times say `beyond_coverage`."""
        known = recorded_bound(_moment(known_at, "--known-at")) if known_at else FAR_FUTURE
        return self.store.last_occurred_at(known)

    def station(self, name: str, *, at: When = None, known_at: When = None) -> StationView:
        """A station as of AT (see docs/cli.md for the keys)."""
        return self._checked(lambda: self._station(name, at, known_at))

    def _station(self, name: str, at: When, known_at: When) -> StationView:
        fast = self._station_from_rows(name, occurred_bound(_moment(at, "--at")), known_at)
        if fast is not None:
            return fast
        world, as_of = self.world(at, known_at)
        folded = [s for s in world.stations if s.casefold() == name.casefold()]
        if name not in world.stations and len(folded) == 1:
            name = folded[0]  # one station matches when case is ignored
        if name not in world.stations:
            raise UnknownName(
                f"station {name!r} is not configured by {as_of}{suggest(name, world.stations)}"
            )
        return station_view(world, name, as_of, *self._sureness(world, as_of, known_at))

    def crew(self, *, at: When = None, known_at: When = None) -> CrewListView:
        """Everyone in space as of AT: where they are (a station, or a vehicle in free
        flight), their ride home, its fitness and their seat (see docs/cli.md)."""
        return self._checked(lambda: self._crew(at, known_at))

    def _crew(self, at: When, known_at: When) -> CrewListView:
        fast = self._crew_from_rows(occurred_bound(_moment(at, "--at")), known_at)
        if fast is not None:
            return fast
        world, as_of = self.world(at, known_at)
        return crew_view(world, as_of, *self._sureness(world, as_of, known_at))

    def history(
        self, vehicle: str, *, at: When = None, all_flights: bool = False
    ) -> list[EventRecord]:
        """A vehicle's events in mission order, both clocks, retractions marked. A reused
        capsule name means the flight the rule picks at AT (default: now); ALL_FLIGHTS
        lists every flight that carried the name."""
        streams = self.streams_named(vehicle, at=at, all_flights=all_flights)
        retracted = self.store.retracted_ids()
        out = []
        for row in self.store.rows(streams=streams, order="occurred"):
            item = row.export_dict()
            item["retracted"] = item["event_id"] in retracted
            out.append(item)
        return out

    def replay(
        self,
        *,
        until: When = None,
        known_at: When = None,
        observers: Iterable[Observer] = (),
        progress: Callable[[int], None] | None = None,
    ) -> ReplaySummary:
        """Replay the whole log up to UNTIL from the first event (no checkpoints) and
        summarise every station and every vehicle still in space."""
        world = self.replay_world(until=until, known_at=known_at, observers=observers,
                                  progress=progress)
        as_of = world.as_of
        sureness = self._sureness(world, as_of, known_at)
        return {
            "as_of": as_of,
            "stations": [station_view(world, name, as_of, *sureness)
                         for name in sorted(world.stations)],
            "vehicles_in_space": in_flight_summary(world),
        }

    def replay_world(
        self,
        *,
        until: When = None,
        known_at: When = None,
        observers: Iterable[Observer] = (),
        progress: Callable[[int], None] | None = None,
    ) -> World:
        until_text = occurred_bound(_moment(until, "--until"))
        known_text = recorded_bound(_moment(known_at, "--known-at"))
        observers = list(observers)
        # The state alone never needs the events that change none (notes, decisions), nor
        # do observers need those they say they ignore (`ignores`, e.g. the DecisionBook's
        # notes): the fold skips decoding them and takes its final clock from the log.
        stateful_only = not observers and progress is None
        left_out: frozenset[str] = frozenset()
        if observers and progress is None:
            left_out = STATELESS_TYPES.intersection(
                *(getattr(observer, "ignores", ()) for observer in observers))
        batches: Iterable[list[Recorded]] = self.store.replay_batches(
            until=until_text, known_at=known_text, stateful_only=stateful_only,
            left_out=left_out)
        world = World()
        archive = self.store.archive() if known_text >= self.store.last_recorded_at() else None
        if archive is not None:
            # Current knowledge: read retired vehicles from the store's archive as the
            # replay passes them, instead of holding every one in memory.
            world = World(archive, retain_retired=False)
            archive.follow(world)
        if progress is not None:
            batches = _counting(batches, progress)
        lookahead = self.store.replay_records(known_at=known_text, after=until_text)
        world = replay_batches(batches, world, observers=observers, lookahead=lookahead)
        if stateful_only or left_out:
            last = self.store.last_key(until=until_text, known_at=known_text)
            if last is not None:
                world.clock, world.position = last
        world.as_of = until_text
        return world

    def count(self, *, until: When = None, known_at: When = None) -> int:
        until_text = occurred_bound(_moment(until, "--until")) if until else FAR_FUTURE
        known_text = recorded_bound(_moment(known_at, "--known-at")) if known_at else FAR_FUTURE
        return self.store.count(until=until_text, known_at=known_text)

    # ---- names -----------------------------------------------------------------------

    def canonical_name(
        self, name: str, known_at: str = FAR_FUTURE, *, at: str | None = None
    ) -> str:
        """Canonical vehicle (or station) name for NAME at AT (store text form; default:
        now), judged on the whole log as it was known at KNOWN_AT, by the one rule in
        resolver.py. UnknownName or AmbiguousName (listing the candidates) otherwise."""
        db = self.store.db
        when = at or occurred_bound(now())
        try:
            # Vehicles first: a note filed under a name as written (before the vehicle
            # that carries it launched) must not hide the vehicle behind that name.
            return resolve(name, when, names.StoreNameIndex(db, known_at))
        except UnknownName:
            if names.stream_exists(db, name, known_at):
                return name  # a station, or the log-wide or a note's stream
            folded = [s for s in names.known_streams(db, known_at)
                      if s.casefold() == name.casefold()]
            if len(folded) == 1:
                return folded[0]
            raise

    def streams_named(
        self, name: str, *, at: When = None, all_flights: bool = False
    ) -> list[str]:
        """The streams NAME stands for: the one the rule picks at AT, or with ALL_FLIGHTS
        every vehicle that carried NAME (its own, and every flight with it as an alias)."""
        as_of = occurred_bound(_moment(at, "--at"))
        if not all_flights:
            return [self.canonical_name(name, at=as_of)]
        index = names.StoreNameIndex(self.store.db)
        flights = index.alias_flights(name)
        own = index.flight(name)
        found = [f.name for f in ([own] if own else []) + flights]
        if not found:
            return [self.canonical_name(name, at=as_of)]  # a station, or UnknownName
        return list(dict.fromkeys(found))

    def plans(
        self, *, at: When = None, known_at: When = None, station: str | None = None
    ) -> PlansView:
        """The plans in force as of AT, as known at KNOWN_AT, soonest first (STATION keeps
        those that name it), and the plans fulfilled by then with how late or early. A
        plan whose time has passed unfulfilled is `overdue`. AT defaults to KNOWN_AT when
        only that is given (the plans as they stood then: asked as of now, every plan
        the log had not yet seen fulfilled would show as overdue), else to now."""
        from missionlog.projections.plans import plans_view

        if at is None and known_at is not None:
            at = known_at
        world, as_of = self.world(at, known_at)
        if station is not None and station not in world.stations:
            raise UnknownName(
                f"station {station!r} is not configured by {as_of}"
                f"{suggest(station, world.stations)}"
            )
        last = self.coverage(known_at=known_at)
        return plans_view(world, as_of, station, beyond_coverage=bool(last) and as_of > last)

    def changes(
        self,
        since: When,
        *,
        until: When = None,
        at: When = None,
        station: str | None = None,
    ) -> ChangesView:
        """What the log learned after knowledge time SINCE up to UNTIL (default now): the
        events recorded (and how late), decisions opened, decided, resolved or withdrawn,
        plans made, changed or cancelled and fulfilled, and how each station's picture at
        mission time AT (default now) differs between knowing at SINCE and at UNTIL.
        A bare date in SINCE means the start of that day, in UNTIL its end (the one time
        parser's rule for lower and upper bounds), so both days are included."""
        from missionlog.changes import compute_changes

        since_text = recorded_bound(_moment(since, "--since", start_of_day=True))
        until_text = recorded_bound(_moment(until, "--until"))
        if until_text <= since_text:
            raise NothingRecorded(f"--until: {until_text} is not after --since {since_text}")
        at_text = occurred_bound(_moment(at, "--at"))
        if station is not None:
            station = self.station(station, at=at_text)["station"]
        return compute_changes(self, since_text, until_text, at_text, station)

    def decisions(
        self, *, at: When = None, known_at: When = None, status: str | None = None,
        station: str | None = None,
    ) -> list[DecisionView]:
        """What had to be decided as of AT (as known at KNOWN_AT), newest first; STATUS
        (open, decided, resolved) and STATION (where the people concerned are) filter.
        A full replay: decisions need every event. A decision a plan in force is meant
        to answer shows it as `planned_resolution`."""
        from missionlog.decisions import DecisionBook, with_station, with_status
        from missionlog.projections.plans import planned_resolutions

        book = DecisionBook()
        world = self.replay_world(until=at, known_at=known_at, observers=[book])
        if station is not None and station not in world.stations:
            raise UnknownName(
                f"station: {station!r} is not configured by {world.clock}"
                f"{suggest(station, world.stations)}"
            )
        found = book.decisions()
        planned = planned_resolutions(world.plans)
        if planned:
            for decision in found:
                if decision["status"] != "resolved":
                    decision["planned_resolution"] = planned.get(
                        (decision["kind"], decision["subject"]))
        return with_station(with_status(found, status), station)

    def explain(
        self, kind: str, subject: str, *, at: When = None, known_at: When = None
    ) -> list[str]:
        """The chain of events behind KIND decisions about SUBJECT (name or alias), as
        dated plain sentences; NothingRecorded if no such decision opened by AT."""
        from missionlog.decisions import DecisionBook, explain_decision

        book = DecisionBook()
        world = self.replay_world(until=at, known_at=known_at, observers=[book])
        return explain_decision(book, world, kind, subject)

    def timeline(
        self,
        station: str | None = None,
        *,
        since: When = None,
        until: When = None,
        at: When = None,
        known_at: When = None,
    ) -> dict[str, Any]:
        """The timeline's data (docs/cli.md, `timeline --format json`) for STATION between
        SINCE (a bare date: its start) and UNTIL (its end); AT replays only up to then,
        KNOWN_AT keeps only what had been recorded by then. The timeline package reads
        the log only through this method and `replay_world`/`world`."""
        from missionlog.timeline.build import timeline_data

        return timeline_data(
            self,
            station,
            since=occurred_bound(_moment(since, "--from", start_of_day=True))
            if since is not None else None,
            until=occurred_bound(_moment(until, "--to")) if until is not None else None,
            at=occurred_bound(_moment(at, "--at")) if at is not None else None,
            known_at=recorded_bound(_moment(known_at, "--known-at"))
            if known_at is not None else None,
        )


def _check_query(types: list[str] | None, since: str | None, until: str | None) -> None:
    """Refuse a filter that can only ever match nothing, naming what would work."""
    if types:
        from missionlog.event_types import EVENT_TYPES

        unknown = [kind for kind in types if kind not in EVENT_TYPES]
        if unknown:
            raise InvalidQuery(f"--type: unknown event type {', '.join(map(repr, unknown))}; "
                               f"valid types: {', '.join(EVENT_TYPES)}")
    if since is not None and until is not None and since > until:
        raise InvalidQuery(f"--from {since} is after --to {until}: the range is empty")


def _counting(
    batches: Iterable[list[Recorded]], progress: Callable[[int], None]
) -> Iterator[list[Recorded]]:
    done = 0
    for batch in batches:
        yield batch
        before, done = done, done + len(batch)
        if done // 10000 > before // 10000:
            progress(10000 * (done // 10000 - before // 10000))
