"""Issue 10, defects 3 and 9 and the anchors: tampering with every table, with plain
`sqlite3` as anyone holding the file would, and what missionlog then says and answers.

The bundled ISS log is imported with a checkpoint every 20 events so that checkpoints,
the archive of retired vehicles and the projections all hold rows worth editing.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from missionlog import MissionLog
from missionlog.bundled import bundled_log_path
from missionlog.cli import app
from missionlog.store.chain import GENESIS, chain_hash


def cli(*args: str, input: str | bytes | None = None) -> Result:
    return CliRunner().invoke(app, list(args), input=input, prog_name="missionlog",
                              env={"COLUMNS": "250"})


def json_of(*args: str) -> Any:
    result = cli(*args, "--json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


@pytest.fixture
def small_checkpoints(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("missionlog.store.writer.CHECKPOINT_EVERY", 20)


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    db = tmp_path_factory.mktemp("pristine") / "iss.db"
    patch = pytest.MonkeyPatch()
    patch.setattr("missionlog.store.writer.CHECKPOINT_EVERY", 20)
    with MissionLog.open(db, create=True) as log:
        log.import_lines(bundled_log_path().read_bytes().splitlines())
    patch.undo()
    yield db


@pytest.fixture
def iss(pristine: Path, tmp_path: Path, small_checkpoints: None) -> Path:
    copy = tmp_path / "iss.db"
    source, target = sqlite3.connect(str(pristine)), sqlite3.connect(str(copy))
    source.backup(target)
    source.close()
    target.close()
    return copy


def edit(db: Path, *statements: str, params: tuple[Any, ...] = ()) -> None:
    connection = sqlite3.connect(str(db), isolation_level=None)
    for statement in statements:
        connection.execute(statement, params if "?" in statement else ())
    connection.close()


def answers(db: Path) -> dict[str, Any]:
    """What the issue's scenarios asked: ride home, a landed Soyuz, Progress 82's history."""
    return {
        "station": json_of("station", "ISS", "--at", "2023-02-12", "--db", str(db)),
        "soyuz": json_of("state", "Soyuz MS-22", "--at", "2023-04-01", "--db", str(db)),
        "history": json_of("history", "Progress 82", "--db", str(db)),
        "now": {key: value for key, value in json_of("station", "ISS", "--db", str(db)).items()
                if key != "as_of"},
    }


def warned(db: Path) -> str:
    return cli("station", "ISS", "--at", "2023-02-12", "--db", str(db)).stderr


def test_the_fixture_has_rows_in_every_derived_table(iss: Path) -> None:
    connection = sqlite3.connect(str(iss))
    for table in ("checkpoints", "retired_vehicles", "retired_aliases", "vehicles",
                  "port_stays", "return_assignments", "state_intervals",
                  "state_intervals_head"):
        assert connection.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0] > 0, table
    connection.close()
    assert cli("verify", "--deep", "--db", str(iss)).exit_code == 0


# ---- derived tables: answers stay right, the damage is said first, verify catches it ----


def edit_checkpoint_ride_home(db: Path) -> None:
    """Every checkpoint's people now ride home in Soyuz MS-23."""
    connection = sqlite3.connect(str(db), isolation_level=None)
    for row_id, state in connection.execute("SELECT id, state FROM checkpoints").fetchall():
        world = json.loads(state)
        for person in world["people"].values():
            if isinstance(person, dict) and "return_vehicle" in person:
                person["return_vehicle"] = "Soyuz MS-23"
        connection.execute("UPDATE checkpoints SET state = ? WHERE id = ?",
                           [json.dumps(world).encode(), row_id])
    connection.close()


