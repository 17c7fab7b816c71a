"""Opening the SQLite file, its pragmas, write transactions and error translation."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlite_utils import Database

from missionlog.errors import StoreError
from missionlog.store.schema import migrations

BUSY_TIMEOUT_S = 10.0


def open_database(path: Path | str, *, create: bool) -> Database:
    """A sqlite-utils Database on PATH with missionlog's schema applied.

    `synchronous=FULL` is deliberate: mission history is the product and appends
    are rare and small, so every commit is fsynced (~0.2 ms here) rather than
    risking the last commits on a power loss (what NORMAL allows in WAL mode).
    """
    path = Path(path)
    if str(path) != ":memory:" and not path.exists() and not create:
        raise StoreError(f"no missionlog at {path}; run `missionlog init --db {path}` first")
    try:
        conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_S)
        db = Database(conn)
        db.execute("PRAGMA synchronous=FULL")
        if migrations.pending(db):
            migrations.apply(db)
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"{path} is not a usable missionlog file: {exc}") from exc
    return db


@contextmanager
def write_transaction(db: Database) -> Iterator[None]:
    """BEGIN IMMEDIATE: take the write lock first, so concurrent writers wait
    (up to busy_timeout) instead of failing on a read-to-write upgrade."""
    conn = db.conn  # straight to sqlite3: this runs once per append, on the hot path
    try:
        conn.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError as exc:
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
    """Every sqlite3 error leaves the store as a StoreError that says what failed."""
    try:
        yield
    except sqlite3.IntegrityError as exc:
        raise StoreError(f"{action} refused by the database: {exc}") from exc
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"{action} failed: {exc}") from exc
