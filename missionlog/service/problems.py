"""Errors as JSON: one shape for every refusal, never a stack trace."""

from __future__ import annotations

import logging
from typing import Any

import orjson
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import Response
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException

from missionlog.cli.common import exit_code_for
from missionlog.errors import InvalidEvent, MissionLogError
from missionlog.http_errors import PROTOCOL_ERRORS, status_and_code

logger = logging.getLogger("missionlog.service")

# Exit codes of the CLI for the HTTP layer's own refusals (docs/cli.md).
_PROTOCOL_EXIT = {"unauthorized": 11, "forbidden": 11, "not_found": 2,
                  "method_not_allowed": 2, "invalid_request": 2, "error": 1}


class ErrorOut(BaseModel):
    """Every error response: a stable code, one line saying what to fix, the CLI's exit code."""

    error: str
    detail: str
    exit_code: int


class Problem(Exception):
    """A refusal of the HTTP layer (auth, limits, media type) with its status and code."""

    def __init__(self, status: int, code: str, detail: str,
                 headers: dict[str, str] | None = None) -> None:
        super().__init__(detail)
        self.status, self.code, self.detail = status, code, detail
        self.headers = headers


def problem_response(status: int, code: str, detail: str, exit_code: int,
                     headers: dict[str, str] | None = None) -> Response:
    body = orjson.dumps({"error": code, "detail": detail, "exit_code": exit_code})
    return Response(body, status_code=status, media_type="application/json", headers=headers)


def _protocol_exit(code: str) -> int:
    if code in _PROTOCOL_EXIT:
        return _PROTOCOL_EXIT[code]
    kind = PROTOCOL_ERRORS.get(code, (500, InvalidEvent))[1]
    return exit_code_for(kind(""))


def domain_response(exc: MissionLogError, *, writing: bool) -> Response:
    """The answer to a refusal of the log itself (bad event, conflict, ...)."""
    status, code = status_and_code(exc, writing=writing)
    detail = str(exc).replace("\n", " ")
    return problem_response(status, code, detail, exit_code_for(exc))


def problem_to_response(exc: Problem) -> Response:
    """The answer to a refusal of the HTTP layer (auth, limits, media type)."""
    headers = {"WWW-Authenticate": "Bearer"} if exc.status == 401 else exc.headers
    return problem_response(exc.status, exc.code, exc.detail, _protocol_exit(exc.code),
                            headers)


def install(app: FastAPI) -> None:
    """Register the handlers that turn every failure into an ErrorOut."""

    @app.exception_handler(MissionLogError)
    async def _domain(request: Request, exc: MissionLogError) -> Response:
        return domain_response(exc, writing=request.method == "POST")

    @app.exception_handler(Problem)
    async def _problem(request: Request, exc: Problem) -> Response:
        return problem_to_response(exc)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> Response:
        code = {401: "unauthorized", 403: "forbidden", 404: "not_found",
                405: "method_not_allowed"}.get(exc.status_code, "invalid_request")
        detail = exc.detail if isinstance(exc.detail, str) else str(exc.detail)
        headers = dict(exc.headers) if exc.headers else {}
        if exc.status_code == 405:
            headers["Allow"] = _allowed_methods(request)
        return problem_response(exc.status_code, code, detail, _protocol_exit(code),
                                headers or None)

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> Response:
        parts = []
        for error in exc.errors():
            where = ".".join(str(p) for p in error.get("loc", ()))
            parts.append(f"{where}: {error.get('msg', 'invalid')}")
        return problem_response(422, "invalid_request", "; ".join(parts) or "invalid request",
                                2)

    @app.exception_handler(Exception)
    async def _bug(request: Request, exc: Exception) -> Response:
        logger.exception("unexpected error on %s %s", request.method, request.url.path)
        return problem_response(500, "error", "internal error (logged by the server)", 1)


def _allowed_methods(request: Request) -> str:
    """Every method of every route on this path (Starlette names only the first route's)."""
    methods: set[str] = set()
    for route in request.app.routes:
        regex = getattr(route, "path_regex", None)
        if regex is not None and regex.match(request.url.path):
            methods |= set(getattr(route, "methods", None) or ())
    return ", ".join(sorted(methods))


async def reject_unknown_query(request: Request) -> None:
    """A query parameter the route does not take is refused (422), not ignored: a typo
    like `?stauts=open` would otherwise answer a different question without a word."""
    route = request.scope.get("route")
    dependant = getattr(route, "dependant", None)
    if dependant is None:
        return
    known = {param.alias for param in _query_params(dependant)}
    unknown = sorted(set(request.query_params) - known)
    if unknown:
        raise Problem(422, "invalid_request",
                      f"query: unknown parameter {unknown[0]!r}; this route takes "
                      f"{', '.join(sorted(known)) or 'none'}")


def _query_params(dependant: Any) -> list[Any]:
    found = list(dependant.query_params)
    for sub in dependant.dependencies:
        found.extend(_query_params(sub))
    return found
