"""GET routes: one per CLI read, answering with the CLI's `--json` document."""

from __future__ import annotations

from enum import StrEnum
from functools import partial
from typing import Annotated, Any

import orjson
from fastapi import APIRouter, Query, Request
from fastapi.responses import Response, StreamingResponse

from missionlog.decisions import KINDS, STATUSES
from missionlog.events import EVENT_TYPES
from missionlog.service import backend
from missionlog.service.auth import Credentials, token_of
from missionlog.service.calls import json_response, read_call
from missionlog.service.models import CountOut, ExplainOut, HeadOut, VerifyOut
from missionlog.service.runtime import runtime

router = APIRouter()

Status = StrEnum("Status", {s: s for s in STATUSES})  # type: ignore[misc]
Kind = StrEnum("Kind", {k: k for k in KINDS})  # type: ignore[misc]
EventType = StrEnum("EventType", {t: t for t in EVENT_TYPES})  # type: ignore[misc]

At = Annotated[str | None, Query(description="Mission time: a date or an instant with offset.")]
KnownAt = Annotated[str | None, Query(description="Only what the log had recorded by then.")]
Name = Annotated[str, Query(min_length=1, description="A name or alias.")]
AllFlights = Annotated[bool, Query(description="Every flight that carried the name.")]
EXPORT_PAGE = 5000
NDJSON: dict[int | str, dict[str, Any]] = {
    200: {"content": {"application/x-ndjson": {"schema": {"type": "string"}}}}}
ANY_OBJECT: Any = dict[str, Any]


@router.get("/head", response_model=HeadOut, summary="How many events the log holds")
async def head(request: Request, credentials: Credentials) -> Response:
    def call(log: Any) -> dict[str, int]:
        return {"events": log.count(), "last_position": backend.last_position(log)}

    return json_response(await read_call(request, token_of(credentials), call))


@router.get("/count", response_model=CountOut, summary="Events up to a time (replay's count)")
async def count(request: Request, credentials: Credentials, until: At = None,
                known_at: KnownAt = None) -> Response:
    found = await read_call(request, token_of(credentials),
                            lambda log: log.count(until=until, known_at=known_at))
    return json_response({"events": found})


@router.get("/events", response_model=list[ANY_OBJECT], summary="`log`: events in log order")
async def events(
    request: Request,
    credentials: Credentials,
    vehicle: Annotated[str | None, Query(min_length=1)] = None,
    type_: Annotated[list[EventType] | None, Query(alias="type")] = None,
    since: Annotated[str | None, Query(alias="from")] = None,
    until: Annotated[str | None, Query(alias="to")] = None,
    at: At = None,
    all_flights: AllFlights = False,
    recorded_since: Annotated[str | None, Query(description="Recorded at or after.")] = None,
    recorded_until: Annotated[str | None, Query(description="Recorded at or before.")] = None,
) -> Response:
    types = [t.value for t in type_ or []] or None
    found = await read_call(request, token_of(credentials), lambda log: list(
        log.log(vehicle=vehicle, types=types, since=since, until=until, at=at,
                all_flights=all_flights, recorded_since=recorded_since,
                recorded_until=recorded_until)))
    return json_response(found)


@router.get("/export", response_class=StreamingResponse, responses=NDJSON,
            summary="The whole log as JSONL (what `import` takes back)")
async def export(request: Request, credentials: Credentials) -> StreamingResponse:
    token = token_of(credentials)
    first = await read_call(request, token, partial(_export_page, after=0))
    readers = runtime(request).readers

    async def lines() -> Any:
        page = first
        while page:
            yield b"".join(orjson.dumps(event) + b"\n" for event in page)
            if len(page) < EXPORT_PAGE:
                return
            after = page[-1]["position"]
            page = await readers.run(partial(_export_page, after=after))

    return StreamingResponse(lines(), media_type="application/x-ndjson")


def _export_page(log: Any, after: int) -> list[dict[str, Any]]:
    return backend.events_after(log, after, EXPORT_PAGE)


@router.get("/verify", response_model=VerifyOut, summary="Walk the hash chain")
async def verify(request: Request, credentials: Credentials) -> Response:
    checked = await read_call(request, token_of(credentials), lambda log: log.verify())
    return json_response({"ok": True, "events": checked})


@router.get("/schema", response_model=ANY_OBJECT, summary="JSON Schema of the event types")
async def schema(request: Request, credentials: Credentials) -> Response:
    from missionlog.events import event_schema

    await read_call(request, token_of(credentials), lambda log: None)
    return json_response(event_schema())


