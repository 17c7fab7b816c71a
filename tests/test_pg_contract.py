"""The append-only contract on PostgreSQL, enforced by the database itself: what anyone
with a SQL session (psql, a script) meets, not only missionlog; and what `verify` says
when a superuser goes around the guards. (The same on SQLite: test_store_append_only.py
and test_hardening_tamper.py.)"""

from __future__ import annotations

import json
import secrets
from collections.abc import Iterator
from typing import Any

import psycopg
import pytest
from pgkit import admin, fresh_schema, schema_of
from strategies import SEED_STORY
from typer.testing import CliRunner, Result

from missionlog import MissionLog, MissionLogError
from missionlog.bundled import bundled_log_path
from missionlog.cli import app
from missionlog.store.chain import GENESIS, chain_hash

errors = psycopg.errors

COLUMNS = "position, event_id, stream, version, type, occurred_at, recorded_at, body, hash"


def cli(*args: str) -> Result:
    return CliRunner().invoke(app, list(args), prog_name="missionlog", env={"COLUMNS": "250"})


@pytest.fixture
def url() -> Iterator[str]:
    with fresh_schema() as found, MissionLog.open(found, create=True) as log:
        log.append(list(SEED_STORY))
        log.close()
        yield found


@pytest.fixture
def sql(url: str) -> Iterator[Any]:
    """A superuser's session on the log's schema, as psql would give."""
    with admin() as conn:
        conn.execute(f"SET search_path = {schema_of(url)}")
        yield conn


def rows(conn: Any) -> list[tuple[Any, ...]]:
    return list(conn.execute(f"SELECT {COLUMNS} FROM events ORDER BY position").fetchall())


# ---- what the database refuses -----------------------------------------------------------


@pytest.mark.parametrize("statement", [
    "UPDATE events SET body = replace(body, 'coolant', 'propellant') WHERE position = 16",
    "UPDATE events SET hash = hash",
    "DELETE FROM events WHERE position = 16",
    "DELETE FROM events",
    "TRUNCATE events",
    f"INSERT INTO events ({COLUMNS}) SELECT {COLUMNS} FROM events WHERE position = 16 "
    "ON CONFLICT (position) DO UPDATE SET body = excluded.body",
])
def test_editing_or_deleting_a_stored_event_is_refused_even_to_its_owner(
    sql: Any, statement: str
) -> None:
    before = rows(sql)
    with pytest.raises(errors.RaiseException, match="append-only"):
        sql.execute(statement)
    assert rows(sql) == before


@pytest.mark.parametrize("statement", [
    # a new position and the next version, but an event_id the log already has
    f"INSERT INTO events ({COLUMNS}) SELECT 17, event_id, stream, "
    "(SELECT MAX(version) + 1 FROM events WHERE stream = 'ISS'), type, occurred_at, "
    "recorded_at, body, hash FROM events WHERE position = 1",
    # the next position, but a (stream, version) the log already has
    f"INSERT INTO events ({COLUMNS}) SELECT 17, 'new-id', stream, version, type, "
    "occurred_at, recorded_at, body, hash FROM events WHERE position = 16",
], ids=["reused-event-id", "reused-stream-version"])
def test_a_reused_id_or_stream_version_is_refused(url: str, sql: Any, statement: str) -> None:
    before = rows(sql)
    with pytest.raises(errors.UniqueViolation):
        sql.execute(statement)
    assert rows(sql) == before
    assert cli("verify", "--db", url).exit_code == 0


def test_an_insert_or_copy_that_skips_a_version_or_a_position_is_refused(sql: Any) -> None:
    with pytest.raises(errors.RaiseException, match="version"):
        sql.execute(f"INSERT INTO events ({COLUMNS}) SELECT 17, 'gap-v', stream, version + 5, "
                    "type, occurred_at, recorded_at, body, hash FROM events WHERE position = 16")
    with pytest.raises(errors.RaiseException, match="position"):
        sql.execute(f"INSERT INTO events ({COLUMNS}) SELECT 20, 'gap-p', 'log', 1, type, "
                    "occurred_at, recorded_at, body, hash FROM events WHERE position = 16")
    last = rows(sql)[-1]
    with pytest.raises(errors.RaiseException, match="position"), sql.transaction(), \
            sql.cursor() as cursor, cursor.copy(f"COPY events ({COLUMNS}) FROM STDIN") as copy:
        copy.write_row((last[0] + 2, "gap-copy", "log", 1, *last[4:]))
    assert len(rows(sql)) == len(SEED_STORY)


