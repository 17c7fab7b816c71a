"""The error contract between the missionlog service and its client, in one table.

Every error response is `{"error": CODE, "detail": MESSAGE, "exit_code": N}`: CODE is
stable (scripts may branch on it), N is the exit code the CLI gives the same error
locally (docs/cli.md). The client turns CODE back into the same exception class, so a
command over HTTP fails exactly as it does on a local file. No fastapi import here: the
client uses this table too.
"""

from __future__ import annotations

from missionlog.errors import (
    AccessDenied,
    AmbiguousName,
    ConcurrencyConflict,
    DuplicateEventId,
    HistoryConflict,
    InvalidEvent,
    InvalidQuery,
    MissionLogError,
    NothingRecorded,
    StoreError,
    TamperDetected,
    UnknownName,
)

# (class, HTTP status, code), most specific class first.
DOMAIN_ERRORS: tuple[tuple[type[MissionLogError], int, str], ...] = (
    (ConcurrencyConflict, 409, "version_conflict"),
    (InvalidEvent, 422, "invalid_event"),
    (InvalidQuery, 422, "invalid_query"),
    (UnknownName, 404, "unknown_name"),
    (HistoryConflict, 409, "history_conflict"),
    (AmbiguousName, 409, "ambiguous_name"),
    (DuplicateEventId, 409, "duplicate_event_id"),
    (NothingRecorded, 404, "nothing_recorded"),
    (TamperDetected, 500, "tamper_detected"),
    (StoreError, 503, "store_error"),
    (AccessDenied, 403, "forbidden"),
)

# Errors of the HTTP layer itself: code -> (status, the exception the client raises).
PROTOCOL_ERRORS: dict[str, tuple[int, type[MissionLogError]]] = {
    "bad_json": (400, InvalidEvent),
    "invalid_request": (422, InvalidEvent),
    "unauthorized": (401, AccessDenied),
    "forbidden": (403, AccessDenied),
    "not_found": (404, StoreError),
    "method_not_allowed": (405, StoreError),
    "too_large": (413, InvalidEvent),
    "unsupported_media_type": (415, InvalidEvent),
    "rate_limited": (429, StoreError),
    "error": (500, MissionLogError),
}


def status_and_code(error: MissionLogError, *, writing: bool) -> tuple[int, str]:
    """The HTTP status and code for ERROR. A name the log does not know is 404 for a
    question, but 409 for an append (the event conflicts with the history it joins)."""
    for kind, status, code in DOMAIN_ERRORS:
        if isinstance(error, kind):
            if writing and status == 404:
                status = 409
            return status, code
    return 500, "error"


def exception_for(code: str) -> type[MissionLogError]:
    """The exception class a client raises for an error CODE from the service."""
    for kind, _status, known in DOMAIN_ERRORS:
        if known == code:
            return kind
    return PROTOCOL_ERRORS.get(code, (500, MissionLogError))[1]
