"""Running one authorised call against the log on a worker thread."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

import orjson
from fastapi import Request
from fastapi.responses import Response

from missionlog.service.auth import authorize
from missionlog.service.runtime import runtime

if TYPE_CHECKING:
    from missionlog.api import MissionLog

T = TypeVar("T")


async def read_call(request: Request, token: str | None, call: Callable[[MissionLog], T]) -> T:
    """CALL on a reader's log, after the token is checked for reading on that same log."""
    rt = runtime(request)

    def job(log: MissionLog) -> T:
        authorize(log, token, "read", public_read=rt.public_read)
        return call(log)

    return await rt.readers.run(job)


def json_response(document: Any) -> Response:
    """orjson straight to bytes: the service's answers are the CLI's `--json` documents."""
    return Response(orjson.dumps(document), media_type="application/json")
