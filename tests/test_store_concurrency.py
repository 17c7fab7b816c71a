"""Optimistic concurrency (--expect-version) and several OS processes appending at once."""

from __future__ import annotations

import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from strategies import SEED_STORY, log_fingerprint
from typer.testing import CliRunner

from missionlog import ConcurrencyConflict, MissionLog
from missionlog.cli import app

MINOR_LEAK = {"type": "leak_detected", "occurred_at": "2023-02-12T00:00:00Z",
              "vehicle": "Progress 82", "system": "propellant", "severity": "minor"}




def test_an_append_expecting_the_current_version_lands(iss: MissionLog) -> None:
    # Progress MS-21: launched, docked, coolant leak
    result = iss.append([dict(MINOR_LEAK)], expected_version=3)
    assert result.streams == {"Progress MS-21": 4}


def test_an_append_expecting_a_stale_version_is_a_conflict_and_writes_nothing(
    iss: MissionLog, db_path: Path
) -> None:
    iss.append([dict(MINOR_LEAK)], expected_version=3)
    before = log_fingerprint(db_path)
    with pytest.raises(ConcurrencyConflict) as caught:
        iss.append([{**MINOR_LEAK, "occurred_at": "2023-02-13T00:00:00Z"}], expected_version=3)
    message = str(caught.value)
    assert "Progress MS-21" in message
    assert "version 4" in message
    assert "not 3" in message
    assert log_fingerprint(db_path) == before


def test_a_new_vehicle_is_at_version_zero(iss: MissionLog) -> None:
    result = iss.append([{"type": "launched", "occurred_at": "2023-02-24T00:24:00Z",
                          "vehicle": "Soyuz MS-23", "vehicle_class": "soyuz"}],
                        expected_version=0)
    assert result.streams == {"Soyuz MS-23": 1}


def test_an_expected_version_for_a_batch_over_two_streams_is_refused(
    iss: MissionLog, db_path: Path
) -> None:
    before = log_fingerprint(db_path)
    with pytest.raises(ConcurrencyConflict, match="one stream"):
        iss.append([dict(MINOR_LEAK), {**MINOR_LEAK, "vehicle": "Progress 83"}],
                   expected_version=3)
    assert log_fingerprint(db_path) == before


def test_cli_expect_version_refuses_a_stale_append_with_one_line(
    iss: MissionLog, db_path: Path
) -> None:
    runner = CliRunner()
    args = ["append", "leak_detected", "--vehicle", "Progress 82", "--system", "propellant",
            "--severity", "minor", "--db", str(db_path)]
    ok = runner.invoke(app, [*args, "--at", "2023-02-12T00:00:00Z", "--expect-version", "3"],
                       prog_name="missionlog")
    assert ok.exit_code == 0, ok.stderr
    before = log_fingerprint(db_path)
    stale = runner.invoke(app, [*args, "--at", "2023-02-13T00:00:00Z", "--expect-version", "3"],
                          prog_name="missionlog")
    assert stale.exit_code != 0
    assert stale.stderr.count("\n") == 1
    assert "version 4" in stale.stderr
    assert log_fingerprint(db_path) == before


def test_cli_json_append_honours_expect_version(iss: MissionLog, db_path: Path) -> None:
    import json

    result = CliRunner().invoke(
        app, ["append", "--json", "-", "--expect-version", "2", "--db", str(db_path)],
        input=json.dumps(MINOR_LEAK), prog_name="missionlog",
    )
    assert result.exit_code != 0
    assert "version 3" in result.stderr
    assert iss.count() == len(SEED_STORY)


WORKER = r"""
import sys, time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from missionlog import MissionLog

db, index, go = sys.argv[1], int(sys.argv[2]), Path(sys.argv[3])
vehicle = f"Progress MS-{30 + index}"
base = datetime(2023, 3, 1, tzinfo=UTC)
while not go.exists():
    time.sleep(0.002)
with MissionLog.open(db) as log:
    for k in range(50):
        at = (base + timedelta(seconds=60 * k + index)).strftime("%Y-%m-%dT%H:%M:%SZ")
        if k == 0:
            event = {"type": "launched", "occurred_at": at, "vehicle": vehicle,
                     "vehicle_class": "progress"}
        elif k % 2:
            event = {"type": "note", "occurred_at": at, "text": f"worker {index} note {k}"}
        else:
            event = {"type": "leak_detected", "occurred_at": at, "vehicle": vehicle,
                     "system": "propellant", "severity": "minor"}
        log.append([event])
        if k % 10 == 5:  # a refused append: its transaction rolls back, leaving no gap
            try:
                log.append([{"type": "docked", "occurred_at": at, "vehicle": "Nobody",
                             "station": "ISS", "port": "Unity nadir"}])
            except Exception:
                pass
            else:
                raise SystemExit("a docking of an unknown vehicle was accepted")
"""


@pytest.mark.slow
def test_four_processes_appending_at_once_lose_nothing_and_keep_the_chain(
    tmp_path: Path, db_path: Path
) -> None:
    runner = CliRunner()
    assert runner.invoke(app, ["init", "--db", str(db_path)], prog_name="missionlog").exit_code == 0
    go = tmp_path / "go"
    workers = [
        subprocess.Popen([sys.executable, "-c", WORKER, str(db_path), str(index), str(go)],
                         stderr=subprocess.PIPE, text=True)
        for index in range(4)
    ]
    go.touch()
    for worker in workers:
        _out, err = worker.communicate(timeout=120)
        assert worker.returncode == 0, err

    with MissionLog.open(db_path, read_only=True) as log:
        stored = list(log.store.rows())
    assert [row.position for row in stored] == list(range(1, 201))
    streams = Counter(row.stream for row in stored)
    assert streams == {"log": 100, **{f"Progress MS-{30 + i}": 25 for i in range(4)}}
    for stream in streams:
        versions = [row.version for row in stored if row.stream == stream]
        assert versions == list(range(1, streams[stream] + 1)), stream
    texts = {row.wire()["text"] for row in stored if row.wire()["type"] == "note"}
    assert texts == {f"worker {i} note {k}" for i in range(4) for k in range(1, 50, 2)}

    verify = runner.invoke(app, ["verify", "--db", str(db_path)], prog_name="missionlog")
    assert verify.exit_code == 0, verify.stderr
    assert "200 events" in verify.stdout
    with MissionLog.open(db_path) as log:
        for index in range(4):
            assert len(log.state(f"Progress MS-{30 + index}", at="2023-03-02")["leaks"]) == 24
