"""The board's two clocks: mission time (`at`) and knowledge time (`known_at`).

The URL carries both exactly as typed (a date, or an instant), so a link reproduces the
view; the API parses them like the CLI's --at/--known-at. A date-time typed without an
offset (what a browser's date-time picker gives) is read as UTC, as the page says.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime

_NAIVE = re.compile(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$")


def normalise(value: str | None) -> str | None:
    """VALUE with surrounding blanks removed, a missing offset read as UTC; None if empty."""
    if value is None or not value.strip():
        return None
    text = value.strip()
    if _NAIVE.match(text):
        text = text.replace(" ", "T")
        return text + (":00Z" if text.count(":") == 1 else "Z")
    return text


def epoch(instant: str) -> int:
    """Seconds since 1970 of an ISO instant from the log (always UTC, ending in Z)."""
    return int(datetime.fromisoformat(instant.replace("Z", "+00:00")).timestamp())


def instant(seconds: int) -> str:
    """The slider's value back as an instant the API takes (minute precision)."""
    return datetime.fromtimestamp(seconds, UTC).strftime("%Y-%m-%dT%H:%MZ")


@dataclass(frozen=True)
class Clocks:
    """The view's clocks and the log's span, with what the banner must say."""

    at: str | None  # as typed (normalised), None = now
    known_at: str | None
    as_of: str  # the instant the API resolved `at` to
    first: str | None  # the log's first and last occurred_at
    last: str | None
    keep: tuple[tuple[str, str], ...] = ()  # the page's own parameters (station, name…)

    @property
    def in_past(self) -> bool:
        """The view is before the log's last event: later events are not shown."""
        return self.at is not None and self.last is not None and self.as_of < self.last

    @property
    def slider(self) -> dict[str, int] | None:
        if self.first is None or self.last is None:
            return None
        low, high = epoch(self.first), epoch(self.last)
        value = min(max(epoch(self.as_of), low), high) if self.as_of else high
        return {"min": low, "max": high, "value": value}

    def query(self, **extra: str | None) -> dict[str, str]:
        """The query string for a link that keeps both clocks (plus EXTRA)."""
        found = {**dict(self.keep), "at": self.at, "known_at": self.known_at, **extra}
        return {key: value for key, value in found.items() if value}
