"""The strips around the port rows: who had no ride home, the decisions, the legend.

Called only from render.py, after matplotlib has been imported there.
"""

from __future__ import annotations

from typing import Any

from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from missionlog.timeline.draw_rows import num
from missionlog.timeline.lanes import DecisionLine
from missionlog.timeline.style import (
    CLASS_COLOURS,
    CLASS_NAMES,
    DECISION_COLOUR,
    LEAK_COLOUR,
    NOW_COLOUR,
    SMALL_SIZE,
    UNFIT_COLOUR,
)

PHASE_STYLE: dict[str, dict[str, Any]] = {
    "opened": {"marker": "o", "markerfacecolor": "white", "markeredgecolor": DECISION_COLOUR},
    "decided": {"marker": "D", "markerfacecolor": DECISION_COLOUR,
                "markeredgecolor": DECISION_COLOUR},
    "resolved": {"marker": "s", "markerfacecolor": "#009E73", "markeredgecolor": "#005A41"},
}


def unfit_by_person(spans: list[dict[str, Any]]) -> dict[str, list[tuple[str, str]]]:
    """Each person's stretches without a fit ride home (touching spans merged), in the
    order they were first stranded."""
    people: dict[str, list[tuple[str, str]]] = {}
    for span in spans:
        for person in span["people"]:
            stretches = people.setdefault(person, [])
            if stretches and stretches[-1][1] == span["drawn_start"]:
                stretches[-1] = (stretches[-1][0], span["drawn_end"])
            else:
                stretches.append((span["drawn_start"], span["drawn_end"]))
    return people


def draw_unfit(ax: Axes, spans: list[dict[str, Any]]) -> None:
    """A row per person aboard who had no fit return vehicle docked, a red bar per stretch."""
    people = unfit_by_person(spans)
    ax.set_yticks(range(len(people)), list(people), fontsize=8.5, color=UNFIT_COLOUR)
    ax.tick_params(axis="y", length=0)
    ax.set_ylim(len(people) - 0.5, -0.5)
    ax.set_title("aboard with no fit return vehicle docked", loc="left", fontsize=8.5,
                 color=UNFIT_COLOUR, fontweight="bold", pad=3)
    for row, stretches in enumerate(people.values()):
        for start, end in stretches:
            ax.barh(row, num(end) - num(start), left=num(start), height=0.6,
                    color=UNFIT_COLOUR, alpha=0.85, linewidth=0)


def draw_decisions(ax: Axes, lines: list[DecisionLine], lanes: int) -> None:
    """Each decision on its lane: a line while under way, markers, and its label."""
    ax.set_yticks([(lanes - 1) / 2], ["decisions"], fontsize=8.5)
    ax.tick_params(axis="y", length=0)
    ax.set_ylim(lanes - 0.5, -0.5)
    for line in lines:
        row, start, end = line.lane, num(line.start), num(line.end)
        decided = end if line.decided is None else num(line.decided)
        ax.plot([start, decided], [row, row], color=DECISION_COLOUR, lw=1, ls=":")
        if line.decided is not None:
            ax.plot([decided, end], [row, row], color=DECISION_COLOUR, lw=1.2)
        for phase, at in line.phases:
            ax.plot(num(at), row, markersize=6, linestyle="none", zorder=3,
                    **PHASE_STYLE[phase])
        _decision_label(ax, line)


def _decision_label(ax: Axes, line: DecisionLine) -> None:
    if line.label_place == "right":
        anchor, offset, align, box = num(line.end), 6, "left", None
    elif line.label_place == "left":
        anchor, offset, align, box = num(line.start), -6, "right", None
    else:  # the line spans the picture: the label sits on it, on a white ground
        anchor, offset, align = num(line.start), 12, "left"
        box = {"boxstyle": "square,pad=0.15", "fc": "white", "ec": "none"}
    ax.annotate(line.label, (anchor, line.lane), xytext=(offset, 0), textcoords="offset points",
                ha=align, va="center", fontsize=SMALL_SIZE, bbox=box, zorder=4)


def draw_now(axes: list[Axes], at: str) -> None:
    for ax in axes:
        ax.axvline(num(at), color=NOW_COLOUR, lw=1.3, ls=(0, (5, 3)), zorder=7)
    axes[0].annotate(f"now: {at[:16].replace('T', ' ')}", (num(at), 0), xytext=(4, 2),
                     xycoords=("data", "axes fraction"), textcoords="offset points",
                     va="bottom", ha="left", fontsize=SMALL_SIZE, fontweight="bold")


def legend_handles(data: dict[str, Any]) -> list[Artist]:
    """Only what the picture contains: classes present, leak kinds, decision phases."""
    present = {bar["vehicle_class"] for bar in data["bars"]}
    handles: list[Artist] = [
        Patch(color=colour, label=CLASS_NAMES[name])
        for name, colour in CLASS_COLOURS.items()
        if name in present
    ]
    if any(bar["relocated_from"] for bar in data["bars"]):
        handles.append(Line2D([], [], color="#555555", ls="--", label="relocation"))
    for severity in ("major", "minor"):
        if any(leak["severity"] == severity for leak in data["leaks"]):
            major = severity == "major"
            handles.append(Line2D([], [], marker="X", linestyle="none", markersize=10,
                                  markerfacecolor=LEAK_COLOUR if major else "white",
                                  markeredgecolor="white" if major else LEAK_COLOUR,
                                  label=f"{severity} leak"))
    phases = {marker["phase"] for marker in data["decisions"]}
    if data["decision_spans"]:
        handles.append(Line2D([], [], color=DECISION_COLOUR, ls=":", label="awaiting decision"))
        handles.append(Line2D([], [], color=DECISION_COLOUR, lw=1.2,
                              label="decided, until resolved"))
    for phase, style in PHASE_STYLE.items():
        if phase in phases:
            handles.append(Line2D([], [], linestyle="none", markersize=6,
                                  label=f"decision {phase}", **style))
    if data["unfit_spans"]:
        handles.append(Patch(color=UNFIT_COLOUR, alpha=0.25,
                             label="someone aboard has no fit return vehicle"))
    if data["at"]:
        handles.append(Line2D([], [], color=NOW_COLOUR, ls=(0, (5, 3)), label="now (--at)"))
    return handles
