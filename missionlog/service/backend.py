"""The service's only contact with the store beneath the log: the tail of the log for
streams and exports, and the token table. Every other call goes through MissionLog's
own methods, so another backend only needs these few functions to serve over HTTP."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from missionlog.store import tail
from missionlog.store.tokens import TokenInfo, TokenStore

if TYPE_CHECKING:
    from missionlog.api import MissionLog


def events_after(log: MissionLog, position: int, limit: int) -> list[dict[str, Any]]:
    """Up to LIMIT events after POSITION, in log order, in the `export` shape."""
    return [row.export_dict() for row in tail.rows_after(log.store.db, position, limit)]


def last_position(log: MissionLog) -> int:
    return tail.last_position(log.store.db)


def check_token(log: MissionLog, token: str) -> TokenInfo | None:
    return TokenStore(log.store.db).check(token)
