"""Append-only is enforced by the database itself, and tampering is evident to `verify`.

These tests use plain `sqlite3`, as anyone with the file would: the guarantees must hold
whoever writes to it, not only through missionlog.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from strategies import SEED_STORY
from typer.testing import CliRunner

from missionlog import MissionLog, MissionLogError
from missionlog.cli import app

# Plain sqlite3 on the file; tests/test_pg_contract.py holds the same on PostgreSQL.
pytestmark = pytest.mark.sqlite_only

COLUMNS = "position, event_id, stream, version, type, occurred_at, recorded_at, body, hash"


@pytest.fixture
def iss_file(db_path: Path) -> Path:
    with MissionLog.open(db_path, create=True) as log:
        log.append(list(SEED_STORY))
    return db_path


@pytest.fixture
def plain(iss_file: Path) -> Iterator[sqlite3.Connection]:
    connection = sqlite3.connect(str(iss_file), isolation_level=None)
    yield connection
    connection.close()


def rows(connection: sqlite3.Connection) -> list[tuple[object, ...]]:
    return connection.execute(f"SELECT {COLUMNS} FROM events ORDER BY position").fetchall()


def run_verify(db: Path) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, ["verify", "--db", str(db)], prog_name="missionlog")
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE events SET body = replace(body, 'coolant', 'propellant') WHERE position = 16",
        "UPDATE events SET occurred_at = '2023-02-12T09:40:00Z' WHERE position = 16",
        "UPDATE events SET hash = hash",
        "DELETE FROM events WHERE position = 16",
        "DELETE FROM events",
    ],
)
def test_editing_or_deleting_a_stored_event_fails_even_with_plain_sqlite3(
    plain: sqlite3.Connection, statement: str
) -> None:
    before = rows(plain)
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        plain.execute(statement)
    assert rows(plain) == before


@pytest.mark.parametrize(
    "statement",
    [
        # the same row again
        f"INSERT OR REPLACE INTO events ({COLUMNS}) SELECT {COLUMNS} FROM events "
        "WHERE position = 1",
        f"REPLACE INTO events ({COLUMNS}) SELECT {COLUMNS} FROM events WHERE position = 16",
        # a new position and the next version, but an event_id the log already has:
        # REPLACE would silently delete the old row to make room
        f"INSERT OR REPLACE INTO events ({COLUMNS}) SELECT 17, event_id, stream, "
        "(SELECT MAX(version) + 1 FROM events WHERE stream = 'ISS'), type, occurred_at, "
        "recorded_at, body, hash FROM events WHERE position = 1",
        # next position, but a (stream, version) the log already has
        f"INSERT OR REPLACE INTO events ({COLUMNS}) SELECT 17, 'new-id', stream, version, "
        "type, occurred_at, recorded_at, body, hash FROM events WHERE position = 16",
        # an upsert is an update in disguise
        f"INSERT INTO events ({COLUMNS}) SELECT {COLUMNS} FROM events WHERE position = 16 "
        "ON CONFLICT (position) DO UPDATE SET body = excluded.body",
    ],
    ids=["same-row", "replace-into", "reused-event-id", "reused-stream-version", "upsert"],
)
def test_insert_or_replace_cannot_overwrite_or_drop_a_stored_event(
    plain: sqlite3.Connection, iss_file: Path, statement: str
) -> None:
    before = rows(plain)
    with pytest.raises(sqlite3.IntegrityError):
        plain.execute(statement)
    assert rows(plain) == before
    assert run_verify(iss_file)[0] == 0


def test_an_insert_that_skips_a_version_or_a_position_is_refused(
    plain: sqlite3.Connection,
) -> None:
    with pytest.raises(sqlite3.IntegrityError, match="version"):
        plain.execute(
            f"INSERT INTO events ({COLUMNS}) SELECT 17, 'gap-v', stream, version + 5, type, "
            "occurred_at, recorded_at, body, hash FROM events WHERE position = 16"
        )
    with pytest.raises(sqlite3.IntegrityError, match="position"):
        plain.execute(
            f"INSERT INTO events ({COLUMNS}) SELECT 20, 'gap-p', 'log', 1, type, "
            "occurred_at, recorded_at, body, hash FROM events WHERE position = 16"
        )


def _drop_guards(connection: sqlite3.Connection) -> None:
    for trigger in ("events_no_update", "events_no_delete"):
        connection.execute(f"DROP TRIGGER {trigger}")


def test_verify_passes_on_an_untouched_log(iss_file: Path) -> None:
    code, stdout, stderr = run_verify(iss_file)
    assert code == 0, stderr
    assert f"{len(SEED_STORY)} events" in stdout


def test_an_edited_body_is_caught_by_verify_at_its_position(
    plain: sqlite3.Connection, iss_file: Path
) -> None:
    _drop_guards(plain)
    plain.execute(
        "UPDATE events SET body = replace(body, '\"major\"', '\"minor\"') WHERE position = 10"
    )
    assert "minor" in plain.execute("SELECT body FROM events WHERE position = 10").fetchone()[0]
    code, stdout, stderr = run_verify(iss_file)
    assert code != 0
    assert stdout == ""
    assert stderr.count("\n") == 1
    assert "position 10" in stderr
    assert "soyuz-ms-22-coolant-leak" in stderr


def test_an_edited_occurred_at_column_is_caught_by_verify_at_its_position(
    plain: sqlite3.Connection, iss_file: Path
) -> None:
    _drop_guards(plain)
    plain.execute(
        "UPDATE events SET occurred_at = '2023-02-12T09:40:00Z' WHERE position = 16"
    )
    code, _stdout, stderr = run_verify(iss_file)
    assert code != 0
    assert stderr.count("\n") == 1
    assert "position 16" in stderr


def test_only_the_first_bad_position_is_named_when_two_are_edited(
    plain: sqlite3.Connection, iss_file: Path
) -> None:
    _drop_guards(plain)
    plain.execute("UPDATE events SET body = replace(body, 'Poisk', 'Posik') WHERE position = 9")
    homoglyph = "Zvezd\u0430"  # a Cyrillic a: an edit nobody would see by eye
    plain.execute(f"UPDATE events SET body = replace(body, 'Zvezda', '{homoglyph}') "
                  "WHERE position = 15")
    _code, _stdout, stderr = run_verify(iss_file)
    assert "position 9 " in stderr
    assert "position 15" not in stderr


def test_a_deleted_event_is_caught_by_verify(plain: sqlite3.Connection, iss_file: Path) -> None:
    _drop_guards(plain)
    plain.execute("DELETE FROM events WHERE position = 5")
    code, _stdout, stderr = run_verify(iss_file)
    assert code != 0
    assert "position 5" in stderr


def test_a_stream_or_recorded_at_rewritten_behind_the_logs_back_is_caught(
    plain: sqlite3.Connection, iss_file: Path
) -> None:
    _drop_guards(plain)
    plain.execute("UPDATE events SET recorded_at = '2000-01-01T00:00:00.000000Z' "
                  "WHERE position = 12")
    code, _stdout, stderr = run_verify(iss_file)
    assert code != 0
    assert "position 12" in stderr


def test_verify_json_reports_the_count(iss_file: Path) -> None:
    result = CliRunner().invoke(app, ["verify", "--json", "--db", str(iss_file)],
                                prog_name="missionlog")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout) == {"ok": True, "events": len(SEED_STORY)}


def _triggers(path: Path) -> set[str]:
    connection = sqlite3.connect(str(path))
    try:
        return {row[0] for row in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'events'")}
    finally:
        connection.close()


def _cargo_lines(count: int, start_day: int = 1) -> list[str]:
    """COUNT consistent events after the seed story: cargo ships that come and go."""
    lines = []
    for index in range(count // 4):
        name = f"Cygnus X-{start_day}-{index}"
        day = f"2024-01-{start_day:02d}T"
        at = [f"{day}{(4 * index + step) // 3600:02d}:{(4 * index + step) // 60 % 60:02d}:"
              f"{(4 * index + step) % 60:02d}Z" for step in range(4)]
        lines += [
            json.dumps({"type": "launched", "occurred_at": at[0], "vehicle": name,
                        "vehicle_class": "cygnus"}),
            json.dumps({"type": "docked", "occurred_at": at[1], "vehicle": name,
                        "station": "ISS", "port": "Unity nadir"}),
            json.dumps({"type": "undocked", "occurred_at": at[2], "vehicle": name}),
            json.dumps({"type": "deorbited", "occurred_at": at[3], "vehicle": name}),
        ]
    return lines


def test_a_large_import_leaves_every_guard_in_place(iss_file: Path) -> None:
    guards = _triggers(iss_file)
    assert {"events_no_update", "events_no_delete"} <= guards
    with MissionLog.open(iss_file) as log:
        assert log.import_lines(_cargo_lines(2000)).appended == 2000
    assert _triggers(iss_file) == guards
    connection = sqlite3.connect(str(iss_file), isolation_level=None)
    try:
        with pytest.raises(sqlite3.IntegrityError):
            connection.execute(
                f"INSERT OR REPLACE INTO events ({COLUMNS}) SELECT "
                "(SELECT MAX(position) + 1 FROM events), event_id, stream, "
                "(SELECT MAX(version) + 1 FROM events WHERE stream = 'ISS'), type, "
                "occurred_at, recorded_at, body, hash FROM events WHERE position = 1")
        with pytest.raises(sqlite3.IntegrityError):
            connection.execute(
                f"INSERT INTO events ({COLUMNS}) SELECT position + 10, 'gap', 'log', 1, type, "
                "occurred_at, recorded_at, body, hash FROM events "
                "WHERE position = (SELECT MAX(position) FROM events)")
    finally:
        connection.close()
    assert run_verify(iss_file)[0] == 0


def test_a_large_import_refused_at_its_last_line_leaves_every_guard_in_place(
    iss_file: Path,
) -> None:
    guards = _triggers(iss_file)
    lines = [*_cargo_lines(2000), json.dumps({"type": "docked", "occurred_at":
                                              "2024-02-01T00:00:00Z", "vehicle": "Nobody",
                                              "station": "ISS", "port": "Unity nadir"})]
    with MissionLog.open(iss_file) as log, pytest.raises(MissionLogError, match="line 2001"):
        log.import_lines(lines)
    assert _triggers(iss_file) == guards
    assert run_verify(iss_file)[0] == 0
