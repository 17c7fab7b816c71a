"""The request rate of one token: past it, a clear 429 with Retry-After, nothing written.

A real uvicorn server with a rate so low (one request per 100 s after a burst of two)
that no test machine is slow enough to earn a new request between the calls."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
from servicekit import ThreadServer, count, make_token
from typer.testing import CliRunner

from missionlog import MissionLog
from missionlog.cli import app
from missionlog.service import Limits

SLOW = Limits(rate_per_s=0.01, rate_burst=2)


def note(minute: int) -> dict[str, Any]:
    return {"type": "note", "occurred_at": f"2023-01-05T10:{minute:02d}:00Z",
            "text": f"note {minute}", "subject": "ISS"}


def test_a_token_over_its_rate_gets_429_and_writes_nothing(iss: MissionLog,
                                                           db_path: Path) -> None:
    houston, moscow = (make_token(db_path, name, "append") for name in ("houston", "moscow"))
    with ThreadServer(db_path, limits=SLOW) as server:
        def post(token: str, minute: int) -> httpx.Response:
            return httpx.post(f"{server.url}/events", json=note(minute),
                              headers={"Authorization": f"Bearer {token}"})

        assert [post(houston, minute).status_code for minute in (1, 2)] == [200, 200]
        before = count(db_path)
        refused = post(houston, 3)
        assert refused.status_code == 429
        body = refused.json()
        assert body["error"] == "rate_limited"
        assert "retry after" in body["detail"]
        assert body["exit_code"] == 8
        assert int(refused.headers["Retry-After"]) >= 1
        assert count(db_path) == before  # the refused event is not in the log
        assert post(moscow, 4).status_code == 200  # each token has its own rate
        reads = httpx.get(f"{server.url}/head",
                          headers={"Authorization": f"Bearer {houston}"})
        assert reads.status_code == 429  # reads count too: a request is a request


def test_the_cli_over_http_says_it_was_rate_limited(iss: MissionLog, db_path: Path) -> None:
    houston = make_token(db_path, "houston", "append")
    before = count(db_path)
    with ThreadServer(db_path, limits=SLOW) as server:
        runner = CliRunner()
        results = [runner.invoke(app, ["append", "note", "--at", note(m)["occurred_at"],
                                       "--text", "x", "-q", "--db", server.url],
                                 env={"MISSIONLOG_TOKEN": houston}) for m in (1, 2, 3)]
    assert [r.exit_code for r in results] == [0, 0, 8]
    assert "retry after" in results[2].stderr
    assert count(db_path) == before + 2


def test_429_is_in_the_openapi_document(iss: MissionLog, db_path: Path) -> None:
    with ThreadServer(db_path) as server:
        document = httpx.get(f"{server.url}/openapi.json").json()
    assert "429" in document["paths"]["/events"]["post"]["responses"]
