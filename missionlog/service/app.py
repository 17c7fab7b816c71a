"""The FastAPI app factory: routes, error handlers, OpenAPI from the event models."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import TYPE_CHECKING, Any

from fastapi import Depends, FastAPI
from fastapi.openapi.utils import get_openapi

from missionlog import board
from missionlog.service import problems, read_routes, stream, write_routes
from missionlog.service.fast_path import AppendFastPath
from missionlog.service.problems import ErrorOut
from missionlog.service.ratelimit import limit_rate
from missionlog.service.runtime import Limits, Runtime
from missionlog.service.workers import Workers

if TYPE_CHECKING:
    from missionlog.api import MissionLog

ERROR_STATUSES = (400, 401, 403, 404, 409, 413, 415, 422, 429, 500, 503)


def create_app(
    open_log: Callable[[], MissionLog],
    *,
    public_read: bool = False,
    limits: Limits | None = None,
    readers: int = 3,
) -> FastAPI:
    """The service over the log OPEN_LOG opens (called once per worker thread, so each
    thread has its own connection). With PUBLIC_READ, reads need no token."""
    limits = limits or Limits()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        rt = Runtime(readers=Workers(open_log, readers, "missionlog-read"),
                     writer=Workers(open_log, 1, "missionlog-write"),
                     limits=limits, public_read=public_read)
        app.state.runtime = rt
        try:
            rt.writer.start()
            rt.readers.start()
            yield
        finally:
            rt.readers.stop()
            rt.writer.stop()

    app = FastAPI(
        title="missionlog",
        summary="An append-only, tamper-evident mission log, over HTTP.",
        version="1",
        lifespan=lifespan,
        responses={status: {"model": ErrorOut} for status in ERROR_STATUSES},
        dependencies=[Depends(limit_rate), Depends(problems.reject_unknown_query)],
        # FastAPI's built-in OpenTelemetry asks the environment for a provider on every
        # request (~4% of an append's CPU); the service exports no telemetry.
        telemetry={"tracing": False, "metrics": False, "logs": False},
    )
    problems.install(app)
    app.add_middleware(AppendFastPath)
    app.include_router(read_routes.router)
    app.include_router(write_routes.router)
    app.include_router(stream.router)
    board.install(app)
    app.openapi = lambda: _openapi(app)  # type: ignore[method-assign]
    return app


def _openapi(app: FastAPI) -> dict[str, Any]:
    """FastAPI's document plus the event models (the append body refers to them)."""
    if app.openapi_schema is None:
        from missionlog.events import EVENT

        document = get_openapi(title=app.title, version=app.version, summary=app.summary,
                               routes=app.routes)
        events = EVENT.json_schema(ref_template="#/components/schemas/{model}")
        schemas = document.setdefault("components", {}).setdefault("schemas", {})
        schemas.update(events.pop("$defs", {}))
        schemas["Event"] = events
        app.openapi_schema = document
    return app.openapi_schema
