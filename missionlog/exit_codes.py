"""Exit codes, all listed in docs/cli.md (tests/test_docs.py checks the table against
these). Outside the typer CLI package, so the fast query path (`fastcli.py`) reports
errors with the same codes without importing typer."""

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
)

EXIT_OK = 0
EXIT_BUG = 1  # an uncaught exception, or an error class without its own code
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130
EXIT_CODES: tuple[tuple[type[MissionLogError], int], ...] = (
    (InvalidQuery, EXIT_USAGE),
    (ConcurrencyConflict, 3),
    (InvalidEvent, 4),
    (HistoryConflict, 5),
    (AmbiguousName, 5),
    (DuplicateEventId, 6),
    (TamperDetected, 7),
    (StoreError, 8),
    (NothingRecorded, 9),
    (AccessDenied, 11),
)


def exit_code_for(error: MissionLogError) -> int:
    for kind, code in EXIT_CODES:
        if isinstance(error, kind):
            return code
    return EXIT_BUG