def test_a_writer_role_granted_insert_and_select_appends_but_cannot_edit(url: str) -> None:
    """The role the service and the CLI can write with (README: PostgreSQL): refused any
    UPDATE, DELETE or TRUNCATE by its privileges, before any trigger."""
    from missionlog.store.pg_ddl import writer_grants

    role, schema = f"writer_pg_{secrets.token_hex(4)}", schema_of(url)
    with admin() as conn:
        conn.execute(f"CREATE ROLE {role} LOGIN")
        try:
            for statement in writer_grants(schema, role):
                conn.execute(statement)
            as_role = url.replace("//root@", f"//{role}@")
            with MissionLog.open(as_role) as log:
                log.append([{"type": "note", "occurred_at": "2023-03-01T00:00:00Z",
                             "text": "appended by the writer role"}])
            assert cli("verify", "--deep", "--db", as_role).exit_code == 0
            with psycopg.connect(as_role.split("?")[0], autocommit=True,
                                 options=f"-c search_path={schema}") as writer:
                for statement in ("UPDATE events SET hash = hash", "DELETE FROM events",
                                  "TRUNCATE events"):
                    with pytest.raises(errors.InsufficientPrivilege):
                        writer.execute(statement)
        finally:
            conn.execute(f"DROP OWNED BY {role}")
            conn.execute(f"DROP ROLE {role}")


def test_a_log_opened_read_only_refuses_an_append(url: str) -> None:
    with MissionLog.open(url, read_only=True) as log, pytest.raises(MissionLogError):
        log.store.append([])
    result = cli("append", "note", "--text", "x", "--subject", "ISS", "--at",
                 "2023-03-01T00:00:00Z", "--db", url)
    assert result.exit_code == 0, result.stderr  # the ordinary write path still works


# ---- what verify says when a superuser goes around the guards ----------------------------


def replica(sql: Any, *statements: str) -> None:
    """A superuser's edit with triggers switched off for the session (what
    pg_restore-like tools and replication do): no trigger fires."""
    sql.execute("SET session_replication_role = replica")
    for statement in statements:
        sql.execute(statement)
    sql.execute("SET session_replication_role = DEFAULT")


def test_an_edit_that_bypasses_the_triggers_is_caught_by_verify_at_its_position(
    url: str, sql: Any
) -> None:
    replica(sql, "UPDATE events SET body = replace(body, '\"major\"', '\"minor\"') "
                 "WHERE position = 10")
    result = cli("verify", "--db", url)
    assert result.exit_code == 7
    assert "position 10" in result.stderr and result.stderr.count("\n") == 1


def test_a_deleted_event_is_caught_by_verify(url: str, sql: Any) -> None:
    replica(sql, "DELETE FROM events WHERE position = 5")
    result = cli("verify", "--db", url)
    assert result.exit_code == 7 and "position 5" in result.stderr


def test_a_rechained_log_with_recorded_at_running_backwards_is_caught(
    url: str, sql: Any
) -> None:
    """A forger who recomputes every hash after the edit."""
    replica(sql, "UPDATE events SET recorded_at = '2000-01-01T00:00:00.000000Z' "
                 "WHERE position = 12")
    previous = GENESIS
    for position, stream, version, recorded_at, schema_version, body, by in sql.execute(
            "SELECT position, stream, version, recorded_at, schema_version, body, recorded_by "
            "FROM events ORDER BY position").fetchall():
        previous = chain_hash(previous, position, stream, version, recorded_at, body.encode(),
                              schema_version, by)
        replica(sql, f"UPDATE events SET hash = '{previous}' WHERE position = {position}")
    result = cli("verify", "--db", url)
    assert result.exit_code == 7
    assert "position 12" in result.stderr and "backwards" in result.stderr


