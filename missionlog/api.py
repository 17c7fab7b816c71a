"""MissionLog: the Python API. Every CLI command is a thin wrapper over one method here.

    log = MissionLog.open("missionlog.db", create=True)
    log.append([Launched(...), Docked(...)])
    log.state("Progress 82", at="2023-02-12")
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from datetime import datetime
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

import orjson

from missionlog.errors import AmbiguousName, NothingRecorded, UnknownName
from missionlog.projections.replay import Observer, replay
from missionlog.projections.state import Recorded, suggest
from missionlog.projections.views import in_flight_summary, station_view, vehicle_view
from missionlog.projections.world import World
from missionlog.store import AppendResult, EventStore, names
from missionlog.store.reads import FAR_FUTURE
from missionlog.timeparse import now, occurred_bound, parse_moment, recorded_bound

if TYPE_CHECKING:
    from missionlog.events import Event

When = str | datetime | None


def _moment(value: When, option: str) -> datetime:
    if value is None:
        return now()
    if isinstance(value, datetime):
        if value.tzinfo is None:
            return parse_moment(value.isoformat(), option=option)
        return value
    return parse_moment(value, option=option)


class MissionLog:
    """One mission log file: append events, read them back, ask what the log says."""

    def __init__(self, store: EventStore) -> None:
        self.store = store

    @classmethod
    def open(cls, path: Path | str = "missionlog.db", *, create: bool = False) -> MissionLog:
        return cls(EventStore(path, create=create))

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> MissionLog:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ---- writing ---------------------------------------------------------------------

    def append(
        self,
        events: Iterable[Event | dict[str, Any]],
        *,
        expected_version: int | None = None,
    ) -> AppendResult:
        """Append events (models or wire dicts) atomically, checked against the history."""
        from missionlog.ingest import prepare_any  # pydantic: only when writing

        return self.store.append(prepare_any(events), expected_version=expected_version)

    def import_lines(
        self,
        lines: Iterable[str | bytes],
        *,
        source: str = "",
        progress: Callable[[int], None] | None = None,
        expected_version: int | None = None,
    ) -> AppendResult:
        """Append JSON Lines (plain events or `export` output) as one atomic batch."""
        from missionlog.ingest import prepare_lines  # pydantic: only when writing

        return self.store.append(
            prepare_lines(lines, source=source),
            progress=progress,
            expected_version=expected_version,
        )

    # ---- reading the log -------------------------------------------------------------

    def export(self, out: IO[bytes]) -> int:
        """Write the whole log as JSONL in log order; `import_lines` takes it back exactly."""
        count = 0
        for row in self.store.rows():
            out.write(orjson.dumps(row.export_dict()) + b"\n")
            count += 1
        return count

    def log(
        self,
        *,
        vehicle: str | None = None,
        types: list[str] | None = None,
        since: When = None,
        until: When = None,
    ) -> Iterator[dict[str, Any]]:
        """Stored events in log order, filtered; each in the `export` shape."""
        streams = [self.canonical_name(vehicle)] if vehicle else None
        since_text = occurred_bound(_moment(since, "--from")) if since is not None else None
        until_text = occurred_bound(_moment(until, "--to")) if until is not None else None
        for row in self.store.rows(streams=streams, types=types, since=since_text,
                                   until=until_text):
            yield row.export_dict()

    def verify(self) -> int:
        """Check the hash chain; the number of events, or TamperDetected."""
        return self.store.verify()

    # ---- asking the log --------------------------------------------------------------

    def world(self, at: When = None, known_at: When = None) -> tuple[World, str]:
        """Everything as of AT, as known at KNOWN_AT; and the as-of text."""
        as_of = occurred_bound(_moment(at, "--at"))
        world = self.store.world_at(as_of, recorded_bound(_moment(known_at, "--known-at")))
        world.clock = as_of
        return world, as_of

    def state(self, vehicle: str, *, at: When = None, known_at: When = None) -> dict[str, Any]:
        """One vehicle as of AT (see docs/cli.md for the keys)."""
        world, as_of = self.world(at, known_at)
        # Name look-ups over the whole log: as known at KNOWN_AT, or everything recorded.
        known = recorded_bound(_moment(known_at, "--known-at")) if known_at else FAR_FUTURE
        if vehicle in world.stations:
            raise UnknownName(f"{vehicle} is a station: ask `missionlog station {vehicle}`")
        try:
            name = world.resolve_vehicle(vehicle)
        except UnknownName:
            raise self._nothing_by(vehicle, as_of, known) from None
        if name != vehicle:  # asked by an alias
            self._refuse_ambiguous_alias(vehicle, world.vehicles[name]["status"], as_of, known)
        return vehicle_view(world, name, as_of)

    def _refuse_ambiguous_alias(self, alias: str, status: str, as_of: str, known: str) -> None:
        """An alias shared with vehicles launched later still fits them: at a time when
        none of its vehicles is in space, the question has no single answer."""
        if status in ("in_flight", "docked"):
            return
        fits = names.vehicles_with_alias(self.store.db, alias, known)
        if len(fits) > 1:
            raise AmbiguousName(
                f"{alias!r} names {', '.join(fits)} and none of them is in space at "
                f"{as_of}; use the canonical name"
            )

    def station(self, name: str, *, at: When = None, known_at: When = None) -> dict[str, Any]:
        world, as_of = self.world(at, known_at)
        if name not in world.stations:
            raise UnknownName(
                f"station {name!r} is not configured by {as_of}{suggest(name, world.stations)}"
            )
        return station_view(world, name, as_of)

    def history(self, vehicle: str) -> list[dict[str, Any]]:
        """A vehicle's events in mission order, both clocks, retractions marked."""
        name = self.canonical_name(vehicle)
        retracted = self.store.retracted_ids()
        out = []
        for row in self.store.rows(streams=[name], order="occurred"):
            item = row.export_dict()
            item["retracted"] = item["event_id"] in retracted
            out.append(item)
        return out

    def replay(
        self,
        *,
        until: When = None,
        known_at: When = None,
        observers: Iterable[Observer] = (),
        progress: Callable[[int], None] | None = None,
    ) -> dict[str, Any]:
        """Replay the whole log up to UNTIL from the first event (no checkpoints) and
        summarise every station and every vehicle still in space."""
        world = self.replay_world(until=until, known_at=known_at, observers=observers,
                                  progress=progress)
        as_of = world.clock
        return {
            "as_of": as_of,
            "stations": [station_view(world, name, as_of) for name in sorted(world.stations)],
            "vehicles_in_space": in_flight_summary(world),
        }

    def replay_world(
        self,
        *,
        until: When = None,
        known_at: When = None,
        observers: Iterable[Observer] = (),
        progress: Callable[[int], None] | None = None,
    ) -> World:
        until_text = occurred_bound(_moment(until, "--until"))
        known_text = recorded_bound(_moment(known_at, "--known-at"))
        records: Iterable[Recorded] = self.store.replay_records(until=until_text,
                                                                known_at=known_text)
        world = World()
        if known_text >= self.store.last_recorded_at():
            # Current knowledge: read retired vehicles from the store's archive as the
            # replay passes them, instead of holding every one in memory.
            archive = self.store.archive()
            world = World(archive, retain_retired=False)
            archive.follow(world)
        if progress is not None:
            records = _counting(records, progress)
        world = replay(records, world, observers=list(observers))
        world.clock = until_text
        return world

    def count(self, *, until: When = None, known_at: When = None) -> int:
        until_text = occurred_bound(_moment(until, "--until")) if until else FAR_FUTURE
        known_text = recorded_bound(_moment(known_at, "--known-at")) if known_at else FAR_FUTURE
        return self.store.count(until=until_text, known_at=known_text)

    # ---- names -----------------------------------------------------------------------

    def canonical_name(self, name: str, known_at: str = FAR_FUTURE) -> str:
        """Canonical vehicle (or station) name for NAME, judged on the whole log as it was
        known at KNOWN_AT (store text form)."""
        db = self.store.db
        if names.stream_exists(db, name, known_at):
            return name
        fits = names.vehicles_with_alias(db, name, known_at)
        if len(fits) == 1:
            return fits[0]
        if fits:
            raise AmbiguousName(
                f"{name!r} names several vehicles ({', '.join(fits)}); use one of those"
            )
        known = names.known_streams(db, known_at)
        raise UnknownName(f"nothing in the log is called {name!r}{suggest(name, known)}")

    def _nothing_by(self, vehicle: str, as_of: str, known: str) -> NothingRecorded | UnknownName:
        try:
            name = self.canonical_name(vehicle, known)
        except AmbiguousName as exc:
            return NothingRecorded(f"{exc} (none of them is in space at {as_of})")
        except UnknownName as exc:
            return exc
        first = names.first_occurred_at(self.store.db, name, known)
        then = " as the log knew it then" if known != FAR_FUTURE else ""
        return NothingRecorded(
            f"{name} has no launch by {as_of}{then}; its first event is at {first}"
        )

    def decisions(
        self, *, at: When = None, known_at: When = None, status: str | None = None
    ) -> list[dict[str, Any]]:
        """What had to be decided as of AT (as known at KNOWN_AT), newest first; STATUS
        (open, decided, resolved) filters. A full replay: decisions need every event."""
        from missionlog.decisions import DecisionBook, with_status

        book = DecisionBook()
        self.replay_world(until=at, known_at=known_at, observers=[book])
        return with_status(book.decisions(), status)

    def explain(
        self, kind: str, subject: str, *, at: When = None, known_at: When = None
    ) -> list[str]:
        """The chain of events behind KIND decisions about SUBJECT (name or alias), as
        dated plain sentences; NothingRecorded if no such decision opened by AT."""
        from missionlog.decisions import DecisionBook, explain_decision

        book = DecisionBook()
        world = self.replay_world(until=at, known_at=known_at, observers=[book])
        return explain_decision(book, world, kind, subject)


def _counting(records: Iterable[Recorded], progress: Callable[[int], None]) -> Iterator[Recorded]:
    for index, record in enumerate(records, start=1):
        yield record
        if index % 10000 == 0:
            progress(10000)
