"""Laws of seats and fitness over random legal histories (the builder of
test_decisions_properties, with assessments, overfull rides and rulings with a kind):

- seats counted equal people assigned: every person in space with a ride is counted
  once, by their ride; a ride's nominal seats are its first `capacity` riders and the
  rest ride in contingency places; free seats are what is left of its capacity;
- the answers to the controller's question (`crew`, `station`) do not depend on the
  order in which the events were recorded (late assessments, assignments, rulings).
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_decisions_properties import Plan, asked_both_ways, build, steps

from missionlog import MissionLog
from missionlog.projections.replay import replay
from missionlog.projections.state import capacity, fitness_of
from missionlog.projections.views import crew_view, station_view


@given(plan=steps, data=st.data())
def test_seats_counted_equal_people_assigned_at_every_step(plan: Plan,
                                                           data: st.DataObject) -> None:
    records = build(plan).records
    k = data.draw(st.integers(1, len(records)), label="events up to T")
    world = replay(records[:k])
    people = crew_view(world, "")["crew"]
    assert sorted(p["name"] for p in people) == sorted(world.people)
    riders: dict[str, list[dict[str, Any]]] = {}
    for person in people:
        if person["return_vehicle"] is not None:
            riders.setdefault(person["return_vehicle"], []).append(person)
        else:
            assert person["seat"] is None
    view = station_view(world, "ISS", "")
    docked = {v["vehicle"]: v for v in view["vehicles"]}
    for name, riding in riders.items():
        vehicle = world.vehicles[name]
        limit = capacity(vehicle)
        nominal = [p for p in riding if p["seat"] == "nominal"]
        assert len(nominal) == min(len(riding), limit)
        assert len(riding) - len(nominal) == sum(p["seat"] == "contingency" for p in riding)
        if name in docked:
            entry = docked[name]
            assert sorted(entry["assigned"]) == sorted(p["name"] for p in riding)
            assert set(entry["assigned"][:limit]) == {p["name"] for p in nominal}
            free = 0 if fitness_of(vehicle) == "unfit" else limit - len(nominal)
            assert entry["free_seats"] == free
    for name, entry in docked.items():
        if name not in riders:
            assert entry["assigned"] == []


def answers(log: MissionLog, times: list[str]) -> list[Any]:
    return [(log.crew(at=at)["crew"], log.station("ISS", at=at)) for at in times]


@pytest.mark.slow
@settings(max_examples=15)
@given(plan=steps, data=st.data())
def test_recording_order_never_changes_who_rides_home_in_what(
    plan: Plan, data: st.DataObject
) -> None:
    history = build(plan)
    times = [*sorted({e["occurred_at"] for e in history.events})[::3], "2031-01-01"]
    in_order, recorded_late = asked_both_ways(history, data, lambda log: answers(log, times))
    assert recorded_late == in_order
