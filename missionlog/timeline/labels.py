"""Which name goes on which bar, and where, so every stay can be identified.

A bar shows the vehicle's full name when it fits, else its shortest alias that
fits (Progress MS-21 becomes "82P"), else the name just beside the bar if its
row is free there, else a key number explained under the picture. Names inside
a bar keep clear of the leak markers on it. Whenever the bar does not show the
full name, the key lists the vehicle with its aliases.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from missionlog.timeline.geometry import Scale, text_width
from missionlog.timeline.style import LABEL_SIZE, SMALL_SIZE

PAD = 0.05  # inches of bar left free on each side of a label
MARKER = 0.1  # inches a leak marker takes on each side of its time


@dataclass(frozen=True)
class Label:
    text: str
    place: str  # "inside", "right" or "left" of the bar, or "key" (a number on the bar)
    size: float
    where: float = 0.5  # centre of an inside label, as a fraction of the bar's length


def choose_labels(
    bars: list[dict[str, Any]], leaks: list[dict[str, Any]], scale: Scale
) -> tuple[list[Label], list[str]]:
    """One label per bar, and the key lines ("82P: Progress MS-21 (also Progress 82)")."""
    labels: list[Label] = []
    key: list[str] = []
    for bar in bars:
        label = _label(bar, leaks, bars, scale, len(key) + 1)
        if label.text != bar["vehicle"]:
            others = ", ".join(a for a in bar["aliases"] if a != label.text)
            line = f"{label.text}: {bar['vehicle']}" + (f" (also {others})" if others else "")
            if line not in key:
                key.append(line)
        labels.append(label)
    return labels, key


def _label(
    bar: dict[str, Any],
    leaks: list[dict[str, Any]],
    bars: list[dict[str, Any]],
    scale: Scale,
    number: int,
) -> Label:
    left, right = scale.x(bar["drawn_start"]), scale.x(bar["drawn_end"])
    low, high = _free_stretch(left, right, bar, leaks, scale)
    name = bar["vehicle"]
    candidates = [name, *sorted((a for a in bar["aliases"] if len(a) < len(name)), key=len)]
    for text in candidates:
        if text_width(text, LABEL_SIZE) + 2 * PAD <= high - low:
            return Label(text, "inside", LABEL_SIZE, _fraction((low + high) / 2, left, right))
    before, after = _room_beside(bar, bars, scale)
    for text, size in ((name, LABEL_SIZE), (candidates[-1], SMALL_SIZE)):
        needed = text_width(text, size) + 2 * PAD
        if needed <= after:
            return Label(text, "right", size)
        if needed <= before:
            return Label(text, "left", size)
    return Label(str(number), "key", SMALL_SIZE)


def _free_stretch(
    left: float, right: float, bar: dict[str, Any], leaks: list[dict[str, Any]], scale: Scale
) -> tuple[float, float]:
    """The longest part of the bar with no leak marker on it."""
    cuts = sorted(
        scale.x(leak["at"]) for leak in leaks
        if leak["vehicle"] == bar["vehicle"] and leak["port"] == bar["port"]
        and bar["drawn_start"] <= leak["at"] <= bar["drawn_end"]
    )
    edges = [left] + [edge for cut in cuts for edge in (cut - MARKER, cut + MARKER)] + [right]
    stretches = [(edges[i], edges[i + 1]) for i in range(0, len(edges), 2)]
    return max(stretches, key=lambda stretch: stretch[1] - stretch[0])


def _fraction(x: float, left: float, right: float) -> float:
    return 0.5 if right <= left else (x - left) / (right - left)


def _room_beside(
    bar: dict[str, Any], bars: list[dict[str, Any]], scale: Scale
) -> tuple[float, float]:
    """Free inches on the bar's row before its start and after its end."""
    same_row = [other for other in bars if other["port"] == bar["port"] and other is not bar]
    earlier = [o["drawn_end"] for o in same_row if o["drawn_end"] <= bar["drawn_start"]]
    later = [o["drawn_start"] for o in same_row if o["drawn_start"] >= bar["drawn_end"]]
    start_edge = scale.x(max(earlier)) if earlier else 0.0
    end_edge = scale.x(min(later)) if later else scale.width
    return scale.x(bar["drawn_start"]) - start_edge, end_edge - scale.x(bar["drawn_end"])
