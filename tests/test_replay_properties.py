"""Laws of replay over random consistent histories, recorded in random (late-heavy) orders.

- the state at T equals the state of a log holding only the events up to T;
- checkpoint + tail equals a full replay, also after late events land before a checkpoint;
- the order of recording does not change the state at any T;
- `known_at` = the recorded_at of an earlier append reproduces exactly what was answered then.

Every answer is also compared with `ReferenceModel`, the plain restatement of the rules.
"""

from __future__ import annotations

import io
import sqlite3
from pathlib import Path
from typing import Any

import orjson
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import (
    History,
    Rejected,
    consistent_histories,
    log_fingerprint,
    model_after,
    recording_orders,
    scratch_dir,
    with_canonical_names,
    without_as_of,
)

import missionlog.store.writer as writer
from missionlog import HistoryConflict, MissionLog, MissionLogError
from missionlog.projections.views import station_view, vehicle_view
from missionlog.projections.world import World

REPLAY_SETTINGS = settings(max_examples=min(settings().max_examples, 30), deadline=None)


def snapshot(world: World, names: tuple[str, ...]) -> dict[str, Any]:
    """Each of NAMES the world knows, and every station, as `state` / `station` would show
    them (as_of left out). NAMES are passed in because a world only iterates the vehicles
    still in space; landed ones are looked up by name, as `state` does."""
    return {
        "vehicles": {name: without_as_of(vehicle_view(world, name, ""))
                     for name in sorted(names) if name in world.vehicles},
        "stations": {name: without_as_of(station_view(world, name, ""))
                     for name in sorted(world.stations)},
    }


def model_snapshot(events: list[dict[str, Any]], at: str) -> dict[str, Any]:
    model = model_after(events, at)
    return {
        "vehicles": {name: model.vehicle_view(name) for name in sorted(model.vehicles)},
        "stations": {name: model.station_view(name) for name in sorted(model.ports)},
    }


def answers(
    log: MissionLog, history: History, times: list[str], known_at: str | None = None
) -> dict[str, Any]:
    """What the log says at each of TIMES: every vehicle and every station."""
    return {at: snapshot(log.world(at=at, known_at=known_at)[0], history.vehicles)
            for at in times}


def names(
    log: MissionLog, history: History, times: list[str], known_at: str | None = None
) -> dict[tuple[str, str], str]:
    """What `state NAME` answers at each of TIMES for every canonical name and alias: the
    vehicle it names, or the kind of error (it names none, or several)."""
    out: dict[tuple[str, str], str] = {}
    for at in times:
        for name in [*history.vehicles, *history.aliases()]:
            try:
                out[name, at] = log.state(name, at=at, known_at=known_at)["vehicle"]
            except MissionLogError as error:
                out[name, at] = type(error).__name__
    return out


def record(log: MissionLog, batches: list[list[dict[str, Any]]]) -> None:
    for batch in batches:
        log.append(batch)


def export_lines(log: MissionLog) -> list[bytes]:
    buffer = io.BytesIO()
    log.export(buffer)
    return buffer.getvalue().splitlines()


@REPLAY_SETTINGS
@given(st.data())
def test_the_state_at_t_is_the_state_of_a_log_holding_only_the_events_up_to_t(
    data: st.DataObject,
) -> None:
    history = data.draw(consistent_histories())
    times = data.draw(st.lists(st.sampled_from(history.probe_times()), min_size=1, max_size=3,
                               unique=True))
    with scratch_dir() as tmp, MissionLog.open(Path(tmp, "full.db"), create=True) as full:
        record(full, data.draw(recording_orders(history)))
        lines = export_lines(full)
        for index, at in enumerate(times):
            prefix = [line for line in lines if orjson.loads(line)["occurred_at"] <= at]
            with MissionLog.open(Path(tmp, f"prefix-{index}.db"), create=True) as cut:
                cut.import_lines(prefix)
                expected = snapshot(cut.world()[0], history.vehicles)
            assert snapshot(full.world(at=at)[0], history.vehicles) == expected
            assert snapshot(full.replay_world(until=at), history.vehicles) == expected
            assert expected == model_snapshot(list(history.events), at)


