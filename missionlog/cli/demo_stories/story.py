"""What a demo story is (kept apart from the registry so that each story module can
import it)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class DemoStory:
    """One bundled story as the demo shows it: the station on its key day."""

    name: str  # the --story value
    file: str  # the bundled JSONL (missionlog.bundled.BUNDLED_STORIES)
    label: str  # "the bundled ISS log" in the first line
    station: str
    called: str  # how a sentence starts with the station: "The ISS", "Tiangong"
    day: str  # the key day, the default --at
    vehicle: str  # the vehicle the story turns on, shown in a line of its own
    headline: str  # rich markup after "The <station> on <day>", why this day
    hints: str  # the next commands to try, on the story's own file
