"""Write a large, consistent, deterministic synthetic mission log (JSONL, wire format).

Why: the speed targets (bulk import, replay, point-in-time queries) are about
logs far larger than the bundled ISS file. This generator plays a simple
station-traffic simulation so every line passes the fold in
missionlog/projections/world.py: each station is configured once; vehicles
launch towards a port reserved for them, dock, live through relocations,
leaks, notes, decisions and crew reassignments, undock with every person
whose ride home they are, and land (crewed and Dragon cargo) or deorbit.
Times strictly increase in whole seconds and event ids are stable
(`syn<seed>-<index>`), so the same arguments always give the same bytes, and
the first N lines of a longer log are exactly the log of N lines.

    python scripts/synth_log.py --events 1000000 --out bench-out/synth-1m.jsonl
    python -m missionlog import bench-out/synth-1m.jsonl --db bench-out/synth-1m.db
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import orjson

START = 946684800  # 2000-01-01T00:00:00Z: a million events at the default gap end in 2003
PORT_POOL = (
    "Zvezda aft", "Poisk zenith", "Rassvet nadir", "Prichal nadir", "Prichal forward",
    "Harmony forward", "Harmony zenith", "Harmony nadir", "Unity nadir", "Node aft",
    "Node forward", "Node port", "Node starboard", "Core radial",
)
# (class, label, crew-capable, lands (vs deorbits), launch weight)
CLASSES = (
    ("soyuz", "Soyuz", True, True, 3),
    ("crew_dragon", "Crew Dragon", True, True, 3),
    ("starliner", "Starliner", True, True, 1),
    ("shenzhou", "Shenzhou", True, True, 2),
    ("progress", "Progress", False, False, 4),
    ("cargo_dragon", "Cargo Dragon", False, True, 3),
    ("cygnus", "Cygnus", False, False, 2),
    ("htv", "HTV", False, False, 1),
    ("tianzhou", "Tianzhou", False, False, 2),
    ("other", "Spacecraft", False, False, 1),
)
SYSTEMS = ("coolant", "atmosphere", "propellant", "other")
SITES = ("Kazakhstan steppe", "Gulf of Mexico", "Pacific off Baja", "Dongfeng", "White Sands")


class Vehicle:
    __slots__ = ("crewed", "kind", "lands", "name", "port", "riders", "station", "stay")

    def __init__(self, name: str, kind: str, crewed: bool, lands: bool) -> None:
        self.name, self.kind, self.crewed, self.lands = name, kind, crewed, lands
        self.station = ""
        self.port = ""
        self.riders: list[str] = []  # people whose ride home this is (crew-capable only)
        self.stay = 0  # events left in its docked stay


class Simulation:
    """The generator's own (much smaller) model of the world: just enough to stay legal."""

    def __init__(self, seed: int, stations: int, stay: tuple[int, int], gap: int) -> None:
        self.rng = random.Random(seed)
        self.seed = seed
        self.index = 0
        self.clock = START
        self.gap = gap
        self.stay = stay
        self.free: dict[str, list[str]] = {}  # station -> ports neither held nor reserved
        self.docked_at: dict[str, list[Vehicle]] = {}
        self.outbound: list[Vehicle] = []  # launched, not docked yet (port reserved)
        self.docked: list[Vehicle] = []
        self.inbound: list[Vehicle] = []  # undocked, not ended yet
        self.serials = dict.fromkeys((c[0] for c in CLASSES), 0)
        self.people = 0
        self.station_names = [f"Station {k:02d}" for k in range(1, stations + 1)]
        self.ports_total = 0
        self.weights = [c[4] for c in CLASSES]

    # ---- event plumbing ---------------------------------------------------------------

    def _event(self, kind: str, **fields: Any) -> dict[str, Any]:
        self.clock += self.rng.randint(1, 2 * self.gap - 1)
        self.index += 1
        event = {"type": kind,
                 "occurred_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(self.clock)),
                 "event_id": f"syn{self.seed}-{self.index:08d}"}
        event.update(fields)
        return event

    def events(self) -> Iterator[dict[str, Any]]:
        """An endless, legal stream of events."""
        for name in self.station_names:
            ports = self.rng.sample(PORT_POOL, self.rng.randint(6, 10))
            self.free[name] = list(ports)
            self.docked_at[name] = []
            self.ports_total += len(ports)
            yield self._event("station_configured", station=name, ports=ports,
                              source="synthetic")
        target = int(self.ports_total * 0.6)
        while True:
            yield self._step(target)

    def _step(self, target: int) -> dict[str, Any]:
        """One event: the roll picks the kind; when that kind cannot happen now (nothing
        waiting to dock, the fleet at its target size), life aboard goes on instead."""
        rng = self.rng
        roll = rng.random()
        if roll < 0.08:
            active = len(self.outbound) + len(self.docked) + len(self.inbound)
            if active < target and any(self.free.values()):
                return self._launch()
        elif roll < 0.16:
            if self.outbound:
                return self._dock(self.outbound.pop(rng.randrange(len(self.outbound))))
        elif roll < 0.24:
            if self.inbound:
                return self._end(self.inbound.pop(rng.randrange(len(self.inbound))))
        elif roll < 0.25:
            return self._station_event()
        if not self.docked:
            return self._launch() if any(self.free.values()) else self._log_note()
        vehicle = self.docked[rng.randrange(len(self.docked))]
        if vehicle.stay <= 0:
            return self._undock(vehicle)
        vehicle.stay -= 1
        return self._stay_event(vehicle)

    # ---- lifecycle --------------------------------------------------------------------

    def _launch(self) -> dict[str, Any]:
        rng = self.rng
        kind, label, crewed, lands, _ = rng.choices(CLASSES, self.weights)[0]
        self.serials[kind] += 1
        serial = self.serials[kind]
        vehicle = Vehicle(f"{label} S-{serial:06d}", kind, crewed, lands)
        station = rng.choice([s for s, ports in self.free.items() if ports])
        ports = self.free[station]
        vehicle.station = station
        vehicle.port = ports.pop(rng.randrange(len(ports)))
        if crewed and rng.random() < 0.9:  # now and then an uncrewed test flight
            seats = 3 if kind in ("soyuz", "shenzhou") else 4  # no more crew than seats
            vehicle.riders = [self._new_person() for _ in range(rng.randint(2, seats))]
        self.outbound.append(vehicle)
        aliases = [f"{label[0]}{serial}"] if rng.random() < 0.5 else []
        return self._event("launched", vehicle=vehicle.name, vehicle_class=kind,
                           crew=list(vehicle.riders), aliases=aliases,
                           source="synthetic launch manifest")

    def _new_person(self) -> str:
        self.people += 1
        return f"Astronaut {self.seed}-{self.people:07d}"

    def _dock(self, vehicle: Vehicle) -> dict[str, Any]:
        vehicle.stay = self.rng.randint(*self.stay)
        self.docked.append(vehicle)
        self.docked_at[vehicle.station].append(vehicle)
        return self._event("docked", vehicle=vehicle.name, station=vehicle.station,
                           port=vehicle.port, precision="minute")

    def _undock(self, vehicle: Vehicle) -> dict[str, Any]:
        self.docked.remove(vehicle)
        self.docked_at[vehicle.station].remove(vehicle)
        self.free[vehicle.station].append(vehicle.port)
        self.inbound.append(vehicle)
        return self._event("undocked", vehicle=vehicle.name, crew=list(vehicle.riders))

    def _end(self, vehicle: Vehicle) -> dict[str, Any]:
        if vehicle.lands:
            return self._event("landed", vehicle=vehicle.name, site=self.rng.choice(SITES))
        return self._event("deorbited", vehicle=vehicle.name)

    # ---- what happens during a stay ---------------------------------------------------

    def _stay_event(self, vehicle: Vehicle) -> dict[str, Any]:
        rng = self.rng
        roll = rng.random()
        if roll < 0.30:
            return self._event("note", subject=vehicle.name,
                               text=f"Hatch opened, cargo transfer {rng.randint(1, 99)}% done")
        if roll < 0.45:
            return self._event("decision_recorded", subject=vehicle.name,
                               decision=rng.choice(("extend stay", "keep docked", "reboost")),
                               by="flight director")
        if roll < 0.53:
            major = rng.random() < 0.15
            return self._event("leak_detected", vehicle=vehicle.name,
                               system=rng.choice(SYSTEMS), severity="major" if major else "minor",
                               cause="micrometeoroid" if major else None)
        if roll < 0.68 and self.free[vehicle.station]:
            return self._relocate(vehicle)
        if roll < 0.85:
            if vehicle.crewed:
                return self._reassign(vehicle)
            return self._event("decision_recorded", subject=vehicle.name,
                               decision="approve cargo transfer plan", by="ops lead")
        return self._event("note", subject=vehicle.name, text="Routine telemetry review")

    def _relocate(self, vehicle: Vehicle) -> dict[str, Any]:
        ports = self.free[vehicle.station]
        new = ports.pop(self.rng.randrange(len(ports)))
        ports.append(vehicle.port)
        vehicle.port = new
        return self._event("relocated", vehicle=vehicle.name, port=new)

    def _reassign(self, vehicle: Vehicle) -> dict[str, Any]:
        """Move someone's ride home to VEHICLE from another crew vehicle at the same station
        (a rescue, like Soyuz MS-23); or confirm its own riders."""
        others = [v for v in self.docked_at[vehicle.station] if v is not vehicle and v.riders]
        free = (3 if vehicle.kind in ("soyuz", "shenzhou") else 4) - len(vehicle.riders)
        if others and free > 0:  # a rescue takes no more people than it has seats
            donor = self.rng.choice(others)
            moved = donor.riders[: self.rng.randint(1, min(free, len(donor.riders)))]
            donor.riders = donor.riders[len(moved):]
            vehicle.riders.extend(moved)
            return self._event("crew_assigned", vehicle=vehicle.name, crew=moved)
        if vehicle.riders:
            return self._event("crew_assigned", vehicle=vehicle.name, crew=list(vehicle.riders))
        return self._event("note", subject=vehicle.name, text="No crew to assign")

    def _station_event(self) -> dict[str, Any]:
        station = self.rng.choice(self.station_names)
        if self.rng.random() < 0.1:  # station leaks are rare, and kept forever by the fold
            return self._event("leak_detected", station=station, module="Zvezda PrK",
                               system="atmosphere", severity="minor")
        return self._event("note", subject=station, text="Station reboost completed")

    def _log_note(self) -> dict[str, Any]:
        return self._event("note", text="Quiet day across the fleet")


