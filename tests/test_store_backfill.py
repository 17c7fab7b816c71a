"""A back-fill (an import of events older than the log's newest) keeps memory flat and
lands exactly what an in-order import would (issue 10, defect 8).

Every line of a back-fill is a late event, so the store re-folds the log's tail with
the whole batch. It used to hold the batch (and every vehicle it retired) in memory
until the re-fold ended: ~5.7 KB an event, so a large back-fill ran out of memory.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import orjson
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import consistent_histories, recording_orders, scratch_dir

from missionlog import MissionLog
from missionlog.store import writer

PORTS = [f"Port {k}" for k in range(1, 9)]
START = 946684800  # 2000-01-01T00:00:00Z


def traffic(count: int, start: int = START) -> Iterator[dict[str, Any]]:
    """COUNT events of steady traffic at one station: vehicles launch, dock, live through
    notes and leaks, undock and land or deorbit (so the fold retires one every ~10 events).
    Deterministic; the first N events of a longer run are the run of N."""
    import time

    clock = start
    made = 0

    def at() -> str:
        nonlocal clock
        clock += 60
        return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(clock))

    def event(kind: str, **fields: Any) -> dict[str, Any]:
        nonlocal made
        made += 1
        return {"type": kind, "occurred_at": at(), "event_id": f"bf-{made:07d}", **fields}

    flights: list[dict[str, Any]] = [
        event("station_configured", station="Test Station", ports=PORTS, source="test")]
    serial = 0
    while True:
        serial += 1
        crewed = serial % 2 == 0
        name = f"{'Soyuz' if crewed else 'Progress'} T-{serial:06d}"
        crew = [f"Cosmonaut {serial}-{k}" for k in (1, 2)] if crewed else []
        flights.append(event("launched", vehicle=name,
                             vehicle_class="soyuz" if crewed else "progress", crew=crew,
                             aliases=[f"T{serial}"]))
        flights.append(event("docked", vehicle=name, station="Test Station",
                             port=PORTS[serial % len(PORTS)]))
        flights.extend(event("note", subject=name, text=f"cargo transfer {k}") for k in range(4))
        flights.append(event("leak_detected", vehicle=name, system="coolant", severity="minor"))
        flights.append(event("undocked", vehicle=name, crew=crew))
        flights.append(event("landed", vehicle=name, site="Kazakhstan steppe") if crewed
                       else event("deorbited", vehicle=name))
        for item in flights:
            if count <= 0:
                return
            count -= 1
            yield item
        flights = []


# The child: a log holding one event in 2020, then a back-fill of N events from 2000.
# It prints how far its peak RSS rose during the import (KB).
CHILD = textwrap.dedent("""
    import json, sys
    sys.path.insert(0, sys.argv[3])
    from test_store_backfill import traffic
    import orjson
    from missionlog import MissionLog

    def peak_kb():
        with open("/proc/self/status") as handle:
            for line in handle:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
        raise SystemExit("no VmHWM")

    lines = [orjson.dumps(event) for event in traffic(int(sys.argv[2]))]
    log = MissionLog.open(sys.argv[1], create=True)
    log.append([{"type": "station_configured", "occurred_at": "2020-01-01T00:00:00Z",
                 "station": "Newest Station", "ports": ["Forward"], "source": "test"}])
    log.replay_world()  # the import's own code paths warmed up before the baseline
    before = peak_kb()
    result = log.import_lines(iter(lines))
    print(json.dumps({"appended": result.appended, "growth_kb": peak_kb() - before}))
