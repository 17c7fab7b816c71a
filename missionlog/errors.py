"""The errors missionlog raises, so callers catch one family and never sqlite3.

    MissionLogError                 base: every message is one line a user can act on
    ├── InvalidEvent                a line or field fails validation (names the field)
    ├── HistoryConflict             the event contradicts the history it joins
    │   └── UnknownName             a name nobody recorded (suggests close names)
    ├── AmbiguousName               an alias fits several vehicles at that time (lists them)
    ├── ConcurrencyConflict         --expect-version did not match the stream's version
    ├── DuplicateEventId            an event_id reused with different content
    ├── NothingRecorded             a question about a name or time the log has no events for
    ├── InvalidQuery                a question asked wrongly (unknown event type, empty range)
    ├── StoreError                  the SQLite file is missing, locked, or not a missionlog
    │   └── TamperDetected          verify found a row whose hash does not match the chain
    └── AccessDenied                a missionlog service refused the token (missing, revoked,
                                    of another log, or its role does not allow the request)

The CLI maps each to an exit code (`EXIT_CODES` in `exit_codes.py`, listed in docs/cli.md).
"""

from __future__ import annotations


class MissionLogError(Exception):
    """Base of every error missionlog raises on purpose."""


class InvalidEvent(MissionLogError):
    """Input that is not a valid event; the message names the field and the line."""


class HistoryConflict(MissionLogError):
    """An event that cannot have happened given the events already in the log."""


class UnknownName(HistoryConflict):
    """A name the log has never seen; the message suggests the close ones it has."""


class AmbiguousName(MissionLogError):
    """An alias that names several vehicles at the time in question."""


class ConcurrencyConflict(MissionLogError):
    """The stream moved on since the caller read it (optimistic concurrency)."""


class DuplicateEventId(MissionLogError):
    """The same event_id was appended before with different content."""


class NothingRecorded(MissionLogError):
    """The log holds nothing for the name or time asked about."""


class InvalidQuery(MissionLogError):
    """A question that cannot be asked: an unknown event type, a range that ends before
    it starts. An error, not an empty answer, so a typo is never read as "nothing"."""


class StoreError(MissionLogError):
    """The SQLite file cannot be used as a missionlog store."""


class TamperDetected(StoreError):
    """A stored event no longer matches its hash chain."""


class AccessDenied(MissionLogError):
    """A missionlog service refused the request's token or its role."""
