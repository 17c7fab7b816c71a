"""The raw-log commands: init, append, import, export, log, verify, schema.

Run through typer's CliRunner (in process, real SQLite files). Every failure must be one
line on stderr and a non-zero exit code, so scripts can rely on both.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from strategies import SEED_STORY, log_fingerprint, seed_story_jsonl
from typer.testing import CliRunner, Result

from missionlog.cli import app


def cli(*args: str, input: str | bytes | None = None) -> Result:
    return CliRunner().invoke(app, list(args), input=input, prog_name="missionlog")


def ok(*args: str, input: str | bytes | None = None) -> Result:
    result = cli(*args, input=input)
    assert result.exit_code == 0, result.stderr
    return result


def fails_with_one_line(*args: str, input: str | bytes | None = None) -> str:
    result = cli(*args, input=input)
    assert result.exit_code != 0, result.stdout
    assert result.stderr.count("\n") == 1, result.stderr
    assert result.stderr.strip()
    return result.stderr


def log_lines(db: Path, *filters: str) -> list[dict[str, Any]]:
    result = ok("log", "--json", "--db", str(db), *filters)
    return [json.loads(line) for line in result.stdout.splitlines()]


@pytest.fixture
def iss_db(tmp_path: Path, db_path: Path) -> Path:
    source = tmp_path / "seed.jsonl"
    source.write_text(seed_story_jsonl())
    ok("import", str(source), "--init", "--db", str(db_path))
    return db_path


# ---- init ---------------------------------------------------------------------------


def test_init_creates_an_empty_log_and_is_safe_to_run_again(db_path: Path) -> None:
    first = ok("init", "--db", str(db_path))
    assert "0 events" in first.stdout
    assert db_path.exists()
    again = ok("init", "--db", str(db_path))
    assert "0 events" in again.stdout
    assert ok("verify", "--db", str(db_path)).stdout.startswith("ok: 0 events")


def test_reading_a_log_that_does_not_exist_is_one_line_and_creates_nothing(
    tmp_path: Path,
) -> None:
    missing = tmp_path / "nowhere.db"
    error = fails_with_one_line("log", "--db", str(missing))
    assert "init" in error
    assert not missing.exists()


def test_the_db_can_come_from_the_environment(tmp_path: Path) -> None:
    db = tmp_path / "env.db"
    result = CliRunner().invoke(app, ["init"], env={"MISSIONLOG_DB": str(db)},
                                prog_name="missionlog")
    assert result.exit_code == 0, result.stderr
    assert db.exists()


# ---- append -------------------------------------------------------------------------


def test_typed_append_commands_record_a_soyuz_flight_end_to_end(db_path: Path) -> None:
    db = ("--db", str(db_path))
    ok("init", *db)
    ok("append", "station_configured", "--station", "ISS", "--ports", "Rassvet nadir",
       "--ports", "Prichal nadir", "--at", "2021-11-26T15:20:00Z", *db)
    ok("append", "launched", "--vehicle", "Soyuz MS-22", "--vehicle-class", "soyuz",
       "--crew", "Sergey Prokopyev", "--crew", "Dmitri Petelin", "--crew", "Frank Rubio",
       "--aliases", "68S", "--at", "2022-09-21T13:54:49Z", "--source", "russianspaceweb", *db)
    ok("append", "docked", "--vehicle", "68S", "--station", "ISS", "--port", "Rassvet nadir",
       "--at", "2022-09-21T17:06Z", "--precision", "minute", *db)
    ok("append", "leak_detected", "--vehicle", "Soyuz MS-22", "--system", "coolant",
       "--severity", "major", "--cause", "micrometeoroid", "--at", "2022-12-15T00:45Z", *db)
    ok("append", "note", "--text", "EVA called off", "--subject", "ISS",
       "--at", "2022-12-15T02:45:00Z", "--event-id", "eva-cancelled", *db)
    ok("append", "launched", "--vehicle", "Soyuz MS-23", "--vehicle-class", "soyuz",
       "--at", "2023-02-24T00:24:00Z", *db)
    ok("append", "docked", "--vehicle", "Soyuz MS-23", "--station", "ISS",
       "--port", "Prichal nadir", "--at", "2023-02-26T00:58:00Z", *db)
    ok("append", "crew_assigned", "--vehicle", "Soyuz MS-23", "--crew", "Sergey Prokopyev",
       "--crew", "Dmitri Petelin", "--at", "2023-03-02T12:00:00Z", *db)
    ok("append", "decision_recorded", "--subject", "Soyuz MS-22", "--decision",
       "returns without crew", "--by", "Roscosmos", "--at", "2023-03-24T12:00:00Z", *db)
    ok("append", "undocked", "--vehicle", "Soyuz MS-22", "--at", "2023-03-28T09:57:00Z", *db)
    ok("append", "landed", "--vehicle", "Soyuz MS-22", "--site", "Kazakhstan",
       "--at", "2023-03-28T11:46:00Z", *db)
    ok("append", "relocated", "--vehicle", "Soyuz MS-23", "--port", "Rassvet nadir",
       "--at", "2023-04-06T09:22:00Z", *db)
    ok("append", "retracted", "--retracts", "eva-cancelled", "--reason", "wrong day",
       "--at", "2023-04-07T00:00:00Z", *db)
    ok("append", "undocked", "--vehicle", "Soyuz MS-23", "--crew", "Sergey Prokopyev",
       "--crew", "Dmitri Petelin", "--crew", "Frank Rubio", "--at", "2023-09-27T07:55:00Z", *db)
    ok("append", "landed", "--vehicle", "Soyuz MS-23", "--at", "2023-09-27T11:17:00Z", *db)
    ok("append", "launched", "--vehicle", "Progress MS-99", "--vehicle-class", "progress",
       "--at", "2023-10-01T00:00:00Z", *db)
    ok("append", "deorbited", "--vehicle", "Progress MS-99", "--at", "2023-10-02T00:00:00Z",
       *db)

    lines = log_lines(db_path)
    assert [line["type"] for line in lines] == [
        "station_configured", "launched", "docked", "leak_detected", "note", "launched",
        "docked", "crew_assigned", "decision_recorded", "undocked", "landed", "relocated",
        "retracted", "undocked", "landed", "launched", "deorbited",
    ]
    by_type: dict[str, dict[str, Any]] = {}
    for line in lines:
        by_type.setdefault(line["type"], line)  # the first of each type
    assert by_type["station_configured"]["ports"] == ["Rassvet nadir", "Prichal nadir"]
    assert by_type["launched"]["crew"] == ["Sergey Prokopyev", "Dmitri Petelin", "Frank Rubio"]
    assert by_type["launched"]["source"] == "russianspaceweb"
    assert by_type["docked"]["occurred_at"] == "2022-09-21T17:06:00Z"
    assert by_type["docked"]["precision"] == "minute"
    assert by_type["docked"]["stream"] == "Soyuz MS-22"
    assert by_type["leak_detected"]["cause"] == "micrometeoroid"
    assert by_type["retracted"]["stream"] == "ISS"
    last_undock = [line for line in lines if line["type"] == "undocked"][-1]
    assert last_undock["crew"] == ["Sergey Prokopyev", "Dmitri Petelin", "Frank Rubio"]
    assert ok("verify", *db).stdout.startswith("ok: 17 events")


def test_a_typed_append_without_a_utc_offset_is_refused_in_one_line(iss_db: Path) -> None:
    before = log_fingerprint(iss_db)
    error = fails_with_one_line("append", "note", "--text", "naive", "--at",
                                "2023-02-12T10:00:00", "--db", str(iss_db))
    assert "occurred_at" in error
    assert log_fingerprint(iss_db) == before


def test_a_typed_append_of_an_impossible_docking_names_the_holder(iss_db: Path) -> None:
    before = log_fingerprint(iss_db)
    error = fails_with_one_line("append", "docked", "--vehicle", "Progress 83", "--station",
                                "ISS", "--port", "Poisk zenith", "--at", "2023-02-12T00:00:00Z",
                                "--db", str(iss_db))
    assert "already docked" in error
    assert log_fingerprint(iss_db) == before


def test_append_json_reads_one_pretty_printed_event_from_stdin(iss_db: Path) -> None:
    event = {"type": "note", "occurred_at": "2023-02-12T10:00:00Z", "event_id": "pretty",
             "text": "crew not at risk", "subject": "ISS"}
    ok("append", "--json", "-", "--db", str(iss_db), input=json.dumps(event, indent=2))
    stored = [line for line in log_lines(iss_db) if line["event_id"] == "pretty"]
    assert stored[0]["text"] == "crew not at risk"
    assert stored[0]["stream"] == "ISS"


def test_append_json_reads_json_lines_from_stdin_as_one_batch(iss_db: Path) -> None:
    lines = [
        {"type": "undocked", "occurred_at": "2023-02-18T02:26:00Z", "vehicle": "Progress 82"},
        {"type": "deorbited", "occurred_at": "2023-02-19T03:15:00Z", "vehicle": "Progress 82"},
    ]
    result = ok("append", "--json", "-", "--db", str(iss_db),
                input="".join(json.dumps(line) + "\n" for line in lines))
    assert "appended 2" in result.stdout
    assert [line["type"] for line in log_lines(iss_db, "--vehicle", "Progress MS-21")][-2:] == [
        "undocked", "deorbited"]


def test_append_json_from_a_file(iss_db: Path, tmp_path: Path) -> None:
    source = tmp_path / "one.json"
    source.write_text(json.dumps({"type": "note", "occurred_at": "2023-02-12T10:00:00Z",
                                  "text": "from a file"}))
    ok("append", "--json", str(source), "--db", str(iss_db))
    assert log_lines(iss_db, "--type", "note")[0]["text"] == "from a file"


def test_append_json_with_a_bad_second_line_writes_nothing(iss_db: Path) -> None:
    before = log_fingerprint(iss_db)
    good = {"type": "note", "occurred_at": "2023-02-12T10:00:00Z", "text": "fine"}
    bad = {"type": "note", "occurred_at": "2023-02-12T10:00:00Z", "txt": "typo"}
    error = fails_with_one_line("append", "--json", "-", "--db", str(iss_db),
                                input=json.dumps(good) + "\n" + json.dumps(bad) + "\n")
    assert "line 2" in error
    assert "text" in error  # the required field the misspelt key left out
    assert log_fingerprint(iss_db) == before


# ---- import -------------------------------------------------------------------------

BAD_LINES: list[tuple[str, str, list[str]]] = [
    ("unknown-field",
     '{"type":"note","occurred_at":"2023-02-12T10:00:00Z","text":"x","colour":"red"}',
     ["line 3", "colour"]),
    ("naive-time", '{"type":"note","occurred_at":"2023-02-12T10:00:00","text":"x"}',
     ["line 3", "occurred_at"]),
    ("not-json", '{"type":"note","occurred_at":', ["line 3", "json"]),
    ("unknown-type", '{"type":"exploded","occurred_at":"2023-02-12T10:00:00Z"}',
     ["line 3", "type"]),
    ("missing-field", '{"type":"docked","occurred_at":"2023-02-12T10:00:00Z",'
     '"vehicle":"Progress 83","station":"ISS"}', ["line 3", "port"]),
    ("wrong-kind-of-value", '{"type":"launched","occurred_at":"2023-02-12T10:00:00Z",'
     '"vehicle":"Soyuz MS-23","vehicle_class":"balloon"}', ["line 3", "vehicle_class"]),
    ("impossible-docking", '{"type":"docked","occurred_at":"2023-02-12T10:00:00Z",'
     '"vehicle":"Soyuz MS-23","station":"ISS","port":"Poisk zenith"}',
     ["line 3", "Poisk zenith", "Progress MS-21"]),
    ("not-an-object", "[1, 2, 3]", ["line 3"]),
]


@pytest.mark.parametrize(("bad", "fragments"), [case[1:] for case in BAD_LINES],
                         ids=[case[0] for case in BAD_LINES])
def test_import_is_atomic_and_names_the_bad_line_and_field(
    iss_db: Path, tmp_path: Path, bad: str, fragments: list[str]
) -> None:
    lines = [
        '{"type":"launched","occurred_at":"2023-02-12T09:00:00Z","vehicle":"Soyuz MS-23",'
        '"vehicle_class":"soyuz"}',
        '{"type":"note","occurred_at":"2023-02-12T09:30:00Z","text":"before the bad line"}',
        bad,
        '{"type":"note","occurred_at":"2023-02-12T11:00:00Z","text":"after the bad line"}',
    ]
    source = tmp_path / "batch.jsonl"
    source.write_text("\n".join(lines) + "\n")
    before = log_fingerprint(iss_db)
    error = fails_with_one_line("import", str(source), "--db", str(iss_db))
    for fragment in fragments:
        assert fragment in error, f"{fragment!r} missing from: {error}"
    assert log_fingerprint(iss_db) == before


def test_import_from_stdin(db_path: Path) -> None:
    ok("import", "-", "--init", "--db", str(db_path), input=seed_story_jsonl())
    assert len(log_lines(db_path)) == len(SEED_STORY)


def test_import_of_a_missing_file_is_one_line(db_path: Path, tmp_path: Path) -> None:
    error = fails_with_one_line("import", str(tmp_path / "nope.jsonl"), "--db", str(db_path))
    assert "nope.jsonl" in error


# ---- export -------------------------------------------------------------------------


def test_export_then_import_into_a_fresh_log_then_export_is_byte_identical(
    iss_db: Path, tmp_path: Path
) -> None:
    ok("append", "note", "--text", "late knowledge", "--at", "2022-01-01T00:00:00Z",
       "--db", str(iss_db))
    first = ok("export", "--db", str(iss_db)).stdout_bytes
    copy = tmp_path / "copy.db"
    ok("import", "-", "--init", "--db", str(copy), input=first)
    second = ok("export", "--db", str(copy)).stdout_bytes
    assert second == first
    assert len(first.splitlines()) == len(SEED_STORY) + 1


def test_export_to_a_file_writes_every_event_with_its_store_fields(
    iss_db: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out.jsonl"
    result = ok("export", "--db", str(iss_db), "--out", str(out))
    assert str(len(SEED_STORY)) in result.stderr
    lines = [json.loads(line) for line in out.read_text().splitlines()]
    assert [line["event_id"] for line in lines] == [event["event_id"] for event in SEED_STORY]
    assert [line["position"] for line in lines] == list(range(1, len(SEED_STORY) + 1))
    for line in lines:
        assert {"stream", "version", "recorded_at"} <= set(line)
        assert line["recorded_at"].endswith("Z")


# ---- log ----------------------------------------------------------------------------


def test_log_filters_by_vehicle_alias(iss_db: Path) -> None:
    lines = log_lines(iss_db, "--vehicle", "Progress 82")
    assert [line["event_id"] for line in lines] == [
        "progress-ms-21-launched", "progress-ms-21-docked", "progress-ms-21-coolant-leak"]


def test_log_filters_by_type_repeatable(iss_db: Path) -> None:
    lines = log_lines(iss_db, "--type", "leak_detected", "--type", "crew_assigned")
    assert [line["event_id"] for line in lines] == [
        "soyuz-ms-22-coolant-leak", "rubio-to-crew-5", "progress-ms-21-coolant-leak"]


def test_log_from_and_to_dates_cover_whole_utc_days(iss_db: Path) -> None:
    lines = log_lines(iss_db, "--from", "2023-02-07", "--to", "2023-02-11")
    assert [line["event_id"] for line in lines] == [
        "progress-ms-20-undocked", "progress-ms-20-deorbited", "progress-ms-22-launched",
        "progress-ms-22-docked", "progress-ms-21-coolant-leak"]


def test_log_from_and_to_instants_are_inclusive(iss_db: Path) -> None:
    lines = log_lines(iss_db, "--from", "2023-02-11T08:45:00Z", "--to", "2023-02-11T09:40:00Z")
    assert [line["event_id"] for line in lines] == [
        "progress-ms-22-docked", "progress-ms-21-coolant-leak"]


def test_log_filters_combine(iss_db: Path) -> None:
    lines = log_lines(iss_db, "--vehicle", "Progress MS-21", "--type", "docked",
                      "--to", "2022-12-31")
    assert [line["event_id"] for line in lines] == ["progress-ms-21-docked"]


def test_log_of_an_unknown_vehicle_suggests_close_names(iss_db: Path) -> None:
    error = fails_with_one_line("log", "--vehicle", "Progress MS-2", "--db", str(iss_db))
    assert "Progress MS-2" in error
    assert "did you mean" in error


def test_log_with_a_naive_from_is_one_line(iss_db: Path) -> None:
    error = fails_with_one_line("log", "--from", "2023-02-11T08:45:00", "--db", str(iss_db))
    assert "offset" in error


def test_log_without_json_prints_a_header_and_one_line_per_event(iss_db: Path) -> None:
    result = ok("log", "--db", str(iss_db), "--vehicle", "68S")
    header, *rows = result.stdout.splitlines()
    assert header.split()[:3] == ["pos", "occurred", "(UTC)"]
    assert len(rows) == 3
    assert all("Soyuz MS-22" in row for row in rows)


# ---- verify and schema ---------------------------------------------------------------


def test_verify_reports_an_intact_chain(iss_db: Path) -> None:
    assert ok("verify", "--db", str(iss_db)).stdout.strip() == (
        f"ok: {len(SEED_STORY)} events, hash chain intact")


def test_schema_prints_the_event_schema(tmp_path: Path) -> None:
    printed = json.loads(ok("schema").stdout)
    assert "station_configured" in printed["discriminator"]["mapping"]
    target = tmp_path / "s.json"
    ok("schema", "--out", str(target))
    assert json.loads(target.read_text()) == printed


def test_every_failing_command_says_why_in_one_line(iss_db: Path) -> None:
    for args in (
        ("state", "Progress MS-2l", "--at", "2023-02-12"),
        ("station", "MIR", "--at", "2023-02-12"),
        ("state", "Progress 82", "--at", "12/02/2023"),
        ("history", "Progress MS-99"),
        ("append", "retracted", "--retracts", "no-such-id", "--reason", "x",
         "--at", "2023-02-12T00:00:00Z"),
    ):
        fails_with_one_line(*args, "--db", str(iss_db))


def test_the_seed_story_fixture_imported_every_event(iss_db: Path) -> None:
    assert [line["event_id"] for line in log_lines(iss_db)] == [
        event["event_id"] for event in SEED_STORY]


def test_importing_a_file_that_does_not_exist_creates_no_log(tmp_path: Path) -> None:
    db = tmp_path / "never.db"
    error = fails_with_one_line("import", str(tmp_path / "missing.jsonl"), "--db", str(db))
    assert "missing.jsonl" in error
    assert not db.exists()
