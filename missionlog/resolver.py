"""The one rule for vehicle names and aliases, for writing and for reading.

A pure function of the time in question and the flights a name could mean. The
fold feeds it from the world it keeps (an append is judged by what was known at
its time); queries feed it from the store's name index as known at `--known-at`.
Both give the same answer for the same history, which is the point.

The rule: a name that is a vehicle's canonical name is that vehicle. An alias
resolves to the one vehicle in space at the time in question; between flights of
a reused capsule, to the most recent flight that had launched by then (never to
one that had not launched); otherwise it is ambiguous, and the error lists the
candidates with their launch dates and says how to pick one. Matching is exact
first; failing that, case-insensitive when exactly one name matches that way.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple, Protocol

from missionlog.errors import AmbiguousName, UnknownName
from missionlog.projections.state import suggest


class Flight(NamedTuple):
    """One vehicle a name could mean: its canonical name and its flight's dates."""

    name: str
    launched_at: str
    ended_at: str | None


class NameIndex(Protocol):
    """What the resolver reads: the world's for an append, the store's for a query."""

    def flight(self, name: str) -> Flight | None:
        """The vehicle whose canonical name is NAME, if it is known."""

    def alias_flights(self, alias: str) -> list[Flight]:
        """Every vehicle launched with ALIAS among its other names."""

    def known_names(self) -> Iterable[str]:
        """Canonical names and aliases, for suggestions."""


def resolve(name: str, at: str, index: NameIndex, *, unknown: str = "") -> str:
    """The canonical name NAME stands for at AT, by the rule above.

    UnknownName if nothing is called NAME (with suggestions from names and aliases);
    AmbiguousName if the rule leaves more than one candidate. UNKNOWN overrides the
    start of the unknown-name message.
    """
    found = _match(name, at, index)
    if found is not None:
        return found
    known = list(index.known_names())
    folded = name.casefold()
    matches = sorted({k for k in known if k.casefold() == folded})
    if len(matches) == 1:
        found = _match(matches[0], at, index)
        if found is not None:
            return found
    start = unknown or f"nothing in the log is called {name!r}"
    raise UnknownName(f"{start}{suggest(name, known)}")


def _match(name: str, at: str, index: NameIndex) -> str | None:
    own = index.flight(name)
    if own is not None:
        return own.name
    flights = index.alias_flights(name)
    return pick(name, at, flights) if flights else None


def pick(name: str, at: str, flights: list[Flight]) -> str:
    """The flight the rule picks among FLIGHTS sharing the alias NAME, at AT."""
    in_space = [f for f in flights if f.launched_at <= at and (f.ended_at or "~") > at]
    if len(in_space) == 1:
        return in_space[0].name
    if in_space:
        flights = in_space
    else:
        launched = [f for f in flights if f.launched_at <= at]
        if launched:
            latest = max(f.launched_at for f in launched)
            newest = [f for f in launched if f.launched_at == latest]
            if len(newest) == 1:
                return newest[0].name
            flights = newest
        elif len(flights) == 1:
            return flights[0].name  # its one vehicle: the caller says it had not launched
    listed = ", ".join(f"{f.name} (launched {f.launched_at})"
                       for f in sorted(flights, key=lambda f: (f.launched_at, f.name)))
    where = f"{len(in_space)} of them in space" if in_space else "none of them in space"
    raise AmbiguousName(
        f"{name!r} names {len(flights)} vehicles: {listed}, {where} at {at}; "
        "pick one with --at (a time during its flight) or use its canonical name"
    )