@pytest.mark.slow
@REPLAY_SETTINGS
@given(st.data())
def test_the_order_of_recording_does_not_change_the_state_at_any_t(data: st.DataObject) -> None:
    history = data.draw(consistent_histories())
    batches = data.draw(recording_orders(history))
    times = history.probe_times()
    with scratch_dir() as tmp:
        with MissionLog.open(Path(tmp, "in-order.db"), create=True) as in_order:
            record(in_order, [list(history.events)])
            expected = answers(in_order, history, times)
            expected_names = names(in_order, history, times)
        with MissionLog.open(Path(tmp, "shuffled.db"), create=True) as shuffled:
            record(shuffled, batches)
            assert answers(shuffled, history, times) == expected
            assert names(shuffled, history, times) == expected_names
    for at in times:
        assert expected[at] == model_snapshot(list(history.events), at)


def _plain(log: MissionLog, sql: str) -> list[tuple[Any, ...]]:
    """Run SQL on the log's file with plain sqlite3, as any other program could."""
    connection = sqlite3.connect(str(log.store.path), isolation_level=None)
    try:
        return connection.execute(sql).fetchall()
    finally:
        connection.close()


def _checkpoint_count(log: MissionLog) -> int:
    return int(_plain(log, "SELECT COUNT(*) FROM checkpoints")[0][0])


@pytest.mark.slow
@REPLAY_SETTINGS
@given(st.data())
def test_checkpoint_plus_tail_equals_a_full_replay_even_after_late_events(
    data: st.DataObject,
) -> None:
    history = data.draw(consistent_histories(min_vehicles=3))
    batches = data.draw(recording_orders(history))
    every = data.draw(st.integers(1, 4))
    saved = writer.CHECKPOINT_EVERY
    writer.CHECKPOINT_EVERY = every
    try:
        with scratch_dir() as tmp:
            path = Path(tmp, "log.db")
            # two handles on one file, as two processes would have: each caches its head
            first, second = MissionLog.open(path, create=True), MissionLog.open(path)
            try:
                for index, batch in enumerate(batches):
                    (first if index % 2 == 0 else second).append(batch)
                assert _checkpoint_count(first) > 0
                _assert_checkpointed_equals_full(first, history)
            finally:
                first.close()
                second.close()
            with MissionLog.open(path) as reopened:  # a fresh process loads its head
                reopened.append([{"type": "note", "occurred_at": history.events[0]["occurred_at"],
                                  "text": "a late note before every checkpoint"}])
                _assert_checkpointed_equals_full(reopened, history)
    finally:
        writer.CHECKPOINT_EVERY = saved


def _assert_checkpointed_equals_full(log: MissionLog, history: History) -> None:
    for at in history.probe_times():
        checkpointed = snapshot(log.world(at=at)[0], history.vehicles)
        assert checkpointed == snapshot(log.replay_world(until=at), history.vehicles)
        assert checkpointed == model_snapshot(list(history.events), at)
    # names and aliases resolve the same with the checkpoints as without them (checkpoints
    # are a cache: dropping them must change no answer)
    with_checkpoints = names(log, history, history.probe_times())
    _plain(log, "DELETE FROM checkpoints")
    assert names(log, history, history.probe_times()) == with_checkpoints


def _record_answering(
    log: MissionLog, batches: list[list[dict[str, Any]]], answer: Any
) -> list[tuple[str, Any]]:
    """Append BATCHES one by one; after each, note its recorded_at and ANSWER(log)."""
    then: list[tuple[str, Any]] = []
    for batch in batches:
        log.append(batch)
        recorded = {row["event_id"]: row["recorded_at"] for row in log.log()}
        then.append((recorded[batch[0]["event_id"]], answer(log)))
    return then


