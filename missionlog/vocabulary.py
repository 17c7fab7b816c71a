"""The words of the domain, free of pydantic so the fold and the CLI can import them
without paying for the event models."""

from __future__ import annotations

from typing import Literal, get_args

VehicleClass = Literal[
    "soyuz",
    "progress",
    "crew_dragon",
    "cargo_dragon",
    "cygnus",
    "starliner",
    "htv",
    "shenzhou",
    "tianzhou",
    "other",
]
VEHICLE_CLASSES: tuple[str, ...] = get_args(VehicleClass)
CREW_CAPABLE: frozenset[str] = frozenset({"soyuz", "crew_dragon", "starliner", "shenzhou"})

# Seats of the crew-capable classes; cargo classes carry nobody. A `launched` event
# may say otherwise (`seats`), and an `other` may be declared crew-capable with its seats.
DEFAULT_SEATS: dict[str, int] = {"soyuz": 3, "shenzhou": 3, "crew_dragon": 4, "starliner": 4}
Fitness = Literal["fit", "emergency_only", "unfit"]
FITNESS: tuple[str, ...] = get_args(Fitness)
# The other closed lists of the event models (tests/test_vocabulary.py checks they match),
# here so the CLI can show them in `--help` without importing pydantic.
LEAK_SYSTEMS: tuple[str, ...] = ("coolant", "atmosphere", "propellant", "other")
SEVERITIES: tuple[str, ...] = ("minor", "major")
PRECISIONS: tuple[str, ...] = ("second", "minute", "hour", "day")
CHOICES: dict[str, tuple[str, ...]] = {
    "vehicle_class": VEHICLE_CLASSES,
    "system": LEAK_SYSTEMS,
    "severity": SEVERITIES,
    "precision": PRECISIONS,
    "fitness": FITNESS,
}