def edit_archived_soyuz(db: Path) -> None:
    connection = sqlite3.connect(str(db), isolation_level=None)
    state = json.loads(connection.execute(
        "SELECT state FROM retired_vehicles WHERE name = 'Soyuz MS-22'").fetchone()[0])
    state.update(status="docked", station="ISS", port="Rassvet nadir", leaks=[])
    connection.execute("UPDATE retired_vehicles SET state = ? WHERE name = 'Soyuz MS-22'",
                       [json.dumps(state).encode()])
    connection.close()


def edit_interval_rows(db: Path, kind: str, name: str, **changes: Any) -> None:
    """Every interval row of KIND NAME gets CHANGES in its state (seals left as they were)."""
    connection = sqlite3.connect(str(db), isolation_level=None)
    rows = connection.execute("SELECT valid_from, state FROM state_intervals WHERE kind = ? "
                              "AND name = ?", [kind, name]).fetchall()
    assert rows, (kind, name)
    for valid_from, state in rows:
        value = json.loads(state)
        if isinstance(value, dict):
            value.update(changes)
        connection.execute("UPDATE state_intervals SET state = ? WHERE kind = ? AND name = ? "
                           "AND valid_from = ?", [json.dumps(value).encode(), kind, name,
                                                  valid_from])
    connection.close()


def delete_newest_interval_row(db: Path, kind: str, name: str) -> None:
    """The newest row of KIND NAME is gone: the one before it now seems to hold."""
    edit(db, "DELETE FROM state_intervals WHERE kind = ? AND name = ? AND valid_from = "
             "(SELECT MAX(valid_from) FROM state_intervals WHERE kind = ? AND name = ?)",
         params=(kind, name, kind, name))


INTERVAL_EDITS = {
    "interval-vehicle-state": lambda db: edit_interval_rows(
        db, "v", "Soyuz MS-22", status="docked", station="ISS", port="Rassvet nadir",
        leaks=[]),
    "interval-person-ride": lambda db: edit_interval_rows(
        db, "p", "Frank Rubio", return_vehicle="Soyuz MS-22"),
    "interval-newest-row-deleted": lambda db: delete_newest_interval_row(
        db, "v", "Soyuz MS-22"),
    "interval-station-row-deleted": lambda db: delete_newest_interval_row(db, "s", "ISS"),
    "interval-rows-deleted": lambda db: edit(db, "DELETE FROM state_intervals"),
    "interval-tables-emptied": lambda db: edit(
        db, "DELETE FROM state_intervals", "DELETE FROM state_intervals_head"),
}

DERIVED_EDITS = {
    "checkpoint-state": edit_checkpoint_ride_home,
    "archived-state": edit_archived_soyuz,
    "vehicles-aliases": lambda db: edit(
        db, "UPDATE vehicles SET aliases = '[\"Progress 82\"]' WHERE name = 'Progress MS-22'"),
    "retired-aliases": lambda db: edit(
        db, "DELETE FROM retired_aliases",
        "INSERT INTO retired_aliases VALUES ('Progress 82', 'Soyuz MS-22')"),
    "checkpoints-deleted": lambda db: edit(db, "DELETE FROM checkpoints"),
    "archive-deleted": lambda db: edit(db, "DELETE FROM retired_vehicles"),
    "every-derived-table-dropped-rows": lambda db: edit(
        db, *(f"DELETE FROM {table}" for table in (
            "checkpoints", "retired_vehicles", "retired_aliases", "vehicles", "port_stays",
            "return_assignments", "state_intervals", "state_intervals_head"))),
    **INTERVAL_EDITS,
}


@pytest.mark.parametrize("damage", list(DERIVED_EDITS))
def test_damaged_derived_tables_still_answer_correctly(
    iss: Path, pristine: Path, damage: str
) -> None:
    expected = answers(pristine)
    DERIVED_EDITS[damage](iss)
    assert answers(iss) == expected


