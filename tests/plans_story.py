"""A small hand-written log with both clocks and plans: Progress MS-21's leak and the
Soyuz MS-23 slips, as the February 2023 reports told them (dates from
../shared/facts/iss-2022-2023*.md; recorded times simplified to one report each).
Used by tests/test_plans.py and tests/test_changes.py; the bundled log tells the full
story."""

from __future__ import annotations

import json
from typing import Any

MS22_CREW = ["Sergey Prokopyev", "Dmitri Petelin", "Frank Rubio"]
REPLACEMENT = {"kind": "replacement_required", "subject": "Soyuz MS-22"}


def line(kind: str, at: str, recorded: str, event_id: str, **fields: Any) -> dict[str, Any]:
    return {"type": kind, "occurred_at": at, "event_id": event_id, **fields,
            "recorded_at": recorded}


STORY: list[dict[str, Any]] = [
    line("station_configured", "2021-11-26T15:20:00Z", "2021-11-27T00:00:00Z", "iss",
         station="ISS", ports=["Poisk zenith", "Rassvet nadir", "Prichal nadir"],
         modules=["Zvezda", "Poisk", "Rassvet", "Prichal"]),
    line("launched", "2022-09-21T13:54:49Z", "2022-09-22T00:00:00Z", "ms22-launch",
         vehicle="Soyuz MS-22", vehicle_class="soyuz", crew=MS22_CREW),
    line("docked", "2022-09-21T17:06:00Z", "2022-09-22T00:00:01Z", "ms22-dock",
         vehicle="Soyuz MS-22", station="ISS", port="Rassvet nadir"),
    line("launched", "2022-10-26T00:20:00Z", "2022-10-28T00:00:00Z", "p21-launch",
         vehicle="Progress MS-21", vehicle_class="progress"),
    line("docked", "2022-10-28T02:49:00Z", "2022-10-28T12:00:00Z", "p21-dock",
         vehicle="Progress MS-21", station="ISS", port="Poisk zenith"),
    line("leak_detected", "2022-12-15T00:45:00Z", "2022-12-15T06:00:00Z", "ms22-leak",
         vehicle="Soyuz MS-22", system="coolant", severity="major"),
    line("planned", "2023-01-11T14:00:00Z", "2023-01-11T23:59:00Z", "plan-ms23-launch-1",
         vehicle="Soyuz MS-23", activity="launch", planned_for="2023-02-20T12:00:00Z",
         planned_for_precision="day", precision="hour", answers=REPLACEMENT),
    line("planned", "2023-01-14T12:00:00Z", "2023-01-14T23:59:00Z", "plan-ms23-dock-1",
         vehicle="Soyuz MS-23", activity="dock", planned_for="2023-02-22T12:00:00Z",
         station="ISS", precision="day"),
    line("planned", "2023-02-03T12:00:00Z", "2023-02-03T23:59:00Z", "plan-p21-undock",
         vehicle="Progress MS-21", activity="undock", planned_for="2023-02-18T12:00:00Z",
         station="ISS", port="Poisk zenith", precision="day"),
    line("leak_detected", "2023-02-11T04:48:00Z", "2023-02-11T12:00:00Z", "p21-leak",
         vehicle="Progress MS-21", system="coolant", severity="major"),
    line("planned", "2023-02-11T12:00:00Z", "2023-02-11T23:59:00Z", "plan-p21-deorbit-1",
         vehicle="Progress MS-21", activity="deorbit", planned_for="2023-02-18T12:00:00Z",
         precision="day"),
    line("plan_cancelled", "2023-02-13T12:00:00Z", "2023-02-13T23:59:00Z",
         "cancel-ms23-launch", vehicle="Soyuz MS-23", activity="launch",
         reason="postponed pending the Progress MS-21 leak investigation", precision="day"),
    line("plan_cancelled", "2023-02-13T12:00:01Z", "2023-02-13T23:59:01Z",
         "cancel-ms23-dock", vehicle="Soyuz MS-23", activity="dock",
         reason="followed the postponed launch", precision="day"),
    line("undocked", "2023-02-18T02:26:00Z", "2023-02-18T10:00:00Z", "p21-undock",
         vehicle="Progress MS-21"),
    line("plan_cancelled", "2023-02-18T03:00:00Z", "2023-02-18T10:00:01Z",
         "cancel-p21-deorbit", vehicle="Progress MS-21", activity="deorbit",
         reason="deorbit burn called off one orbit after undocking"),
    line("planned", "2023-02-18T12:00:00Z", "2023-02-18T23:59:00Z", "plan-p21-deorbit-2",
         vehicle="Progress MS-21", activity="deorbit", planned_for="2023-02-19T03:15:00Z",
         planned_for_precision="minute", precision="day"),
    line("planned", "2023-02-18T12:00:00Z", "2023-02-18T23:59:01Z", "plan-ms23-launch-2",
         vehicle="Soyuz MS-23", activity="launch", planned_for="2023-02-24T00:34:00Z",
         planned_for_precision="minute", precision="day", answers=REPLACEMENT),
    line("deorbited", "2023-02-19T04:05:00Z", "2023-02-19T12:00:00Z", "p21-deorbit",
         vehicle="Progress MS-21"),
    line("launched", "2023-02-24T00:24:27Z", "2023-02-24T06:00:00Z", "ms23-launch",
         vehicle="Soyuz MS-23", vehicle_class="soyuz"),
    line("docked", "2023-02-26T00:58:00Z", "2023-02-26T06:00:00Z", "ms23-dock",
         vehicle="Soyuz MS-23", station="ISS", port="Poisk zenith"),
    line("crew_assigned", "2023-03-06T12:00:00Z", "2023-03-24T23:59:00Z", "rubio-to-ms23",
         vehicle="Soyuz MS-23", crew=["Frank Rubio"], precision="day",
         earliest="2023-03-02T00:00:00Z", latest="2023-03-11T05:29:00Z"),
]


def story_lines() -> list[str]:
    return [json.dumps(event) for event in STORY]
