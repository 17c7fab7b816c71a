"""Where the bundled logs live, installed or in a checkout."""

from __future__ import annotations

import sys
from pathlib import Path

from missionlog.errors import StoreError

BUNDLED_NAME = "iss-2022-2023.jsonl"
# Every bundled story, the ISS log first (docs/bundled-data.md).
BUNDLED_STORIES = (BUNDLED_NAME, "starliner-cft-2024.jsonl", "shenzhou-20-2025.jsonl")


def bundled_log_path(name: str = BUNDLED_NAME) -> Path:
    """A bundled log: `events/` of a checkout (editable install), else the copy a
    regular install puts in `<prefix>/share/missionlog/`."""
    candidates = [
        Path(__file__).resolve().parent.parent / "events" / name,
        Path(sys.prefix) / "share" / "missionlog" / name,
    ]
    for candidate in candidates:
        if candidate.is_file():
            return candidate
    raise StoreError(
        f"the bundled log {name} is not installed (looked in "
        f"{', '.join(str(c) for c in candidates)})"
    )