@pytest.mark.parametrize("damage", ["checkpoint-state", "archived-state", "archive-deleted"])
def test_damage_a_command_reads_is_said_first_on_stderr(iss: Path, damage: str) -> None:
    DERIVED_EDITS[damage](iss)
    # A file without interval rows (as before they existed) answers from the checkpoint
    # and the archive (the interval rows' own damage is tested below).
    edit(iss, "DROP TABLE state_intervals", "DROP TABLE state_intervals_head")
    stderr = cli("state", "Soyuz MS-22", "--db", str(iss)).stderr
    stderr += warned(iss)
    assert stderr.startswith("warning: ")
    assert "answering from the events" in stderr


@pytest.mark.parametrize(("damage", "named"), [
    ("checkpoint-state", "checkpoint"),
    ("archived-state", "Soyuz MS-22"),
    ("archive-deleted", "archive"),
])
def test_plain_verify_checks_the_seals_of_derived_rows(
    iss: Path, damage: str, named: str
) -> None:
    DERIVED_EDITS[damage](iss)
    result = cli("verify", "--db", str(iss))
    assert result.exit_code == 7, result.stdout
    assert named in result.stderr


@pytest.mark.parametrize(("statement", "table"), [
    ("UPDATE vehicles SET aliases = '[\"Progress 82\"]' WHERE name = 'Progress MS-22'",
     "vehicles"),
    ("UPDATE port_stays SET port = 'Zvezda aft' WHERE vehicle = 'Progress MS-21'",
     "port_stays"),
    ("DELETE FROM return_assignments WHERE person = 'Frank Rubio'", "return_assignments"),
    ("INSERT INTO retired_aliases VALUES ('Progress 82', 'Soyuz MS-22')", "retired_aliases"),
])
def test_verify_deep_rebuilds_the_projections_and_names_the_one_that_differs(
    iss: Path, statement: str, table: str
) -> None:
    edit(iss, statement)
    assert cli("verify", "--db", str(iss)).exit_code == 0  # seals do not cover these
    result = cli("verify", "--deep", "--db", str(iss))
    assert result.exit_code == 7
    assert f"derived table {table} differs" in result.stderr


@pytest.mark.parametrize("damage", list(INTERVAL_EDITS))
def test_damaged_interval_rows_never_change_an_answer_and_are_said_first(
    iss: Path, pristine: Path, damage: str
) -> None:
    """`state`, `station` and `crew` read the interval rows: an edited, deleted or
    emptied row makes them answer from the events (what a clean file answers), and a
    row that fails its check is said first on stderr."""
    at = ("2023-01-20", "2023-02-12", "2023-04-01", "2023-10-01", "2099-01-01")
    queries = [(verb, *args, "--at", when) for when in at for verb, *args in
               (("state", "Soyuz MS-22"), ("station", "ISS"), ("crew",))]
    expected = [json_of(*query, "--db", str(pristine)) for query in queries]
    INTERVAL_EDITS[damage](iss)
    assert [json_of(*query, "--db", str(iss)) for query in queries] == expected
    if damage not in ("interval-tables-emptied",):
        stderr = "".join(cli(*query, "--db", str(iss)).stderr for query in queries)
        assert stderr.startswith("warning: ") and "answering from the events" in stderr


@pytest.mark.parametrize("damage", ["interval-vehicle-state", "interval-person-ride"])
def test_plain_verify_checks_the_seals_of_interval_rows(iss: Path, damage: str) -> None:
    INTERVAL_EDITS[damage](iss)
    result = cli("verify", "--db", str(iss))
    assert result.exit_code == 7, result.stdout
    assert "state interval row" in result.stderr


