"""The one fold: every rule about what can happen, applied event by event.

`World.apply` is both the replay projection (vehicles, stations, people) and
the append check: the store folds a new event into the state at its
`occurred_at` and lets `HistoryConflict` reject it. Keeping a single copy of
the rules is why replayed history and accepted history can never disagree.

State is plain dicts (TypedDicts) rather than frozen models: a replay of a
million events must stay near 3 µs an event, and a snapshot is then just
`orjson.dumps(world.to_dict())`. The accumulator is owned by one replay at a
time; nothing outside the fold mutates it, which keeps `replay(events)` a pure
function of its input.
"""

from __future__ import annotations

from collections.abc import Callable
from collections.abc import Set as AbstractSet
from typing import Any

from missionlog.errors import HistoryConflict, InvalidEvent, UnknownName
from missionlog.event_types import EVENT_TYPE
from missionlog.projections import plans as plan_rules
from missionlog.projections.archive import Archive, MemoryArchive, VehicleRegistry
from missionlog.projections.plans import FULFILLED_BY
from missionlog.projections.state import (
    LOG_STREAM,
    UNFITTING_SYSTEMS,
    FitnessBasis,
    Leak,
    PersonState,
    Recorded,
    StationState,
    VehicleState,
    class_seats,
    crew_capable,
    suggest,
)
from missionlog.resolver import Flight, resolve
from missionlog.vocabulary import CREW_CAPABLE

_NOBODY: frozenset[str] = frozenset()

_Handler = Callable[["World", str, dict[str, Any], Recorded], None]
# type -> fold handler; filled by @handles next to each handler below.
HANDLERS: dict[str, _Handler] = {}


def handles(*kinds: str) -> Callable[[_Handler], _Handler]:
    """Register the decorated method as the fold handler of KINDS (see event_types.py)."""

    def register(handler: _Handler) -> _Handler:
        for kind in kinds:
            HANDLERS[kind] = handler
        return handler

    return register


