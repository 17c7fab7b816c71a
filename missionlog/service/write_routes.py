"""POST /events: append one JSON event, a JSON array, or JSON Lines, atomically."""

from __future__ import annotations

from typing import Annotated, Any

import orjson
from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from missionlog.service.auth import Credentials, missing_token, token_of
from missionlog.service.calls import json_response
from missionlog.service.models import AppendOut
from missionlog.service.problems import Problem
from missionlog.service.runtime import runtime

router = APIRouter()

JSON_LINES = ("application/x-ndjson", "application/jsonl", "application/json-lines")
EVENT_REF = {"$ref": "#/components/schemas/Event"}
APPEND_BODY: dict[str, Any] = {
    "requestBody": {
        "required": True,
        "description": "One event, a JSON array of events, or JSON Lines (one event a line, "
                       "or `export` output). The batch lands whole or not at all.",
        "content": {
            "application/json": {"schema": {"oneOf": [
                EVENT_REF, {"type": "array", "items": EVENT_REF}]}},
            "application/x-ndjson": {"schema": {"type": "string"}},
        },
    }
}


async def _body(request: Request, limit: int) -> bytes:
    """The request body, refused with 413 as soon as it grows past LIMIT bytes."""
    declared = request.headers.get("content-length", "")
    too_large = Problem(413, "too_large", f"request body larger than {limit} bytes; "
                                          "split the batch (each part lands on its own)")
    if declared.isdigit() and int(declared) > limit:
        raise too_large
    size, chunks = 0, []
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise too_large
        chunks.append(chunk)
    return b"".join(chunks)


def _lines(body: bytes, media_type: str) -> list[bytes]:
    """The events of BODY, one JSON document each."""
    if media_type in JSON_LINES:
        return [line for line in body.splitlines() if line.strip()]
    if media_type not in ("application/json", ""):
        raise Problem(415, "unsupported_media_type",
                      f"content type {media_type!r}: send application/json or "
                      "application/x-ndjson")
    try:
        document = orjson.loads(body)
    except orjson.JSONDecodeError as exc:
        raise Problem(400, "bad_json", f"body is not JSON: {exc}") from None
    items = document if isinstance(document, list) else [document]
    for index, item in enumerate(items, start=1):
        if not isinstance(item, dict):
            raise Problem(422, "invalid_request",
                          f"body: item {index} is not a JSON object (an event)")
    return [orjson.dumps(item) for item in items]


@router.post("/events", response_model=AppendOut, openapi_extra=APPEND_BODY,
             summary="Append events (one, an array, or JSON Lines) atomically")
async def append(
    request: Request,
    credentials: Credentials,
    expected_version: Annotated[int | None, Query(
        ge=0, description="Refuse (409 version_conflict) unless the stream is at this version.",
    )] = None,
    describe: Annotated[bool, Query(
        description="Also say what the events changed (`changes`, as `append` prints it).",
    )] = False,
) -> Response:
    answer = await append_answer(request, token_of(credentials), expected_version, describe)
    return json_response(answer)


async def append_answer(request: Request, token: str | None, expected_version: int | None,
                        describe: bool) -> dict[str, Any]:
    """What POST /events answers (the route's work, shared with fast_path.py)."""
    rt = runtime(request)
    if token is None:  # refuse before reading a body nobody may send
        raise missing_token()
    body = await _body(request, rt.limits.max_body_bytes)
    media_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    lines = _lines(body, media_type)
    if len(lines) > rt.limits.max_batch_events:
        raise Problem(413, "too_large", f"batch of {len(lines)} events is over the limit of "
                                        f"{rt.limits.max_batch_events}; split it")

    result, changes = await rt.appends.append(token, lines, expected_version,
                                              describe=describe)
    if result.appended:
        rt.appended.fire()
    answer: dict[str, Any] = {
        "appended": result.appended, "skipped": result.skipped,
        "first_position": result.first_position, "last_position": result.last_position,
        "streams": result.streams,
    }
    if changes is not None:
        answer["changes"] = changes
    return answer