def test_resealed_forged_interval_rows_are_caught_by_verify_deep(iss: Path) -> None:
    """A forger who knows the seal format reseals the rows: verify --deep rebuilds them
    from the events and they differ."""
    from missionlog.store.state_intervals import row_seal

    edit_interval_rows(iss, "v", "Soyuz MS-22", status="docked", station="ISS",
                       port="Rassvet nadir", leaks=[])
    connection = sqlite3.connect(str(iss), isolation_level=None)
    for kind, name, start, end, position, state in connection.execute(
            "SELECT kind, name, valid_from, valid_to, position, state FROM state_intervals "
            "WHERE kind = 'v' AND name = 'Soyuz MS-22'").fetchall():
        connection.execute("UPDATE state_intervals SET seal = ? WHERE kind = ? AND name = ? "
                           "AND valid_from = ?",
                           [row_seal(kind, name, start, end, position, state), kind, name,
                            start])
    connection.close()
    assert cli("verify", "--db", str(iss)).exit_code == 0
    result = cli("verify", "--deep", "--db", str(iss))
    assert result.exit_code == 7 and "state_intervals" in result.stderr


def test_a_resealed_forged_checkpoint_is_caught_by_verify_deep(iss: Path) -> None:
    """A forger who knows the seal format recomputes it; the deep rebuild still differs."""
    from missionlog.store.derived import checkpoint_seal

    edit_checkpoint_ride_home(iss)
    connection = sqlite3.connect(str(iss), isolation_level=None)
    rows = connection.execute("SELECT id, occurred_at, position, log_position, recorded_at, "
                              "state FROM checkpoints").fetchall()
    for row_id, occurred_at, position, log_position, recorded_at, state in rows:
        chain = connection.execute("SELECT hash FROM events WHERE position = ?",
                                   [log_position]).fetchone()[0]
        connection.execute("UPDATE checkpoints SET seal = ? WHERE id = ?", [checkpoint_seal(
            chain, occurred_at, position, log_position, recorded_at, state), row_id])
    connection.close()
    assert cli("verify", "--db", str(iss)).exit_code == 0
    result = cli("verify", "--deep", "--db", str(iss))
    assert result.exit_code == 7 and "checkpoints" in result.stderr


@pytest.mark.parametrize("damage", ["checkpoint-state", "checkpoints-deleted",
                                    "archive-deleted", "every-derived-table-dropped-rows"])
def test_the_next_append_rebuilds_the_damage_it_finds(iss: Path, damage: str) -> None:
    """An append checks the checkpoint it starts from and the archive's row count."""
    DERIVED_EDITS[damage](iss)
    appended = cli("append", "note", "--text", "shift change", "--subject", "ISS", "--at",
                   "2023-10-01T00:00:00Z", "--db", str(iss))
    assert appended.exit_code == 0, appended.stderr
    deep = cli("verify", "--deep", "--db", str(iss))
    assert deep.exit_code == 0, deep.stderr
    assert warned(iss) == ""


@pytest.mark.parametrize("damage", list(DERIVED_EDITS))
def test_verify_repair_rebuilds_every_derived_table(iss: Path, damage: str) -> None:
    DERIVED_EDITS[damage](iss)
    repaired = cli("verify", "--repair", "--deep", "--db", str(iss))
    assert repaired.exit_code == 0, repaired.stderr
    assert "rebuilt the derived tables" in repaired.stderr
    assert cli("verify", "--deep", "--db", str(iss)).exit_code == 0
    assert warned(iss) == ""


def test_verify_repair_refuses_to_rebuild_from_an_edited_chain(iss: Path) -> None:
    edit(iss, "DROP TRIGGER events_no_update",
         "UPDATE events SET body = replace(body, 'coolant', 'propellant') WHERE position = 37")
    result = cli("verify", "--repair", "--db", str(iss))  # 37: Soyuz MS-22's coolant leak
    assert result.exit_code == 7 and "position 37" in result.stderr


# ---- the events table: defect 9 ----------------------------------------------------------


