"""From user input (models, dicts, JSON lines) to validated events ready to append.

This is where bad input is turned into one line that names the field and the
line number, before anything touches the store.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any

import orjson
from pydantic import BaseModel, ValidationError

from missionlog.errors import InvalidEvent, TamperDetected
from missionlog.events import EVENT, EVENT_TYPES, MODEL_BY_TYPE, Event, format_utc, without_unset
from missionlog.provenance import checked_recorder
from missionlog.store.batch import Prepared
from missionlog.store.chain import GENESIS, chain_hash, content_event_id
from missionlog.timeparse import parse_recorded_at
from missionlog.upcasting import upcast

STORE_FIELDS = ("stream", "version", "position", "recorded_at", "recorded_by",
                "schema_version", "hash")


class ExportChain:
    """Checks the `hash` an `export` line carries against the line itself and the line
    before it (its chain link in the log it was exported from), so an export edited
    after it was written is refused on import. A line whose predecessor is not in the
    file (a filtered `log --json`) cannot be linked and is not checked."""

    def __init__(self) -> None:
        self.position = 0
        self.hash = GENESIS

    def check(self, fields: dict[str, Any], prepared: Prepared, where: str) -> None:
        claimed, position = fields.get("hash"), fields.get("position")
        if claimed is None:
            return
        linked = position == 1 or (position == self.position + 1 and self.position > 0)
        if linked and isinstance(position, int):
            computed = chain_hash(
                GENESIS if position == 1 else self.hash, position, str(fields.get("stream")),
                int(fields.get("version") or 0), str(prepared.recorded_at), prepared.body,
                recorded_by=prepared.recorded_by,
            )
            if computed != claimed:
                raise TamperDetected(
                    f"hash{where}: the line does not match the hash it was exported with: "
                    "it (or the line before it) was edited after export"
                )
        self.position = position if isinstance(position, int) else 0
        self.hash = str(claimed)


def describe_validation_error(error: ValidationError, where: str = "") -> str:
    """One line naming every bad field (up to three) and why."""
    problems = error.errors(include_url=False)
    parts = [_describe_problem(problem) for problem in problems[:3]]
    more = f" (and {len(problems) - 3} more)" if len(problems) > 3 else ""
    return f"{'; '.join(parts)}{where}{more}"


def _describe_problem(problem: Any) -> str:
    loc = [str(part) for part in problem["loc"]]
    if problem["type"] in ("union_tag_invalid", "union_tag_not_found"):
        return f"type: unknown or missing event type; expected one of {', '.join(EVENT_TYPES)}"
    field = ".".join(loc[1:]) if len(loc) > 1 else ".".join(loc) or "event"
    if problem["type"] == "extra_forbidden":
        return f"{field}: unknown field for a {loc[0]} event"
    if problem["type"] == "literal_error":  # a closed list: say what was given and the list
        expected = str(problem["ctx"]["expected"]).replace("'", "").replace(" or ", ", ")
        return f"{field}: {problem['input']!r} is not one of {expected}"
    # pydantic prefixes our validators' messages with "Value error, ": library wording.
    return f"{field}: {str(problem['msg']).removeprefix('Value error, ')}"


def _conversions(model: type[BaseModel]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(datetime fields, tuple fields) of a model: what wire_of must convert."""
    fields = model.model_fields.items()
    times = tuple(n for n, f in fields if "datetime" in repr(f.annotation).lower())
    lists = tuple(n for n, f in fields if "tuple" in repr(f.annotation))
    return times, lists


CONVERSIONS = {model: _conversions(model) for model in MODEL_BY_TYPE.values()}


def wire_of(event: Event) -> dict[str, Any]:
    """The event as JSON-ready data: field order kept (`type` first), times in the fixed
    UTC text form, tuples as lists. Equal to pydantic's JSON dump of the model (a test
    checks), at a fraction of its cost on the import path."""
    wire = dict(event.__dict__)
    times, lists = CONVERSIONS[type(event)]
    for name in times:
        if wire[name] is not None:
            wire[name] = format_utc(wire[name])
    for name in lists:
        if wire[name] is not None:
            wire[name] = list(wire[name])
    answers = wire.get("answers")
    if isinstance(answers, BaseModel):
        wire["answers"] = answers.model_dump()
    return without_unset(wire)


