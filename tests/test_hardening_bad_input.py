"""Issue 10's bad-input property: mutate valid events (boundary dates, Unix timestamps,
control and bidi characters, huge and deeply nested values, wrong types, unknown and
missing fields) and feed them to the real CLI on a real log. Whatever is refused is
refused with one clean `error:` line, an exit code from docs/cli.md, and not one byte
of any table changed; whatever is accepted exits 0."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from strategies import SEED_STORY, log_fingerprint, scratch_dir
from typer.testing import CliRunner

from missionlog import MissionLog
from missionlog.cli import app

DOCUMENTED_FAILURES = {2, 3, 4, 5, 6, 7, 8, 9}
NAME_FIELDS = ("vehicle", "station", "port", "subject", "retracts")
LIST_FIELDS = ("crew", "aliases", "ports")
TIME_FIELDS = ("occurred_at", "recorded_at")

BAD_TIMES = st.sampled_from([
    "0001-01-01T00:00:00+01:00", "9999-12-31T23:59:59-01:00", "9999-12-31T23:59:59.999999Z",
    "2099-01-01T00:00:00Z", "1676191500", 1676191500, -1, 0, 1.5, "-1", "2023-02-12",
    "2023-02-12T08:45:00", "2023-02-12T08:45:00.5Z", "2023-13-01T00:00:00Z", "", None, True,
    "2023-02-12T08:45:00+25:00", "\u0661\u0666\u0667\u0666", [], {},
])
UNSAFE = st.sampled_from(["\x1b[2J", "\r", "\x00", "\n", "\x7f", "\x9b", "\u202e", "\u2066",
                          "\u200f", "\u2028"])
HUGE = st.sampled_from([10_000, 1_000_000]).map(lambda size: "x" * size)


def _nested(depth: int) -> Any:
    value: Any = "deep"
    for level in range(depth):
        value = [value] if level % 2 else {"k": value}
    return value


NESTED = st.sampled_from([5, 100, 1100, 5000]).map(_nested)


@st.composite
def mutated_events(draw: st.DrawFn) -> tuple[dict[str, Any], bool]:
    """A mutated seed-story event, and whether the mutation must be refused (some leave
    a valid event: a huge note, a missing optional field, a 2099 occurred_at)."""
    event = dict(draw(st.sampled_from(SEED_STORY)))
    event.pop("event_id", None)
    kind = draw(st.sampled_from(["time", "unsafe", "huge", "nested", "type", "unknown",
                                 "missing", "not-object"]))
    fields = [name for name in event if name != "type"]
    must_refuse = kind in ("unsafe", "nested", "unknown", "not-object")
    if kind == "time":
        field, value = draw(st.sampled_from(TIME_FIELDS)), draw(BAD_TIMES)
        event[field] = value
        must_refuse = (field, value) not in (("recorded_at", None),
                                             ("occurred_at", "2099-01-01T00:00:00Z"))
    elif kind == "unsafe":
        names = [f for f in fields if f in NAME_FIELDS or f in LIST_FIELDS] or ["vehicle"]
        field = draw(st.sampled_from(names))
        bad = f"Soyuz{draw(UNSAFE)}MS-22"
        event[field] = [bad] if field in LIST_FIELDS else bad
    elif kind == "huge":
        field = draw(st.sampled_from(fields))
        event[field] = draw(HUGE)
        must_refuse = field in NAME_FIELDS or field in LIST_FIELDS or field in TIME_FIELDS
    elif kind == "nested":
        event[draw(st.sampled_from(fields))] = draw(NESTED)
    elif kind == "type":
        event[draw(st.sampled_from(fields))] = draw(st.sampled_from(
            [12, 1e308, -0.0, None, True, ["a", 1], {"a": 1}]))
    elif kind == "unknown":
        event[draw(st.sampled_from(["vehicel", "occured_at", "Type", "posiiton", ""]))] = "x"
    elif kind == "missing":
        event.pop(draw(st.sampled_from(fields)))
    else:
        return {"__raw__": draw(st.sampled_from([[event], "event", 42, None]))}, True
    return event, must_refuse


def _line(event: dict[str, Any]) -> bytes:
    raw = event.get("__raw__", event)
    try:
        return json.dumps(raw).encode() + b"\n"
    except RecursionError:  # the stdlib gives up first: write the nesting by hand
        depth = 5000
        return b'{"type":"note","text":' + b"[" * depth + b"]" * depth + b"}\n"


@pytest.mark.slow
@given(mutation=mutated_events(), command=st.sampled_from(["import", "append"]))
def test_every_rejected_input_is_one_clean_line_a_documented_code_and_changes_nothing(
    mutation: tuple[dict[str, Any], bool], command: str
) -> None:
    event, must_refuse = mutation
    with scratch_dir() as scratch:
        db = Path(scratch) / "log.db"
        with MissionLog.open(db, create=True) as log:
            log.append(list(SEED_STORY))
        before = log_fingerprint(db)
        args = ["import", "-"] if command == "import" else ["append", "--json", "-"]
        result = CliRunner().invoke(app, [*args, "--db", str(db)], input=_line(event),
                                    prog_name="missionlog")
        if result.exit_code == 0 and not must_refuse:
            return  # a mutation that left a valid event (a huge note, a 2099 occurred_at)
        assert result.exit_code in DOCUMENTED_FAILURES, (result.exit_code, result.stderr[:300])
        assert result.stderr.count("\n") == 1, result.stderr[:500]
        assert result.stderr.startswith("error: ")
        assert len(result.stderr) < 2000  # a huge value is not echoed back whole
        for raw in ("\r", "\x1b", "\x00", "\u202e"):
            assert raw not in result.stderr
        assert log_fingerprint(db) == before
