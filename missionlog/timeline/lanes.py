"""Decisions as lines on the decision strip, stacked in lanes so labels never overlap.

One decision (its kind, subject, crew and opening) is one line: markers where it
was opened, decided and resolved inside the span, a dotted line while it awaited
a decision and a solid one from the decision until it was resolved, or until the
end of what is known (the span's end or the --at line). A decision opened before
the span runs in from the left edge, so a one-week picture still shows what was
pending that week. Lanes are filled greedily in time order.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from missionlog.timeline.data import PHASES
from missionlog.timeline.geometry import Scale, text_width
from missionlog.timeline.style import SMALL_SIZE, surname

GAP = 0.12  # inches between one decision's label and the next decision in its lane


@dataclass
class DecisionLine:
    label: str
    start: str
    end: str
    phases: list[tuple[str, str]]  # (phase, at) inside the span
    decided: str | None  # where the dotted (awaiting) part ends and the solid part starts
    lane: int = 0
    label_place: str = "right"  # "right" of the end, "left" of the start, or "over" the line


def decision_lines(
    lives: list[dict[str, Any]], span: dict[str, str], horizon: str, scale: Scale
) -> list[DecisionLine]:
    """A line per decision life cycle (data["decision_spans"]), each given a lane."""
    lines = [_line(life, span, horizon) for life in lives]
    lines = [line for line in lines if line.start <= line.end]
    lines.sort(key=lambda line: line.start)
    lane_ends: list[float] = []
    for line in lines:
        low, high = _extent(line, scale)
        for lane, lane_end in enumerate(lane_ends):
            if low >= lane_end:
                line.lane = lane
                lane_ends[lane] = high
                break
        else:
            line.lane = len(lane_ends)
            lane_ends.append(high)
    return lines


def _line(life: dict[str, Any], span: dict[str, str], horizon: str) -> DecisionLine:
    phases = [
        (phase, life[key]) for phase, key in PHASES
        if life[key] is not None and span["start"] <= life[key] <= span["end"]
    ]
    resolved = life["resolved_at"]
    end = horizon if resolved is None or resolved > horizon else min(resolved, span["end"])
    start = max(life["opened_at"], span["start"])
    decided = life["decided_at"]
    if decided is not None:
        decided = max(decided, start) if decided <= end else None
    crew = ", ".join(surname(person) for person in life["crew"])
    label = f"{life['subject']}: {life['kind'].replace('_', ' ')}" + (
        f" ({crew})" if crew else ""
    )
    return DecisionLine(label, start, end, phases, decided)


def _extent(line: DecisionLine, scale: Scale) -> tuple[float, float]:
    """Inches the line and its label take: the label goes right, else left, else over."""
    first, last = scale.x(line.start), scale.x(line.end)
    label = text_width(line.label, SMALL_SIZE) + GAP
    if last + label <= scale.width:
        return first - GAP, last + label
    if first - label >= 0:
        line.label_place = "left"
        return first - label, last + GAP
    line.label_place = "over"
    return first - GAP, max(last, first + label) + GAP
