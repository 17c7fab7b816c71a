"""Real PostgreSQL for the tests: a fresh schema per log, dropped afterwards.

The server is the one on 127.0.0.1:5432 (or $MISSIONLOG_TEST_PG, an admin URL). Without
it the PostgreSQL tests skip, unless MISSIONLOG_REQUIRE_POSTGRES=1 (set by .ci/run),
where they fail instead.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest

ADMIN_URL = os.environ.get("MISSIONLOG_TEST_PG", "postgresql://root@127.0.0.1:5432/test")


def admin() -> Any:
    """An autocommit connection to the test database (skip or fail without a server)."""
    import psycopg

    try:
        return psycopg.connect(ADMIN_URL, autocommit=True, connect_timeout=5)
    except psycopg.OperationalError as exc:
        if os.environ.get("MISSIONLOG_REQUIRE_POSTGRES") == "1":
            pytest.fail(f"PostgreSQL at {ADMIN_URL} is unreachable: {exc}")
        pytest.skip(f"PostgreSQL at {ADMIN_URL} is unreachable")


def url_for(schema: str) -> str:
    return f"{ADMIN_URL}?schema={schema}"


def schema_of(url: Any) -> str:
    return str(url).rsplit("schema=", 1)[1]


@contextmanager
def fresh_schema(prefix: str = "t_pg") -> Iterator[str]:
    """The URL of a log in a new, empty schema of its own; the schema is dropped after."""
    schema = f"{prefix}_{secrets.token_hex(6)}"
    try:
        yield url_for(schema)
    finally:
        drop_schema(schema)


def drop_schema(schema: str) -> None:
    from psycopg import sql

    with admin() as conn:
        # Sessions a killed or crashed test left behind would hold the drop up: end them.
        conn.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                     "WHERE application_name = %s", [f"missionlog {schema}"])
        conn.execute(sql.SQL("DROP SCHEMA IF EXISTS {} CASCADE").format(sql.Identifier(schema)))


def fingerprint(url: Any) -> str:
    """Everything the log's schema holds (every table, every row, in a fixed order): two
    equal fingerprints mean not one value changed."""
    from psycopg import sql

    schema = schema_of(url)
    out: list[str] = []
    with admin() as conn:
        tables = [row[0] for row in conn.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = %s "
            "ORDER BY table_name", [schema]).fetchall()]
        for table in tables:
            query = sql.SQL("SELECT * FROM {}.{}").format(
                sql.Identifier(schema), sql.Identifier(table))
            rows = sorted(repr(row) for row in conn.execute(query).fetchall())
            out.append(f"{table}: {rows}")
    return "\n".join(out)
