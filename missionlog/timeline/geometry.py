"""Sizes in inches, decided before anything is drawn (no matplotlib figure needed).

The picture's width is fixed, so how long a day is on paper depends only on the
span; text widths come from the font metrics. Knowing both up front lets the
layout choose labels (full name, alias or key number) and stack decision lanes
without drawing twice, which keeps PNG, SVG and PDF identical in content.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from functools import cache

from missionlog.timeline.style import FIG_WIDTH, LEFT, RIGHT, parse_time


@cache
def text_width(text: str, size: float) -> float:
    """Width of TEXT in inches at SIZE points in the default font."""
    from matplotlib.font_manager import FontProperties
    from matplotlib.textpath import text_to_path

    width, _, _ = text_to_path.get_text_width_height_descent(
        text, FontProperties(size=size), ismath=False
    )
    return float(width) / 72.0


@dataclass(frozen=True)
class Scale:
    """Maps the log's time text to inches from the left edge of the plotting area."""

    start: datetime
    end: datetime

    @classmethod
    def of(cls, span: dict[str, str]) -> Scale:
        return cls(parse_time(span["start"]), parse_time(span["end"]))

    @property
    def width(self) -> float:
        return FIG_WIDTH - LEFT - RIGHT

    @property
    def seconds(self) -> float:
        return max((self.end - self.start).total_seconds(), 1.0)

    def x(self, text: str) -> float:
        return (parse_time(text) - self.start).total_seconds() / self.seconds * self.width

    def length(self, start: str, end: str) -> float:
        return self.x(end) - self.x(start)

    def seconds_for(self, inches: float) -> float:
        return inches / self.width * self.seconds