@router.get("/state", response_model=ANY_OBJECT, summary="One vehicle as of a time")
async def state(request: Request, credentials: Credentials, vehicle: Name, at: At = None,
                known_at: KnownAt = None) -> Response:
    return json_response(await read_call(request, token_of(credentials), lambda log: (
        log.state(vehicle, at=at, known_at=known_at))))


@router.get("/station", response_model=ANY_OBJECT, summary="A station as of a time")
async def station(request: Request, credentials: Credentials, name: Name, at: At = None,
                  known_at: KnownAt = None) -> Response:
    return json_response(await read_call(request, token_of(credentials), lambda log: (
        log.station(name, at=at, known_at=known_at))))


@router.get("/history", response_model=list[ANY_OBJECT], summary="A vehicle's events")
async def history(request: Request, credentials: Credentials, vehicle: Name, at: At = None,
                  all_flights: AllFlights = False) -> Response:
    return json_response(await read_call(request, token_of(credentials), lambda log: (
        log.history(vehicle, at=at, all_flights=all_flights))))


@router.get("/replay", response_model=ANY_OBJECT, summary="Replay the log up to a time")
async def replay(request: Request, credentials: Credentials, until: At = None,
                 known_at: KnownAt = None) -> Response:
    return json_response(await read_call(request, token_of(credentials), lambda log: (
        log.replay(until=until, known_at=known_at))))


@router.get("/crew", response_model=ANY_OBJECT, summary="Everyone in space and their ride")
async def crew(request: Request, credentials: Credentials, at: At = None,
               known_at: KnownAt = None) -> Response:
    return json_response(await read_call(request, token_of(credentials), lambda log: (
        log.crew(at=at, known_at=known_at))))


@router.get("/decisions", response_model=list[ANY_OBJECT], summary="What had to be decided")
async def decisions(request: Request, credentials: Credentials, at: At = None,
                    known_at: KnownAt = None, status: Status | None = None,
                    station: Annotated[str | None, Query(
                        description="Only decisions about people aboard this station.")] = None,
                    ) -> Response:
    wanted = status.value if status is not None else None
    return json_response(await read_call(request, token_of(credentials), lambda log: (
        log.decisions(at=at, known_at=known_at, status=wanted, station=station))))


@router.get("/explain", response_model=ExplainOut, summary="The events behind a decision")
async def explain(request: Request, credentials: Credentials, kind: Kind, subject: Name,
                  at: At = None, known_at: KnownAt = None) -> Response:
    lines = await read_call(request, token_of(credentials), lambda log: (
        log.explain(kind.value, subject, at=at, known_at=known_at)))
    return json_response({"lines": lines})


@router.get("/timeline", response_model=ANY_OBJECT, summary="The timeline's data")
async def timeline(
    request: Request,
    credentials: Credentials,
    station: Annotated[str | None, Query(min_length=1)] = None,
    since: Annotated[str | None, Query(alias="from")] = None,
    until: Annotated[str | None, Query(alias="to")] = None,
    at: At = None,
    known_at: KnownAt = None,
) -> Response:
    return json_response(await read_call(request, token_of(credentials), lambda log: (
        log.timeline(station, since=since, until=until, at=at, known_at=known_at))))


StationFilter = Annotated[str | None, Query(min_length=1, description="Only this station.")]


@router.get("/plans", response_model=ANY_OBJECT, summary="`plans`: the plans in force")
async def plans(request: Request, credentials: Credentials, at: At = None,
                known_at: KnownAt = None, station: StationFilter = None) -> Response:
    return json_response(await read_call(request, token_of(credentials), lambda log: (
        log.plans(at=at, known_at=known_at, station=station))))


@router.get("/changes", response_model=ANY_OBJECT,
            summary="`changes`: what the log learned between two knowledge times")
async def changes(
    request: Request,
    credentials: Credentials,
    since: Annotated[str, Query(min_length=1, description="Knowledge time K1.")],
    until: Annotated[str | None, Query(description="Knowledge time K2 (default now).")] = None,
    at: At = None,
    station: StationFilter = None,
) -> Response:
    return json_response(await read_call(request, token_of(credentials), lambda log: (
        log.changes(since, until=until, at=at, station=station))))


@router.get("/coverage", response_model=ANY_OBJECT,
            summary="The mission time of the log's last event")
async def coverage(request: Request, credentials: Credentials,
                   known_at: KnownAt = None) -> Response:
    last = await read_call(request, token_of(credentials),
                           lambda log: log.coverage(known_at=known_at))
    return json_response({"last_occurred_at": last})
