"""The typed public surface: every exported name resolves, and what the API returns has
exactly the keys its documented type declares."""

from __future__ import annotations

from typing import get_type_hints

import missionlog
from missionlog import MissionLog


def test_every_exported_name_resolves() -> None:
    assert sorted(missionlog.__all__) == sorted(set(missionlog.__all__))
    for name in missionlog.__all__:
        assert getattr(missionlog, name) is not None, name


def test_returned_values_have_the_keys_of_their_types(iss: MissionLog) -> None:
    hints = get_type_hints(missionlog.VehicleView)
    assert set(iss.state("Progress 82", at="2023-02-12")) == set(hints)
    station = iss.station("ISS", at="2023-02-12")
    assert set(station) == set(get_type_hints(missionlog.StationView))
    assert set(station["crew"][0]) == set(get_type_hints(missionlog.CrewView))
    assert set(iss.replay(until="2023-02-12")) == set(get_type_hints(missionlog.ReplaySummary))
    decision = iss.decisions(at="2023-02-12")[0]
    assert set(decision) == set(get_type_hints(missionlog.DecisionView))
    assert set(decision["evidence"][0]) == set(get_type_hints(missionlog.EvidenceView))
    summary = iss.replay(until="2023-02-12")["vehicles_in_space"][0]
    assert set(summary) == set(get_type_hints(missionlog.InFlightView))


def test_the_api_methods_name_their_return_types() -> None:
    returns = {name: getattr(MissionLog, name).__annotations__["return"]
               for name in ("state", "station", "replay", "append", "decisions", "history")}
    assert returns == {"state": "VehicleView", "station": "StationView",
                       "replay": "ReplaySummary", "append": "AppendResult",
                       "decisions": "list[DecisionView]", "history": "list[EventRecord]"}
    for name in ("VehicleView", "StationView", "ReplaySummary", "AppendResult",
                 "DecisionView", "EventRecord"):
        assert name in missionlog.__all__


def test_plans_and_changes_have_the_keys_of_their_types(iss: MissionLog) -> None:
    plans = iss.plans(at="2023-02-12")
    assert set(plans) == set(get_type_hints(missionlog.PlansView))
    changes = iss.changes("2000-01-01")
    assert set(changes) == set(get_type_hints(missionlog.ChangesView))
