"""The fast read paths answer exactly what a full fold answers.

Logs recorded in random orders (late events are the norm) with retractions mixed in;
questions at random mission times and random knowledge times. Each fast path is
compared with the slow, obviously right one: every event folded from the first.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import History, consistent_histories, recording_orders, scratch_dir

from missionlog import MissionLog, MissionLogError
from missionlog.decisions import DecisionBook
from missionlog.projections.state import Recorded
from missionlog.projections.views import station_view, vehicle_view
from missionlog.projections.world import World
from missionlog.store import writer

FAST_SETTINGS = settings(max_examples=min(settings().max_examples, 25), deadline=None)
RETRACTABLE = ("note", "decision_recorded", "leak_detected")


class _Watcher:
    """An observer that looks at nothing: asking for one makes replay_world read and
    fold every event (the slow path)."""

    def observe(self, world: World, record: Recorded) -> None:
        del world, record


def _recorded_log(path: Path, data: st.DataObject) -> MissionLog:
    """A log learned in a random order, with a few retractions between the batches, and
    checkpoints every few events (every 5,000 in use) so queries start from them."""
    history = data.draw(consistent_histories())
    every = data.draw(st.integers(2, 9))
    with mock.patch.object(writer, "CHECKPOINT_EVERY", every):
        return _record(path, history, data)


def _record(path: Path, history: History, data: st.DataObject) -> MissionLog:
    log = MissionLog.open(path, create=True)
    done: list[dict[str, Any]] = []
    for batch in data.draw(recording_orders(history)):
        log.append(batch)
        done.extend(batch)
        targets = [e for e in done if e["type"] in RETRACTABLE]
        if targets and data.draw(st.integers(0, 3)) == 0:
            target = data.draw(st.sampled_from(targets))
            done.remove(target)
            # Refused when a later event relies on it: the log then keeps it, as it should.
            with contextlib.suppress(MissionLogError):
                log.append([{"type": "retracted", "occurred_at": target["occurred_at"],
                             "retracts": target["event_id"], "reason": "test"}])
    return log


def _moments(path: Path) -> tuple[list[str], list[str]]:
    """Every occurred_at and recorded_at in the file, with edges just outside."""
    connection = sqlite3.connect(str(path))
    try:
        rows = connection.execute("SELECT occurred_at, recorded_at FROM events").fetchall()
    finally:
        connection.close()
    occurred = sorted({r[0] for r in rows} | {"1999-01-01T00:00:00Z", "2999-01-01T00:00:00Z"})
    recorded = sorted({r[1] for r in rows} | {"2999-01-01T00:00:00.000000Z"})
    return occurred, recorded


def _questions(path: Path, data: st.DataObject, count: int = 4) -> Iterator[tuple[str, str]]:
    """COUNT random (mission time, knowledge time) pairs among the file's own instants."""
    occurred, recorded = _moments(path)
    for _ in range(count):
        yield data.draw(st.sampled_from(occurred)), data.draw(st.sampled_from(recorded))


def _fingerprint(world: World) -> tuple[Any, ...]:
    return (world.to_dict(), world.clock, world.position, world.as_of)


@pytest.mark.slow
@FAST_SETTINGS
@given(st.data())
def test_replay_of_the_state_alone_equals_a_replay_of_every_event(data: st.DataObject) -> None:
    with scratch_dir() as tmp:
        path = Path(tmp, "log.db")
        with _recorded_log(path, data) as log:
            for until, known_at in _questions(path, data):
                fast = log.replay_world(until=until, known_at=known_at)
                slow = log.replay_world(until=until, known_at=known_at,
                                        observers=[_Watcher()])
                assert _fingerprint(fast) == _fingerprint(slow)


@pytest.mark.slow
@FAST_SETTINGS
@given(st.data())
def test_a_query_world_equals_every_event_folded_from_the_first(data: st.DataObject) -> None:
    """`state`/`station` start from a checkpoint and fold only the events that change
    state: the world they read is the full fold's, at any (at, known_at)."""
    with scratch_dir() as tmp:
        path = Path(tmp, "log.db")
        with _recorded_log(path, data) as log:
            for at, known_at in _questions(path, data):
                fast, as_of = log.world(at=at, known_at=known_at)
                slow = log.replay_world(until=at, known_at=known_at, observers=[_Watcher()])
                assert _fingerprint(fast) == _fingerprint(slow)
                for name in slow.vehicles.live:
                    assert vehicle_view(fast, name, as_of) == vehicle_view(slow, name, as_of)
                for name in slow.stations:
                    assert station_view(fast, name, as_of) == station_view(slow, name, as_of)


class _EveryEventBook(DecisionBook):
    """A DecisionBook that asks to see every event (the slow path for decisions)."""

    ignores: frozenset[str] = frozenset()


@pytest.mark.slow
@FAST_SETTINGS
@given(st.data())
def test_decisions_without_the_events_the_book_ignores_equal_a_book_that_saw_all(
    data: st.DataObject,
) -> None:
    """`decisions` leaves notes unread (`DecisionBook.ignores`): same answers, same clock."""
    with scratch_dir() as tmp:
        path = Path(tmp, "log.db")
        with _recorded_log(path, data) as log:
            for at, known_at in _questions(path, data):
                fast_book, slow_book = DecisionBook(), _EveryEventBook()
                fast = log.replay_world(until=at, known_at=known_at, observers=[fast_book])
                slow = log.replay_world(until=at, known_at=known_at, observers=[slow_book])
                assert _fingerprint(fast) == _fingerprint(slow)
                assert fast_book.decisions() == slow_book.decisions()
