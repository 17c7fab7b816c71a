"""GET /events/stream: the log as server-sent events, each with its position as SSE id.

A client that reconnects with `Last-Event-ID: N` (what EventSource does by itself)
gets exactly the events after position N: none missed, none repeated. Appends through
this service wake the streams at once; appends by other processes on the same file are
picked up by a re-read every `follow_poll_s`.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Annotated, Any

import anyio
from fastapi import APIRouter, Header, Query, Request
from sse_starlette import EventSourceResponse, ServerSentEvent

from missionlog.service.auth import Credentials, token_of
from missionlog.service.calls import read_call
from missionlog.service.read_routes import EventType
from missionlog.service.runtime import PAGE, runtime

router = APIRouter()
SSE_EVENT = {"type": "object", "properties": {
    "event": {"type": "string", "enum": ["event", "shutdown"]},
    "id": {"type": "string", "pattern": "^[0-9]+$"},
    "data": {"type": "string", "description": "the event in the `export` shape (JSON)"},
    "retry": {"type": "integer"},
}}
SSE: dict[int | str, dict[str, Any]] = {200: {
    "content": {"text/event-stream": {"schema": SSE_EVENT, "itemSchema": SSE_EVENT}},
    "description": "`event: event`, `id: <position>`, `data: <the export shape>`"}}


@router.get("/events/stream", response_class=EventSourceResponse, responses=SSE,
            summary="Follow the log live (server-sent events)")
async def stream(
    request: Request,
    credentials: Credentials,
    after: Annotated[int, Query(ge=0, description="Start after this position.")] = 0,
    type_: Annotated[list[EventType] | None, Query(alias="type")] = None,
    last_event_id: Annotated[str | None, Header(
        pattern=r"^[0-9]{1,18}$", description="Resume after this position (wins over after)."
    )] = None,
) -> EventSourceResponse:
    rt = runtime(request)
    await read_call(request, token_of(credentials), lambda log: None)  # auth at connect
    start = int(last_event_id) if last_event_id is not None else after
    wanted = {t.value for t in type_} if type_ else None
    stop = anyio.Event()

    async def events() -> AsyncIterator[ServerSentEvent]:
        position = start
        while not stop.is_set():
            wake = rt.appended.current()
            page = await rt.pages.after(position, wake)
            for sent in page:
                position = sent.position
                if wanted is None or sent.type in wanted:
                    yield ServerSentEvent(data=sent.data, id=str(position), event="event")
            if len(page) == PAGE:
                continue
            with anyio.move_on_after(rt.limits.follow_poll_s):
                await wake.wait()
        yield ServerSentEvent(data="server shutting down", event="shutdown", retry=1000)

    return EventSourceResponse(events(), ping=rt.limits.follow_ping_s, send_timeout=30,
                               shutdown_event=stop, shutdown_grace_period=2)

