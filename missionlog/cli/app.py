"""The root typer app, shared by every command module."""

from __future__ import annotations

from typing import Annotated

import typer

app = typer.Typer(
    name="missionlog",
    no_args_is_help=True,
    add_completion=True,  # typer's --install-completion / --show-completion
    pretty_exceptions_show_locals=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
    help=(
        "An append-only, tamper-evident mission log for crewed space stations: append what "
        "happened, replay it to any date, ask what had to be decided."
    ),
)


def _print_version(value: bool) -> None:
    if value:
        from importlib.metadata import version

        typer.echo(f"missionlog {version('missionlog')}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option("--version", "-V", callback=_print_version, is_eager=True,
                     help="Print the version and exit."),
    ] = False,
) -> None:
    """An append-only, tamper-evident mission log for crewed space stations: append what
    happened, replay it to any date, ask what had to be decided."""
