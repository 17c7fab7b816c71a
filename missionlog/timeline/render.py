"""Drawing the timeline data as PNG, SVG or PDF (the only module that imports matplotlib
at import time, together with the draw_* modules it calls).

The figure is laid out in inches from the top down (title, unfit strip, port
rows, decision lanes, date axis, legend, key), so its height grows with the
number of ports and decisions while a day keeps the same width for a given
span. It uses the object-oriented API with an Agg canvas: no pyplot, no global
state, no display needed.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import UTC
from pathlib import Path
from typing import Any

from matplotlib import dates as mdates
from matplotlib import rc_context
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from missionlog.timeline.build import data_digest
from missionlog.timeline.draw_rows import draw_rows, num, row_names
from missionlog.timeline.draw_strips import (
    draw_decisions,
    draw_now,
    draw_unfit,
    legend_handles,
    unfit_by_person,
)
from missionlog.timeline.geometry import Scale
from missionlog.timeline.labels import choose_labels
from missionlog.timeline.lanes import decision_lines
from missionlog.timeline.style import FIG_WIDTH, LANE, LEFT, PERSON, RIGHT, ROW

FORMATS = ("png", "svg", "pdf")
DPI = 110
TITLE, GAP, AXIS, LEGEND_ROW, KEY_ROW, BOTTOM = 0.62, 0.12, 0.5, 0.28, 0.2, 0.12
LEGEND_COLUMNS, KEY_COLUMNS = 7, 3


@dataclass(frozen=True)
class Layout:
    """Heights in inches of each band, top to bottom (0 when a band is left out)."""

    unfit: float
    rows: float
    decisions: float
    legend: float
    key: float

    @property
    def height(self) -> float:
        bands = (self.unfit, self.rows, self.decisions)
        gaps = GAP * sum(1 for band in bands if band)
        return TITLE + sum(bands) + gaps + AXIS + self.legend + self.key + BOTTOM


def render(data: dict[str, Any], path: Path, fmt: str) -> None:
    """Write the picture of DATA (from `timeline_data`) to PATH as FMT (png, svg, pdf)."""
    scale = Scale.of(data["span"])
    labels, key = choose_labels(data["bars"], data["leaks"], scale)
    horizon = min(data["span"]["end"], data["at"] or data["span"]["end"])
    lines = decision_lines(data["decision_spans"], data["span"], horizon, scale)
    lanes = max((line.lane + 1 for line in lines), default=0)
    rows = row_names(data)
    handles = legend_handles(data)
    layout = Layout(
        unfit=len(unfit_by_person(data["unfit_spans"])) * PERSON,
        rows=max(len(rows), 1) * ROW,
        decisions=lanes * LANE + 0.1 if lanes else 0.0,
        legend=math.ceil(len(handles) / LEGEND_COLUMNS) * LEGEND_ROW,
        key=math.ceil(len(key) / KEY_COLUMNS) * KEY_ROW + (0.1 if key else 0.0),
    )
    fig = Figure(figsize=(FIG_WIDTH, layout.height))
    FigureCanvasAgg(fig)
    axes = _add_axes(fig, layout)
    port_axes = axes["rows"]
    draw_rows(port_axes, data, rows, labels, scale)
    if "unfit" in axes:
        draw_unfit(axes["unfit"], data["unfit_spans"])
    if "decisions" in axes:
        draw_decisions(axes["decisions"], lines, lanes)
    ordered = [axes[name] for name in ("unfit", "rows", "decisions") if name in axes]
    _time_axis(ordered, data["span"])
    if data["at"] and data["span"]["start"] <= data["at"] <= data["span"]["end"]:
        draw_now(ordered, data["at"])
    fig.suptitle(_title(data), x=LEFT / FIG_WIDTH, y=1 - 0.12 / layout.height, ha="left",
                 va="top", fontsize=12, fontweight="bold")
    _legend_and_key(fig, layout, handles, key)
    # SVG keeps its text as text (searchable, and testable) and stable element ids.
    with rc_context({"svg.fonttype": "none", "svg.hashsalt": "missionlog"}):
        fig.savefig(path, format=fmt, dpi=DPI, metadata=_metadata(fmt, data))


def _add_axes(fig: Figure, layout: Layout) -> dict[str, Axes]:
    """Each band's axes, placed in inches from the top; all share the time axis."""
    height, width = layout.height, FIG_WIDTH - LEFT - RIGHT
    top = TITLE
    axes: dict[str, Axes] = {}
    shared: Axes | None = None
    for name in ("unfit", "rows", "decisions"):
        band = getattr(layout, name)
        if not band:
            continue
        rect = (LEFT / FIG_WIDTH, 1 - (top + band) / height, width / FIG_WIDTH, band / height)
        ax = fig.add_axes(rect, sharex=shared)
        shared = shared or ax
        axes[name] = ax
        top += band + GAP
    return axes


def _time_axis(ordered: list[Axes], span: dict[str, str]) -> None:
    """UTC dates on the bottom band only; light vertical grid lines on every band."""
    bottom = ordered[-1]
    locator = mdates.AutoDateLocator(tz=UTC, minticks=6, maxticks=16)
    bottom.xaxis.set_major_locator(locator)
    bottom.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator, tz=UTC))
    bottom.set_xlim(num(span["start"]), num(span["end"]))
    bottom.set_xlabel("time (UTC)", fontsize=8.5, loc="left")
    for ax in ordered:
        ax.grid(axis="x", color="#d9d9d9", linewidth=0.6)
        ax.set_axisbelow(True)
        ax.tick_params(axis="x", labelsize=8.5)
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)
        if ax is not bottom:
            ax.tick_params(axis="x", labelbottom=False, length=0)


def _legend_and_key(fig: Figure, layout: Layout, handles: list[Any], key: list[str]) -> None:
    height = layout.height
    legend_top = BOTTOM + layout.key + layout.legend
    if handles:
        fig.legend(handles=handles, loc="upper left", ncols=LEGEND_COLUMNS, frameon=False,
                   fontsize=8.5, bbox_to_anchor=(LEFT / FIG_WIDTH, legend_top / height),
                   handlelength=1.6, columnspacing=1.4)
    rows = math.ceil(len(key) / KEY_COLUMNS)
    column_width = (FIG_WIDTH - LEFT) / KEY_COLUMNS
    for index, line in enumerate(key):
        column, row = divmod(index, rows)
        y = (layout.key + BOTTOM - 0.1 - row * KEY_ROW) / height
        fig.text((LEFT + column * column_width) / FIG_WIDTH, y, line, fontsize=7.5,
                 va="top", ha="left", color="#333333")


def _title(data: dict[str, Any]) -> str:
    start, end = (data["span"][side][:16].replace("T", " ") for side in ("start", "end"))
    title = f"{data['station']}: who was docked where, {start} to {end} UTC"
    if data["known_at"]:
        title += f"  (as known at {data['known_at'][:16].replace('T', ' ')})"
    return title


def _metadata(fmt: str, data: dict[str, Any]) -> dict[str, Any]:
    """The data's fingerprint, and no creation dates: the same log draws the same file."""
    digest = f"missionlog timeline data sha256 {data_digest(data)}"
    if fmt == "pdf":
        return {"CreationDate": None, "ModDate": None, "Subject": digest}
    if fmt == "svg":
        return {"Date": None, "Description": digest}
    return {"Description": digest}
