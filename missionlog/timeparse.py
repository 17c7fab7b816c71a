"""The one time parser: what a user types for --at, --known-at, --from, --to, --until
(and the API's at/known_at/since/until) into bounds on the two clocks.

A bare date is the whole UTC day: as an upper bound (--at, --known-at, --to,
--until, until) it means the end of that day, as a lower bound (--from, since)
its start, so both include everything that happened on that day. An instant is
inclusive; `now` is the current instant; naive times are refused for the same
reason they are refused in events.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from missionlog.errors import InvalidEvent

RECORDED_FORMAT = "%Y-%m-%dT%H:%M:%S.%fZ"
# How far ahead of this machine's clock an imported recorded_at may be (another
# machine's clock may run a little fast); anything later is a claim about the future.
CLOCK_SKEW = timedelta(minutes=5)


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
    try:
        return moment.astimezone(UTC)
    except OverflowError:
        raise InvalidEvent(f"{option}: {text!r} is outside years 1 to 9999 in UTC") from None


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


def shown(value: object, limit: int = 60) -> str:
    """VALUE as it may appear in a one-line error: repr'd (so control characters are
    escaped) and cut short (a huge value must not flood the terminal)."""
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def parse_recorded_at(text: str, *, where: str = "") -> str:
    """A recorded_at carried by an imported line, normalised to the store's fixed width."""
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except (ValueError, AttributeError, TypeError):
        raise InvalidEvent(
            f"recorded_at{where}: {shown(text)} is not an ISO 8601 instant with an offset"
        ) from None
    if moment.tzinfo is None:
        raise InvalidEvent(f"recorded_at{where}: {text!r} has no UTC offset")
    try:
        moment = moment.astimezone(UTC)
    except OverflowError:
        raise InvalidEvent(f"recorded_at{where}: {text!r} is outside years 1 to 9999 in UTC"
                           ) from None
    if moment > now() + CLOCK_SKEW:
        # A future recorded_at would push every later append's known-at time past it
        # (and 9999-12-31 would leave no later instant at all): the log would break.
        raise InvalidEvent(
            f"recorded_at{where}: {text!r} is in the future (later than now plus "
            f"{int(CLOCK_SKEW.total_seconds() // 60)} minutes of clock skew)"
        )
    return recorded_bound(moment)