def synth_events(
    count: int, *, seed: int = 1, stations: int = 30, stay: tuple[int, int] = (5, 60),
    gap: int = 120,
) -> Iterator[dict[str, Any]]:
    """The first COUNT events of the log these arguments describe (a prefix of any longer)."""
    source = Simulation(seed, stations, stay, gap).events()
    for _ in range(count):
        yield next(source)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, required=True, help="number of events (lines)")
    parser.add_argument("--out", type=Path, help="JSONL file to write (default: stdout)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument("--stations", type=int, default=30, help="stations (default 30)")
    parser.add_argument("--stay", type=int, nargs=2, default=(5, 60), metavar=("MIN", "MAX"),
                        help="events during one docked stay (default 5 60)")
    parser.add_argument("--gap", type=int, default=120,
                        help="mean seconds between events (default 120)")
    args = parser.parse_args(argv)
    out = args.out.open("wb") if args.out else sys.stdout.buffer
    dumps = orjson.dumps
    try:
        lines = []
        for event in synth_events(args.events, seed=args.seed, stations=args.stations,
                                  stay=tuple(args.stay), gap=args.gap):
            lines.append(dumps(event))
            if len(lines) >= 10000:
                out.write(b"\n".join(lines) + b"\n")
                lines = []
        if lines:
            out.write(b"\n".join(lines) + b"\n")
    finally:
        if args.out:
            out.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
