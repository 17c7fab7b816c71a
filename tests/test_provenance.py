"""`recorded_by`: who recorded each event, kept beside it, covered by the hash chain,
carried by export and import, and named by the service after the token."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import httpx
import orjson
import pytest
from servicekit import count
from typer.testing import CliRunner, Result

from missionlog import MissionLog
from missionlog.cli import app
from missionlog.client.http_log import HttpLog

runner = CliRunner()
NOTE = {"type": "note", "occurred_at": "2023-01-05T10:00:00Z", "text": "hatch opened",
        "subject": "ISS"}


def cli(*args: str, env: dict[str, str] | None = None, input: bytes | None = None) -> Result:
    return runner.invoke(app, list(args), env=env, input=input)


def logged(db: Path | str, token: str | None = None) -> list[dict[str, Any]]:
    result = cli("log", "--json", "--db", str(db),
                 env={"MISSIONLOG_TOKEN": token} if token else None)
    assert result.exit_code == 0, result.output
    return [orjson.loads(line) for line in result.stdout.splitlines()]


def edit(db: Path, statement: str, params: tuple[Any, ...] = ()) -> None:
    """What anyone with the file can do: drop the guard, edit, put the guard back."""
    connection = sqlite3.connect(str(db), isolation_level=None)
    (trigger,) = connection.execute(
        "SELECT sql FROM sqlite_master WHERE name = 'events_no_update'").fetchone()
    connection.execute("DROP TRIGGER events_no_update")
    connection.execute(statement, params)
    connection.execute(trigger)
    connection.close()


@pytest.fixture
def noted(db_path: Path, iss: MissionLog) -> Path:
    """The seed story plus one note appended by the CLI as user `gagarin`."""
    result = cli("append", "note", "--at", NOTE["occurred_at"], "--text", "hatch opened",
                 "--db", str(db_path), "-q", env={"LOGNAME": "gagarin", "USER": "gagarin"})
    assert result.exit_code == 0, result.output
    return db_path


def test_the_cli_records_the_local_user(noted: Path) -> None:
    assert logged(noted)[-1]["recorded_by"] == "gagarin"


def test_recorded_by_is_an_explicit_option_too(noted: Path) -> None:
    result = cli("append", "note", "--at", "2023-01-06T10:00:00Z", "--text", "x",
                 "--recorded-by", "Flight Director", "--db", str(noted), "-q")
    assert result.exit_code == 0, result.output
    assert logged(noted)[-1]["recorded_by"] == "Flight Director"


def test_an_edited_recorded_by_fails_verify_naming_the_position(noted: Path) -> None:
    position = logged(noted)[-1]["position"]
    assert cli("verify", "--db", str(noted)).exit_code == 0
    edit(noted, "UPDATE events SET recorded_by = 'korolev' WHERE position = ?", (position,))
    result = cli("verify", "--db", str(noted))
    assert result.exit_code == 7
    assert f"position {position} " in result.stderr


@pytest.mark.parametrize("change", ["NULL", "'korolev'"])
def test_naming_or_unnaming_a_row_fails_verify(tmp_path: Path, change: str) -> None:
    """A row with nobody (the old format) may not gain a name, nor a named row lose it."""
    noted = tmp_path / "two.db"
    history = orjson.dumps({**NOTE, "recorded_at": "2023-01-05T11:00:00Z"})
    assert cli("import", "-", "--init", "--db", str(noted), input=history).exit_code == 0
    assert cli("append", "note", "--at", "2023-01-06T10:00:00Z", "--text", "x", "-q",
               "--db", str(noted)).exit_code == 0
    rows = logged(noted)
    target = next(row for row in rows if (row["recorded_by"] is None) == (change != "NULL"))
    edit(noted, f"UPDATE events SET recorded_by = {change} WHERE position = ?",
         (target["position"],))
    result = cli("verify", "--db", str(noted))
    assert result.exit_code == 7
    assert f"position {target['position']} " in result.stderr


def test_export_and_import_keep_recorded_by(noted: Path, tmp_path: Path) -> None:
    exported = cli("export", "--db", str(noted))
    assert exported.exit_code == 0
    assert b'"recorded_by":"gagarin"' in exported.stdout_bytes
    copy = tmp_path / "copy.db"
    imported = cli("import", "-", "--init", "--db", str(copy), input=exported.stdout_bytes,
                   env={"LOGNAME": "someone-else", "USER": "someone-else"})
    assert imported.exit_code == 0, imported.output
    assert logged(copy) == logged(noted)
    assert cli("verify", "--db", str(copy)).exit_code == 0
    assert cli("export", "--db", str(copy)).stdout_bytes == exported.stdout_bytes


def test_an_export_with_an_edited_recorded_by_is_refused(noted: Path, tmp_path: Path) -> None:
    exported = cli("export", "--db", str(noted)).stdout_bytes
    last = len(exported.splitlines())
    forged = exported.replace(b'"recorded_by":"gagarin"', b'"recorded_by":"korolev"')
    copy = tmp_path / "copy.db"
    result = cli("import", "-", "--init", "--db", str(copy), input=forged)
    assert result.exit_code == 7
    assert f"hash (line {last} of stdin)" in result.stderr
    assert not copy.exists() or count(copy) == 0


def test_imported_history_names_nobody_unless_told(tmp_path: Path) -> None:
    """A line keeping its own recorded_at (recorded elsewhere) is not attributed to the
    importer; --recorded-by names it; --recorded-now records it now, by the importer."""
    line = orjson.dumps({**NOTE, "recorded_at": "2023-01-05T11:00:00Z"})
    for options, expected in [((), None), (("--recorded-by", "NASA PAO"), "NASA PAO"),
                              (("--recorded-now",), "gagarin")]:
        db = tmp_path / f"{len(options)}-{expected}.db"
        result = cli("import", "-", "--init", "--db", str(db), *options, input=line,
                     env={"LOGNAME": "gagarin", "USER": "gagarin"})
        assert result.exit_code == 0, result.output
        assert logged(db)[0]["recorded_by"] == expected


@pytest.mark.parametrize("bad", ["", "a\x1bb", "x" * 201, 7])
def test_a_bad_recorded_by_on_a_line_is_refused(tmp_path: Path, bad: Any) -> None:
    db = tmp_path / "bad.db"
    result = cli("import", "-", "--init", "--db", str(db),
                 input=orjson.dumps({**NOTE, "recorded_by": bad}))
    assert result.exit_code == 4
    assert "recorded_by (line 1 of stdin)" in result.stderr
    assert count(db) == 0


def _old_format(db: Path) -> None:
    """Make DB what the version before `recorded_by` wrote: no column, no migration."""
    connection = sqlite3.connect(str(db), isolation_level=None)
    connection.execute("ALTER TABLE events DROP COLUMN recorded_by")
    connection.execute("DELETE FROM _sqlite_migrations WHERE name = '0006_recorded_by'")
    connection.close()


def test_an_old_log_reads_read_only_and_init_upgrades_it(iss: MissionLog, db_path: Path,
                                                          tmp_path: Path) -> None:
    # An old log names nobody: history imported with its recorded_at kept, then the
    # column and its migration taken away.
    old = tmp_path / "old.db"
    lines = b"".join(orjson.dumps({key: value for key, value in row.items()
                                   if key not in ("recorded_by", "hash")}) + b"\n"
                     for row in logged(db_path))
    assert cli("import", "-", "--init", "--db", str(old), input=lines).exit_code == 0
    _old_format(old)
    old.chmod(0o444)
    try:
        result = cli("log", "--json", "--db", str(old))  # read-only: nothing changes
        assert result.exit_code == 0, result.output
        assert {orjson.loads(line)["recorded_by"] for line in result.stdout.splitlines()} == {
            None}
        assert cli("verify", "--db", str(old)).exit_code == 0
    finally:
        old.chmod(0o644)
    with sqlite3.connect(str(old)) as connection:
        columns = [row[1] for row in connection.execute("PRAGMA table_info(events)")]
    assert "recorded_by" not in columns
    note = ("append", "note", "--at", "2023-01-06T10:00:00Z", "--text", "x", "-q",
            "--db", str(old))
    refused = cli(*note, env={"LOGNAME": "gagarin", "USER": "gagarin"})
    assert refused.exit_code != 0 and "missionlog init" in refused.output
    assert len(logged(old)) == len(lines.splitlines())  # nothing written, nothing upgraded
    assert cli("init", "--db", str(old)).exit_code == 0  # the deliberate upgrade
    result = cli(*note, env={"LOGNAME": "gagarin", "USER": "gagarin"})
    assert result.exit_code == 0, result.output
    rows = logged(old)
    assert [row["recorded_by"] for row in rows[-2:]] == [None, "gagarin"]
    assert cli("verify", "--db", str(old)).exit_code == 0


# ---- through the service -------------------------------------------------------------


def test_the_service_records_the_token_name(served: Any, tmp_path: Path) -> None:
    from servicekit import make_token

    houston = make_token(served.db, "houston", "append")
    result = cli("append", "note", "--at", "2023-01-07T10:00:00Z", "--text", "go", "-q",
                 "--db", served.url, env={"MISSIONLOG_TOKEN": houston, "LOGNAME": "gagarin"})
    assert result.exit_code == 0, result.output
    assert logged(served.db)[-1]["recorded_by"] == "houston"  # the file itself
    assert logged(served.url, houston)[-1]["recorded_by"] == "houston"  # over HTTP
    with HttpLog(served.url, houston) as remote:
        assert list(remote.log())[-1]["recorded_by"] == "houston"
        followed = remote.follow(after=len(logged(served.db)) - 1)
        assert next(followed)["recorded_by"] == "houston"  # the SSE stream


def test_a_token_may_not_name_another_recorder(served: Any) -> None:
    before = count(served.db)
    response = httpx.post(f"{served.url}/events", json={**NOTE, "recorded_by": "moscow"},
                          headers={"Authorization": f"Bearer {served.tokens['append']}"})
    assert response.status_code == 403
    assert "recorded_by (line 1)" in response.json()["detail"]
    assert count(served.db) == before


def test_an_admin_token_imports_an_export_keeping_its_recorders(noted: Path,
                                                                 tmp_path: Path) -> None:
    from servicekit import ThreadServer, make_token

    exported = cli("export", "--db", str(noted)).stdout_bytes
    target = tmp_path / "target.db"
    assert cli("init", "--db", str(target)).exit_code == 0
    admin = make_token(target, "archivist", "admin")
    with ThreadServer(target) as server:
        response = httpx.post(f"{server.url}/events", content=exported,
                              headers={"Authorization": f"Bearer {admin}",
                                       "Content-Type": "application/x-ndjson"})
        assert response.status_code == 200, response.text
    assert cli("export", "--db", str(target)).stdout_bytes == exported
