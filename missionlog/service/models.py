"""Response shapes the OpenAPI document names (the event shapes come from events.py)."""

from __future__ import annotations

from pydantic import BaseModel


class AppendOut(BaseModel):
    """What an append did: the same fields as the Python API's AppendResult."""

    appended: int
    skipped: int
    first_position: int | None
    last_position: int | None
    streams: dict[str, int]


class HeadOut(BaseModel):
    events: int
    last_position: int


class CountOut(BaseModel):
    events: int


class VerifyOut(BaseModel):
    ok: bool
    events: int


class ExplainOut(BaseModel):
    lines: list[str]
