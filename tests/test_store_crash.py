"""A process killed with SIGKILL in the middle of a large import leaves the log as it was."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from strategies import SEED_STORY, log_fingerprint
from typer.testing import CliRunner

from missionlog import MissionLog
from missionlog.cli import app

EVENTS = 200_000
PORTS = ("Prichal nadir", "Harmony zenith", "Unity nadir")


def write_consistent_jsonl(path: Path, count: int) -> None:
    """COUNT events of cargo traffic after the seed story: each Progress launches, docks at
    a free port, springs a minor leak, undocks and burns up before the next one flies."""
    start = datetime(2024, 1, 1, tzinfo=UTC)
    lines = []
    for index in range(count // 5):
        name = f"Progress X-{index}"
        port = PORTS[index % len(PORTS)]
        at = [(start + timedelta(seconds=10 * (5 * index + step))).strftime("%Y-%m-%dT%H:%M:%SZ")
              for step in range(5)]
        lines.append(f'{{"type":"launched","occurred_at":"{at[0]}","vehicle":"{name}",'
                     f'"vehicle_class":"progress"}}\n')
        lines.append(f'{{"type":"docked","occurred_at":"{at[1]}","vehicle":"{name}",'
                     f'"station":"ISS","port":"{port}"}}\n')
        lines.append(f'{{"type":"leak_detected","occurred_at":"{at[2]}","vehicle":"{name}",'
                     f'"system":"propellant","severity":"minor"}}\n')
        lines.append(f'{{"type":"undocked","occurred_at":"{at[3]}","vehicle":"{name}"}}\n')
        lines.append(f'{{"type":"deorbited","occurred_at":"{at[4]}","vehicle":"{name}"}}\n')
    path.write_text("".join(lines))


def uncommitted_bytes(db: Path | str) -> Callable[[], int]:
    """How many bytes the log's writes have reached, committed or not: the SQLite file's
    -wal, or (PostgreSQL) the events table's heap, which grows as rows are inserted,
    before any commit."""
    if isinstance(db, Path):
        wal = db.with_name(db.name + "-wal")
        return lambda: wal.stat().st_size if wal.exists() else 0
    from pgkit import admin, schema_of

    table = f"{schema_of(db)}.events"

    def size() -> int:
        with admin() as conn:
            return int(conn.execute("SELECT pg_relation_size(%s)", [table]).fetchone()[0])
    return size


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX signals")
def test_an_import_killed_mid_write_leaves_exactly_the_log_it_started_with(
    tmp_path: Path, db_path: Path
) -> None:
    with MissionLog.open(db_path, create=True) as log:
        log.append(list(SEED_STORY))
    before = log_fingerprint(db_path)
    big = tmp_path / "cargo-traffic.jsonl"
    write_consistent_jsonl(big, EVENTS)
    written = uncommitted_bytes(db_path)
    start_size = written()

    importer = subprocess.Popen(
        [sys.executable, "-m", "missionlog", "import", str(big), "--db", str(db_path)],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    try:
        # Wait until the import has written a few MB of uncommitted pages (proof that it
        # is mid-write), with a generous cap for a slow machine.
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and importer.poll() is None:
            if written() > start_size + 4_000_000:
                break
            time.sleep(0.01)
        assert importer.poll() is None, "the import finished before it could be killed"
        os.kill(importer.pid, signal.SIGKILL)
        importer.wait(timeout=30)
    finally:
        if importer.poll() is None:
            importer.kill()
            importer.wait()
        if importer.stderr is not None:
            importer.stderr.close()
    assert importer.returncode == -signal.SIGKILL

    assert log_fingerprint(db_path) == before
    runner = CliRunner()
    verify = runner.invoke(app, ["verify", "--db", str(db_path)], prog_name="missionlog")
    assert verify.exit_code == 0, verify.stderr
    assert f"{len(SEED_STORY)} events" in verify.stdout
    # the killed writer left no lock behind: the next append lands
    with MissionLog.open(db_path) as log:
        log.append([{"type": "note", "occurred_at": "2024-01-01T00:00:00Z",
                     "text": "import to be retried"}])
        assert log.count() == len(SEED_STORY) + 1
