"""PostgreSQL behind the store's `Db`: the same store (planning, writer, reads, checks,
hash chain) on a PostgreSQL database, selected by a `postgresql://` URL.

The store's SQL is written once, in SQLite's dialect; `translate` turns the few
SQLite-isms it uses into PostgreSQL (qmark placeholders, `->> '$.key'`, `json_each`,
`INSERT OR REPLACE/IGNORE`) once per statement text, and a many-row plain INSERT is
sent as COPY. Everything else that differs lives here: connecting (a `schema=NAME`
query parameter picks the log's schema; libpq never sees it), creating the schema
(pg_ddl.py), the write lock, the trigger check and the commit notification that
followers LISTEN for. Only imported when a PostgreSQL URL is used.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import psycopg
from psycopg import errors, sql
from psycopg.pq import TransactionStatus

from missionlog.errors import StoreError
from missionlog.store import pg_ddl
from missionlog.store.connection import Db, OpenMode
from missionlog.store.location import shown_url

COPY_AT = 50  # an executemany of this many plain INSERT rows goes through COPY
_SCHEMA_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,62}")


# ---- the URL -------------------------------------------------------------------------


def split_url(url: str) -> tuple[str, str | None]:
    """(libpq URL, schema): the `schema` query parameter is missionlog's own."""
    parts = urlsplit(url)
    query = parse_qsl(parts.query, keep_blank_values=True)
    schema = next((value for key, value in query if key == "schema"), None)
    if schema is not None and not _SCHEMA_NAME.fullmatch(schema):
        raise StoreError(f"schema: {schema!r} is not a plain PostgreSQL name "
                         "(letters, digits and _, at most 63)")
    rest = urlencode([(key, value) for key, value in query if key != "schema"])
    return urlunsplit(parts._replace(query=rest)), schema


# ---- SQLite's SQL in PostgreSQL ------------------------------------------------------

_UPSERT = re.compile(r"\s*INSERT OR (REPLACE|IGNORE) INTO (\w+) \(([^)]*)\)(.*)$", re.DOTALL)
_JSON_TEXT = re.compile(r"([\w.]+) ->> '\$\.(\w+)'")
_JSON_EACH = re.compile(r"json_each\(([\w.]+), '\$\.(\w+)'\)(?: AS (\w+))?")
_PLAIN_INSERT = re.compile(r"\s*INSERT INTO (\w+) \(([^)]*)\) VALUES \([?, ]*\)\s*$")


@functools.lru_cache(maxsize=1024)
def translate(statement: str) -> str:
    """STATEMENT (SQLite's dialect, as the store writes it) in PostgreSQL's."""
    if statement.strip() == "PRAGMA data_version":
        # "has another connection committed since?": the snapshot (xmin, xmax and the
        # transactions in progress) changes whenever any transaction commits.
        return "SELECT hashtextextended(pg_current_snapshot()::text, 0)"
    text = statement.replace("%", "%%")
    upsert = _UPSERT.match(text)
    if upsert is not None:
        verb, table, columns, rest = upsert.groups()
        names = [c.strip() for c in columns.split(",")]
        keys = pg_ddl.CONFLICT_KEYS[table]
        updates = [f"{c} = EXCLUDED.{c}" for c in names if c not in keys]
        action = (f"({', '.join(keys)}) DO UPDATE SET {', '.join(updates)}"
                  if verb == "REPLACE" and updates else "DO NOTHING")
        text = f"INSERT INTO {table} ({columns}){rest.rstrip()} ON CONFLICT {action}"
    text = _JSON_TEXT.sub(r"(\1::json ->> '\2')", text)
    text = _JSON_EACH.sub(
        lambda m: f"json_array_elements_text({m[1]}::json -> '{m[2]}') AS {m[3] or 'j'}(value)",
        text,
    )
    return text.replace("?", "%s")


