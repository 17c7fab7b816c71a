"""The fast path for `state`/`station --json` (missionlog/fastcli.py) says exactly what
the typer app says: same stdout, same stderr, same exit code, as real processes."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from strategies import seed_story_jsonl

from missionlog import MissionLog
from missionlog.fastcli import parse_fast

TYPER_ONLY = "import sys; from missionlog.cli import main; sys.argv[0] = 'missionlog'; main()"


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("fast") / "log.db"
    with MissionLog.open(path, create=True) as log:
        log.import_lines(seed_story_jsonl().splitlines())
    return path


def _run(code: list[str], args: list[str], cwd: Path) -> tuple[int, str, str]:
    env = {k: v for k, v in os.environ.items() if k != "MISSIONLOG_DB"}
    done = subprocess.run([sys.executable, *code, *args], capture_output=True, text=True,
                          cwd=cwd, env=env)
    return done.returncode, done.stdout, done.stderr


CASES = [
    ["state", "Soyuz MS-22", "--at", "2023-02-12", "--json"],
    ["state", "--json", "Progress 82", "--at=2023-01-01T00:00:00Z"],
    ["station", "ISS", "--json", "--at", "2023-02-12", "--known-at", "2099-01-01"],
    ["station", "iss", "--json", "--at", "2023-02-12"],
    ["state", "Progress MS-22", "--at", "2022-01-01", "--json"],  # not launched yet: 9
    ["state", "No Such Craft", "--json", "--at", "2023-02-12"],  # unknown name
    ["state", "ISS", "--json", "--at", "2023-02-12"],  # a station asked as a vehicle
    ["state", "Soyuz MS-22", "--at", "yesterday-ish", "--json"],  # a bad time: usage
    ["station", "MIR", "--json", "--at", "2023-02-12"],
]


@pytest.mark.slow
@pytest.mark.parametrize("args", CASES, ids=lambda a: " ".join(a))
def test_the_fast_path_and_the_typer_app_agree(seeded: Path, args: list[str]) -> None:
    full = [*args, "--db", str(seeded)]
    assert parse_fast(full) is not None  # these lines really take the fast path
    fast = _run(["-m", "missionlog"], full, seeded.parent)
    slow = _run(["-c", TYPER_ONLY], full, seeded.parent)
    assert fast == slow
    assert fast[0] != 0 or fast[1].startswith("{")


def test_a_missing_file_is_the_same_error_on_both_paths(tmp_path: Path) -> None:
    args = ["state", "Soyuz MS-22", "--json", "--db", str(tmp_path / "none.db")]
    fast = _run(["-m", "missionlog"], args, tmp_path)
    assert fast == _run(["-c", TYPER_ONLY], args, tmp_path)
    assert fast[0] == 8 and not (tmp_path / "none.db").exists()


@pytest.mark.parametrize("args", [
    ["state", "Soyuz MS-22"],  # human output: rich, on the typer app
    ["state", "Soyuz MS-22", "--json", "--help"],
    ["state", "Soyuz MS-22", "--json", "--at"],
    ["state", "Soyuz MS-22", "--json", "--at", "x", "--at", "y"],
    ["state", "A", "B", "--json"],
    ["state", "--json"],
    ["station", "ISS", "--json", "--bogus"],
    ["history", "Soyuz MS-22", "--json"],
    ["state", "Soyuz MS-22", "--json", "--db", "http://127.0.0.1:8000"],  # a service
    ["station", "ISS", "--json", "--db=HTTPS://example.org/log"],
    [],
])
def test_anything_else_goes_to_the_typer_app(args: list[str]) -> None:
    assert parse_fast(args) is None


def test_the_fast_path_imports_neither_typer_nor_pydantic_nor_sqlite_utils(
    seeded: Path,
) -> None:
    probe = (
        "import sys; from missionlog.fastcli import parse_fast, run_fast; "
        f"run_fast(*parse_fast(['state', 'Soyuz MS-22', '--json', '--db', {str(seeded)!r}]));"
        "print(sorted(m for m in ('typer', 'pydantic', 'sqlite_utils', 'rich') "
        "if m in sys.modules), file=sys.stderr)"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                          check=True)
    assert done.stderr.strip() == "[]"
    assert '"vehicle": "Soyuz MS-22"' in done.stdout


def test_the_store_knows_every_migration_by_name() -> None:
    """A file that has applied SCHEMA_MIGRATIONS opens without sqlite-utils: the list must
    be schema.py's, or a new migration would never run on an existing file."""
    import sqlite3

    from missionlog.store.connection import SCHEMA_MIGRATIONS, sqlite_utils_database
    from missionlog.store.schema import migrations

    pending = migrations.pending(sqlite_utils_database(sqlite3.connect(":memory:")))
    assert tuple(migration.name for migration in pending) == SCHEMA_MIGRATIONS


@pytest.mark.slow
def test_a_damaged_derived_table_is_warned_about_alike(seeded: Path, tmp_path: Path) -> None:
    import sqlite3

    damaged = tmp_path / "damaged.db"
    with MissionLog.open(seeded, read_only=True) as log:
        log.store.db.conn.backup(sqlite3.connect(str(damaged)))
    connection = sqlite3.connect(str(damaged))
    with connection:
        connection.execute("DELETE FROM retired_vehicles")  # a count the open check sees
    connection.close()
    args = ["state", "Progress MS-20", "--at", "2023-02-12", "--json", "--db", str(damaged)]
    fast = _run(["-m", "missionlog"], args, tmp_path)
    assert fast == _run(["-c", TYPER_ONLY], args, tmp_path)
    assert fast[0] == 0 and fast[2].startswith("warning: ")
