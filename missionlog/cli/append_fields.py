"""The fields of each event type, as the `append` sub-commands offer them.

Why a plain table and not the pydantic models: building the models costs ~100 ms
of start-up, and every `missionlog` command pays start-up, while only `append`
needs the models (to validate). `tests/test_cli_append_fields.py` checks this
table against the models, so the two cannot drift apart.
"""

from __future__ import annotations

# type -> (what it records, ((field, "text" | "list", required), ...))
APPEND_FIELDS: dict[str, tuple[str, tuple[tuple[str, str, bool], ...]]] = {
    "station_configured": (
        "A station's visiting-vehicle ports (re-sending replaces the list).",
        (("station", "text", True), ("ports", "list", True)),
    ),
    "launched": (
        "A vehicle launched, with its class, crew and other names.",
        (("vehicle", "text", True), ("vehicle_class", "text", True),
         ("crew", "list", False), ("aliases", "list", False)),
    ),
    "docked": (
        "A vehicle docked (or was berthed) at a free port of a station.",
        (("vehicle", "text", True), ("station", "text", True), ("port", "text", True)),
    ),
    "relocated": (
        "A docked vehicle moved to another port of the same station.",
        (("vehicle", "text", True), ("port", "text", True)),
    ),
    "undocked": (
        "A vehicle undocked, with the crew aboard as it left.",
        (("vehicle", "text", True), ("crew", "list", False)),
    ),
    "landed": (
        "A vehicle landed or splashed down.",
        (("vehicle", "text", True), ("site", "text", False)),
    ),
    "deorbited": (
        "A vehicle was destroyed on reentry.",
        (("vehicle", "text", True),),
    ),
    "leak_detected": (
        "A leak on a vehicle, or on a station module.",
        (("vehicle", "text", False), ("station", "text", False), ("module", "text", False),
         ("system", "text", True), ("severity", "text", False), ("cause", "text", False)),
    ),
    "crew_assigned": (
        "People's return vehicle (seat liner) is now this vehicle.",
        (("vehicle", "text", True), ("crew", "list", True)),
    ),
    "decision_recorded": (
        "A decision about a vehicle, and who made it.",
        (("subject", "text", True), ("decision", "text", True), ("by", "text", False)),
    ),
    "retracted": (
        "A correction: the named event no longer counts from now on.",
        (("retracts", "text", True), ("reason", "text", True)),
    ),
    "note": (
        "An operations note that changes no state.",
        (("text", "text", True), ("subject", "text", False)),
    ),
}
