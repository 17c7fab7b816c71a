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
    "VehicleAssessed": "missionlog.events",
    # The typed public surface: what the MissionLog methods return.
    "AppendResult": "missionlog.store.batch",
    "VehicleView": "missionlog.projections.views",
    "StationView": "missionlog.projections.views",
    "CrewView": "missionlog.projections.views",
    "LeakView": "missionlog.projections.views",
    "StationLeakView": "missionlog.projections.views",
    "InFlightView": "missionlog.projections.views",
    "ReplaySummary": "missionlog.projections.views",
    "EventRecord": "missionlog.projections.views",
    "CrewListView": "missionlog.projections.views",
    "PersonView": "missionlog.projections.views",
    "DockedVehicleView": "missionlog.projections.views",
    "FitnessBasisView": "missionlog.projections.views",
    "DecisionView": "missionlog.decisions.book",
    "PlanView": "missionlog.projections.plans",
    "PlansView": "missionlog.projections.plans",
    "ChangesView": "missionlog.changes",
    "Planned": "missionlog.events",
    "PlanCancelled": "missionlog.events",
    "LeakResolved": "missionlog.events",
    "EvidenceView": "missionlog.decisions.book",
}
__all__ = [
    "EVENT",
    "AmbiguousName",
    "AppendResult",
    "ChangesView",
    "ConcurrencyConflict",
    "CrewAssigned",
    "CrewListView",
    "CrewView",
    "DecisionRecorded",
    "DecisionView",
    "Deorbited",
    "Docked",
    "DockedVehicleView",
    "DuplicateEventId",
    "Event",
    "EventRecord",
    "EvidenceView",
    "FitnessBasisView",
    "HistoryConflict",
    "InFlightView",
    "InvalidEvent",
    "Landed",
    "Launched",
    "LeakDetected",
    "LeakResolved",
    "LeakView",
    "MissionLog",
    "MissionLogError",
    "Note",
    "NothingRecorded",
    "PersonView",
    "PlanCancelled",
    "PlanView",
    "Planned",
    "PlansView",
    "Relocated",
    "ReplaySummary",
    "Retracted",
    "StationConfigured",
    "StationLeakView",
    "StationView",
    "StoreError",
    "TamperDetected",
    "Undocked",
    "UnknownName",
    "VehicleAssessed",
    "VehicleView",
]

if TYPE_CHECKING:
    from missionlog.api import MissionLog
    from missionlog.changes import ChangesView
    from missionlog.decisions.book import DecisionView, EvidenceView
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
        LeakResolved,
        Note,
        PlanCancelled,
        Planned,
        Relocated,
        Retracted,
        StationConfigured,
        Undocked,
        VehicleAssessed,
    )
    from missionlog.projections.plans import PlansView, PlanView
    from missionlog.projections.views import (
        CrewListView,
        CrewView,
        DockedVehicleView,
        EventRecord,
        FitnessBasisView,
        InFlightView,
        LeakView,
        PersonView,
        ReplaySummary,
        StationLeakView,
        StationView,
        VehicleView,
    )
    from missionlog.store.batch import AppendResult


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'missionlog' has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return __all__
