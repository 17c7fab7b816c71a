"""The timeline's data for one station and span: one replay, then clipping.

One replay feeds both the timeline collector and the decision book, so the bars,
markers and shaded spans are all read off the same fold as `state`, `station`
and `decisions`. The result is plain JSON-ready data; `render.py` draws it and
the CLI can print it as JSON or CSV, so what the picture shows can be tested.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Protocol

from missionlog.decisions import DecisionBook
from missionlog.errors import InvalidEvent, NothingRecorded, UnknownName
from missionlog.projections.replay import Observer
from missionlog.projections.state import suggest
from missionlog.projections.world import World
from missionlog.timeline.data import (
    TimelineCollector,
    clipped,
    decision_markers,
    planned_bars,
    station_decisions,
)
from missionlog.timeparse import now, occurred_bound


class LogReader(Protocol):
    """What the timeline reads: `MissionLog` (which calls `timeline_data` from its
    `timeline` method), so this package does not import the API."""

    def replay_world(
        self, *, until: str | None = None, known_at: str | None = None,
        observers: Iterable[Observer] = (),
    ) -> World: ...

    def world(self, at: str | None = None, known_at: str | None = None) -> tuple[World, str]: ...


def timeline_data(
    log: LogReader,
    station: str | None = None,
    *,
    since: str | None = None,
    until: str | None = None,
    at: str | None = None,
    known_at: str | None = None,
) -> dict[str, Any]:
    """Bars, leak and decision markers and unfit spans for STATION between SINCE and UNTIL.

    AT replays only up to that moment (the picture's "now"); KNOWN_AT keeps only
    what had been recorded by then. Without SINCE the span starts at the first
    docking; without UNTIL it ends at AT, or else at the last event replayed. Times
    are the store's text bounds, already parsed by `MissionLog.timeline`.
    """
    at_text, known_text, start_text, end_text = at, known_at, since, until
    replay_until = at_text or end_text or occurred_bound(now())
    name = station or _only_station(log, replay_until, known_at)

    collector = TimelineCollector(name)
    book = DecisionBook()
    world = log.replay_world(until=replay_until, known_at=known_at, observers=[collector, book])
    if name not in world.stations:
        known = f" as known at {known_text}" if known_text else ""
        raise UnknownName(
            f"station {name!r} is not configured by {replay_until}{known}"
            f"{suggest(name, world.stations)}"
        )
    planned = planned_bars(world, name)
    default_end = max([collector.last_event or "", *(p["end"] or p["start"] for p in planned)])
    span = _span(collector, start_text, end_text or at_text or default_end or None)
    horizon = min(span[1], replay_until)
    ports = list(world.stations[name]["ports"])
    ports += sorted({bar["port"] for bar in collector.bars} - set(ports))
    decisions = station_decisions(book.decisions(), collector, span)
    return {
        "station": name,
        "span": {"start": span[0], "end": span[1]},
        "at": at_text,
        "known_at": known_text,
        "ports": ports,
        "bars": _clip_all(collector.bars, span, horizon),
        "leaks": [leak for leak in collector.leaks if span[0] <= leak["at"] <= span[1]],
        "decisions": decision_markers(decisions, span),
        "decision_spans": decisions,
        "unfit_spans": _clip_all(collector.unfit, span, horizon),
        # plans in force: never mixed into the bars (what happened); drawn hollow
        "planned_bars": _clip_all([{**p, "end": p["end"] or span[1]} for p in planned],
                                  span, span[1]),
    }


def data_digest(data: dict[str, Any]) -> str:
    """A fingerprint of the timeline data, written into each picture's metadata so a
    committed picture can be checked against the log it claims to show."""
    import hashlib

    import orjson

    return hashlib.sha256(orjson.dumps(data, option=orjson.OPT_SORT_KEYS)).hexdigest()


def _span(collector: TimelineCollector, start: str | None, end: str | None) -> tuple[str, str]:
    start = start or collector.first_docking
    end = end or collector.last_event
    if end is None:
        raise NothingRecorded("the log has no events in the replayed time; give --to")
    if start is None:
        raise NothingRecorded(
            f"no vehicle has docked at {collector.station} by {end}; give --from to draw "
            "its empty ports"
        )
    if start >= end:
        raise InvalidEvent(f"--from: the span starts at {start}, not before its end {end}")
    return start, end


def _clip_all(items: list[Any], span: tuple[str, str], horizon: str) -> list[dict[str, Any]]:
    """Copies of ITEMS overlapping SPAN, with drawn_start/drawn_end inside it.

    An item still open when the replay ended (end None) runs to HORIZON: the span's
    end, or the --at moment if that comes first (nothing is known after "now").
    """
    out = []
    for item in items:
        part = clipped(item["start"], item["end"] or horizon, span)
        if part is not None:
            out.append({**item, "drawn_start": part[0], "drawn_end": part[1]})
    return out


def _only_station(log: LogReader, until: str, known_at: str | None) -> str:
    world, _ = log.world(at=until, known_at=known_at)
    if len(world.stations) == 1:
        return next(iter(world.stations))
    names = ", ".join(sorted(world.stations)) or "none"
    raise InvalidEvent(f"--station: the log configures several stations or none ({names}); "
                       "name one")
