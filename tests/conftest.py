"""Shared test set-up: hypothesis profiles and small fixtures.

Profiles: `ci` (derandomized, bounded; selected by .ci/run through
HYPOTHESIS_PROFILE=ci, and by hypothesis itself when CI is set) and `dev`
(more examples, for local runs: HYPOTHESIS_PROFILE=dev pytest).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings
from strategies import SEED_STORY

from missionlog import MissionLog

settings.register_profile(
    "ci",
    settings.get_profile("ci"),
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("dev", max_examples=300, deadline=None)
settings.register_profile("quick", max_examples=15, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "dev"))


# One suite, two backends: the tests of these modules that use a log (`db_path`, and the
# fixtures built on it) run on SQLite and on PostgreSQL, unless marked sqlite_only.
TWO_BACKENDS = re.compile(r"test_(store|replay|decisions)_|test_hardening_tamper|test_copy")


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if ("backend" in metafunc.fixturenames
            and TWO_BACKENDS.match(metafunc.module.__name__.rsplit(".", 1)[-1])
            and metafunc.definition.get_closest_marker("sqlite_only") is None):
        metafunc.parametrize("backend", ["sqlite", "postgresql"], indirect=True)


@pytest.fixture
def backend(request: pytest.FixtureRequest) -> str:
    return str(getattr(request, "param", "sqlite"))


@pytest.fixture
def db_path(tmp_path: Path, backend: str) -> Iterator[Any]:
    """Where the test's log lives: a SQLite file, or (backend postgresql) the URL of a
    fresh schema of its own, dropped after the test."""
    if backend == "sqlite":
        yield tmp_path / "missionlog.db"
        return
    from pgkit import fresh_schema

    with fresh_schema() as url:
        yield url


@pytest.fixture
def iss(db_path: Path) -> Iterator[MissionLog]:
    """A log holding the seed story (strategies.SEED_STORY): Progress MS-21 at Poisk
    zenith with its coolant leak, Progress MS-22 at Zvezda aft, Soyuz MS-22 and its crew."""
    log = MissionLog.open(db_path, create=True)
    log.append(list(SEED_STORY))
    yield log
    log.close()


@pytest.fixture
def served(iss: MissionLog, db_path: Path) -> Iterator[Any]:
    """The seed story served over HTTP by a real uvicorn server, with a token per role
    (`served.tokens["read" | "append" | "admin"]`). See tests/servicekit.py."""
    from servicekit import ThreadServer, make_token

    tokens = {role: make_token(db_path, f"{role}-user", role)
              for role in ("read", "append", "admin")}
    with ThreadServer(db_path) as server:
        server.tokens = tokens  # type: ignore[attr-defined]
        server.db = db_path  # type: ignore[attr-defined]
        yield server


@pytest.fixture
def board(tmp_path: Path) -> Iterator[Any]:
    """The bundled log, recorded in two sittings, served by a real uvicorn server for the
    station board's tests (tests/boardkit.py): a `boardkit.Board`."""
    from boardkit import served_board

    server, found = served_board(tmp_path)
    try:
        yield found
    finally:
        server.stop()
