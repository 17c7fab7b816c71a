"""Where the bundled ISS 2022-2023 log lives, installed or in a checkout."""

from __future__ import annotations

import sys
from pathlib import Path

from missionlog.errors import StoreError

BUNDLED_NAME = "iss-2022-2023.jsonl"


def bundled_log_path() -> Path:
    """The bundled log: `events/` of a checkout (editable install), else the copy a
    regular install puts in `<prefix>/share/missionlog/`."""
    candidates = [
        Path(__file__).resolve().parent.parent / "events" / BUNDLED_NAME,
        Path(sys.prefix) / "share" / "missionlog" / BUNDLED_NAME,
    ]
    for candidate in candidates:
        if candidate.is_file():
            return candidate
    raise StoreError(
        f"the bundled log {BUNDLED_NAME} is not installed (looked in "
        f"{', '.join(str(c) for c in candidates)})"
    )