@REPLAY_SETTINGS
@given(st.data())
def test_known_at_an_earlier_append_reproduces_exactly_what_was_answered_then(
    data: st.DataObject,
) -> None:
    history = data.draw(consistent_histories())
    batches = data.draw(recording_orders(history))
    times = data.draw(st.lists(st.sampled_from(history.probe_times()), min_size=1, max_size=4,
                               unique=True))
    every = data.draw(st.sampled_from([3, 5000]))  # with and without checkpoints
    saved = writer.CHECKPOINT_EVERY
    writer.CHECKPOINT_EVERY = every
    try:
        with scratch_dir() as tmp, MissionLog.open(Path(tmp, "log.db"), create=True) as log:
            then = _record_answering(log, batches, lambda log: answers(log, history, times))
            _retract_one(log, history, data.draw(st.sampled_from(history.events)), times)
            for known_at, answered in then:
                assert answers(log, history, times, known_at=known_at) == answered
    finally:
        writer.CHECKPOINT_EVERY = saved


@pytest.mark.slow
@REPLAY_SETTINGS
@given(st.data())
def test_known_at_an_earlier_append_names_the_same_vehicle_for_every_name_and_alias(
    data: st.DataObject,
) -> None:
    """`state NAME --known-at K` resolves NAME (an alias a later capsule may reuse) as the
    log could at K: the answer, or the kind of error, is the one given at K."""
    history = data.draw(consistent_histories())
    batches = data.draw(recording_orders(history))
    times = data.draw(st.lists(st.sampled_from(history.probe_times()), min_size=1, max_size=3,
                               unique=True))
    with scratch_dir() as tmp, MissionLog.open(Path(tmp, "log.db"), create=True) as log:
        then = _record_answering(log, batches, lambda log: names(log, history, times))
        for known_at, answered in then:
            assert names(log, history, times, known_at=known_at) == answered


def _retract_one(
    log: MissionLog, history: History, target: dict[str, Any], times: list[str]
) -> None:
    """Retract TARGET: accepted exactly when the history without it still holds (so says the
    model), and then every answer is the model's answer without it; refused writes nothing."""
    survivors = [e for e in with_canonical_names(list(history.events))
                 if e["event_id"] != target["event_id"]]
    try:
        model_after(survivors)
        holds = True
    except Rejected:
        holds = False
    before = log_fingerprint(Path(log.store.path))
    retraction = {"type": "retracted", "occurred_at": history.events[-1]["occurred_at"],
                  "retracts": target["event_id"], "reason": "entered in error"}
    try:
        log.append([retraction])
    except HistoryConflict:
        assert not holds, f"refused retracting {target}"
        assert log_fingerprint(Path(log.store.path)) == before
        return
    assert holds, f"accepted retracting {target}"
    for at in times:
        assert snapshot(log.world(at=at)[0], history.vehicles) == model_snapshot(survivors, at)


@pytest.mark.slow
@REPLAY_SETTINGS
@given(st.data())
def test_an_imported_export_answers_every_known_at_question_like_the_original(
    data: st.DataObject,
) -> None:
    """An export carries each event's recorded_at, so a copy made from it knows what the
    original knew, when: the same answers for every (at, known_at), checkpoints or not."""
    history = data.draw(consistent_histories())
    batches = data.draw(recording_orders(history))
    times = data.draw(st.lists(st.sampled_from(history.probe_times()), min_size=1, max_size=3,
                               unique=True))
    saved = writer.CHECKPOINT_EVERY
    writer.CHECKPOINT_EVERY = data.draw(st.sampled_from([2, 5000]))
    try:
        with scratch_dir() as tmp:
            with MissionLog.open(Path(tmp, "original.db"), create=True) as original:
                record(original, batches)
                lines = export_lines(original)
                moments = sorted({orjson.loads(line)["recorded_at"] for line in lines})
                expected = {k: answers(original, history, times, known_at=k) for k in moments}
            with MissionLog.open(Path(tmp, "copy.db"), create=True) as copy:
                copy.import_lines(lines)
                for known_at in moments:
                    assert answers(copy, history, times, known_at=known_at) == expected[known_at]
    finally:
        writer.CHECKPOINT_EVERY = saved
