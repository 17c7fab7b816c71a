"""`python -m missionlog`, without installing the entry point."""

from missionlog.cli import main

main()
