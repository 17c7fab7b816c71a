"""Bearer tokens: who may read and who may append.

A token is checked inside the job that uses the log (on the log's own connection), so
a token revoked a moment ago is refused at once and a token of another log never
matches. Roles nest: admin > append > read.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

from fastapi import Depends
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from missionlog.service import backend
from missionlog.service.problems import Problem

if TYPE_CHECKING:
    from missionlog.api import MissionLog
    from missionlog.store.tokens import TokenInfo

RANK = {"read": 1, "append": 2, "admin": 3}

_bearer = HTTPBearer(auto_error=False, description="A token from `missionlog token create`.")
Credentials = Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]


def token_of(credentials: HTTPAuthorizationCredentials | None) -> str | None:
    return credentials.credentials if credentials is not None else None


def authorize(
    log: MissionLog, token: str | None, need: str, *, public_read: bool
) -> TokenInfo | None:
    """The token's record if it may do NEED; raises a 401/403 Problem otherwise."""
    if token is None:
        if need == "read" and public_read:
            return None
        raise missing_token()
    info = backend.check_token(log, token)
    if info is None:
        raise Problem(401, "unauthorized",
                      "token refused: unknown to this log, malformed or revoked")
    if RANK[info.role] < RANK[need]:
        raise Problem(403, "forbidden",
                      f"token {info.name!r} has role {info.role}; this request needs {need}")
    return info


def missing_token() -> Problem:
    return Problem(401, "unauthorized",
                   "this request needs a token: Authorization: Bearer <token>")
