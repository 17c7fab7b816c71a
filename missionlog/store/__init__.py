"""The only package that speaks SQL: the events table, its caches and projections."""

import sys

if "sqlite_utils" not in sys.modules and "numpy" not in sys.modules:
    # sqlite-utils imports numpy (~50 ms, there because matplotlib needs it) only to map
    # numpy scalars to column types, which missionlog never stores. Every CLI command
    # opens the store, so it is kept out of sqlite-utils' import; the timeline command
    # still imports numpy normally later.
    sys.modules["numpy"] = None  # type: ignore[assignment]
    try:
        import sqlite_utils  # noqa: F401
    finally:
        del sys.modules["numpy"]

from missionlog.store.batch import AppendResult, Prepared
from missionlog.store.event_store import EventStore

__all__ = ["AppendResult", "EventStore", "Prepared"]
