"""Turning what a user types for --at / --known-at into bounds on the two clocks.

A bare date means the end of that UTC day (so `--at 2023-02-12` includes
everything that happened on the 12th); an instant is inclusive; naive times
are refused for the same reason they are refused in events.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time

from missionlog.errors import InvalidEvent

RECORDED_FORMAT = "%Y-%m-%dT%H:%M:%S.%fZ"


def parse_moment(text: str, *, option: str = "--at") -> datetime:
    text = text.strip()
    try:
        if len(text) == 10:
            day = date.fromisoformat(text)
            return datetime.combine(day, time(23, 59, 59, 999999), tzinfo=UTC)
        moment = datetime.fromisoformat(text.replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        raise InvalidEvent(
            f"{option}: {text!r} is neither a date (2023-02-12) nor an instant "
            "(2023-02-12T08:45Z)"
        ) from None
    if moment.tzinfo is None:
        raise InvalidEvent(f"{option}: {text!r} has no UTC offset; add Z or +HH:MM")
    return moment.astimezone(UTC)


def now() -> datetime:
    return datetime.now(UTC)


def occurred_bound(moment: datetime) -> str:
    """Text bound on occurred_at (whole seconds, so flooring keeps `<=` exact)."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def recorded_bound(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime(RECORDED_FORMAT)


def parse_recorded_at(text: str, *, where: str = "") -> str:
    """A recorded_at carried by an imported line, normalised to the store's fixed width."""
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except (ValueError, AttributeError):
        raise InvalidEvent(f"recorded_at{where}: {text!r} is not an ISO 8601 instant") from None
    if moment.tzinfo is None:
        raise InvalidEvent(f"recorded_at{where}: {text!r} has no UTC offset")
    return recorded_bound(moment)