class PgConnection:
    """The calls the store makes on a sqlite3 connection, on a psycopg one."""

    def __init__(self, raw: psycopg.Connection[Any]) -> None:
        self.raw = raw

    def execute(self, statement: str, parameters: Sequence[Any] = ()) -> psycopg.Cursor[Any]:
        return self.raw.execute(translate(statement), list(parameters))

    def executemany(self, statement: str, rows: Iterable[Sequence[Any]]) -> None:
        rows = rows if isinstance(rows, list) else list(rows)
        if not rows:
            return
        plain = _PLAIN_INSERT.match(statement)
        with self.raw.cursor() as cursor:
            if plain is not None and len(rows) >= COPY_AT:
                table, columns = plain.groups()
                with cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row(row)
            else:
                cursor.executemany(translate(statement), rows)

    def close(self) -> None:
        self.raw.close()


class PgDb(Db):
    """A missionlog in a PostgreSQL schema."""

    __slots__ = ("channel", "lock_key", "url")
    kind = "postgresql"
    conn: PgConnection

    def __init__(self, raw: psycopg.Connection[Any], url: str) -> None:
        super().__init__(PgConnection(raw))
        self.url = url
        oid = int(raw.execute("SELECT 'events'::regclass::oid::int8").fetchone()[0])  # type: ignore[index]
        # Advisory locks and channels are per database; the table's oid names this log.
        self.lock_key = oid
        self.channel = f"missionlog_{oid}"

    def has_table(self, name: str) -> bool:
        row = self.conn.raw.execute("SELECT to_regclass(%s) IS NOT NULL", [name]).fetchone()
        return bool(row and row[0])

    def transaction(self) -> Any:
        return self.conn.raw.transaction()

    @contextmanager
    def writing(self) -> Iterator[None]:
        """One write transaction: writers queue on the log's advisory lock, so each reads
        the committed end of the log and appends at max + 1 (no gap, no collision); the
        commit notifies followers with the new last position. BEGIN and the lock go in
        one round trip, as do the notification and COMMIT (simple-query batches of
        statements whose only values are this log's own oid): a single append's time is
        mostly round trips."""
        raw = self.conn.raw
        raw.execute(f"BEGIN; SELECT pg_advisory_xact_lock({int(self.lock_key)})")
        try:
            yield
            raw.execute(f"SELECT pg_notify('{self.channel}', "
                        "(SELECT COALESCE(MAX(position), 0) FROM events)::text); COMMIT")
        except BaseException:
            if raw.info.transaction_status in (TransactionStatus.INTRANS,
                                               TransactionStatus.INERROR):
                raw.execute("ROLLBACK")
            raise

    @contextmanager
    def scratch(self) -> Iterator[PgDb]:
        """This log inside a transaction that is always rolled back: `verify --deep`
        rebuilds the derived tables here and compares, and nothing of it lands (so it
        may write even on a log opened read-only)."""
        with self.conn.raw.transaction(force_rollback=True):
            self.conn.raw.execute("SET TRANSACTION READ WRITE")
            yield self


# ---- opening -------------------------------------------------------------------------


def connect(url: str, **kwargs: Any) -> psycopg.Connection[Any]:
    """An autocommit connection to the log at URL (its schema first on the search path)."""
    conninfo, schema = split_url(url)
    if schema is not None:
        kwargs["options"] = f"-c search_path={schema}"
    kwargs.setdefault("application_name", f"missionlog {schema or ''}".strip())
    try:
        return psycopg.connect(conninfo, autocommit=True, **kwargs)
    except psycopg.Error as exc:
        reason = str(exc).strip().splitlines()[-1] if str(exc).strip() else type(exc).__name__
        raise StoreError(f"cannot connect to {shown_url(url)}: {reason}") from None


