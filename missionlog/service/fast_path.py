"""POST /events without the framework's per-request machinery, for throughput.

A plain append (no query parameters) is what many clients send at once, one event a
request, and FastAPI's routing, dependency solving and exception middleware cost more
CPU than the append itself (see docs/performance.md). This ASGI middleware answers
exactly that request with the route's own code (`write_routes.append_answer`), the
same token, rate and size checks and the same JSON errors; every other request (and
an append with `?expected_version=` or `?describe=`) goes through FastAPI unchanged,
so the OpenAPI document and the route stay the one definition of POST /events.
"""

from __future__ import annotations

import logging

from starlette.requests import Request
from starlette.types import ASGIApp, Receive, Scope, Send

from missionlog.errors import MissionLogError
from missionlog.service.calls import json_response
from missionlog.service.problems import Problem, domain_response, problem_to_response
from missionlog.service.ratelimit import check_rate
from missionlog.service.write_routes import append_answer

logger = logging.getLogger("missionlog.service")


def bearer_token(authorization: str | None) -> str | None:
    """The token of an `Authorization: Bearer <token>` header, as HTTPBearer reads it."""
    if not authorization:
        return None
    scheme, _, credentials = authorization.partition(" ")
    if scheme.lower() != "bearer" or not credentials:
        return None
    return credentials


class AppendFastPath:
    """Answers `POST /events` (no query string) itself; passes everything else on."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (scope["type"] != "http" or scope["method"] != "POST"
                or scope["path"] != "/events" or scope["query_string"]):
            await self.app(scope, receive, send)
            return
        request = Request(scope, receive)
        try:
            authorization = request.headers.get("authorization")
            check_rate(request, authorization)
            answer = await append_answer(request, bearer_token(authorization), None, False)
            response = json_response(answer)
        except Problem as refused:
            response = problem_to_response(refused)
        except MissionLogError as error:
            response = domain_response(error, writing=True)
        except Exception:  # a bug: logged, never a stack trace in the answer
            logger.exception("unexpected error on POST /events")
            response = problem_to_response(Problem(500, "error",
                                                   "internal error (logged by the server)"))
        await response(scope, receive, send)
