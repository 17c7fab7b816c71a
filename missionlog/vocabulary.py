"""The words of the domain, free of pydantic so the fold and the CLI can import them
without paying for the event models."""

from __future__ import annotations

VEHICLE_CLASSES: tuple[str, ...] = (
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
)
CREW_CAPABLE: frozenset[str] = frozenset({"soyuz", "crew_dragon", "starliner", "shenzhou"})