@pytest.mark.parametrize(("statement", "said"), [
    ("ALTER TABLE events DISABLE TRIGGER events_no_update", "events_no_update is disabled"),
    ("ALTER TABLE events DISABLE TRIGGER ALL", "is disabled"),
    ("DROP TRIGGER events_gap_free ON events", "events_gap_free is missing"),
    ("CREATE OR REPLACE FUNCTION events_append_only() RETURNS trigger LANGUAGE plpgsql "
     "AS $$ BEGIN RETURN OLD; END $$", "was altered"),
    ("CREATE TRIGGER events_audit AFTER INSERT ON events FOR EACH ROW EXECUTE FUNCTION "
     "events_append_only()", "unexpected trigger events_audit"),
])
def test_verify_and_every_command_say_when_a_guard_is_off(
    url: str, sql: Any, statement: str, said: str
) -> None:
    sql.execute(statement)
    result = cli("verify", "--db", url)
    assert result.exit_code == 7 and said in result.stderr
    warned = cli("station", "ISS", "--db", url).stderr
    assert warned.startswith("warning: ") and said in warned


# ---- derived tables (checkpoints, archive, projections) ----------------------------------


@pytest.fixture
def bundled(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """The bundled ISS log with a checkpoint every 20 events: rows in every table."""
    monkeypatch.setattr("missionlog.store.writer.CHECKPOINT_EVERY", 20)
    with fresh_schema() as found:
        with MissionLog.open(found, create=True) as log:
            log.import_lines(bundled_log_path().read_bytes().splitlines())
        yield found


def test_damaged_derived_rows_are_caught_answered_around_and_repaired(bundled: str) -> None:
    expected = cli("station", "ISS", "--at", "2023-02-12", "--json", "--db", bundled).stdout
    with admin() as conn:
        conn.execute(f"SET search_path = {schema_of(bundled)}")
        state = json.loads(conn.execute(
            "SELECT state FROM retired_vehicles WHERE name = 'Soyuz MS-22'").fetchone()[0])
        state.update(status="docked", station="ISS", port="Rassvet nadir", leaks=[])
        conn.execute("UPDATE retired_vehicles SET state = %s WHERE name = 'Soyuz MS-22'",
                     [json.dumps(state).encode()])
        conn.execute("UPDATE port_stays SET port = 'Zvezda aft' "
                     "WHERE vehicle = 'Progress MS-21'")
        assert conn.execute("SELECT COUNT(*) FROM checkpoints").fetchone()[0] > 0
    answered = cli("station", "ISS", "--at", "2023-02-12", "--json", "--db", bundled)
    assert answered.stdout == expected
    verify = cli("verify", "--db", bundled)
    assert verify.exit_code == 7 and "Soyuz MS-22" in verify.stderr
    repaired = cli("verify", "--repair", "--db", bundled)
    assert repaired.exit_code == 0, repaired.stderr
    with admin() as conn:  # seals do not cover the projections: --deep does
        conn.execute(f"UPDATE {schema_of(bundled)}.port_stays SET port = 'Zvezda aft' "
                     "WHERE vehicle = 'Progress MS-21'")
    deep = cli("verify", "--deep", "--db", bundled)
    assert deep.exit_code == 7 and "derived table port_stays differs" in deep.stderr
    assert cli("verify", "--repair", "--deep", "--db", bundled).exit_code == 0
    assert cli("verify", "--deep", "--db", bundled).exit_code == 0


def test_the_readme_grants_what_the_writer_role_test_grants() -> None:
    import re
    from pathlib import Path

    from missionlog.store.pg_ddl import writer_grants

    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text()
    block = re.findall(r"```sql\n(.*?)```", readme, flags=re.S)[0]
    statements = [" ".join(s.split()) for s in block.split(";") if s.strip()]
    assert statements[0].startswith("CREATE ROLE missionlog_writer LOGIN")
    assert statements[1:] == writer_grants("iss", "missionlog_writer")
