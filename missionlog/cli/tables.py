"""Laying out a table for where it goes: a terminal of any width, or a pipe.

Three layouts of the same rows, so nothing that identifies a row is ever cut:

- piped (stdout is not a terminal): one line per row, columns aligned with two
  spaces, a header line, no title, nothing wrapped or cut, no colour, as
  `kubectl get` does; `grep`, `sort` and `wc -l` see whole rows.
- a terminal wide enough for every identifying column at full width and the
  longest word of the free-text column: a table whose only wrapping column is
  the free text, wrapped at whole words.
- a narrower terminal: each row as one line of its identifying columns,
  followed by its other columns as an indented paragraph wrapped at words.

Nothing here is a contract: scripts use `--json`.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field

from rich import box
from rich.cells import cell_len
from rich.console import Console
from rich.measure import Measurement
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

FREE_TEXT_MIN = 24  # narrower than this, a wrapped free-text column reads as a ribbon


@dataclass(frozen=True)
class Column:
    name: str
    key: bool = True  # identifies the row: never wrapped, never cut
    free: bool = False  # the one free-text column: wraps at words


@dataclass
class Grid:
    """Rows of rich-markup cells under named columns, before any layout is chosen."""

    columns: list[Column]
    title: str = ""
    show_header: bool = True
    rows: list[list[str]] = field(default_factory=list)

    def add_row(self, *cells: str) -> None:
        self.rows.append(list(cells))

    def widths(self) -> list[int]:
        """Each column's full width: the widest cell (and the header, if shown)."""
        header = self.show_header
        return [
            max([cell_len(column.name) if header else 0,
                 *(cell_len(plain(row[index])) for row in self.rows)])
            for index, column in enumerate(self.columns)
        ]

    def needed_width(self) -> int:
        """What the table layout needs: every column but the free one at full width, the
        free one at least FREE_TEXT_MIN (it wraps), three spaces between columns."""
        widths = [
            min(width, FREE_TEXT_MIN) if column.free else width
            for width, column in zip(self.widths(), self.columns, strict=True)
        ]
        return sum(widths) + 3 * (len(widths) - 1)

    def table(self) -> Table:
        table = Table(title=self.title or None, box=box.SIMPLE_HEAD, show_edge=False,
                      pad_edge=False, show_header=self.show_header, title_justify="left")
        for column, width in zip(self.columns, self.widths(), strict=True):
            if column.free:
                table.add_column(column.name, overflow="fold", ratio=1)
            else:  # rich would shrink a no-wrap column with an ellipsis; a minimum stops it
                table.add_column(column.name, no_wrap=True, min_width=width)
        for row in self.rows:
            table.add_row(*row)
        return table


def make_console() -> Console:
    """A console that wraps prose at the terminal's width, and not at all into a pipe."""
    console = Console()
    console.soft_wrap = not console.is_terminal
    return console


def fits_side_by_side(console: Console, *grids: Grid) -> bool:
    """Whether GRIDS fit next to each other at their natural widths (rich Columns)."""
    unlimited = console.options.update_width(1_000_000)
    widths = [Measurement.get(console, unlimited, grid.table()).maximum for grid in grids]
    return sum(widths) + 2 * len(grids) <= console.width


def plain(markup: str) -> str:
    return Text.from_markup(markup).plain


def emit(grid: Grid, console: Console | None = None) -> None:
    """Print GRID in the layout that suits where stdout goes (see the module doc)."""
    console = console or make_console()
    if not console.is_terminal:
        write_piped(grid)
        return
    if grid.needed_width() <= console.width:
        console.print(grid.table())
        return
    _stacked(grid, console)


def write_piped(grid: Grid) -> None:
    cells = [[plain(cell).replace("\n", " ") for cell in row] for row in grid.rows]
    if grid.show_header:
        cells.insert(0, [column.name for column in grid.columns])
    widths = [max((len(row[i]) for row in cells), default=0) for i in range(len(grid.columns))]
    out = sys.stdout
    for row in cells:
        padded = [cell.ljust(width) for cell, width in zip(row[:-1], widths, strict=False)]
        out.write("  ".join([*padded, row[-1]]).rstrip() + "\n")


def _stacked(grid: Grid, console: Console) -> None:
    for row in grid.rows:
        keys = [cell for cell, column in zip(row, grid.columns, strict=True) if column.key]
        rest = [
            f"[dim]{column.name}:[/] {cell}"
            for cell, column in zip(row, grid.columns, strict=True)
            if not column.key and plain(cell).strip() not in ("", "-")
        ]
        console.print(Text.from_markup("  ".join(keys)))
        if rest:
            console.print(Padding(Text.from_markup(" · ".join(rest)), (0, 0, 0, 4)))