def rechain(db: Path, change: str | None = None) -> None:
    """What a forger holding the file does: drop the guards, edit, recompute every hash."""
    connection = sqlite3.connect(str(db), isolation_level=None)
    for trigger in ("events_no_update", "events_no_delete"):
        connection.execute(f"DROP TRIGGER {trigger}")
    if change:
        connection.execute(change)
    previous = GENESIS
    rows = connection.execute("SELECT position, stream, version, recorded_at, schema_version, "
                              "body, recorded_by FROM events ORDER BY position").fetchall()
    for position, stream, version, recorded_at, schema_version, body, recorded_by in rows:
        previous = chain_hash(previous, position, stream, version, recorded_at, body.encode(),
                              schema_version, recorded_by)
        connection.execute("UPDATE events SET hash = ? WHERE position = ?", [previous, position])
    from missionlog.store.schema import EVENTS_DDL

    for statement in EVENTS_DDL.split("CREATE TRIGGER")[1:]:
        connection.execute("CREATE TRIGGER " + statement.strip())
    connection.close()


def test_schema_version_is_covered_by_the_hash(iss: Path) -> None:
    edit(iss, "DROP TRIGGER events_no_update",
         "UPDATE events SET schema_version = 2 WHERE position = 40")
    edit(iss, "CREATE TRIGGER events_no_update BEFORE UPDATE ON events\nBEGIN SELECT "
              "RAISE(ABORT, 'events are append-only: record a correction instead'); END")
    result = cli("verify", "--db", str(iss))
    assert result.exit_code == 7 and "position 40" in result.stderr


@pytest.mark.parametrize("trigger", ["events_no_update", "events_no_delete",
                                     "events_next_version", "events_new_event_id",
                                     "events_next_position"])
def test_verify_fails_when_a_guard_trigger_is_missing(iss: Path, trigger: str) -> None:
    edit(iss, f"DROP TRIGGER {trigger}")
    result = cli("verify", "--db", str(iss))
    assert result.exit_code == 7 and trigger in result.stderr
    assert warned(iss).startswith(f"warning: trigger {trigger} is missing")


def test_verify_fails_when_a_guard_trigger_is_replaced_by_a_harmless_one(iss: Path) -> None:
    edit(iss, "DROP TRIGGER events_no_delete",
         "CREATE TRIGGER events_no_delete BEFORE DELETE ON events BEGIN SELECT 1; END")
    result = cli("verify", "--db", str(iss))
    assert result.exit_code == 7 and "events_no_delete was altered" in result.stderr


def test_a_recorded_at_running_backwards_is_caught_even_with_recomputed_hashes(
    iss: Path,
) -> None:
    rechain(iss, "UPDATE events SET recorded_at = '2000-01-01T00:00:00.000000Z' "
                 "WHERE position = 50")
    result = cli("verify", "--db", str(iss))
    assert result.exit_code == 7
    assert "position 50" in result.stderr and "backwards" in result.stderr


# ---- anchors -----------------------------------------------------------------------------


def append_notes(db: Path, *texts: str) -> None:
    for index, text in enumerate(texts):
        result = cli("append", "note", "--text", text, "--subject", "ISS", "--at",
                     f"2023-10-0{index + 1}T00:00:00Z", "--db", str(db))
        assert result.exit_code == 0, result.stderr


def cut_tail(db: Path, count: int) -> None:
    """Delete the last COUNT events behind missionlog's back, guards put back after."""
    edit(db, "DROP TRIGGER events_no_delete",
         f"DELETE FROM events WHERE position > (SELECT MAX(position) - {count} FROM events)")
    edit(db, "CREATE TRIGGER events_no_delete BEFORE DELETE ON events\nBEGIN SELECT "
             "RAISE(ABORT, 'events are append-only: record a retraction instead'); END")


def events_after_newest_checkpoint(db: Path) -> int:
    connection = sqlite3.connect(str(db))
    (last,) = connection.execute("SELECT MAX(position) FROM events").fetchone()
    (checkpointed,) = connection.execute(
        "SELECT COALESCE(MAX(log_position), 0) FROM checkpoints").fetchone()
    connection.close()
    return int(last) - int(checkpointed)


