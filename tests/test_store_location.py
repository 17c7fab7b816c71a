"""What `--db` names (a SQLite file, a sqlite:/// URL, a PostgreSQL URL), and how the
store's SQLite SQL reads on PostgreSQL."""

from __future__ import annotations

from pathlib import Path

import pytest

from missionlog.store.location import postgres_url, shown_url, sqlite_path


@pytest.mark.parametrize(("db", "url"), [
    ("postgresql://root@127.0.0.1:5432/test?schema=iss",
     "postgresql://root@127.0.0.1:5432/test?schema=iss"),
    ("postgres://h/db", "postgresql://h/db"),
    (Path("postgresql://h/db"), "postgresql://h/db"),  # a Path folds the //
    ("missionlog.db", None),
    ("sqlite:///x.db", None),
    ("http://127.0.0.1:8000", None),
])
def test_a_postgresql_url_is_told_from_a_file(db: str | Path, url: str | None) -> None:
    assert postgres_url(db) == url


@pytest.mark.parametrize(("db", "path"), [
    ("sqlite:///rel/x.db", "rel/x.db"),
    ("sqlite:////abs/x.db", "/abs/x.db"),
    ("plain.db", "plain.db"),
])
def test_a_sqlite_url_names_its_file_as_sqlalchemy_does(db: str, path: str) -> None:
    assert sqlite_path(db) == Path(path)


def test_a_password_is_never_shown() -> None:
    assert shown_url("postgresql://ops:s3cret@h/db") == "postgresql://ops:***@h/db"


def test_the_sqlite_isms_the_store_uses_read_as_postgresql() -> None:
    pg = pytest.importorskip("missionlog.store.pg")
    assert pg.translate("SELECT body ->> '$.retracts' FROM events WHERE a = ? AND b LIKE '5%'"
                        ) == ("SELECT (body::json ->> 'retracts') FROM events WHERE a = %s "
                              "AND b LIKE '5%%'")
    assert pg.translate(
        "SELECT 1 FROM json_each(events.body, '$.aliases') WHERE value = ?"
    ) == "SELECT 1 FROM json_array_elements_text(events.body::json -> 'aliases') AS j(value) " \
         "WHERE value = %s"
    assert pg.translate(
        "INSERT OR REPLACE INTO retired_vehicles (name, occurred_at, position, state, seal) "
        "VALUES (?, ?, ?, ?, ?)"
    ) == ("INSERT INTO retired_vehicles (name, occurred_at, position, state, seal) VALUES "
          "(%s, %s, %s, %s, %s) ON CONFLICT (name) DO UPDATE SET occurred_at = "
          "EXCLUDED.occurred_at, position = EXCLUDED.position, state = EXCLUDED.state, "
          "seal = EXCLUDED.seal")
    assert pg.translate(
        "INSERT OR IGNORE INTO retired_aliases (alias, name) VALUES (?, ?)"
    ) == "INSERT INTO retired_aliases (alias, name) VALUES (%s, %s) ON CONFLICT DO NOTHING"


def test_a_sqlite_log_never_imports_psycopg(tmp_path: Path) -> None:
    import subprocess
    import sys

    script = ("import sys\nfrom missionlog import MissionLog\n"
              f"with MissionLog.open({str(tmp_path / 'x.db')!r}, create=True) as log:\n"
              "    log.append([{'type': 'note', 'occurred_at': '2023-01-01T00:00:00Z', "
              "'text': 'x'}])\n    log.verify()\n"
              "print(sorted(m for m in sys.modules if m.startswith('psycopg')))")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          check=True)
    assert done.stdout.strip() == "[]"
