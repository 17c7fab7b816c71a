"""Opening the SQLite file, its pragmas, write transactions and error translation.

Three ways to open a log, so that only the commands meant to create a log ever do:

- `create`: make the file and its schema if needed (`init`, `--init`, the API's
  `create=True`); safe when many processes do it at once.
- `write`: an existing missionlog log of this version, read-write; anything else is
  refused (a log from an older version names `init`, which upgrades it).
- `read`: an existing missionlog log, opened read-only (`mode=ro`): nothing about
  the file changes, and it works on a read-only file or file system. A log from
  before `recorded_by` reads as if nobody were recorded; older ones need `init`.
"""

from __future__ import annotations

import sqlite3
import sys
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, cast

from missionlog.errors import StoreError
from missionlog.store.location import postgres_url, sqlite_path

if TYPE_CHECKING:
    from sqlite_utils import Database

BUSY_TIMEOUT_S = 10.0
OpenMode = Literal["create", "write", "read"]
# The names of schema.py's migrations (a test checks they agree): a file that has applied
# them all opens on plain sqlite3, without importing sqlite-utils (~35 ms of every start).
SCHEMA_MIGRATIONS = ("0001_wal", "0002_events", "0003_projections", "0004_archive",
                     "0005_seals", "0006_recorded_by", "0007_state_intervals")
# Migrations a file opened read-only may lack: the reads stand in for what they add (a
# log without the interval rows answers by folding, see store/state_intervals.py).
READABLE_WITHOUT = frozenset({"0006_recorded_by", "0007_state_intervals"})


class Db:
    """The store's connection: the two calls it makes (`execute`, and `conn` for the
    rest), on plain sqlite3. sqlite-utils is loaded only to create, check or migrate.

    `recorded_by` is the SQL that reads that column: the column itself, or NULL on a
    log from before it that is open read-only (and so cannot be upgraded).

    `conn` is the sqlite3 connection itself (the hot paths call it directly); a
    PostgreSQL log is a `PgDb` (store/pg.py) whose `conn` takes the same calls in
    SQLite's SQL. KIND tells the few places that differ which backend they are on."""

    __slots__ = ("conn", "recorded_by")
    kind = "sqlite"

    def __init__(self, conn: Any, recorded_by: str = "recorded_by") -> None:
        self.conn = conn
        self.recorded_by = recorded_by

    def execute(self, sql: str, parameters: Sequence[Any] = ()) -> Any:
        return self.conn.execute(sql, parameters)

    def close(self) -> None:
        self.conn.close()

    def has_table(self, name: str) -> bool:
        row = self.conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", [name]
        ).fetchone()
        return row is not None

    def transaction(self) -> AbstractContextManager[Any]:
        """A short transaction outside the append path (tokens): commit, or roll back."""
        return cast(AbstractContextManager[Any], self.conn)


def sqlite_utils_database(conn: sqlite3.Connection) -> Database:
    """A sqlite-utils Database on CONN, for migrations and the schema checks.

    sqlite-utils imports numpy (~50 ms, there because matplotlib needs it) only to map
    numpy scalars to column types, which missionlog never stores: it is kept out of
    sqlite-utils' import (the timeline command still imports numpy normally later)."""
    if "sqlite_utils" not in sys.modules and "numpy" not in sys.modules:
        sys.modules["numpy"] = None  # type: ignore[assignment]
        try:
            import sqlite_utils  # noqa: F401
        finally:
            del sys.modules["numpy"]
    from sqlite_utils import Database

    return Database(conn)


def _missing_migrations(conn: sqlite3.Connection) -> set[str]:
    """The migrations of this version the file has not applied (all, if it has none):
    an empty set is a missionlog log of this version, nothing to check."""
    try:
        rows = conn.execute(
            "SELECT name FROM _sqlite_migrations WHERE migration_set = 'missionlog'"
        ).fetchall()
    except sqlite3.OperationalError:  # no such table: not (yet) a missionlog
        return set(SCHEMA_MIGRATIONS)
    return set(SCHEMA_MIGRATIONS) - {row[0] for row in rows}


def _schema_current(conn: sqlite3.Connection) -> bool:
    return not _missing_migrations(conn)


def open_database(path: Path | str, *, mode: OpenMode = "write") -> Db:
    """A connection to PATH with missionlog's schema in place.

    `synchronous=FULL` is deliberate: mission history is the product and appends
    are rare and small, so every commit is fsynced (~0.2 ms here) rather than
    risking the last commits on a power loss (what NORMAL allows in WAL mode).
    """
    url = postgres_url(path)
    if url is not None:
        from missionlog.store.pg import open_postgres

        return open_postgres(url, mode=mode)
    path = sqlite_path(path)
    memory = str(path) == ":memory:"
    if not memory and not path.exists() and mode != "create":
        raise StoreError(
            f"no missionlog at {path}; create it with `missionlog init --db {path}` "
            "(or add --init to append/import)"
        )
    try:
        if mode == "read" and not memory:
            return _open_read_only(path)
        conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_S)
        conn.execute("PRAGMA synchronous=FULL")
        if mode == "create":
            _create_schema(conn)
        else:  # only `init` (create) upgrades a log from an older version
            _require_missionlog(conn, path)
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"{path} is not a usable missionlog file: {exc}") from exc
    return Db(conn)


