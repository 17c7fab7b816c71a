"""Set-up for the board tests: the bundled log recorded in two sittings (so knowledge
time matters), a served copy of it, and Debian's Chromium driven by Playwright.

The browser is /usr/bin/chromium (never a downloaded one). Without it the browser tests
skip, unless MISSIONLOG_REQUIRE_BROWSER=1 (set by .ci/run), where they fail instead.
"""

from __future__ import annotations

import json
import os
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
from servicekit import ThreadServer, make_token

from missionlog import MissionLog
from missionlog.bundled import bundled_log_path

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--disable-background-networking"]
SPLIT = "2022-12-15T00:00:00Z"  # first sitting: events that occurred before this


def record_bundled_in_two_sittings(db: Path) -> str:
    """Import the bundled log: what occurred before SPLIT first, the rest a moment later.
    Returns a knowledge time between the two sittings."""
    lines = bundled_log_path().read_bytes().splitlines(keepends=True)
    early = [line for line in lines if json.loads(line)["occurred_at"] < SPLIT]
    late = [line for line in lines if json.loads(line)["occurred_at"] >= SPLIT]
    with MissionLog.open(db, create=True) as log:
        log.import_lines(early)
        between = log.store.db.execute("SELECT max(recorded_at) FROM events").fetchone()[0]
        time.sleep(0.01)
        log.import_lines(late)
    return str(between)


@dataclass
class Board:
    url: str
    db: Path
    tokens: dict[str, str]
    between: str  # a knowledge time between the two sittings

    def api(self, path: str, **params: str) -> Any:
        """A JSON read as the `read` token (the answer the CLI's --json gives)."""
        answer = httpx.get(f"{self.url}{path}", params=params,
                           headers={"Authorization": f"Bearer {self.tokens['read']}"})
        answer.raise_for_status()
        return answer.json()


def served_board(tmp_path: Path, *, public_read: bool = False) -> tuple[ThreadServer, Board]:
    db = tmp_path / "board.db"
    between = record_bundled_in_two_sittings(db)
    tokens = {role: make_token(db, f"{role}-user", role) for role in ("read", "append")}
    server = ThreadServer(db, public_read=public_read).start()
    return server, Board(server.url, db, tokens, between)


def launch_chromium(playwright: Any) -> Any:
    if not CHROMIUM.exists():
        if os.environ.get("MISSIONLOG_REQUIRE_BROWSER") == "1":
            pytest.fail(f"{CHROMIUM} is missing: apt-get install -y chromium")
        pytest.skip(f"{CHROMIUM} is missing (apt-get install -y chromium)")
    return playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True,
                                      args=CHROMIUM_ARGS)
