"""The port rows: a bar per stay, its name, relocations, leaks and unfit shading.

Called only from render.py, after matplotlib has been imported there.
"""

from __future__ import annotations

from typing import Any

from matplotlib import dates as mdates
from matplotlib.axes import Axes

from missionlog.timeline.geometry import Scale, text_width
from missionlog.timeline.labels import Label
from missionlog.timeline.style import (
    CLASS_COLOURS,
    LEAK_COLOUR,
    SMALL_SIZE,
    UNFIT_COLOUR,
    parse_time,
    text_colour,
)

BAR_HEIGHT = 0.56


def num(text: str) -> float:
    """The log's time text as a matplotlib date number."""
    return float(mdates.date2num(parse_time(text)))


def row_names(data: dict[str, Any]) -> list[str]:
    """Configured ports in the station's order, plus a row for leaks on the station itself."""
    rows = list(data["ports"])
    if any(bar["port"] is None for bar in data.get("planned_bars", [])):
        rows.append("(port not planned)")
    if any(leak["port"] is None for leak in data["leaks"]):
        rows.append(f"{data['station']} modules")
    return rows


def draw_rows(
    ax: Axes, data: dict[str, Any], rows: list[str], labels: list[Label], scale: Scale
) -> None:
    y = {port: index for index, port in enumerate(rows)}
    ax.set_yticks(range(len(rows)), rows, fontsize=9)
    ax.set_ylim(len(rows) - 0.5, -0.5)
    ax.tick_params(axis="y", length=0)
    for index in range(len(rows) - 1):
        ax.axhline(index + 0.5, color="#e3e3e3", linewidth=0.6, zorder=0)
    for span in data["unfit_spans"]:
        ax.axvspan(num(span["drawn_start"]), num(span["drawn_end"]), color=UNFIT_COLOUR,
                   alpha=0.07, linewidth=0, zorder=0)
    for bar, label in zip(data["bars"], labels, strict=True):
        _draw_bar(ax, bar, y[bar["port"]], label)
    _draw_relocations(ax, data["bars"], y)
    for planned in data.get("planned_bars", []):
        row = y.get(planned["port"] or "", y.get("(port not planned)", 0))
        _draw_planned(ax, planned, row)
    station_row = len(rows) - 1
    for leak in data["leaks"]:
        _draw_leak(ax, leak, station_row if leak["port"] is None else y[leak["port"]], scale)


def _draw_bar(ax: Axes, bar: dict[str, Any], row: int, label: Label) -> None:
    colour = CLASS_COLOURS.get(bar["vehicle_class"], CLASS_COLOURS["other"])
    left, right = num(bar["drawn_start"]), num(bar["drawn_end"])
    ax.barh(row, right - left, left=left, height=BAR_HEIGHT, color=colour,
            edgecolor="white", linewidth=0.6, zorder=2)
    if label.place == "inside":
        ax.text(left + label.where * (right - left), row, label.text, ha="center",
                va="center", fontsize=label.size, color=text_colour(colour), zorder=4,
                clip_on=True)
    elif label.place in ("right", "left"):
        after = label.place == "right"
        ax.annotate(label.text, (right if after else left, row), xytext=(4 if after else -4, 0),
                    textcoords="offset points", ha="left" if after else "right", va="center",
                    fontsize=label.size, color="#222222", zorder=4)
    else:
        ax.annotate(label.text, ((left + right) / 2, row), ha="center", va="center",
                    fontsize=SMALL_SIZE, fontweight="bold", color="#222222", zorder=5,
                    bbox={"boxstyle": "circle,pad=0.2", "fc": "white", "ec": colour, "lw": 1})


def _draw_planned(ax: Axes, bar: dict[str, Any], row: int) -> None:
    """A planned stay: a hollow, dashed bar (a plan is not a fact)."""
    left, right = num(bar["drawn_start"]), num(bar["drawn_end"])
    ax.barh(row, max(right - left, 0.2), left=left, height=BAR_HEIGHT, fill=False,
            edgecolor="#555555", linestyle="--", linewidth=1.0, zorder=2)
    ax.annotate(f"{bar['vehicle']} (planned)", (left, row), xytext=(3, 0),
                textcoords="offset points", ha="left", va="center", fontsize=SMALL_SIZE,
                color="#555555", zorder=4, clip_on=True)


def _draw_relocations(ax: Axes, bars: list[dict[str, Any]], y: dict[str, int]) -> None:
    """A dashed arrow from the port a vehicle left to the one it moved to."""
    for bar in bars:
        if bar["relocated_from"] is None:
            continue
        before = [
            other for other in bars
            if other["vehicle"] == bar["vehicle"] and other["port"] == bar["relocated_from"]
            and other["drawn_end"] <= bar["drawn_start"]
        ]
        if not before:
            continue
        previous = max(before, key=lambda other: other["drawn_end"])
        colour = CLASS_COLOURS.get(bar["vehicle_class"], CLASS_COLOURS["other"])
        ax.annotate(
            "",
            xy=(num(bar["drawn_start"]), y[bar["port"]]),
            xytext=(num(previous["drawn_end"]), y[previous["port"]]),
            arrowprops={"arrowstyle": "-|>", "color": colour, "lw": 1.4, "ls": "--",
                        "shrinkA": 0, "shrinkB": 6},
            zorder=3,
        )


def _draw_leak(ax: Axes, leak: dict[str, Any], row: int, scale: Scale) -> None:
    major = leak["severity"] == "major"
    ax.plot(num(leak["at"]), row, marker="X", markersize=12 if major else 10,
            markerfacecolor=LEAK_COLOUR if major else "white",
            markeredgecolor="white" if major else LEAK_COLOUR, markeredgewidth=1.2, zorder=6)
    text = f"{leak['system']} leak" + (f" ({leak['module']})" if leak["module"] else "")
    # Near the right edge the text goes to the marker's left, so it stays in the picture.
    after = scale.x(leak["at"]) + text_width(text, SMALL_SIZE) + 0.1 < scale.width
    ax.annotate(text, (num(leak["at"]), row - BAR_HEIGHT / 2), xytext=(5 if after else -5, 1),
                textcoords="offset points", ha="left" if after else "right", va="bottom",
                fontsize=SMALL_SIZE, fontweight="bold", color=LEAK_COLOUR, zorder=6)
