"""The timeline picture as SVG bytes (the project's matplotlib renderer, via a file)."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any


def svg(timeline: dict[str, Any]) -> bytes:
    """DATA from `MissionLog.timeline` drawn as SVG."""
    from missionlog.timeline.render import render

    with tempfile.TemporaryDirectory(prefix="missionlog-board-") as folder:
        path = Path(folder) / "timeline.svg"
        render(timeline, path, "svg")
        return path.read_bytes()
