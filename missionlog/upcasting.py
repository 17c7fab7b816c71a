"""Raw-dict upcasters, keyed by (type, from_version), applied before validation.

Old event files are never rewritten: when the wire format changes in a breaking
way, CURRENT_SCHEMA_VERSION goes up and a function here turns an old line into
the new shape. There are none yet: every event is at version 1.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from missionlog.errors import InvalidEvent

CURRENT_SCHEMA_VERSION = 1
Upcaster = Callable[[dict[str, Any]], dict[str, Any]]
UPCASTERS: dict[tuple[str, int], Upcaster] = {}


def upcast(raw: dict[str, Any], schema_version: int, *, where: str = "") -> dict[str, Any]:
    """Bring RAW from SCHEMA_VERSION to the current version, one step at a time."""
    if not isinstance(schema_version, int) or not 1 <= schema_version <= CURRENT_SCHEMA_VERSION:
        raise InvalidEvent(
            f"schema_version{where}: {schema_version!r} is not a version this missionlog "
            f"knows (1..{CURRENT_SCHEMA_VERSION}); upgrade missionlog"
        )
    while schema_version < CURRENT_SCHEMA_VERSION:
        step = UPCASTERS.get((str(raw.get("type")), schema_version))
        if step is not None:
            raw = step(raw)
        schema_version += 1
    return raw
