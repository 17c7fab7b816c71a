"""missionlog: an append-only, tamper-evident, event-sourced mission log for crewed stations.

The public API. Names are imported on first use (PEP 562), so `import missionlog.cli`
does not pay for pydantic and sqlite-utils before a command needs them.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

_EXPORTS: dict[str, str] = {
    "MissionLog": "missionlog.api",
    "AmbiguousName": "missionlog.errors",
    "ConcurrencyConflict": "missionlog.errors",
    "DuplicateEventId": "missionlog.errors",
    "HistoryConflict": "missionlog.errors",
    "InvalidEvent": "missionlog.errors",
    "MissionLogError": "missionlog.errors",
    "NothingRecorded": "missionlog.errors",
    "StoreError": "missionlog.errors",
    "TamperDetected": "missionlog.errors",
    "UnknownName": "missionlog.errors",
    "EVENT": "missionlog.events",
    "Event": "missionlog.events",
    "CrewAssigned": "missionlog.events",
    "DecisionRecorded": "missionlog.events",
    "Deorbited": "missionlog.events",
    "Docked": "missionlog.events",
    "Landed": "missionlog.events",
    "Launched": "missionlog.events",
    "LeakDetected": "missionlog.events",
    "Note": "missionlog.events",
    "Relocated": "missionlog.events",
    "Retracted": "missionlog.events",
    "StationConfigured": "missionlog.events",
    "Undocked": "missionlog.events",
}
__all__ = [
    "EVENT",
    "AmbiguousName",
    "ConcurrencyConflict",
    "CrewAssigned",
    "DecisionRecorded",
    "Deorbited",
    "Docked",
    "DuplicateEventId",
    "Event",
    "HistoryConflict",
    "InvalidEvent",
    "Landed",
    "Launched",
    "LeakDetected",
    "MissionLog",
    "MissionLogError",
    "Note",
    "NothingRecorded",
    "Relocated",
    "Retracted",
    "StationConfigured",
    "StoreError",
    "TamperDetected",
    "Undocked",
    "UnknownName",
]

if TYPE_CHECKING:
    from missionlog.api import MissionLog
    from missionlog.errors import (
        AmbiguousName,
        ConcurrencyConflict,
        DuplicateEventId,
        HistoryConflict,
        InvalidEvent,
        MissionLogError,
        NothingRecorded,
        StoreError,
        TamperDetected,
        UnknownName,
    )
    from missionlog.events import (
        EVENT,
        CrewAssigned,
        DecisionRecorded,
        Deorbited,
        Docked,
        Event,
        Landed,
        Launched,
        LeakDetected,
        Note,
        Relocated,
        Retracted,
        StationConfigured,
        Undocked,
    )


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'missionlog' has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return __all__
