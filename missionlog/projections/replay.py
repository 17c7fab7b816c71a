"""Driving the fold: events in replay order into a World, with optional observers.

Observers (decisions, timeline, interval tables) see the world right after each
event is applied, so every projection reads the same state the rules checked.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Protocol

from missionlog.projections.placement import Placer, place
from missionlog.projections.state import Recorded
from missionlog.projections.world import World


class Observer(Protocol):
    def observe(self, world: World, record: Recorded) -> None: ...


def replay_batches(
    batches: Iterable[list[Recorded]],
    world: World | None = None,
    observers: Sequence[Observer] = (),
    lookahead: Iterable[Recorded] = (),
) -> World:
    """`replay` over the store's batches of records (see store.reads.replay_batches),
    through one Placer (placement.py) for the whole replay."""
    world = World() if world is None else world
    if not observers:
        placer = Placer(world)
        for batch in batches:
            placer.feed_batch(batch)
        placer.finish(lookahead)
        return world

    def observe(record: Recorded) -> None:
        for observer in observers:
            observer.observe(world, record)

    placer = Placer(world, observe)
    for batch in batches:
        placer.feed_batch(batch)
    placer.finish(lookahead)
    return world


def replay(
    records: Iterable[Recorded],
    world: World | None = None,
    observers: Sequence[Observer] = (),
    lookahead: Iterable[Recorded] = (),
) -> World:
    """Fold RECORDS (already in replay order) into WORLD (a fresh one by default), through
    the Placer (placement.py): an imprecise event may be placed before one it follows in
    replay order. LOOKAHEAD (the records after RECORDS) is read only for that."""
    world = World() if world is None else world
    if not observers:
        return place(world, records, lookahead=lookahead)

    def observe(record: Recorded) -> None:
        for observer in observers:
            observer.observe(world, record)

    return place(world, records, observe, lookahead)
