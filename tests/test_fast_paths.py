"""The fast read paths answer exactly what a full fold answers.

Logs recorded in random orders (late events are the norm) with retractions mixed in;
questions at random mission times and random knowledge times. Each fast path is
compared with the slow, obviously right one: every event folded from the first.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
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
from missionlog.projections.views import crew_view, station_view, vehicle_view
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


# ---- answers from the interval rows (store/state_intervals.py) --------------------------

FAR_PLAN = "2030-01-01T00:00:00Z"  # plans are for later than their recording (now)


@st.composite
def _batches_with_plans_and_windows(draw: st.DrawFn) -> list[list[dict[str, Any]]]:
    """A consistent history in an order it could be learned (late events the norm),
    with launch plans (some filed under an alias, some cancelled) and landing plans in
    the first batches, and some events given a day or hour precision (the placement of
    imprecise times may then reorder the fold, or refuse a batch)."""
    history = draw(consistent_histories())
    events = [dict(event) for event in history.events]
    start = events[0]["occurred_at"]
    plans: list[dict[str, Any]] = []
    for index, event in enumerate(events):
        if event["type"] == "launched" and draw(st.booleans()):
            name = draw(st.sampled_from([event["vehicle"], *event.get("aliases", [])]))
            plans.append({"type": "planned", "occurred_at": start, "vehicle": name,
                          "activity": "launch", "planned_for": FAR_PLAN,
                          "event_id": f"plan-{index}"})
            if draw(st.integers(0, 3)) == 0:
                plans.append({"type": "plan_cancelled", "occurred_at": start,
                              "vehicle": name, "activity": "launch", "reason": "slip",
                              "event_id": f"cancel-{index}"})
        if event["type"] == "launched" and draw(st.booleans()):
            plans.append({"type": "planned", "occurred_at": start, "vehicle": event["vehicle"],
                          "activity": "land", "planned_for": FAR_PLAN,
                          "event_id": f"land-plan-{index}"})
        if event["type"] in ("docked", "undocked", "crew_assigned", "relocated") and \
                draw(st.integers(0, 4)) == 0:
            event["precision"] = draw(st.sampled_from(["day", "hour"]))
    batches = draw(recording_orders(dataclasses.replace(history, events=tuple(events))))
    for plan in plans:
        batches.insert(draw(st.integers(0, min(2, len(batches)))), [plan])
    return batches


def _record_leniently(path: Path, batches: list[list[dict[str, Any]]],
                      data: st.DataObject) -> MissionLog:
    """BATCHES appended in turn, with some retractions between them; a batch the log
    refuses (an impossible placement) is left out, as an operator's would be."""
    log = MissionLog.open(path, create=True)
    for batch in batches:
        with contextlib.suppress(MissionLogError):
            log.append(batch)
        if data.draw(st.integers(0, 3)) == 0:
            stored = [e for e in log.log() if e["type"] in RETRACTABLE]
            if stored:
                target = data.draw(st.sampled_from(stored))
                with contextlib.suppress(MissionLogError):
                    log.append([{"type": "retracted", "occurred_at": target["occurred_at"],
                                 "retracts": target["event_id"], "reason": "test"}])
    return log


def _outcome(ask: Any, fold_only: MissionLog | None = None) -> Any:
    """An answer or the error it raised (type and message); FOLD_ONLY: with the interval
    rows out of use on that log, as on a file without them."""
    keeps = fold_only.store.keeps_states if fold_only is not None else None
    if fold_only is not None:
        fold_only.store.keeps_states = False
    try:
        return ask()
    except MissionLogError as exc:
        return (type(exc).__name__, str(exc))
    finally:
        if fold_only is not None:
            fold_only.store.keeps_states = bool(keeps)


def _slow_answers(log: MissionLog, at: str, known_at: str | None) -> tuple[World, str]:
    world = log.replay_world(until=at, known_at=known_at, observers=[_Watcher()])
    return world, world.as_of


@pytest.mark.slow
@FAST_SETTINGS
@given(st.data())
def test_answers_from_the_interval_rows_equal_a_full_fold(data: st.DataObject) -> None:
    """`state`, `station` and `crew` read interval rows kept by the writer (current
    knowledge) and fold otherwise: at any (at, known_at) they answer what every event
    folded from the first answers, on logs with late events, retractions, imprecise
    times and plans; and the rows do answer wherever the fold was not reordered."""
    batches = data.draw(_batches_with_plans_and_windows())
    with scratch_dir() as tmp:
        path = Path(tmp, "log.db")
        every = data.draw(st.integers(2, 9))
        with mock.patch.object(writer, "CHECKPOINT_EVERY", every), \
                _record_leniently(path, batches, data) as log:
            occurred, recorded = _moments(path)
            launched = sorted({e["vehicle"] for b in batches for e in b
                               if e["type"] == "launched"})
            for at in data.draw(st.lists(st.sampled_from(occurred), min_size=1, max_size=6)):
                known_at = data.draw(st.none() | st.sampled_from(recorded))
                slow, as_of = _slow_answers(log, at, known_at)
                sure = log._sureness(slow, as_of, known_at)
                rows = log.store.rows_at(as_of) if known_at is None else None
                for name in list(slow.vehicles.live):
                    assert log.state(name, at=at, known_at=known_at) == vehicle_view(
                        slow, name, as_of, *sure)
                    if rows is not None:
                        assert log._state_from_rows(name, as_of) is not None
                for name in launched:  # not launched yet, landed, or retracted: same answer
                    asked = functools.partial(log.state, name, at=at, known_at=known_at)
                    assert _outcome(asked) == _outcome(asked, fold_only=log)
                for name in slow.stations:
                    assert log.station(name, at=at, known_at=known_at) == station_view(
                        slow, name, as_of, *sure)
                    if rows is not None:
                        assert log._station_from_rows(name, as_of) is not None
                assert log.crew(at=at, known_at=known_at) == crew_view(slow, as_of, *sure)
            log.verify_derived()  # the rows kept append by append are a rebuild's rows