def _open_read_only(path: Path) -> Db:
    """`mode=ro` never writes the database. On a read-only file system where the WAL
    side files cannot be made, fall back to `immutable=1`: nobody can write there."""
    uri = path.resolve().as_uri()
    try:
        conn = sqlite3.connect(f"{uri}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_S)
        return _readable(conn, path)
    except sqlite3.OperationalError as exc:
        if "unable to open" not in str(exc) and "readonly" not in str(exc):
            raise
    conn = sqlite3.connect(f"{uri}?immutable=1", uri=True)
    return _readable(conn, path)


def _readable(conn: sqlite3.Connection, path: Path) -> Db:
    """CONN as a log to read: of this version, or older by what reads can stand in for
    (a log from before `recorded_by` reads with that column NULL: nobody recorded)."""
    missing = _missing_migrations(conn)
    if missing and missing <= READABLE_WITHOUT:
        return Db(conn, recorded_by="NULL")
    if missing:
        _require_missionlog(conn, path)
    return Db(conn)


def _create_schema(conn: sqlite3.Connection) -> None:
    """Apply pending migrations under the write lock: of many processes creating the same
    new file at once, one creates the schema and the others find it done."""
    conn.execute("PRAGMA journal_mode=WAL")  # outside a transaction; waits on busy_timeout
    if _schema_current(conn):
        return
    db = sqlite_utils_database(conn)  # before schema.py imports sqlite-utils
    from missionlog.store.schema import apply_pending, migrations

    if not migrations.pending(db):
        return
    with write_transaction(Db(conn)):
        apply_pending(db)  # re-reads what is pending, under the lock


def _require_missionlog(conn: sqlite3.Connection, path: Path) -> None:
    """Refuse (changing nothing) a file that is not a missionlog log, naming what it is.
    A missionlog whose schema is older than this code is refused to writers and to the
    readers that cannot read it: `init` upgrades it (a format change is a deliberate act,
    never the side effect of an append)."""
    if _schema_current(conn):
        return  # the usual case, on plain sqlite3
    db = sqlite_utils_database(conn)
    from missionlog.store.schema import migrations

    tables = [
        str(row[0])
        for row in db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
        ).fetchall()
    ]
    if "events" not in tables or migrations.migrations_table not in tables:
        if not tables:
            found = "an empty file" if path.stat().st_size == 0 else "an empty SQLite database"
        else:
            shown = ", ".join(tables[:6]) + (", ..." if len(tables) > 6 else "")
            found = f"a SQLite database with tables {shown}"
        raise StoreError(
            f"{path} is not a missionlog log (found {found}); nothing was changed. "
            f"`missionlog init --db {path}` makes a new log"
        )
    if migrations.pending(db):
        names = ", ".join(m.name for m in migrations.pending(db))
        raise StoreError(
            f"{path} is a missionlog log from an older version (missing {names}); "
            f"run `missionlog init --db {path}` to upgrade it"
        )


def backup_to(db: Db, out: Path) -> int:
    """Copy DB page by page into a new single file OUT (SQLite's online backup: a
    consistent snapshot, the -wal content included, writers not blocked for long)."""
    if db.kind != "sqlite":
        raise StoreError(
            "backup copies a SQLite file; for a PostgreSQL log use `missionlog copy "
            f"--from URL --to {out}` (a verified SQLite copy) or pg_dump"
        )
    if out.exists():
        raise StoreError(f"{out} already exists; not overwriting it")
    try:
        target = sqlite3.connect(str(out))
        try:
            db.conn.backup(target)  # closing it folds its -wal in: one self-contained file
            return int(target.execute("SELECT COUNT(*) FROM events").fetchone()[0])
        finally:
            target.close()
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"backup to {out} failed: {exc}") from exc


@contextmanager
def write_transaction(db: Db) -> Iterator[None]:
    """BEGIN IMMEDIATE: take the write lock first, so concurrent writers wait
    (up to busy_timeout) instead of failing on a read-to-write upgrade."""
    if db.kind != "sqlite":
        with db.writing():  # type: ignore[attr-defined]  # a PgDb (store/pg.py)
            yield
        return
    conn = db.conn  # straight to sqlite3: this runs once per append, on the hot path
    try:
        conn.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError as exc:
        if "readonly" in str(exc) or "read-only" in str(exc):
            raise StoreError("the log is open read-only: nothing can be written") from exc
        raise StoreError(f"the log is locked by another writer: {exc}") from exc
    try:
        yield
    except BaseException:
        conn.rollback()
        raise
    try:
        conn.commit()
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"commit failed, nothing was written: {exc}") from exc


@contextmanager
def translated_errors(action: str) -> Iterator[None]:
    """Every sqlite3 (or psycopg) error leaves the store as a StoreError that says what
    failed."""
    try:
        yield
    except sqlite3.IntegrityError as exc:
        raise StoreError(f"{action} refused by the database: {exc}") from exc
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"{action} failed: {exc}") from exc
    except Exception as exc:
        from_pg = database_error(exc, action)
        if from_pg is None:
            raise
        raise from_pg from exc


def database_error(exc: BaseException, action: str = "") -> StoreError | None:
    """EXC as a StoreError if it is a database error of either backend, else None.
    psycopg is looked for only once some PostgreSQL log has loaded it."""
    if isinstance(exc, sqlite3.DatabaseError):
        return StoreError(f"{action + ' ' if action else ''}failed: {exc}")
    if "psycopg" not in sys.modules:
        return None
    from missionlog.store.pg import pg_error

    return pg_error(exc, action)
