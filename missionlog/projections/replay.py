"""Driving the fold: events in replay order into a World, with optional observers.

Observers (decisions, timeline, interval tables) see the world right after each
event is applied, so every projection reads the same state the rules checked.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Protocol

from missionlog.projections.state import Recorded
from missionlog.projections.world import World


class Observer(Protocol):
    def observe(self, world: World, record: Recorded) -> None: ...


def replay_batches(
    batches: Iterable[list[Recorded]],
    world: World | None = None,
    observers: Sequence[Observer] = (),
) -> World:
    """`replay` over the store's batches of records (see store.reads.replay_batches)."""
    world = World() if world is None else world
    if not observers:
        fold = world.apply_stored
        for batch in batches:
            fold(batch)
        return world
    for batch in batches:
        replay(batch, world, observers)
    return world


def replay(
    records: Iterable[Recorded],
    world: World | None = None,
    observers: Sequence[Observer] = (),
) -> World:
    """Fold RECORDS (already in replay order) into WORLD (a fresh one by default)."""
    world = World() if world is None else world
    apply = world.apply
    if not observers:
        for record in records:
            apply(record)
        return world
    for record in records:
        apply(record)
        for observer in observers:
            observer.observe(world, record)
    return world