""")


def backfill_growth_kb(tmp_path: Path, events: int) -> int:
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(tmp_path / f"log-{events}.db"), str(events),
         str(Path(__file__).parent)],
        capture_output=True, text=True, check=True,
    )
    out = json.loads(done.stdout)
    assert out["appended"] == events
    return int(out["growth_kb"])


@pytest.mark.slow
def test_a_backfill_import_keeps_memory_flat(tmp_path: Path) -> None:
    """The peak RSS of a back-fill grows by well under 1 KB per extra event (it grew by
    ~5.7 KB an event when the batch was held in memory)."""
    small, large = 6_000, 14_000  # both past the first chunks (their buffers are fixed)
    growth = backfill_growth_kb(tmp_path, large) - backfill_growth_kb(tmp_path, small)
    per_event = growth * 1024 / (large - small)
    assert per_event < 1024, f"{per_event:.0f} bytes more peak RSS per back-filled event"


def test_a_backfill_lands_what_an_in_order_import_does(
    db_path: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same events, streams, versions, bodies and recorders whichever way they arrive; every
    derived table as a rebuild from the events makes it (`verify --deep`); the same
    answers. Small chunks so the back-fill crosses many chunk and checkpoint
    boundaries. The back-fill runs on each backend; the in-order import on SQLite."""
    monkeypatch.setattr(writer, "CHUNK", 37)
    monkeypatch.setattr(writer, "CHECKPOINT_EVERY", 53)
    lines = [orjson.dumps(event) for event in traffic(1_200)]
    newest = {"type": "station_configured", "occurred_at": "2020-01-01T00:00:00Z",
              "station": "Newest Station", "ports": ["Forward"], "source": "test",
              "event_id": "newest"}
    with MissionLog.open(db_path, create=True) as late:  # on each backend
        late.append([newest])
        assert late.import_lines(lines, recorded_by="flight-ops").appended == len(lines)
        late.verify_derived()
        assert late.verify() == len(lines) + 1
        late_answers = answers(late)
        late_rows = rows(late)
    with MissionLog.open(tmp_path / "in-order.db", create=True) as ordered:
        ordered.import_lines(lines, recorded_by="flight-ops")
        ordered.append([newest])
        assert answers(ordered) == late_answers
        assert {row[1]: row[2:] for row in rows(ordered)} == {
            row[1]: row[2:] for row in late_rows}
    assert [row[1] for row in late_rows] == ["newest", *(f"bf-{k:07d}" for k in range(
        1, len(lines) + 1))]


def rows(log: MissionLog) -> list[tuple[Any, ...]]:
    """(position, event_id, stream, version, body, recorded_by) of every stored event."""
    return [(r.position, r.event_id, r.stream, r.version, r.body, r.recorded_by)
            for r in log.store.rows()]


def answers(log: MissionLog) -> list[Any]:
    at = "2000-01-03T12:00:00Z"
    history = [{k: v for k, v in item.items() if k not in ("position", "recorded_at", "hash")}
               for item in log.history("T40", all_flights=True)]
    return [log.station("Test Station", at=at), log.crew(at=at),
            log.replay(until="2021-01-01T00:00:00Z"), history]


BACKFILL_SETTINGS = settings(max_examples=min(settings().max_examples, 25), deadline=None)


@BACKFILL_SETTINGS
@given(st.data())
def test_a_backfill_in_small_chunks_completes_the_log_like_one_in_order_import(
    data: st.DataObject,
) -> None:
    """Random consistent histories, part recorded in any order, then the whole file
    imported as a back-fill whose chunks hold 1-5 events: the log ends up holding what
    one in-order import stores, and its derived tables are what a rebuild makes."""
    history = data.draw(consistent_histories())
    batches = data.draw(recording_orders(history))
    done = data.draw(st.integers(1, max(1, len(batches))))
    size = data.draw(st.integers(1, 5))
    with scratch_dir() as tmp, pytest.MonkeyPatch.context() as patch:
        patch.setattr(writer, "CHUNK", size)
        patch.setattr(writer, "CHECKPOINT_EVERY", size + 2)
        log = MissionLog.open(Path(tmp, "log.db"), create=True)
        for batch in batches[:done]:
            log.append(batch)
        log.import_lines(history.jsonl().splitlines())
        log.verify_derived()
        reference = MissionLog.open(Path(tmp, "reference.db"), create=True)
        reference.append(list(history.events))
        # versions follow the order of recording: compare streams and bodies
        assert {r[1]: (r[2], r[4]) for r in rows(log)} == {
            r[1]: (r[2], r[4]) for r in rows(reference)}
        log.close()
        reference.close()