def open_postgres(url: str, *, mode: OpenMode = "write") -> PgDb:
    """The log at URL; `create` makes its schema and tables if needed (safe when many
    processes do it at once), `read` opens it in read-only transactions."""
    raw = connect(url)
    try:
        if mode == "create":
            _create(raw, split_url(url)[1])
        else:
            _require(raw, url)
        if mode == "read":
            raw.execute("SET default_transaction_read_only = on")
        return PgDb(raw, url)
    except psycopg.Error as exc:
        raw.close()
        raise StoreError(f"{shown_url(url)} is not a usable missionlog: {exc}") from None
    except BaseException:
        raw.close()
        raise


def _create(raw: psycopg.Connection[Any], schema: str | None) -> None:
    with raw.transaction():
        # One creator at a time in this database; the others then find it done.
        raw.execute("SELECT pg_advisory_xact_lock(hashtext('missionlog create'))")
        if schema is not None:
            raw.execute(sql.SQL("CREATE SCHEMA IF NOT EXISTS {}").format(sql.Identifier(schema)))
        if _has(raw, "missionlog_schema"):
            return
        if _has(raw, "events"):
            raise StoreError("the schema already has an events table that is not a "
                             "missionlog's; nothing was changed")
        for statement in [*pg_ddl.EVENTS_DDL, *pg_ddl.DERIVED_DDL]:
            raw.execute(statement)
        raw.execute("INSERT INTO missionlog_schema (version) VALUES (%s)",
                    [pg_ddl.SCHEMA_VERSION])


def _require(raw: psycopg.Connection[Any], url: str) -> None:
    if not _has(raw, "missionlog_schema"):
        raise StoreError(
            f"no missionlog at {shown_url(url)}; create it with `missionlog init --db "
            f"{shown_url(url)}` (or add --init to append/import)"
        )


def _has(raw: psycopg.Connection[Any], table: str) -> bool:
    row = raw.execute("SELECT to_regclass(%s) IS NOT NULL", [table]).fetchone()
    return bool(row and row[0])


# ---- checks and errors ---------------------------------------------------------------


def trigger_problems(db: PgDb) -> list[str]:
    """What is wrong with the append-only triggers on events: missing, disabled,
    altered (another function, or its code changed) or extra ones."""
    rows = db.conn.raw.execute(
        "SELECT t.tgname, p.proname, p.prosrc, t.tgenabled, t.tgtype FROM pg_trigger t "
        "JOIN pg_proc p ON p.oid = t.tgfoid "
        "WHERE t.tgrelid = 'events'::regclass AND NOT t.tgisinternal"
    ).fetchall()
    stored = {str(row[0]): row[1:] for row in rows}
    problems = [f"trigger {name} is missing" for name in pg_ddl.TRIGGERS if name not in stored]
    for name, (function, source, enabled, kind) in stored.items():
        if name not in pg_ddl.TRIGGERS:
            problems.append(f"unexpected trigger {name} on events")
        elif (function != pg_ddl.TRIGGERS[name] or source != pg_ddl.FUNCTIONS[function]
              or kind != pg_ddl.TRIGGER_TYPES[name]):
            problems.append(f"trigger {name} was altered")
        elif enabled != "O":
            problems.append(f"trigger {name} is disabled")
    return problems


def pg_error(exc: BaseException, action: str) -> StoreError | None:
    """EXC as the StoreError the store raises, if it is a psycopg error."""
    if not isinstance(exc, psycopg.Error):
        return None
    message = (exc.diag.message_primary if isinstance(exc, psycopg.DatabaseError) else None
               ) or str(exc).strip() or type(exc).__name__
    prefix = f"{action} " if action else ""
    if isinstance(exc, errors.ReadOnlySqlTransaction):
        return StoreError("the log is open read-only: nothing can be written")
    if isinstance(exc, errors.IntegrityError | errors.RaiseException
                  | errors.InsufficientPrivilege):
        return StoreError(f"{prefix}refused by the database: {message}")
    return StoreError(f"{prefix}failed: {message}")