@pytest.fixture
def anchored(iss: Path, tmp_path: Path) -> tuple[Path, Path, str]:
    append_notes(iss, "shift 1", "shift 2", "shift 3")
    # Keep the three newest events clear of any checkpoint, whatever the bundled log's
    # size, so that cutting them takes no derived row's event with it.
    for extra in range(1, 21):  # in order (after the log's end), so no re-fold checkpoints
        if events_after_newest_checkpoint(iss) >= 3:
            break
        result = cli("append", "note", "--text", f"handover {extra}", "--subject", "ISS",
                     "--at", f"2023-11-{extra:02d}T00:00:00Z", "--db", str(iss))
        assert result.exit_code == 0, result.stderr
    assert events_after_newest_checkpoint(iss) >= 3
    key = tmp_path / "ops.key"
    created = cli("key", "create", "--out", str(key))
    assert created.exit_code == 0, created.stderr
    public = created.stdout.split("public key ")[1].strip()
    anchor = tmp_path / "head-110.json"
    made = cli("anchor", "--out", str(anchor), "--key", str(key), "--db", str(iss))
    assert made.exit_code == 0, made.stderr
    return iss, anchor, public


def test_head_prints_the_position_and_hash_of_the_newest_event(iss: Path) -> None:
    head = json_of("head", "--db", str(iss))
    connection = sqlite3.connect(str(iss))
    last = connection.execute("SELECT position, hash FROM events ORDER BY position DESC "
                              "LIMIT 1").fetchone()
    connection.close()
    assert (head["position"], head["hash"]) == last
    assert cli("head", "--db", str(iss)).stdout == f"position {last[0]}\nhash {last[1]}\n"


def test_an_anchor_holds_while_the_log_only_grows(anchored: tuple[Path, Path, str]) -> None:
    db, anchor, public = anchored
    assert cli("append", "note", "--text", "later", "--at", "2023-10-01T00:00:00Z",
               "--db", str(db)).exit_code == 0
    result = cli("verify", "--anchor", str(anchor), "--trusted-key", public, "--db", str(db))
    assert result.exit_code == 0, result.stderr
    assert "1 anchors match" in result.stdout


def test_a_cut_tail_passes_plain_verify_but_not_the_anchor(
    anchored: tuple[Path, Path, str],
) -> None:
    db, anchor, _ = anchored
    cut_tail(db, 3)
    assert cli("verify", "--db", str(db)).exit_code == 0
    result = cli("verify", "--anchor", str(anchor), "--db", str(db))
    assert result.exit_code == 7
    assert str(anchor) in result.stderr and "tail was cut" in result.stderr


def test_a_cut_that_takes_a_checkpointed_event_fails_plain_verify(iss: Path) -> None:
    append_notes(iss, "shift 1")
    cut_tail(iss, events_after_newest_checkpoint(iss) + 1)
    assert cli("verify", "--db", str(iss)).exit_code == 7


def test_a_log_rewritten_whole_passes_plain_verify_but_not_the_anchor(
    anchored: tuple[Path, Path, str],
) -> None:
    db, anchor, _ = anchored
    rechain(db, "UPDATE events SET body = replace(body, '\"major\"', '\"minor\"') "
                "WHERE event_id = 'soyuz-ms-22-coolant-leak'")
    # the checkpoints' seals name the old chain: the forger rebuilds them too
    assert cli("verify", "--db", str(db)).exit_code == 7
    repaired = cli("verify", "--repair", "--db", str(db))
    assert repaired.exit_code == 0, repaired.stderr
    result = cli("verify", "--anchor", str(anchor), "--db", str(db))
    assert result.exit_code == 7 and "rewritten" in result.stderr


