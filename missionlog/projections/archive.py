"""Where vehicles go when they land or burn up: out of the live state, into an archive.

A snapshot of the world must stay state-sized: a million-event log has tens of
thousands of vehicles that landed long ago, and carrying them in every
checkpoint made each one megabytes. Nothing can follow a landing, so a retired
vehicle's final state never changes again (until a late event or a retraction
rewinds the history, and then the store rebuilds the archive from that point).

`VehicleRegistry` is what `World.vehicles` is: lookups (`[]`, `get`, `in`) find
any vehicle, live or retired; iteration and `len` cover only the vehicles in
space, which is what every caller that walks the registry wants.
"""

from __future__ import annotations

from collections.abc import Iterator, MutableMapping
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from missionlog.projections.state import VehicleState


# How many of the latest retirements a streamed replay keeps in memory (see MemoryArchive).
RECENT_RETIREMENTS = 64


class Archive(Protocol):
    """Retired vehicles, read-only to the fold (the store supplies one backed by SQLite)."""

    def get(self, name: str) -> VehicleState | None: ...

    def names_for_alias(self, alias: str) -> list[str]: ...


class MemoryArchive:
    """Retirements seen by this fold, layered over an optional older archive."""

    __slots__ = ("below", "recent", "retain", "retired", "retired_aliases", "unsaved")

    def __init__(self, below: Archive | None = None, *, retain: bool = True) -> None:
        # retain=False: BELOW already holds every retirement (a streamed replay of current
        # knowledge over the store's archive), so keeping them again would only grow memory.
        self.below = below
        self.retain = retain
        self.retired: dict[str, VehicleState] = {}
        self.retired_aliases: dict[str, list[str]] = {}
        self.unsaved: list[tuple[str, str, int]] = []  # (name, occurred_at, position)
        # retain=False still keeps the last few retirements: the rules look a vehicle up
        # again right after its landing, and BELOW would answer each time from disk.
        self.recent: dict[str, VehicleState] = {}

    def get(self, name: str) -> VehicleState | None:
        found = self.retired.get(name)
        if found is None:
            found = self.recent.get(name)
            if found is None and self.below is not None:
                return self.below.get(name)
        return found

    def names_for_alias(self, alias: str) -> list[str]:
        names = list(self.retired_aliases.get(alias, ()))
        if self.below is not None:
            names.extend(n for n in self.below.names_for_alias(alias) if n not in names)
        return sorted(names)

    def add(self, vehicle: VehicleState, position: int) -> None:
        if not self.retain:
            if len(self.recent) >= RECENT_RETIREMENTS:
                del self.recent[next(iter(self.recent))]  # the oldest (insertion order)
            self.recent[vehicle["name"]] = vehicle
            return
        name = vehicle["name"]
        self.retired[name] = vehicle
        for alias in vehicle["aliases"]:
            self.retired_aliases.setdefault(alias, []).append(name)
        self.unsaved.append((name, str(vehicle["ended_at"]), position))

    def forget_saved(self, below: Archive) -> None:
        """Once the store has written our retirements, read them from BELOW instead, so a
        long import keeps its memory flat."""
        self.below = below
        self.retired.clear()
        self.retired_aliases.clear()
        self.unsaved.clear()
        self.recent.clear()


class VehicleRegistry(MutableMapping[str, "VehicleState"]):
    """Live vehicles in a dict, retired ones in the archive; see the module docstring."""

    __slots__ = ("archive", "live")

    def __init__(self, live: dict[str, VehicleState] | None = None,
                 archive: MemoryArchive | None = None) -> None:
        self.live: dict[str, VehicleState] = live if live is not None else {}
        self.archive = archive if archive is not None else MemoryArchive()

    def __getitem__(self, name: str) -> VehicleState:
        found = self.live.get(name)
        if found is None:
            found = self.archive.get(name)
            if found is None:
                raise KeyError(name)
        return found

    def get(self, name: str, default: Any = None) -> Any:
        found = self.live.get(name)
        if found is None:
            found = self.archive.get(name)
        return default if found is None else found

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and self.get(name) is not None

    def __setitem__(self, name: str, vehicle: VehicleState) -> None:
        self.live[name] = vehicle

    def __delitem__(self, name: str) -> None:
        del self.live[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self.live)

    def __len__(self) -> int:
        return len(self.live)

    def retire(self, name: str, position: int) -> None:
        self.archive.add(self.live.pop(name), position)
