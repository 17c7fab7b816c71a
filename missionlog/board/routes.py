"""The board's routes: HTML pages, the timeline as SVG, and the page's event stream.

Every page reads through `read_call`, the same authorised call on a reader thread the
JSON routes use, with the token from the board cookie (see session.py). A refusal
renders as a page (the login form for 401), never as a JSON error.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar, cast

from fastapi import APIRouter, FastAPI, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.security import HTTPAuthorizationCredentials
from fastapi.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates

from missionlog.board import data, session
from missionlog.board.clocks import Clocks, normalise
from missionlog.errors import MissionLogError
from missionlog.http_errors import status_and_code
from missionlog.service import stream
from missionlog.service.calls import read_call
from missionlog.service.problems import Problem

if TYPE_CHECKING:
    from missionlog.api import MissionLog

T = TypeVar("T")
HERE = Path(__file__).parent
templates = Jinja2Templates(directory=HERE / "templates")
templates.env.filters["short"] = lambda v: (v or "")[:16].replace("T", " ")
templates.env.filters["plain"] = lambda v: data.plain(v)
router = APIRouter(include_in_schema=False)

At = Annotated[str | None, Query(description="Mission time: a date or an instant.")]
KnownAt = Annotated[str | None, Query(description="Only what was recorded by then.")]
Text = Annotated[str | None, Query()]


class PageError(Exception):
    """A read the page could not make, with the status and message to show."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status, self.message = status, message


async def _read(request: Request, call: Callable[[MissionLog], T]) -> T:
    try:
        return await read_call(request, session.token_of(request), call)
    except Problem as problem:
        raise PageError(problem.status, problem.detail) from problem
    except MissionLogError as error:
        status, _ = status_and_code(error, writing=False)
        raise PageError(status, str(error)) from error


def _page(request: Request, name: str, context: dict[str, Any], status: int = 200) -> Response:
    """The rendered page, with `Server-Timing: app;dur=<ms>` from the route's start (the
    benchmark reads it: the server's own time, without the network or the client)."""
    response = templates.TemplateResponse(request, name, context, status_code=status)
    started = getattr(request.state, "board_started", None)
    if started is not None:
        response.headers["Server-Timing"] = (
            f"app;dur={(time.perf_counter() - started) * 1000:.2f}")
    return response


def _start(request: Request) -> None:
    request.state.board_started = time.perf_counter()


def _refused(request: Request, error: PageError) -> Response:
    if error.status == 401:
        return _page(request, "login.html", {"message": error.message,
                                             "next": request.url.path + (
                                                 "?" + request.url.query if request.url.query
                                                 else "")}, 401)
    return _page(request, "error.html", {"status": error.status, "message": error.message},
                 error.status)


async def _clocks(request: Request, at: str | None, known_at: str | None, as_of: str,
                  **keep: str | None) -> tuple[Clocks, dict[str, Any]]:
    found = await _read(request, data.span)
    kept = tuple((key, value) for key, value in keep.items() if value)
    return Clocks(at=at, known_at=known_at, as_of=as_of or found["last"] or "",
                  first=found["first"], last=found["last"], keep=kept), found


@router.get("/", response_class=HTMLResponse)
async def board(request: Request, station: Text = None, at: At = None,
                known_at: KnownAt = None, fragment: bool = False) -> Response:
    _start(request)
    at, known_at = normalise(at), normalise(known_at)
    try:
        found = await _read(request, lambda log: data.board(log, station, at, known_at))
        as_of = found["station"]["as_of"] if found["station"] else (at or "")
        clocks, log_span = await _clocks(request, at, known_at, as_of, station=station)
    except PageError as error:
        return _refused(request, error)
    context = {"b": found, "clocks": clocks, "span": log_span, "page": "board",
               "station_name": found["station"]["station"] if found["station"] else None,
               "age": data.age_days}
    return _page(request, "board_body.html" if fragment else "board.html", context)


@router.get("/board/vehicle", response_class=HTMLResponse)
async def vehicle(request: Request, name: Annotated[str, Query(min_length=1)],
                  at: At = None, known_at: KnownAt = None) -> Response:
    _start(request)
    at, known_at = normalise(at), normalise(known_at)
    try:
        state = await _read(request, lambda log: log.state(name, at=at, known_at=known_at))
        history = await _read(request, lambda log: log.history(name, at=at))
        flights = await _read(request, lambda log: log.history(name, all_flights=True))
        clocks, log_span = await _clocks(request, at, known_at, state["as_of"], name=name)
    except PageError as error:
        return _refused(request, error)
    streams = list(dict.fromkeys(event["stream"] for event in flights))
    by_flight = {s: [e for e in flights if e["stream"] == s] for s in streams}
    return _page(request, "vehicle.html", {
        "state": state, "history": history, "flights": by_flight if len(streams) > 1 else {},
        "clocks": clocks, "span": log_span, "page": "vehicle", "name": name})


