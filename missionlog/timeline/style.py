"""Colours, sizes and small helpers shared by the timeline's drawing modules.

Class colours follow the Okabe-Ito palette (distinguishable with the common
colour-vision deficiencies); Russian vehicles are warm, American ones cool.
"""

from __future__ import annotations

from datetime import UTC, datetime

CLASS_COLOURS: dict[str, str] = {
    "soyuz": "#D55E00",
    "progress": "#E69F00",
    "crew_dragon": "#0072B2",
    "cargo_dragon": "#56B4E9",
    "cygnus": "#CC79A7",
    "starliner": "#009E73",
    "htv": "#F0E442",
    "shenzhou": "#882255",
    "tianzhou": "#999933",
    "other": "#999999",
}
CLASS_NAMES: dict[str, str] = {
    "soyuz": "Soyuz",
    "progress": "Progress",
    "crew_dragon": "Crew Dragon",
    "cargo_dragon": "Cargo Dragon",
    "cygnus": "Cygnus",
    "starliner": "Starliner",
    "htv": "HTV",
    "shenzhou": "Shenzhou",
    "tianzhou": "Tianzhou",
    "other": "other",
}
LEAK_COLOUR = "#B00020"
UNFIT_COLOUR = "#B00020"
DECISION_COLOUR = "#333333"
NOW_COLOUR = "#000000"

FIG_WIDTH = 16.0  # inches; wide enough for a year of stays with names on them
LEFT, RIGHT = 1.55, 0.35  # margins (inches): port names on the left
ROW = 0.5  # inches per port row
PERSON = 0.2  # inches per person in the "no fit return vehicle" strip
LANE = 0.3  # inches per decision lane
LABEL_SIZE = 8.5
SMALL_SIZE = 7.0


def parse_time(text: str) -> datetime:
    """The log's fixed-width UTC text as an aware datetime."""
    return datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)


def text_colour(fill: str) -> str:
    """Black or white, whichever reads better on FILL (#rrggbb)."""
    red, green, blue = (int(fill[i : i + 2], 16) for i in (1, 3, 5))
    luminance = 0.299 * red + 0.587 * green + 0.114 * blue
    return "black" if luminance > 140 else "white"


def surname(person: str) -> str:
    return person.split()[-1]
