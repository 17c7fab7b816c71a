"""The fields of each event type, as the `append` sub-commands offer them.

Derived from the registry (`missionlog/event_types.py`), which stays free of
pydantic so the CLI starts fast; `tests/test_cli_append_fields.py` checks the
registry against the models, so the two cannot drift apart.
"""

from __future__ import annotations

from missionlog.event_types import EVENT_TYPE_LIST

# type -> (what it records, ((field, "text" | "list", required), ...))
APPEND_FIELDS: dict[str, tuple[str, tuple[tuple[str, str, bool], ...]]] = {
    kind.name: (kind.summary, tuple((f.name, f.kind, f.required) for f in kind.fields))
    for kind in EVENT_TYPE_LIST
}
