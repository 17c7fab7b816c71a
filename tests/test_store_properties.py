"""Laws of the store, over random consistent histories recorded in random orders.

- export -> import into a fresh file -> export is byte-identical;
- any order an operator could learn the history in stores the same events, gapless;
- re-importing (or re-sending in another order) changes nothing;
- a bad batch, whatever is wrong with it, writes nothing.
"""

from __future__ import annotations

import io
import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import (
    STATION,
    History,
    arbitrary_events,
    consistent_histories,
    log_fingerprint,
    model_after,
    recording_orders,
    scratch_dir,
)

from missionlog import MissionLog, MissionLogError
from missionlog.events import event_to_wire

# Each example builds real SQLite files: cap the count so the dev profile stays quick.
STORE_SETTINGS = settings(max_examples=min(settings().max_examples, 30), deadline=None)


def record(path: Path, batches: list[list[dict[str, Any]]]) -> MissionLog:
    log = MissionLog.open(path, create=True)
    for batch in batches:
        log.append(batch)
    return log


def export_bytes(log: MissionLog) -> bytes:
    buffer = io.BytesIO()
    log.export(buffer)
    return buffer.getvalue()


def stored(path: Path) -> dict[str, tuple[str, str]]:
    """event_id -> (stream, body), as plain sqlite3 reads it."""
    connection = sqlite3.connect(str(path))
    try:
        return {row[0]: (row[1], row[2]) for row in connection.execute(
            "SELECT event_id, stream, body FROM events")}
    finally:
        connection.close()


def assert_gapless(path: Path) -> None:
    connection = sqlite3.connect(str(path))
    try:
        positions = [r[0] for r in connection.execute("SELECT position FROM events ORDER BY 1")]
        assert positions == list(range(1, len(positions) + 1))
        for (stream,) in connection.execute("SELECT DISTINCT stream FROM events").fetchall():
            versions = [r[0] for r in connection.execute(
                "SELECT version FROM events WHERE stream = ? ORDER BY position", [stream])]
            assert versions == list(range(1, len(versions) + 1)), stream
    finally:
        connection.close()


@pytest.mark.slow
@STORE_SETTINGS
@given(st.data())
def test_export_then_import_into_a_fresh_file_is_the_identity(data: st.DataObject) -> None:
    history = data.draw(consistent_histories())
    batches = data.draw(recording_orders(history))
    with scratch_dir() as tmp:
        original = record(Path(tmp, "original.db"), batches)
        first = export_bytes(original)
        original.close()
        with MissionLog.open(Path(tmp, "copy.db"), create=True) as copy:
            result = copy.import_lines(first.splitlines())
            assert result.appended == len(history.events)
            assert export_bytes(copy) == first
            assert copy.verify() == len(history.events)


@pytest.mark.slow
@STORE_SETTINGS
@given(st.data())
def test_any_order_of_recording_stores_the_same_events_gaplessly(data: st.DataObject) -> None:
    history = data.draw(consistent_histories())
    batches = data.draw(recording_orders(history))
    with scratch_dir() as tmp:
        in_order = record(Path(tmp, "in-order.db"), [list(history.events)])
        shuffled = record(Path(tmp, "shuffled.db"), batches)
        assert shuffled.verify() == in_order.verify() == len(history.events)
        in_order.close()
        shuffled.close()
        assert stored(Path(tmp, "shuffled.db")) == stored(Path(tmp, "in-order.db"))
        assert_gapless(Path(tmp, "shuffled.db"))


@pytest.mark.slow
@STORE_SETTINGS
@given(st.data())
def test_re_importing_or_re_sending_in_another_order_changes_nothing(
    data: st.DataObject,
) -> None:
    history = data.draw(consistent_histories())
    with scratch_dir() as tmp:
        path = Path(tmp, "log.db")
        log = record(path, data.draw(recording_orders(history)))
        exported = export_bytes(log)
        before = log_fingerprint(path)
        again = log.import_lines(exported.splitlines())
        assert (again.appended, again.skipped) == (0, len(history.events))
        for batch in data.draw(recording_orders(history)):
            assert log.append(batch).appended == 0
        assert log.import_lines(history.jsonl().splitlines()).appended == 0
        log.close()
        assert log_fingerprint(path) == before


# ---- bad input -----------------------------------------------------------------------


