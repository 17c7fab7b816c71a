"""The only package that speaks SQL: the events table, its caches and projections."""

from missionlog.store.event_store import EventStore
from missionlog.store.writer import AppendResult, Prepared

__all__ = ["AppendResult", "EventStore", "Prepared"]