@router.get("/board/decisions", response_class=HTMLResponse)
async def decisions(request: Request, at: At = None, known_at: KnownAt = None,
                    status: Text = None, kind: Text = None, subject: Text = None) -> Response:
    _start(request)
    at, known_at = normalise(at), normalise(known_at)
    status, kind, subject = status or None, kind or None, (subject or "").strip() or None

    def call(log: MissionLog) -> list[dict[str, Any]]:
        found = [dict(cast(dict[str, Any], d))
                 for d in log.decisions(at=at, known_at=known_at, status=status)]
        if kind:
            found = [d for d in found if d["kind"] == kind]
        if subject:
            found = [d for d in found if subject.lower() in d["subject"].lower()]
        for decision in found:
            decision["explain"] = log.explain(decision["kind"], decision["subject"], at=at,
                                              known_at=known_at)
        return found

    try:
        found = await _read(request, call)
        clocks, log_span = await _clocks(request, at, known_at, at or "", status=status,
                                         kind=kind, subject=subject)
    except PageError as error:
        return _refused(request, error)
    from missionlog.decisions import KINDS, STATUSES

    return _page(request, "decisions.html", {
        "decisions": found, "clocks": clocks, "span": log_span, "page": "decisions",
        "kinds": KINDS, "statuses": STATUSES,
        "chosen": {"status": status, "kind": kind, "subject": subject}})


@router.get("/board/handover", response_class=HTMLResponse)
async def handover(request: Request,
                   since: Annotated[str | None, Query(alias="from")] = None,
                   until: Annotated[str | None, Query(alias="to")] = None,
                   at: At = None, station: Text = None) -> Response:
    _start(request)
    since, until, at = normalise(since), normalise(until), normalise(at)
    station = station or None
    try:
        found = (await _read(request, lambda log: data.handover(log, since, until, at, station))
                 if since is not None else None)
        clocks, log_span = await _clocks(request, at, None, at or "", station=station)
    except PageError as error:
        return _refused(request, error)
    return _page(request, "handover.html", {
        "changes": found, "clocks": clocks, "span": log_span,
        "page": "handover", "chosen": {"from": since, "to": until, "station": station}})


@router.get("/board/timeline.svg")
async def timeline_svg(request: Request, station: Text = None, at: At = None,
                       known_at: KnownAt = None,
                       since: Annotated[str | None, Query(alias="from")] = None,
                       until: Annotated[str | None, Query(alias="to")] = None) -> Response:
    at, known_at = normalise(at), normalise(known_at)
    since, until = normalise(since), normalise(until)

    def draw(log: MissionLog) -> bytes:
        from missionlog.board.picture import svg

        return svg(log.timeline(station, since=since, until=until, at=at, known_at=known_at))

    try:
        picture = await _read(request, draw)
    except PageError as error:
        return _refused(request, error)
    return Response(picture, media_type="image/svg+xml")


@router.get("/board/stream")
async def board_stream(request: Request,
                       after: Annotated[int, Query(ge=0)] = 0) -> Response:
    """The service's event stream, authorised by the board cookie (EventSource cannot
    send a header); EventSource's own Last-Event-ID resumes it after a drop."""
    token = session.token_of(request)
    credentials = (HTTPAuthorizationCredentials(scheme="Bearer", credentials=token)
                   if token else None)
    last = request.headers.get("last-event-id")
    return await stream.stream(request, credentials, after=after, type_=None,
                               last_event_id=last if last and last.isdigit() else None)


@router.get("/board/login", response_class=HTMLResponse)
async def login_form(request: Request, next_: Annotated[str | None, Query(alias="next")] = None
                     ) -> Response:
    return _page(request, "login.html", {"message": None, "next": session.safe_next(next_)})


@router.post("/board/login")
async def login(request: Request) -> Response:
    fields = await session.form_fields(request)
    token, target = fields.get("token", "").strip(), session.safe_next(fields.get("next"))
    try:
        await read_call(request, token or None, lambda log: None)
    except Problem as problem:
        return _page(request, "login.html", {"message": problem.detail, "next": target}, 401)
    response = RedirectResponse(target, status_code=303)
    session.remember(response, token, secure=request.url.scheme == "https")
    return response


@router.post("/board/logout")
async def logout(request: Request) -> Response:
    response = RedirectResponse("/board/login", status_code=303)
    session.forget(response)
    return response


def install(app: FastAPI) -> None:
    """Add the board's pages and its static files to the service APP."""
    app.include_router(router)
    app.mount("/board/static", StaticFiles(directory=HERE / "static"), name="board-static")
