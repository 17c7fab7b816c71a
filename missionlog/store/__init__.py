"""The only package that speaks SQL: the events table, its caches and projections."""

from missionlog.store.batch import AppendResult, Prepared
from missionlog.store.event_store import EventStore

__all__ = ["AppendResult", "EventStore", "Prepared"]
