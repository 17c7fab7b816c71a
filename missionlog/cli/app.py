"""The root typer app, shared by every command module."""

from __future__ import annotations

import typer

app = typer.Typer(
    name="missionlog",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_show_locals=False,
    help=(
        "An append-only, tamper-evident mission log for crewed space stations: append what "
        "happened, replay it to any date, ask what had to be decided."
    ),
)