def _later(moment: str, seconds: int) -> str:
    from datetime import UTC, datetime, timedelta

    parsed = datetime.strptime(moment, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
    return (parsed + timedelta(seconds=seconds)).strftime("%Y-%m-%dT%H:%M:%SZ")


@st.composite
def certainly_bad_events(draw: st.DrawFn, history: History) -> dict[str, Any] | str:
    """One event (or raw line) that no log holding HISTORY can accept."""
    end = history.events[-1]["occurred_at"]
    after = _later(end, draw(st.integers(1, 10**6)))
    model = model_after(list(history.events))
    ended = [v for v, s in model.vehicles.items() if s.status in ("landed", "deorbited")]
    docked = [v for v, s in model.vehicles.items() if s.status == "docked"]
    in_flight = [v for v, s in model.vehicles.items() if s.status == "in_flight"]
    held = [p for p, holder in model.ports[STATION].items() if holder is not None]
    choices: list[Any] = [
        {"type": "docked", "occurred_at": after, "vehicle": "Ghost-1", "station": STATION,
         "port": history.ports[0]},
        {"type": "note", "occurred_at": after.rstrip("Z"), "text": "naive time"},
        {"type": "retracted", "occurred_at": after, "retracts": "no-such-event", "reason": "x"},
        {**draw(st.sampled_from(history.events)), "note": "same id, other content"},
        {"type": "docked", "occurred_at": after, "vehicle": history.vehicles[0],
         "station": "MIR", "port": history.ports[0]},
        st.text(max_size=20).map(str.strip).filter(lambda text: bool(text) and text[0] != "{"),
        st.dictionaries(st.sampled_from(["type", "occurred_at", "vehicle", "port", "crew"]),
                        st.integers() | st.text(max_size=5) | st.none(), max_size=5),
    ]
    choices += [{"type": "leak_detected", "occurred_at": after, "vehicle": v,
                 "system": "coolant"} for v in ended]
    choices += [{"type": "docked", "occurred_at": after, "vehicle": v, "station": STATION,
                 "port": history.ports[0]} for v in docked]
    choices += [{"type": "undocked", "occurred_at": after, "vehicle": v} for v in in_flight]
    choices += [{"type": "docked", "occurred_at": after, "vehicle": v, "station": STATION,
                 "port": port} for v in in_flight for port in held]
    choices += [{"type": "crew_assigned", "occurred_at": after, "vehicle": v,
                 "crew": ["Nobody In Space"]} for v in model.vehicles]
    choice = draw(st.sampled_from(choices))
    return draw(choice) if isinstance(choice, st.SearchStrategy) else choice


def _as_line(item: dict[str, Any] | str) -> str:
    return item if isinstance(item, str) else json.dumps(item)


@pytest.mark.slow
@STORE_SETTINGS
@given(st.data())
def test_a_batch_with_a_bad_event_anywhere_writes_nothing(data: st.DataObject) -> None:
    history = data.draw(consistent_histories())
    with scratch_dir() as tmp:
        path = Path(tmp, "log.db")
        log = record(path, [list(history.events)])
        end = history.events[-1]["occurred_at"]
        for attempt in range(3):
            good = [{"type": "note", "occurred_at": _later(end, 10 + k),
                     "event_id": f"good-{attempt}-{k}", "text": "fine"}
                    for k in range(data.draw(st.integers(0, 3)))]
            bad = data.draw(certainly_bad_events(history))
            at = data.draw(st.integers(0, len(good)))
            batch = [*good[:at], bad, *good[at:]]
            before = log_fingerprint(path)
            try:
                if isinstance(bad, str) or data.draw(st.booleans()):
                    log.import_lines([_as_line(item) for item in batch])
                else:
                    log.append(batch)  # type: ignore[arg-type]
            except MissionLogError as error:
                assert "\n" not in str(error)
            else:
                raise AssertionError(f"accepted a bad event: {bad!r}")
            assert log_fingerprint(path) == before
        assert log.verify() == len(history.events)
        log.close()


@STORE_SETTINGS
@given(st.data())
def test_an_arbitrary_event_either_lands_whole_or_writes_nothing(data: st.DataObject) -> None:
    history = data.draw(consistent_histories(max_vehicles=3))
    events = data.draw(st.lists(arbitrary_events(), min_size=1, max_size=3))
    with scratch_dir() as tmp:
        path = Path(tmp, "log.db")
        log = record(path, [list(history.events)])
        before = log_fingerprint(path)
        count = log.count()
        try:
            result = log.append([event_to_wire(event) for event in events])
        except MissionLogError:
            assert log_fingerprint(path) == before
        else:
            assert log.count() == count + result.appended
            assert result.appended + result.skipped == len(events)
        assert log.verify() == log.count()
        log.close()


@STORE_SETTINGS
@given(st.data())
def test_importing_the_whole_file_into_a_log_holding_part_of_it_completes_it(
    data: st.DataObject,
) -> None:
    """The operator recorded some events by hand (in any order they learned them), then
    imports the full mission file: the known ones are skipped, the rest land (most of them
    late, as one batch) and the log ends up holding exactly the history."""
    history = data.draw(consistent_histories())
    batches = data.draw(recording_orders(history))
    done = data.draw(st.integers(0, len(batches)))
    with scratch_dir() as tmp:
        path = Path(tmp, "log.db")
        log = record(path, batches[:done])
        already = sum(len(batch) for batch in batches[:done])
        result = log.import_lines(history.jsonl().splitlines())
        assert (result.appended, result.skipped) == (len(history.events) - already, already)
        assert log.verify() == len(history.events)
        log.close()
        reference = record(Path(tmp, "reference.db"), [list(history.events)])
        reference.close()
        assert stored(path) == stored(Path(tmp, "reference.db"))
        assert_gapless(path)