def test_the_first_anchor_that_no_longer_matches_is_named(
    anchored: tuple[Path, Path, str], tmp_path: Path
) -> None:
    db, early, _ = anchored
    append_notes(db, "shift 4")
    late = tmp_path / "late.json"
    assert cli("anchor", "--out", str(late), "--key", str(tmp_path / "ops.key"),
               "--db", str(db)).exit_code == 0
    cut_tail(db, 1)
    result = cli("verify", "--anchor", str(early), "--anchor", str(late), "--db", str(db))
    assert result.exit_code == 7
    assert str(late) in result.stderr and str(early) not in result.stderr


def test_an_edited_anchor_or_another_key_is_refused(
    anchored: tuple[Path, Path, str], tmp_path: Path
) -> None:
    db, anchor, public = anchored
    assert cli("verify", "--anchor", str(anchor), "--trusted-key", public,
               "--db", str(db)).exit_code == 0
    forged = tmp_path / "forged.json"
    content = json.loads(anchor.read_text())
    content["position"] = 3
    forged.write_text(json.dumps(content))
    result = cli("verify", "--anchor", str(forged), "--db", str(db))
    assert result.exit_code == 7 and "signature" in result.stderr
    other = cli("verify", "--anchor", str(anchor), "--trusted-key", "00" * 32, "--db", str(db))
    assert other.exit_code == 7 and "not the trusted key" in other.stderr


def test_key_create_never_overwrites_a_key(tmp_path: Path) -> None:
    key = tmp_path / "k.pem"
    assert cli("key", "create", "--out", str(key)).exit_code == 0
    before = key.read_bytes()
    again = cli("key", "create", "--out", str(key))
    assert again.exit_code == 8 and "already exists" in again.stderr
    assert key.read_bytes() == before
    assert key.stat().st_mode & 0o077 == 0


# ---- export carries hashes; import checks them --------------------------------------------


def test_an_export_carries_each_events_hash_and_reimports_into_a_fresh_log(
    iss: Path, tmp_path: Path
) -> None:
    exported = cli("export", "--db", str(iss)).stdout_bytes
    lines = [json.loads(line) for line in exported.splitlines()]
    assert all(len(line["hash"]) == 64 for line in lines)
    copy = tmp_path / "copy.db"
    assert cli("import", "-", "--init", "--db", str(copy), input=exported).exit_code == 0
    assert cli("export", "--db", str(copy)).stdout_bytes == exported


def test_an_export_edited_after_export_is_refused_on_import(iss: Path, tmp_path: Path) -> None:
    exported = cli("export", "--db", str(iss)).stdout.splitlines()
    line = json.loads(exported[36])  # Soyuz MS-22's coolant leak
    line["system"] = "propellant"
    exported[36] = json.dumps(line)
    copy = tmp_path / "copy.db"
    cli("init", "--db", str(copy))
    result = cli("import", "-", "--db", str(copy), input="\n".join(exported) + "\n")
    assert result.exit_code == 7
    assert "line 37" in result.stderr and "hash" in result.stderr
    assert cli("head", "--db", str(copy), "--json").stdout.startswith('{\n  "position": 0')


# ---- backup ------------------------------------------------------------------------------


def test_backup_includes_what_is_still_in_the_wal_file(iss: Path, tmp_path: Path) -> None:
    with MissionLog.open(iss) as log:  # held open: the new events stay in the -wal file
        log.append([{"type": "note", "text": f"n{index}", "occurred_at":
                     "2023-10-01T00:00:00Z"} for index in range(5)])
        count = log.head()["position"]
        only_db = tmp_path / "only-db.db"
        shutil.copy(iss, only_db)
        out = tmp_path / "backup.db"
        result = cli("backup", "--out", str(out), "--db", str(iss))
        assert result.exit_code == 0, result.stderr
        assert not Path(f"{out}-wal").exists()  # one self-contained file
    assert cli("verify", "--db", str(out)).stdout.startswith(f"ok: {count} events")
    copied = sqlite3.connect(str(only_db)).execute("SELECT COUNT(*) FROM events").fetchone()[0]
    assert copied < count  # why docs/design.md says the -wal file is part of the log