class World:
    """Vehicles, stations and the people in space, as of the last applied event."""

    __slots__ = ("_people_by", "aliases", "as_of", "clock", "fulfilled", "people", "plans",
                 "position", "stations", "vehicles")

    def __init__(self, archive: Archive | None = None, *, retain_retired: bool = True) -> None:
        # Vehicles in space are live state; landed or destroyed ones move to the archive
        # (see archive.py), so snapshots stay state-sized. `aliases` indexes live ones.
        self.vehicles = VehicleRegistry(
            archive=MemoryArchive(below=archive, retain=retain_retired)
        )
        self.aliases: dict[str, list[str]] = {}
        self.stations: dict[str, StationState] = {}
        self.people: dict[str, PersonState] = {}
        # Who holds each ride home, and who is aboard each station: built from `people` on
        # first use, then kept by the fold (the decision rules ask on most events; scanning
        # everyone each time was ~7% of `decisions`). Code outside the fold that writes
        # `people` calls people_changed().
        self._people_by: tuple[dict[str, set[str]], dict[str, set[str]]] | None = None
        # Plans beside what happened (projections/plans.py): in force, and fulfilled.
        self.plans: plan_rules.Plans = {}
        self.fulfilled: list[plan_rules.FulfilledView] = []
        self.clock: str = ""  # occurred_at of the event being applied (or last applied)
        self.position: int = 0  # and its log position: (clock, position) is the replay key
        # The time a query asks about (set by the API after folding up to it); the fold
        # never reads it, so asking about a time cannot change what the fold checks.
        self.as_of: str = ""

    # ---- snapshots -------------------------------------------------------------------

    def to_dict(self) -> dict[str, Any]:
        return {
            "vehicles": self.vehicles.live,
            "aliases": self.aliases,
            "stations": self.stations,
            "people": self.people,
            "plans": self.plans,
            "fulfilled": self.fulfilled,
            "clock": self.clock,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any], archive: Archive | None = None) -> World:
        """A snapshot back into a world; ARCHIVE holds the vehicles retired before it."""
        world = cls(archive)
        world.vehicles.live.update(data["vehicles"])
        world.aliases = data["aliases"]
        world.stations = data["stations"]
        world.people = data["people"]  # the ride index is built from it when first asked
        world.plans = data.get("plans", {})  # checkpoints written before plans existed
        world.fulfilled = data.get("fulfilled", [])
        world.clock = data["clock"]
        return world

    # ---- who rides home in what, who is aboard where --------------------------------

    def riders(self, vehicle: str) -> AbstractSet[str]:
        """The people in space whose return vehicle is VEHICLE (do not modify the set)."""
        return self._people_index()[0].get(vehicle, _NOBODY)

    def aboard(self, station: str) -> AbstractSet[str]:
        """The people aboard STATION, not in a vehicle in flight (do not modify the set)."""
        return self._people_index()[1].get(station, _NOBODY)

    def people_changed(self) -> None:
        """`people` was written outside the fold: rebuild the indexes when next asked."""
        self._people_by = None

    def _people_index(self) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
        index = self._people_by
        if index is None:
            index = self._people_by = ({}, {})
            for person in self.people:
                self._index_person(person, add=True)
        return index

    def _index_person(self, person: str, *, add: bool) -> None:
        """File PERSON under their current ride home and station (or take them out: called
        with add=False before a change and add=True after it, while the index is built)."""
        index = self._people_by
        if index is None:
            return
        state = self.people[person]
        for table, key in ((index[0], state["return_vehicle"]),
                           (index[1], state["location"] if state["on_station"] else None)):
            if key is None:
                continue
            if add:
                table.setdefault(key, set()).add(person)
            else:
                holders = table[key]
                holders.discard(person)
                if not holders:
                    del table[key]

    # ---- names -----------------------------------------------------------------------

    def resolve_vehicle(self, name: str, at: str | None = None) -> str:
        """Canonical name for a vehicle name or alias at AT (default: the fold's clock),
        by the one rule in resolver.py (a reused capsule name resolves to the flight in
        space, else to the latest flight launched by then)."""
        when = at or self.clock
        return resolve(name, when, self,
                       unknown=f"no vehicle called {name!r} has launched by {when or 'then'}")

    # The NameIndex the resolver reads (see resolver.py): what this fold has seen.

    def flight(self, name: str) -> Flight | None:
        vehicle = self.vehicles.get(name)
        if vehicle is None:
            return None
        return Flight(name, vehicle["launched_at"], vehicle["ended_at"])

    def alias_flights(self, alias: str) -> list[Flight]:
        names = list(self.aliases.get(alias, ()))
        names.extend(n for n in self.vehicles.archive.names_for_alias(alias) if n not in names)
        vehicles = [self.vehicles[n] for n in names]
        return [Flight(v["name"], v["launched_at"], v["ended_at"]) for v in vehicles]

    def known_names(self) -> list[str]:
        return [*self.vehicles, *self.aliases]

    def stream_for(self, event: dict[str, Any]) -> str:
        """The stream a new event belongs to, by its type's stream rule (event_types.py)."""
        spec = EVENT_TYPE.get(event["type"])
        if spec is None:
            raise InvalidEvent(f"type: {event['type']!r} is not a registered event type")
        rule = spec.stream
        subject = event.get(spec.subject[0])
        if rule == "names":
            return str(subject)
        if rule == "place" and event.get("station"):
            self._station(event["station"])
            return str(event["station"])
        if rule == "note":
            return self._note_stream(subject)
        if rule == "target":
            raise ValueError("the store assigns a retraction the stream of the event it retracts")
        if rule == "plan":
            return self._plan_stream(event)
        return self.resolve_vehicle(str(subject))

    def _plan_stream(self, event: dict[str, Any]) -> str:
        # A launch plan is about a flight that has not flown: the name as written (a
        # reused capsule name must not resolve to its last flight). Any other plan names
        # the vehicle the log knows by that name, or (not launched yet) the name as written.
        name = str(event["vehicle"])
        if event.get("activity") == "launch":
            return name
        try:
            return self.resolve_vehicle(name)
        except UnknownName:
            return name

    def _note_stream(self, subject: str | None) -> str:
        # A note may name something the log does not track yet (a launch that slipped):
        # it is kept under the name as written, but an ambiguous alias is still an error.
        if subject is None:
            return LOG_STREAM
        if subject in self.stations:
            return subject
        try:
            return self.resolve_vehicle(subject)
        except UnknownName:
            return subject

    # ---- the fold --------------------------------------------------------------------

    def record(
        self, event: dict[str, Any], position: int, recorded_at: str = "", stream: str = ""
    ) -> Recorded:
        """The one way into the fold for an event: assign its stream (unless the store
        already knows it) as of its time, fold it in, and return it as recorded.
        Raises HistoryConflict (or UnknownName, AmbiguousName) and leaves the caller
        to discard this world."""
        return self.apply(Recorded(position, stream, recorded_at, event))

    def apply(self, record: Recorded) -> Recorded:
        """`record` for an event already wrapped as the store reads it (replays)."""
        event = record.event
        self.clock = event["occurred_at"]
        self.position = record.position
        if not record.stream:
            record = record._replace(stream=self.stream_for(event))
        handler = HANDLERS.get(event["type"])
        if handler is None:
            raise InvalidEvent(f"type: {event['type']!r} has no fold handler")
        handler(self, record.stream, event, record)
        activity = FULFILLED_BY.get(event["type"])
        if activity is not None:
            self._happened(record, activity)
        return record

    def apply_stored(self, records: list[Recorded]) -> None:
        """`apply` for a batch of stored records (their streams known), in order: the
        replay's inner loop, without a method call and a stream check per event."""
        handlers = HANDLERS
        for record in records:
            event = record[3]
            handler = handlers.get(event["type"])
            if handler is None or not record[1]:
                self.apply(record)  # raises, or assigns the stream, as usual
                continue
            self.clock = event["occurred_at"]
            self.position = record[0]
            handler(self, record[1], event, record)
            activity = FULFILLED_BY.get(event["type"])
            if activity is not None:
                self._happened(record, activity)

    def _happened(self, record: Recorded, activity: str) -> None:
        """After a vehicle's activity: the precision of its new `since`, and the plan the
        event fulfils (if any)."""
        event = record.event
        vehicle = self.vehicles.get(record.stream)
        if vehicle is None:
            return
        precision = event.get("precision", "second")
        vehicle["since_precision"] = precision
        if precision == "second" and "earliest" not in event and "latest" not in event:
            at = event["occurred_at"]  # the common case: an exact time is its own window
            vehicle["since_window"] = [at, at]
        else:
            window = plan_rules.event_window(event)
            vehicle["since_window"] = [window[0], window[1]]
        if activity == "launch":
            plan_rules.adopt(self.plans, record.stream, vehicle["aliases"])
        if self.plans:
            done = plan_rules.fulfil(self.plans, record.stream, activity, event)
            if done is not None:
                self.fulfilled.append(done)

    def _vehicle(self, name: str, at: str) -> VehicleState:
        vehicle: VehicleState | None = self.vehicles.get(name)
        if vehicle is None:
            raise UnknownName(
                f"vehicle {name!r} has not launched by {at}{suggest(name, self.vehicles)}"
            )
        if vehicle["ended_at"] is not None:
            raise HistoryConflict(
                f"{name} {vehicle['status']} at {vehicle['ended_at']}; nothing can follow "
                f"that (event at {at})"
            )
        return vehicle

    def _station(self, name: str) -> StationState:
        station = self.stations.get(name)
        if station is None:
            raise UnknownName(
                f"station {name!r} is not configured{suggest(name, self.stations)}"
            )
        return station

    def _on_station(self, name: str, at: str) -> VehicleState:
        vehicle = self._vehicle(name, at)
        if vehicle["status"] != "docked":
            raise HistoryConflict(f"{name} is not docked at {at} (it is {vehicle['status']})")
        return vehicle

    def _free_port(self, station: StationState, port: str, vehicle: str, at: str) -> None:
        if port not in station["ports"]:
            raise UnknownName(
                f"port {port!r} is not a port of {station['name']}"
                f"{suggest(port, station['ports'])}"
            )
        holder = station["ports"][port]
        if holder is not None:
            raise HistoryConflict(
                f"port {port} of {station['name']} is held by {holder} since "
                f"{station['port_since'][port]}; {vehicle} cannot dock there at {at}"
            )

    @handles("station_configured")
    def _station_configured(self, stream: str, event: dict[str, Any], rec: Recorded) -> None:
        ports: list[str] = event["ports"]
        existing = self.stations.get(stream)
        modules: list[str] | None = event.get("modules")
        if existing is None:
            self.stations[stream] = {
                "name": stream,
                "ports": dict.fromkeys(ports),
                "port_since": {},
                "leaks": [],
            }
            if modules is not None:
                self.stations[stream]["modules"] = list(modules)
            return
        for port, holder in existing["ports"].items():
            if holder is not None and port not in ports:
                raise HistoryConflict(
                    f"port {port} of {stream} is held by {holder} since "
                    f"{existing['port_since'][port]}; it cannot be removed at {rec.occurred_at}"
                )
        existing["ports"] = {port: existing["ports"].get(port) for port in ports}
        if modules is not None:
            existing["modules"] = list(modules)

    @handles("launched")
    def _launched(self, stream: str, event: dict[str, Any], rec: Recorded) -> None:
        at = rec.occurred_at
        if stream in self.vehicles:
            raise HistoryConflict(
                f"{stream} already launched at {self.vehicles[stream]['launched_at']}"
            )
        crew: list[str] = event["crew"]
        capable = event.get("crew_capable")
        if capable is None:
            capable = event["vehicle_class"] in CREW_CAPABLE
        if crew and not capable:
            raise HistoryConflict(
                f"crew: a {event['vehicle_class']} carries no crew ({stream} at {at})"
            )
        seats = event.get("seats")
        if seats is None:
            seats = class_seats(event["vehicle_class"], capable)
        if len(crew) > seats:
            raise HistoryConflict(
                f"crew: {len(crew)} people launched in {stream}, which has {seats} seats ({at})"
            )
        self._check_on_ground(crew, at)
        self.vehicles[stream] = {
            "name": stream,
            "vehicle_class": event["vehicle_class"],
            "aliases": list(event["aliases"]),
            "status": "in_flight",
            "station": None,
            "port": None,
            "crew_aboard": list(crew),
            "leaks": [],
            "launched_at": at,
            "since": at,
            "unfit_at": None,
            "unfit_event": None,
            "ended_at": None,
            "crew_capable": capable,
            "seats": seats,
            "fitness": "fit",
            "fitness_basis": None,
            "max_crew": None,
            "crew_landed": [],
        }
        for alias in dict.fromkeys(event["aliases"]):
            self.aliases.setdefault(alias, []).append(stream)
        for person in crew:
            self.people[person] = {
                "location": stream,
                "on_station": False,
                "return_vehicle": stream,
                "assigned": [at, rec.position],
            }
            self._index_person(person, add=True)

    def _check_on_ground(self, crew: list[str], at: str) -> None:
        for person in crew:
            if person in self.people:
                raise HistoryConflict(
                    f"{person} is already in space, aboard "
                    f"{self.people[person]['location']} at {at}"
                )
        if len(set(crew)) != len(crew):
            raise HistoryConflict(f"crew: a person is listed twice at {at}")

    @handles("docked")
    def _docked(self, stream: str, event: dict[str, Any], rec: Recorded) -> None:
        at = rec.occurred_at
        vehicle = self._vehicle(stream, at)
        if vehicle["status"] != "in_flight":
            raise HistoryConflict(
                f"{stream} is already docked at {vehicle['station']} {vehicle['port']} "
                f"since {vehicle['since']}; it cannot dock again at {at}"
            )
        station = self._station(event["station"])
        port = event["port"]
        self._free_port(station, port, stream, at)
        station["ports"][port] = stream
        station["port_since"][port] = at
        vehicle["status"] = "docked"
        vehicle["station"] = station["name"]
        vehicle["port"] = port
        vehicle["since"] = at
        for person in vehicle["crew_aboard"]:
            self._index_person(person, add=False)
            self.people[person]["location"] = station["name"]
            self.people[person]["on_station"] = True
            self._index_person(person, add=True)
        vehicle["crew_aboard"] = []

    @handles("relocated")
    def _relocated(self, stream: str, event: dict[str, Any], rec: Recorded) -> None:
        at = rec.occurred_at
        vehicle = self._on_station(stream, at)
        station = self.stations[str(vehicle["station"])]
        port = event["port"]
        if port == vehicle["port"]:
            raise HistoryConflict(f"{stream} is already at {port} at {at}")
        self._free_port(station, port, stream, at)
        station["ports"][str(vehicle["port"])] = None
        station["port_since"].pop(str(vehicle["port"]), None)
        station["ports"][port] = stream
        station["port_since"][port] = at
        vehicle["port"] = port
        vehicle["since"] = at

    @handles("undocked")
    def _undocked(self, stream: str, event: dict[str, Any], rec: Recorded) -> None:
        at = rec.occurred_at
        vehicle = self._on_station(stream, at)
        station_name = str(vehicle["station"])
        crew: list[str] = event["crew"]
        if crew and not crew_capable(vehicle):
            raise HistoryConflict(f"crew: a {vehicle['vehicle_class']} carries no crew")
        for person in crew:
            where = self.people.get(person)
            if where is None or where["location"] != station_name:
                place = "on the ground" if where is None else f"aboard {where['location']}"
                raise HistoryConflict(
                    f"crew: {person} is {place}, not aboard {station_name}, when {stream} "
                    f"undocks at {at}"
                )
        station = self.stations[station_name]
        station["ports"][str(vehicle["port"])] = None
        station["port_since"].pop(str(vehicle["port"]), None)
        vehicle["status"] = "in_flight"
        vehicle["station"] = None
        vehicle["port"] = None
        vehicle["since"] = at
        vehicle["crew_aboard"] = list(crew)
        for person in crew:
            self._index_person(person, add=False)
            self.people[person]["location"] = stream
            self.people[person]["on_station"] = False
            self._index_person(person, add=True)

    def _ended(self, stream: str, rec: Recorded, status: str) -> VehicleState:
        at = rec.occurred_at
        vehicle = self._vehicle(stream, at)
        if vehicle["status"] != "in_flight":
            raise HistoryConflict(
                f"{stream} is docked at {vehicle['station']} {vehicle['port']} since "
                f"{vehicle['since']}; it must undock before it is {status} at {at}"
            )
        vehicle["status"] = status
        vehicle["since"] = at
        vehicle["ended_at"] = at
        for alias in vehicle["aliases"]:
            owners = self.aliases[alias]
            owners.remove(stream)
            if not owners:
                del self.aliases[alias]
        self.vehicles.retire(stream, rec.position)
        return vehicle

    @handles("landed")
    def _landed(self, stream: str, event: dict[str, Any], rec: Recorded) -> None:
        vehicle = self._ended(stream, rec, "landed")
        for person in vehicle["crew_aboard"]:
            self._index_person(person, add=False)
            del self.people[person]
        # They are home: the vehicle keeps who it brought back, not who is aboard.
        vehicle["crew_landed"] = vehicle["crew_aboard"]
        vehicle["crew_aboard"] = []

    @handles("deorbited")
    def _deorbited(self, stream: str, event: dict[str, Any], rec: Recorded) -> None:
        crew = self.vehicles.get(stream, {}).get("crew_aboard")
        if crew:
            raise HistoryConflict(
                f"{stream} has {', '.join(crew)} aboard; a crewed reentry is recorded as "
                f"landed, not deorbited ({rec.occurred_at})"
            )
        self._ended(stream, rec, "deorbited")

    @handles("leak_detected")
    def _leak_detected(self, stream: str, event: dict[str, Any], rec: Recorded) -> None:
        at = rec.occurred_at
        leak: Leak = {
            "system": event["system"],
            "severity": event["severity"],
            "cause": event.get("cause"),
            "occurred_at": at,
            "module": event.get("module"),
            "event_id": event["event_id"],
            "position": rec.position,
        }
        if event.get("station"):
            station = self._station(stream)
            self._check_module(station, event.get("module"), at)
            station["leaks"].append(leak)
            return
        vehicle = self._vehicle(stream, at)
        vehicle["leaks"].append(leak)
        unfits = (
            leak["severity"] == "major"
            and leak["system"] in UNFITTING_SYSTEMS
            and crew_capable(vehicle)
        )
        # A later unfitting leak overrides an earlier assessment (of fit or emergency_only).
        current = vehicle.get("fitness") or ("fit" if vehicle["unfit_at"] is None else "unfit")
        if unfits and current != "unfit":
            basis: FitnessBasis = {
                "source": "leak", "event_id": event["event_id"], "position": rec.position,
                "at": at, "by": None,
                "reason": f"{leak['severity']} {leak['system']} leak",
            }
            self._set_fitness(vehicle, "unfit", basis, None)

    def _set_fitness(self, vehicle: VehicleState, fitness: str, basis: FitnessBasis,
                     max_crew: int | None) -> None:
        """`unfit_at`/`unfit_event` say since when and because of what it has not been fit:
        they move only when it turns from fit to not fit, or back."""
        if fitness == "fit":
            vehicle["unfit_at"] = vehicle["unfit_event"] = None
        elif vehicle["unfit_at"] is None:
            vehicle["unfit_at"] = basis["at"]
            vehicle["unfit_event"] = basis["event_id"]
        vehicle["fitness"] = fitness
        vehicle["fitness_basis"] = basis
        vehicle["max_crew"] = max_crew

    def _crew_vehicle(self, stream: str, at: str, why: str) -> VehicleState:
        vehicle = self._vehicle(stream, at)
        if not crew_capable(vehicle):
            raise HistoryConflict(
                f"{stream} is a {vehicle['vehicle_class']}, not a crew-capable vehicle; "
                f"{why} ({at})"
            )
        return vehicle

    @handles("vehicle_assessed")
    def _vehicle_assessed(self, stream: str, event: dict[str, Any], rec: Recorded) -> None:
        at = rec.occurred_at
        vehicle = self._crew_vehicle(stream, at, "only a crew-capable vehicle is assessed "
                                                 "for crew return")
        basis: FitnessBasis = {
            "source": "assessment", "event_id": event["event_id"], "position": rec.position,
            "at": at, "by": event["by"], "reason": event["reason"],
        }
        self._set_fitness(vehicle, event["fitness"], basis, event.get("max_crew"))

    def _check_module(self, station: StationState, module: str | None, at: str) -> None:
        """A station that lists its modules knows which ones can leak."""
        modules = station.get("modules")
        if module is None or modules is None or module in modules:
            return
        raise UnknownName(
            f"module {module!r} is not a module of {station['name']} at {at}"
            f"{suggest(module, modules)} (its modules: {', '.join(modules)})"
        )

    @handles("leak_resolved")
    def _leak_resolved(self, stream: str, event: dict[str, Any], rec: Recorded) -> None:
        """A leak ends: the newest open leak of that system (and module) is closed. A leak
        that made a vehicle unfit leaves it unfit: only an assessment restores fitness."""
        at = rec.occurred_at
        if event.get("station"):
            station = self._station(stream)
            self._check_module(station, event.get("module"), at)
            leaks = station["leaks"]
        else:
            leaks = self._vehicle(stream, at)["leaks"]
        for leak in reversed(leaks):
            if (leak["system"] == event["system"] and leak.get("resolved_at") is None
                    and (event.get("module") is None or leak["module"] == event["module"])):
                leak["resolved_at"] = at
                leak["how"] = event["how"]
                return
        module = f" in {event['module']}" if event.get("module") else ""
        raise HistoryConflict(
            f"{stream} has no open {event['system']} leak{module} to resolve at {at}"
        )

    @handles("planned")
    def _planned(self, stream: str, event: dict[str, Any], rec: Recorded) -> None:
        at = rec.occurred_at
        live = self.vehicles.live.get(stream)
        if event["activity"] == "launch" and live is not None:
            raise HistoryConflict(
                f"{stream} is already in space (launched {live['launched_at']}); a launch "
                f"plan at {at} names a flight that has not flown"
            )
        vehicle = self.vehicles.get(stream)
        if vehicle is not None and vehicle["ended_at"] is not None:
            raise HistoryConflict(
                f"{stream} {vehicle['status']} at {vehicle['ended_at']}; nothing can be "
                f"planned for it at {at}"
            )
        plan_rules.check_plan_names(event, self.stations)
        by_activity = self.plans.setdefault(stream, {})
        replaced = by_activity.get(event["activity"])
        by_activity[event["activity"]] = plan_rules.make_plan(event, stream, rec.recorded_at,
                                                              replaced)

    @handles("plan_cancelled")
    def _plan_cancelled(self, stream: str, event: dict[str, Any], rec: Recorded) -> None:
        plan_rules.cancel(self.plans, stream, event["activity"], rec.occurred_at)

    @handles("crew_assigned")
    def _crew_assigned(self, stream: str, event: dict[str, Any], rec: Recorded) -> None:
        at = rec.occurred_at
        vehicle = self._crew_vehicle(stream, at, "it cannot be a return vehicle")
        for person in event["crew"]:
            state = self.people.get(person)
            if state is None:
                raise HistoryConflict(
                    f"crew: {person} is not in space at {at}{suggest(person, self.people)}"
                )
            there = vehicle["station"]
            if state["on_station"] and there is not None and there != state["location"]:
                raise HistoryConflict(
                    f"crew: {person} is aboard {state['location']} but {stream} is docked at "
                    f"{there}; a return vehicle must be at the person's station ({at})"
                )
        window = list(plan_rules.event_window(event))
        for person in event["crew"]:
            state = self.people[person]
            if state["return_vehicle"] != stream:
                self._index_person(person, add=False)
                state["previous_return"] = state["return_vehicle"]
                state["return_vehicle"] = stream
                self._index_person(person, add=True)
                state["assigned"] = [at, rec.position]
            state["return_window"] = window
            state["return_precision"] = event.get("precision", "second")

    @handles("decision_recorded")
    def _decision_recorded(self, stream: str, event: dict[str, Any], rec: Recorded) -> None:
        if stream not in self.vehicles:
            raise UnknownName(
                f"subject: vehicle {stream!r} has not launched by {rec.occurred_at}"
                f"{suggest(stream, self.vehicles)}"
            )

    @handles("retracted", "note")
    def _nothing(self, stream: str, event: dict[str, Any], rec: Recorded) -> None:
        """Notes and retractions change no state (a retraction works by filtering)."""