def prepare_event(
    event: Event,
    *,
    recorded_at: str | None = None,
    claimed_stream: str | None = None,
    line: int = 0,
    source: str = "",
) -> Prepared:
    """Canonical body, with a content-derived event_id when the caller gave none."""
    wire = wire_of(event)
    if wire["event_id"] is None:
        wire["event_id"] = content_event_id(orjson.dumps(wire))
    return Prepared(wire["event_id"], orjson.dumps(wire), wire, recorded_at, claimed_stream,
                    line, source)


def prepare_raw(
    raw: Any, *, line: int = 0, source: str = "event", chain: ExportChain | None = None,
    recorded_now: bool = False,
) -> Prepared:
    """Validate one raw dict (a JSONL line, or an `export` line with its store fields)."""
    where = Prepared("", b"", {}, line=line, source=source).where
    if not isinstance(raw, dict):
        raise InvalidEvent(f"event{where}: expected a JSON object, got {type(raw).__name__}")
    raw = dict(raw)
    claimed_stream = raw.pop("stream", None)
    fields = {"stream": claimed_stream, "version": raw.pop("version", None),
              "position": raw.pop("position", None), "hash": raw.pop("hash", None)}
    recorded = raw.pop("recorded_at", None)
    recorded_at = None if recorded is None else parse_recorded_at(recorded, where=where)
    recorder = raw.pop("recorded_by", None)
    recorded_by = None if recorder is None else checked_recorder(recorder, where)
    raw = upcast(raw, raw.pop("schema_version", 1), where=where)
    try:
        event = EVENT.validate_python(raw)
    except ValidationError as exc:
        raise InvalidEvent(describe_validation_error(exc, where)) from None
    prepared = prepare_event(event, recorded_at=recorded_at, claimed_stream=claimed_stream,
                             line=line, source=source)._replace(recorded_by=recorded_by)
    if chain is not None:
        chain.check(fields, prepared, where)  # against the line as exported
    if recorded_now and (recorded_at is not None or recorded_by is not None):
        # recorded at import time, by whoever imports it (provenance.py)
        prepared = prepared._replace(recorded_at=None, recorded_by=None)
    return prepared


def prepare_lines(
    lines: Iterable[str | bytes], *, source: str = "", recorded_now: bool = False
) -> Iterator[Prepared]:
    """JSON Lines in, prepared events out, lazily: a large file never sits in memory.

    A plain event line goes straight to pydantic's JSON validator; an `export` line
    (whose store fields the models refuse) is decoded first and the fields taken off.
    RECORDED_NOW drops the lines' own recorded_at: the store records them now."""
    label = source or "line"
    chain = ExportChain()
    for number, text in enumerate(lines, start=1):
        line = text.encode() if isinstance(text, str) else text
        if not line.strip():
            continue
        try:  # a plain event line: straight to pydantic's JSON validator
            event = EVENT.validate_json(line)
        except ValidationError:
            pass  # an `export` line (store fields), or bad input: decode it the slow way
        else:
            yield prepare_event(event, line=number, source=label)
            continue
        try:
            raw = orjson.loads(line)
        except orjson.JSONDecodeError as exc:
            where = Prepared("", b"", {}, line=number, source=label).where
            raise InvalidEvent(f"json{where}: not valid JSON: {exc}") from None
        yield prepare_raw(raw, line=number, source=label, chain=chain,
                          recorded_now=recorded_now)


def prepare_any(events: Iterable[Event | dict[str, Any]]) -> Iterator[Prepared]:
    """Models or dicts from the Python API. A lone event is not numbered in errors:
    "(event 1)" would only be noise when there is no other."""
    single = isinstance(events, Sequence) and len(events) == 1
    for index, event in enumerate(events, start=0 if single else 1):
        if isinstance(event, dict):
            yield prepare_raw(event, line=index, source="event")
        else:
            yield prepare_event(event, line=index, source="event")
