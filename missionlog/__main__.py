"""`python -m missionlog`, without installing the entry point."""

from missionlog.cli import app

app(prog_name="missionlog")
