"""`python -m missionlog`, without installing the entry point."""

from missionlog.fastcli import main

main()
