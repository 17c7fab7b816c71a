"""API tokens of one log, kept in the log's own database (so a token opens only that log).

Only a SHA-256 of each token is stored. A token is `mlt_<id>_<secret>`: the id finds
the row, the secret (256 random bits) is what the hash proves, compared in constant time.
The table is created by the first `token create`; a log without it simply has no tokens.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime

from missionlog.errors import InvalidEvent, StoreError, UnknownName
from missionlog.store.connection import Db, database_error

ROLES = ("read", "append", "admin")
PREFIX = "mlt_"

TOKENS_DDL = """
CREATE TABLE IF NOT EXISTS api_tokens (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    role        TEXT NOT NULL CHECK (role IN ('read', 'append', 'admin')),
    hash        TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    revoked_at  TEXT
) STRICT;
CREATE UNIQUE INDEX IF NOT EXISTS api_tokens_live_name ON api_tokens (name)
    WHERE revoked_at IS NULL;
"""


@dataclass(frozen=True)
class TokenInfo:
    """What the log knows about a token: never the token itself."""

    id: str
    name: str
    role: str
    created_at: str
    revoked_at: str | None

    def as_dict(self) -> dict[str, str | None]:
        return {"id": self.id, "name": self.name, "role": self.role,
                "created_at": self.created_at, "revoked_at": self.revoked_at}


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _has_table(db: Db) -> bool:
    return db.has_table("api_tokens")


class TokenStore:
    """Create, list, revoke and check the tokens of the log open on DB."""

    def __init__(self, db: Db) -> None:
        self.db = db

    def create(self, name: str, role: str) -> str:
        """A new token for NAME with ROLE; the only time the token is shown."""
        if role not in ROLES:
            raise InvalidEvent(f"role: {role!r} is not one of {', '.join(ROLES)}")
        if not name.strip():
            raise InvalidEvent("name: a token needs a non-empty name")
        from missionlog.provenance import checked_recorder

        checked_recorder(name)  # events appended with it are recorded by this name
        token_id = secrets.token_hex(6)
        secret = secrets.token_urlsafe(32)
        try:
            with self.db.transaction():
                if self.db.kind == "sqlite":  # PostgreSQL logs have it from the start
                    self.db.conn.executescript(TOKENS_DDL)
                self.db.conn.execute(
                    "INSERT INTO api_tokens (id, name, role, hash, created_at) "
                    "VALUES (?, ?, ?, ?, ?)",
                    [token_id, name, role, _digest(secret), _now()],
                )
        except Exception as exc:
            if "IntegrityError" in {kind.__name__ for kind in type(exc).__mro__}:
                raise InvalidEvent(
                    f"name: a live token is already called {name!r}; revoke it first"
                ) from None
            if database_error(exc) is None:
                raise
            raise StoreError(f"creating a token failed: {exc}") from exc
        return f"{PREFIX}{token_id}_{secret}"

    def list(self) -> list[TokenInfo]:
        if not _has_table(self.db):
            return []
        rows = self.db.conn.execute(
            "SELECT id, name, role, created_at, revoked_at FROM api_tokens "
            "ORDER BY created_at, name"
        ).fetchall()
        return [TokenInfo(*row) for row in rows]

    def revoke(self, name: str) -> int:
        """Revoke the live token called NAME; UnknownName if there is none."""
        if _has_table(self.db):
            with self.db.transaction():
                cursor = self.db.conn.execute(
                    "UPDATE api_tokens SET revoked_at = ? WHERE name = ? AND revoked_at IS NULL",
                    [_now(), name],
                )
            if cursor.rowcount:
                return int(cursor.rowcount)
        raise UnknownName(f"no live token is called {name!r}")

    def check(self, token: str) -> TokenInfo | None:
        """The live token TOKEN stands for, or None (unknown, malformed or revoked)."""
        if not token.startswith(PREFIX) or not _has_table(self.db):
            return None
        token_id, sep, secret = token[len(PREFIX):].partition("_")
        if not sep:
            return None
        row = self.db.conn.execute(
            "SELECT id, name, role, created_at, revoked_at, hash FROM api_tokens "
            "WHERE id = ? AND revoked_at IS NULL",
            [token_id],
        ).fetchone()
        if row is None or not secrets.compare_digest(row[5], _digest(secret)):
            return None
        return TokenInfo(*row[:5])


class CachedTokens:
    """`TokenStore.check` for a connection that checks the same tokens over and over (a
    service worker): a token found live is remembered until any other connection
    commits to the file (SQLite's `data_version` moves), so a `token revoke` from
    another process is honoured by the very next request. The connection itself must
    not create or revoke tokens (its own commits do not move `data_version`)."""

    def __init__(self, db: Db) -> None:
        self.db = db
        self._version = -1
        self._live: dict[str, TokenInfo] = {}
        self.settled = False  # set while several checks share one look at data_version

    def refresh(self) -> None:
        """Forget every token if another connection has committed since the last look."""
        version = int(self.db.conn.execute("PRAGMA data_version").fetchone()[0])
        if version != self._version:
            self._live.clear()
            self._version = version

    def check(self, token: str) -> TokenInfo | None:
        if not self.settled:
            self.refresh()
        found = self._live.get(token)
        if found is None:
            found = TokenStore(self.db).check(token)
            if found is not None and len(self._live) < 1000:
                self._live[token] = found
        return found
