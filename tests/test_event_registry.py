"""The registry of event types is whole: every type has its model, fold handler, subject
field, typed-CLI options and docs section, and a type missing a part fails by name."""

from __future__ import annotations

from pathlib import Path

import pytest

from missionlog.errors import InvalidEvent
from missionlog.event_types import EVENT_TYPE, EventType, Field, registry_gaps
from missionlog.events import MODEL_BY_TYPE
from missionlog.projections.world import HANDLERS, World

DOCS = (Path(__file__).parent.parent / "docs" / "events.md").read_text()
EVERY_TYPE = sorted(set(EVENT_TYPE) | set(MODEL_BY_TYPE) | set(HANDLERS))


@pytest.mark.parametrize("kind", EVERY_TYPE)
def test_every_event_type_has_every_part(kind: str) -> None:
    assert kind in EVENT_TYPE, f"{kind}: no row in event_types.EVENT_TYPE_LIST"
    assert kind in MODEL_BY_TYPE, f"{kind}: no model in the events.Event union"
    assert kind in HANDLERS, f"{kind}: no @handles({kind!r}) fold handler in world.py"
    spec = EVENT_TYPE[kind]
    assert spec.subject, f"{kind}: no subject field"
    fields = {f.name for f in spec.fields}
    assert set(spec.subject) <= fields, f"{kind}: subject {spec.subject} is not one of its fields"
    assert f"| `{kind}` |" in DOCS, f"{kind}: no row in docs/events.md"


def test_the_real_registry_has_no_gaps() -> None:
    assert registry_gaps(EVENT_TYPE, dict(MODEL_BY_TYPE), dict(HANDLERS)) == []


TRIAL = EventType("trial_probe", "A trial type.", (Field("vehicle", required=True),),
                  stream="vehicle", subject=("vehicle",))


def test_a_trial_type_without_a_handler_is_named_as_a_gap() -> None:
    registered = {**EVENT_TYPE, "trial_probe": TRIAL}
    models = {**MODEL_BY_TYPE, "trial_probe": object}
    assert registry_gaps(registered, models, dict(HANDLERS)) == ["trial_probe: no fold handler"]


def test_a_registered_type_without_a_handler_is_refused_not_a_key_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(EVENT_TYPE, "trial_probe", TRIAL)
    world = World()
    world.record({"type": "launched", "occurred_at": "2023-01-01T00:00:00Z", "event_id": "l",
                  "vehicle": "Probe", "vehicle_class": "other", "crew": [], "aliases": []}, 1)
    with pytest.raises(InvalidEvent, match="'trial_probe' has no fold handler"):
        world.record({"type": "trial_probe", "occurred_at": "2023-01-02T00:00:00Z",
                      "event_id": "t", "vehicle": "Probe"}, 2)
