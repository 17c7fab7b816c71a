"""The timeline's data as one flat table (CSV), one row per thing drawn.

Each row has a `kind` (stay, leak, decision, decision_span, unfit) and the columns that kind
uses; the rest stay empty. Lists (aliases, crew, people) are joined with "; " so a
spreadsheet shows them in one cell.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from typing import IO, Any

COLUMNS = (
    "kind",
    "station",
    "port",
    "vehicle",
    "vehicle_class",
    "aliases",
    "start",
    "end",
    "drawn_start",
    "drawn_end",
    "relocated_from",
    "relocated_to",
    "at",
    "module",
    "system",
    "severity",
    "decision_kind",
    "subject",
    "phase",
    "opened_at",
    "decided_at",
    "resolved_at",
    "status",
    "crew",
    "people",
)


def table_rows(data: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """Stays, leaks, decision moments, decision life cycles, unfit spans; each in time order."""
    station = data["station"]
    for bar in data["bars"]:
        yield {**bar, "kind": "stay", "aliases": "; ".join(bar["aliases"])}
    for leak in data["leaks"]:
        yield {**leak, "kind": "leak", "station": station}
    for marker in data["decisions"]:
        row = {key: value for key, value in marker.items() if key != "kind"}
        yield {**row, "kind": "decision", "station": station, "decision_kind": marker["kind"],
               "crew": "; ".join(marker["crew"])}
    for life in data["decision_spans"]:
        row = {key: value for key, value in life.items() if key != "kind"}
        yield {**row, "kind": "decision_span", "station": station,
               "decision_kind": life["kind"], "crew": "; ".join(life["crew"])}
    for span in data["unfit_spans"]:
        yield {**span, "kind": "unfit", "station": station, "people": "; ".join(span["people"])}


def write_csv(data: dict[str, Any], out: IO[str]) -> int:
    """Write the table with a header row; the number of data rows."""
    writer = csv.DictWriter(out, fieldnames=COLUMNS, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    count = 0
    for row in table_rows(data):
        writer.writerow({key: "" if value is None else value for key, value in row.items()})
        count += 1
    return count
