"""Laws of replay over random consistent histories, recorded in random (late-heavy) orders.

- the state at T equals the state of a log holding only the events up to T;
- checkpoint + tail equals a full replay, also after late events land before a checkpoint;
- the order of recording does not change the state at any T;
- `known_at` = the recorded_at of an earlier append reproduces exactly what was answered then.

Every answer is also compared with `ReferenceModel`, the plain restatement of the rules.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import orjson
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import (
    History,
    consistent_histories,
    model_after,
    recording_orders,
    scratch_dir,
    without_as_of,
)

import missionlog.store.writer as writer
from missionlog import MissionLog
from missionlog.projections.views import station_view, vehicle_view
from missionlog.projections.world import World

REPLAY_SETTINGS = settings(max_examples=min(settings().max_examples, 30), deadline=None)


def snapshot(world: World) -> dict[str, Any]:
    """Every vehicle and station as `state` / `station` would show them (as_of left out)."""
    return {
        "vehicles": {name: without_as_of(vehicle_view(world, name, ""))
                     for name in sorted(world.vehicles)},
        "stations": {name: without_as_of(station_view(world, name, ""))
                     for name in sorted(world.stations)},
    }


def model_snapshot(events: list[dict[str, Any]], at: str) -> dict[str, Any]:
    model = model_after(events, at)
    return {
        "vehicles": {name: model.vehicle_view(name) for name in sorted(model.vehicles)},
        "stations": {name: model.station_view(name) for name in sorted(model.ports)},
    }


def answers(log: MissionLog, times: list[str], known_at: str | None = None) -> dict[str, Any]:
    return {at: snapshot(log.world(at=at, known_at=known_at)[0]) for at in times}


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
                expected = snapshot(cut.world()[0])
            assert snapshot(full.world(at=at)[0]) == expected
            assert snapshot(full.replay_world(until=at)) == expected
            assert expected == model_snapshot(list(history.events), at)


@REPLAY_SETTINGS
@given(st.data())
def test_the_order_of_recording_does_not_change_the_state_at_any_t(data: st.DataObject) -> None:
    history = data.draw(consistent_histories())
    batches = data.draw(recording_orders(history))
    times = history.probe_times()
    with scratch_dir() as tmp:
        with MissionLog.open(Path(tmp, "in-order.db"), create=True) as in_order:
            record(in_order, [list(history.events)])
            expected = answers(in_order, times)
        with MissionLog.open(Path(tmp, "shuffled.db"), create=True) as shuffled:
            record(shuffled, batches)
            assert answers(shuffled, times) == expected
    for at in times:
        assert expected[at] == model_snapshot(list(history.events), at)


def _checkpoint_count(log: MissionLog) -> int:
    return int(log.store.db.execute("SELECT COUNT(*) FROM checkpoints").fetchone()[0])


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
        checkpointed = snapshot(log.world(at=at)[0])
        assert checkpointed == snapshot(log.replay_world(until=at))
        assert checkpointed == model_snapshot(list(history.events), at)


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
            then: list[tuple[str, dict[str, Any]]] = []
            for batch in batches:
                log.append(batch)
                answered = answers(log, times)
                recorded = {row["event_id"]: row["recorded_at"] for row in log.log()}
                then.append((recorded[batch[0]["event_id"]], answered))
            retractable = [e for e in history.events if e["type"] in ("leak_detected", "note")]
            if retractable:
                target = data.draw(st.sampled_from(retractable))
                log.append([{"type": "retracted", "occurred_at": history.events[-1]["occurred_at"],
                             "retracts": target["event_id"], "reason": "entered in error"}])
                survivors = [e for e in history.events if e is not target]
                for at in times:
                    assert snapshot(log.world(at=at)[0]) == model_snapshot(survivors, at)
            for known_at, answered in then:
                assert answers(log, times, known_at=known_at) == answered
    finally:
        writer.CHECKPOINT_EVERY = saved
