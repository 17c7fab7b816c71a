"""Response shapes the OpenAPI document names (the event shapes come from events.py)."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel


class AppendOut(BaseModel):
    """What an append did: the same fields as the Python API's AppendResult."""

    appended: int
    skipped: int
    first_position: int | None
    last_position: int | None
    streams: dict[str, int]
    changes: dict[str, Any] | None = None  # with ?describe=true: what the events changed


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
