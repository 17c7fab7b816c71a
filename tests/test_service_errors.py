"""Errors over HTTP: the CLI's meaning (code, exit code) with a fitting status, one
clear line, no stack trace, and nothing written on any refusal."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
import orjson
import pytest
from servicekit import ThreadServer, make_token
from strategies import log_fingerprint

from missionlog import MissionLog
from missionlog.service import Limits

LEAK = {"type": "leak_detected", "occurred_at": "2023-02-12T00:00:00Z",
        "vehicle": "Progress 82", "system": "propellant", "severity": "minor"}
NOTE = {"type": "note", "occurred_at": "2023-02-12T10:00:00Z", "text": "ok"}


def _post(served: Any, body: bytes, content_type: str = "application/json",
          **params: Any) -> httpx.Response:
    return httpx.post(f"{served.url}/events", content=body, params=params,
                      headers={"Authorization": f"Bearer {served.tokens['append']}",
                               "Content-Type": content_type})


CASES = [
    # (body, content type, params, status, error code, exit code, words in detail)
    (orjson.dumps({**LEAK, "severity": "huge"}), "application/json", {}, 422,
     "invalid_event", 4, "severity"),
    (orjson.dumps({**LEAK, "vehicle": "Progress 99"}), "application/json", {}, 409,
     "unknown_name", 5, "Progress 99"),
    (orjson.dumps(LEAK), "application/json", {"expected_version": 1}, 409,
     "version_conflict", 3, "not 1"),
    (b'{"type": "note", ', "application/json", {}, 400, "bad_json", 4, "JSON"),
    (b"[1, 2]", "application/json", {}, 422, "invalid_request", 2, "item 1"),
    (b"type: note", "text/yaml", {}, 415, "unsupported_media_type", 4, "content type"),
    # a batch with one bad line lands not at all
    (orjson.dumps(NOTE) + b"\n" + orjson.dumps({**LEAK, "system": ""}),
     "application/x-ndjson", {}, 422, "invalid_event", 4, "line 2"),
    (orjson.dumps({**LEAK, "event_id": "soyuz-ms-22-coolant-leak"}), "application/json", {},
     409, "duplicate_event_id", 6, "soyuz-ms-22-coolant-leak"),
]


@pytest.mark.parametrize(("body", "content_type", "params", "status", "code", "exit_code",
                          "words"), CASES)
def test_a_refused_append_says_why_and_writes_nothing(
    served: Any, body: bytes, content_type: str, params: dict[str, Any], status: int,
    code: str, exit_code: int, words: str,
) -> None:
    before = log_fingerprint(served.db)
    response = _post(served, body, content_type, **params)
    assert response.status_code == status, response.text
    error = response.json()
    assert (error["error"], error["exit_code"]) == (code, exit_code)
    assert words in error["detail"]
    assert "\n" not in error["detail"]
    assert "Traceback" not in response.text
    assert log_fingerprint(served.db) == before


@pytest.mark.parametrize(("path", "params", "status", "code"), [
    ("/state", {"vehicle": "Progress 99"}, 404, "unknown_name"),
    ("/state", {"vehicle": "Progress 82", "at": "2020-01-01"}, 404, "nothing_recorded"),
    ("/station", {"name": "Mir"}, 404, "unknown_name"),
    ("/state", {"vehicle": "Progress 82", "at": "next tuesday"}, 422, "invalid_event"),
    ("/decisions", {"status": "pending"}, 422, "invalid_request"),
    ("/nowhere", {}, 404, "not_found"),
])
def test_a_refused_question_has_a_fitting_status(
    served: Any, path: str, params: dict[str, str], status: int, code: str
) -> None:
    response = httpx.get(f"{served.url}{path}", params=params,
                         headers={"Authorization": f"Bearer {served.tokens['read']}"})
    assert response.status_code == status, response.text
    assert response.json()["error"] == code


def test_an_expected_version_that_matches_lands(served: Any) -> None:
    response = _post(served, orjson.dumps(LEAK), expected_version=3)
    assert response.status_code == 200, response.text
    assert response.json()["streams"] == {"Progress MS-21": 4}


def test_a_json_array_and_json_lines_append_as_one_batch(served: Any) -> None:
    notes = [{**NOTE, "text": f"note {i}"} for i in range(3)]
    as_array = _post(served, orjson.dumps(notes))
    assert as_array.json()["appended"] == 3
    again = _post(served, b"\n".join(orjson.dumps(n) for n in notes), "application/x-ndjson")
    assert again.json() == {**as_array.json(), "appended": 0, "skipped": 3,
                            "first_position": None, "last_position": None, "streams": {}}


def test_too_large_a_body_or_batch_is_413_and_writes_nothing(
    iss: MissionLog, db_path: Path
) -> None:
    token = make_token(db_path, "houston", "append")
    limits = Limits(max_body_bytes=2000, max_batch_events=3)
    headers = {"Authorization": f"Bearer {token}"}
    with ThreadServer(db_path, limits=limits) as server:
        before = log_fingerprint(db_path)
        big = httpx.post(f"{server.url}/events", headers=headers,
                         json={**NOTE, "text": "x" * 3000})
        many = httpx.post(f"{server.url}/events", headers=headers, json=[NOTE] * 4)
        for response in (big, many):
            assert response.status_code == 413, response.text
            assert response.json()["error"] == "too_large"
        assert "batch of 4" in many.json()["detail"]
        assert log_fingerprint(db_path) == before
        fits = httpx.post(f"{server.url}/events", headers=headers, json=[NOTE] * 3)
        assert fits.status_code == 200
