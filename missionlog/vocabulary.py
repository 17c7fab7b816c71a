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
