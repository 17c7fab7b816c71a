"""The pydantic-free vocabulary agrees with the event models."""

from __future__ import annotations

from typing import get_args

from missionlog.events import CREW_CAPABLE, VehicleClass
from missionlog.vocabulary import VEHICLE_CLASSES


def test_the_vehicle_classes_of_the_models_are_the_vocabularys() -> None:
    assert get_args(VehicleClass) == VEHICLE_CLASSES


def test_every_crew_capable_class_is_a_vehicle_class() -> None:
    assert set(VEHICLE_CLASSES) >= CREW_CAPABLE


def test_the_closed_lists_the_cli_shows_are_the_models() -> None:
    from missionlog.events import LeakSystem, Precision, Severity
    from missionlog.vocabulary import LEAK_SYSTEMS, PRECISIONS, SEVERITIES

    assert get_args(LeakSystem) == LEAK_SYSTEMS
    assert get_args(Severity) == SEVERITIES
    assert get_args(Precision) == PRECISIONS
