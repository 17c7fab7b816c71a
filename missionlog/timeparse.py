"""The one time parser: what a user types for --at, --known-at, --from, --to, --until
(and the API's at/known_at/since/until) into bounds on the two clocks.

A bare date is the whole UTC day: as an upper bound (--at, --known-at, --to,
--until, until) it means the end of that day, as a lower bound (--from, since)
its start, so both include everything that happened on that day. An instant is
inclusive; `now` is the current instant; naive times are refused for the same
reason they are refused in events.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time

from missionlog.errors import InvalidEvent

RECORDED_FORMAT = "%Y-%m-%dT%H:%M:%S.%fZ"


def parse_moment(text: str, *, option: str = "--at", start_of_day: bool = False) -> datetime:
    """TEXT as an aware UTC instant; a bare date is the end of its day, or with
    START_OF_DAY (lower bounds) its start."""
    text = text.strip()
    if text.lower() == "now":
        return now()
    try:
        if len(text) == 10:
            day = date.fromisoformat(text)
            if start_of_day:
                return datetime.combine(day, time(0, 0), tzinfo=UTC)
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


def parse_occurred_at(text: str) -> tuple[str, str | None]:
    """What `append --at` accepts: an instant as given, `now` (this second) or a bare
    date (its start, at day precision). Returns (occurred_at text, implied precision)."""
    text = text.strip()
    if text.lower() == "now":
        return occurred_bound(now()), None
    if len(text) == 10:
        try:
            day = date.fromisoformat(text)
        except ValueError:
            return text, None  # the event model names what is wrong with it
        return f"{day.isoformat()}T00:00:00Z", "day"
    return text, None


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
