"""Issue 10, defects 1, 2, 4, 5, 6, 7 and issue 14 item 4: inputs and files that used to
break the log, each reproduced through the real CLI on a real SQLite file."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from strategies import SEED_STORY, log_fingerprint, seed_story_jsonl
from typer.testing import CliRunner, Result

from missionlog import MissionLog
from missionlog.cli import app
from missionlog.safe_text import printable

DOCUMENTED_EXITS = {2, 3, 4, 5, 6, 7, 8, 9}


def cli(*args: str, input: str | bytes | None = None) -> Result:
    return CliRunner().invoke(app, list(args), input=input, prog_name="missionlog",
                              env={"COLUMNS": "250"})


def one_clean_line(result: Result, code: int) -> str:
    assert result.exit_code == code, (result.exit_code, result.stdout, result.stderr)
    assert result.stderr.count("\n") == 1, result.stderr
    assert result.stderr.startswith("error: ")
    assert "Traceback" not in result.stderr
    return result.stderr


@pytest.fixture
def seeded(db_path: Path) -> Path:
    with MissionLog.open(db_path, create=True) as log:
        log.append(list(SEED_STORY))
    return db_path


def import_lines(db: Path, lines: list[dict[str, Any]]) -> Result:
    return cli("import", "-", "--db", str(db),
               input="".join(json.dumps(line) + "\n" for line in lines))


def note(at: str, text: str = "x", **extra: Any) -> dict[str, Any]:
    return {"type": "note", "text": text, "occurred_at": at, **extra}


# ---- defect 1: recorded_at from the future, or running backwards inside an import -----


@pytest.mark.parametrize("future", ["9999-12-31T23:59:59.999999Z", "2099-01-01T00:00:00Z"])
def test_an_import_with_a_future_recorded_at_is_refused_and_appends_keep_working(
    seeded: Path, future: str
) -> None:
    before = log_fingerprint(seeded)
    error = one_clean_line(
        import_lines(seeded, [note("2023-03-01T00:00:00Z", recorded_at=future)]), 4
    )
    assert "recorded_at" in error and "future" in error
    assert log_fingerprint(seeded) == before
    later = cli("append", "note", "--text", "still fine", "--at", "2023-03-02T00:00:00Z",
                "--db", str(seeded))
    assert later.exit_code == 0, later.stderr
    assert cli("verify", "--db", str(seeded)).exit_code == 0


def test_a_recorded_at_a_little_ahead_is_clock_skew_and_is_accepted(seeded: Path) -> None:
    ahead = (datetime.now(UTC) + timedelta(minutes=1)).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    assert import_lines(seeded, [note("2023-03-01T00:00:00Z", recorded_at=ahead)]).exit_code == 0


def test_historical_recorded_at_values_in_increasing_order_import(db_path: Path) -> None:
    """Bundled logs will carry when each fact was first reported, years ago."""
    assert cli("init", "--db", str(db_path)).exit_code == 0
    # (each fact recorded after it happened: issue 12 refuses one recorded before)
    lines = [note("2022-01-01T00:00:00Z", recorded_at="2022-01-02T00:00:00Z"),
             note("2022-01-01T12:00:00Z", recorded_at="2022-01-02T00:00:00Z"),
             note("2022-01-04T00:00:00Z", recorded_at="2022-02-01T00:00:00Z")]
    assert import_lines(db_path, lines).exit_code == 0


def test_a_line_recorded_earlier_than_the_line_before_it_is_refused(seeded: Path) -> None:
    """The first line gets now as its recorded_at; the second claims an older one."""
    before = log_fingerprint(seeded)
    last = sqlite3.connect(str(seeded)).execute("SELECT MAX(recorded_at) FROM events").fetchone()[0]
    between = (datetime.fromisoformat(last) + timedelta(microseconds=1)).strftime(
        "%Y-%m-%dT%H:%M:%S.%fZ")  # after the log's newest, before the first line's now
    lines = [note("2023-03-01T00:00:00Z"), note("2023-03-02T00:00:00Z", recorded_at=between)]
    error = one_clean_line(import_lines(seeded, lines), 4)
    assert "recorded_at (line 2 of stdin)" in error
    assert log_fingerprint(seeded) == before


# ---- defect 4: boundary dates -----------------------------------------------------------


@pytest.mark.parametrize("moment", ["0001-01-01T00:00:00+01:00", "9999-12-31T23:59:59-01:00"])
@pytest.mark.parametrize("field", ["occurred_at", "recorded_at"])
def test_boundary_dates_are_a_clean_error_naming_the_field(
    seeded: Path, moment: str, field: str
) -> None:
    line = note("2023-03-01T00:00:00Z")
    line[field] = moment
    before = log_fingerprint(seeded)
    assert field in one_clean_line(import_lines(seeded, [line]), 4)
    assert log_fingerprint(seeded) == before


@pytest.mark.parametrize("option", ["--at", "--known-at"])
def test_boundary_dates_in_query_options_are_clean_errors(seeded: Path, option: str) -> None:
    result = cli("station", "ISS", option, "0001-01-01T00:00:00+01:00", "--db", str(seeded))
    assert option in one_clean_line(result, 4)


# ---- defect 5: Unix timestamps --------------------------------------------------------


@pytest.mark.parametrize("stamp", ["1676191500", 1676191500, -1, "-1", 1676191500.5])
def test_unix_timestamps_are_refused_for_occurred_at(seeded: Path, stamp: object) -> None:
    before = log_fingerprint(seeded)
    error = one_clean_line(import_lines(seeded, [note(stamp)]), 4)  # type: ignore[arg-type]
    assert "occurred_at" in error and "Unix timestamp" in error
    assert log_fingerprint(seeded) == before


def test_a_typed_append_with_a_unix_timestamp_is_refused(seeded: Path) -> None:
    result = cli("append", "note", "--text", "x", "--at", "1676191500", "--db", str(seeded))
    assert "occurred_at" in one_clean_line(result, 4)


# ---- defect 6: control and bidi characters ----------------------------------------------


@pytest.mark.parametrize("bad", ["\x1b[2J", "\r", "\x00", "\u202e", "\u2066", "\x85"])
@pytest.mark.parametrize("field", ["vehicle", "crew", "aliases"])
def test_control_and_bidi_characters_in_names_are_refused(
    seeded: Path, bad: str, field: str
) -> None:
    event: dict[str, Any] = {"type": "launched", "vehicle": "Soyuz MS-25",
                             "vehicle_class": "soyuz", "occurred_at": "2023-03-01T00:00:00Z"}
    event[field] = [f"Oleg{bad}Kononenko"] if field != "vehicle" else f"Soyuz{bad}MS-25"
    before = log_fingerprint(seeded)
    error = one_clean_line(import_lines(seeded, [event]), 4)
    assert field in error and "control or bidi" in error
    assert "\r" not in error and "\x1b" not in error and "\u202e" not in error
    assert log_fingerprint(seeded) == before


@pytest.mark.parametrize("field", ["station", "port"])
def test_control_characters_in_station_and_port_names_are_refused(
    seeded: Path, field: str
) -> None:
    event: dict[str, Any] = {"type": "station_configured", "station": "Tiangong",
                             "ports": ["fore"], "occurred_at": "2023-03-01T00:00:00Z"}
    event[field] = "Tian\rgong" if field == "station" else ["fo\x1bre"]
    one_clean_line(import_lines(seeded, [event]), 4)


def test_free_text_with_control_characters_is_escaped_on_output(seeded: Path) -> None:
    text = "all clear\r\x1b[31mFIRE\u202e"
    assert cli("append", "note", "--text", text, "--subject", "ISS", "--at",
               "2023-03-01T00:00:00Z", "--db", str(seeded)).exit_code == 0
    shown = cli("log", "--db", str(seeded)).stdout
    for raw in ("\r", "\x1b", "\u202e"):
        assert raw not in shown
    assert "\\x1b[31mFIRE" in shown
    assert json.loads(cli("log", "--json", "--db", str(seeded)).stdout.splitlines()[-1])[
        "text"] == text  # the data itself is kept exactly


def test_printable_escapes_what_a_terminal_would_act_on() -> None:
    assert printable("a\rb\x1bc\u202ed") == "a\\x0db\\x1bc\\u202ed"


# ---- defect 2: read commands on files that are not logs ---------------------------------


def other_application_db(path: Path) -> Path:
    connection = sqlite3.connect(str(path))
    connection.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)")
    connection.execute("INSERT INTO invoices (total) VALUES (12.5)")
    connection.commit()
    connection.close()
    return path


READ_COMMANDS = [["verify"], ["state", "Progress 82"], ["log"], ["export"], ["station", "ISS"],
                 ["history", "Progress 82"], ["replay"], ["decisions"], ["head"]]


@pytest.mark.parametrize("command", READ_COMMANDS, ids=lambda c: c[0])
def test_read_commands_refuse_another_applications_database_and_change_nothing(
    tmp_path: Path, command: list[str]
) -> None:
    other = other_application_db(tmp_path / "accounts.db")
    before = other.read_bytes()
    error = one_clean_line(cli(*command, "--db", str(other)), 8)
    assert "not a missionlog" in error and "invoices" in error
    assert other.read_bytes() == before
    assert not Path(f"{other}-wal").exists()


@pytest.mark.parametrize("command", READ_COMMANDS, ids=lambda c: c[0])
def test_read_commands_refuse_an_empty_file_and_leave_it_empty(
    tmp_path: Path, command: list[str]
) -> None:
    empty = tmp_path / "empty.db"
    empty.touch()
    error = one_clean_line(cli(*command, "--db", str(empty)), 8)
    assert "empty file" in error
    assert empty.stat().st_size == 0


def test_appending_to_another_applications_database_is_refused(tmp_path: Path) -> None:
    other = other_application_db(tmp_path / "accounts.db")
    before = other.read_bytes()
    result = cli("append", "note", "--text", "x", "--at", "2023-01-01T00:00:00Z",
                 "--db", str(other))
    assert "not a missionlog" in one_clean_line(result, 8)
    assert other.read_bytes() == before


# ---- issue 14 item 4: a mistyped --db does not create a log -----------------------------


@pytest.mark.parametrize("command", [
    ["append", "note", "--text", "x", "--at", "2023-01-01T00:00:00Z"],
    ["append", "--json", "-"],
    ["import", "-"],
])
def test_append_and_import_on_a_missing_file_refuse_with_a_hint(
    tmp_path: Path, command: list[str]
) -> None:
    typo = tmp_path / "typo.db"
    result = cli(*command, "--db", str(typo), input=json.dumps(note("2023-01-01T00:00:00Z")))
    error = one_clean_line(result, 8)
    assert "missionlog init" in error and "--init" in error
    assert not typo.exists()


def test_init_flag_creates_and_appends_in_one_step(tmp_path: Path) -> None:
    db = tmp_path / "new.db"
    assert cli("import", "-", "--init", "--db", str(db), input=seed_story_jsonl()).exit_code == 0
    assert cli("verify", "--db", str(db)).stdout.startswith(f"ok: {len(SEED_STORY)} events")


# ---- reads on a read-only file ------------------------------------------------------------


def test_reads_open_the_file_read_only_and_appends_through_a_read_only_handle_fail(
    seeded: Path,
) -> None:
    before = log_fingerprint(seeded)
    with MissionLog.open(seeded, read_only=True) as log:
        assert log.verify() == len(SEED_STORY)
        with pytest.raises(Exception, match="read-only"):
            log.append([note("2023-03-01T00:00:00Z")])
    assert log_fingerprint(seeded) == before


def test_reads_work_on_a_read_only_file_system(seeded: Path, tmp_path: Path) -> None:
    """A bind mount remounted read-only: SQLite can make no -wal or -shm file there."""
    if os.geteuid() != 0:
        pytest.skip("needs root to bind-mount a read-only file system")
    mount = tmp_path / "ro"
    mount.mkdir()
    data = tmp_path / "data"
    data.mkdir()
    seeded = seeded.rename(data / seeded.name)
    with MissionLog.open(seeded) as log:  # a clean close checkpoints and removes the -wal
        log.verify()
    try:
        subprocess.run(["mount", "--bind", str(data), str(mount)], check=True)
        subprocess.run(["mount", "-o", "remount,ro,bind", str(mount)], check=True)
    except (OSError, subprocess.CalledProcessError):
        pytest.skip("bind mounts are not available here")
    try:
        target = mount / seeded.name
        result = cli("station", "ISS", "--at", "2023-02-12", "--json", "--db", str(target))
        assert result.exit_code == 0, result.stderr
        assert json.loads(result.stdout)["ports"]["Poisk zenith"] == "Progress MS-21"
        assert cli("verify", "--db", str(target)).exit_code == 0
        appended = cli("append", "note", "--text", "x", "--at", "2023-03-01T00:00:00Z",
                       "--db", str(target))
        one_clean_line(appended, 8)
    finally:
        subprocess.run(["umount", "--lazy", str(mount)], check=False)


# ---- defect 7: many processes creating the same new file ---------------------------------


@pytest.mark.slow
def test_many_processes_initialising_and_appending_to_a_new_file_all_succeed(
    tmp_path: Path,
) -> None:
    db = tmp_path / "race.db"
    script = (
        "import sys\n"
        "from missionlog import MissionLog\n"
        "with MissionLog.open(sys.argv[1], create=True) as log:\n"
        "    log.append([{'type': 'note', 'text': sys.argv[2],"
        " 'occurred_at': '2023-01-01T00:00:00Z', 'event_id': 'n-' + sys.argv[2]}])\n"
    )
    processes = [
        subprocess.Popen([sys.executable, "-c", script, str(db), str(index)],
                         stderr=subprocess.PIPE)
        for index in range(64)
    ]
    failures = []
    for process in processes:
        _, stderr = process.communicate(timeout=120)
        if process.returncode != 0:
            failures.append(stderr.decode()[-300:])
    assert failures == []
    assert cli("verify", "--db", str(db)).stdout.startswith("ok: 64 events")
