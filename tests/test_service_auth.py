"""Tokens over HTTP: refused requests (no token, too weak a role, revoked, another log's
token) get 401/403 with the error body, and write nothing."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import httpx
import pytest
from servicekit import ThreadServer, make_token
from strategies import SEED_STORY, log_fingerprint

from missionlog import MissionLog
from missionlog.store.tokens import TokenStore

NOTE = {"type": "note", "occurred_at": "2023-02-12T10:00:00Z", "text": "from Houston"}


def _append(url: str, token: str | None) -> httpx.Response:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return httpx.post(f"{url}/events", json=NOTE, headers=headers)


def _refused(response: httpx.Response, status: int, code: str) -> None:
    assert response.status_code == status, response.text
    body = response.json()
    assert body["error"] == code
    assert body["exit_code"] == 11
    assert "Traceback" not in response.text


def test_an_append_token_appends(served: Any) -> None:
    response = _append(served.url, served.tokens["append"])
    assert response.status_code == 200, response.text
    assert response.json()["appended"] == 1
    with MissionLog.open(served.db) as log:
        assert [e["text"] for e in log.log(types=["note"])][-1] == "from Houston"


@pytest.mark.parametrize("token", [None, "", "mlt_nothing", "not-even-a-token",
                                   "mlt_0123456789ab_wrongsecret"])
def test_an_append_without_a_valid_token_is_refused_and_writes_nothing(
    served: Any, token: str | None
) -> None:
    before = log_fingerprint(served.db)
    _refused(_append(served.url, token), 401, "unauthorized")
    assert log_fingerprint(served.db) == before


def test_a_read_token_cannot_append(served: Any) -> None:
    before = log_fingerprint(served.db)
    _refused(_append(served.url, served.tokens["read"]), 403, "forbidden")
    assert log_fingerprint(served.db) == before


def test_a_read_without_a_token_is_refused(served: Any) -> None:
    _refused(httpx.get(f"{served.url}/head"), 401, "unauthorized")
    ok = httpx.get(f"{served.url}/head",
                   headers={"Authorization": f"Bearer {served.tokens['read']}"})
    assert ok.json() == {"events": len(SEED_STORY), "last_position": len(SEED_STORY)}


def test_a_revoked_token_is_refused_from_the_next_request_on(served: Any) -> None:
    token = served.tokens["append"]
    assert _append(served.url, token).status_code == 200
    with MissionLog.open(served.db) as log:  # revoked by another connection
        TokenStore(log.store.db).revoke("append-user")
    before = log_fingerprint(served.db)
    _refused(_append(served.url, token), 401, "unauthorized")
    assert log_fingerprint(served.db) == before


def test_a_token_revoked_by_the_cli_is_refused_at_once_by_every_worker(served: Any) -> None:
    """The service remembers live tokens (service/backend.py) on each worker's connection:
    `missionlog token revoke`, another process, must still end them with the next request,
    on the writer and on every reader."""
    token = served.tokens["admin"]
    headers = {"Authorization": f"Bearer {token}"}
    for _ in range(6):  # every reader (3) has checked, and remembered, the token
        assert httpx.get(f"{served.url}/head", headers=headers).status_code == 200
    assert _append(served.url, token).status_code == 200
    revoked = subprocess.run([sys.executable, "-m", "missionlog", "token", "revoke",
                              "admin-user", "--db", str(served.db)], capture_output=True)
    assert revoked.returncode == 0, revoked.stderr
    before = log_fingerprint(served.db)
    for _ in range(6):
        _refused(httpx.get(f"{served.url}/head", headers=headers), 401, "unauthorized")
    _refused(_append(served.url, token), 401, "unauthorized")
    assert log_fingerprint(served.db) == before


def test_a_token_of_another_log_is_refused(served: Any, tmp_path: Path) -> None:
    other = tmp_path / "other.db"
    with MissionLog.open(other, create=True) as log:
        log.append([dict(e) for e in SEED_STORY[:1]])
    foreign = make_token(other, "append-user", "admin")  # same name, other log
    before = log_fingerprint(served.db)
    _refused(_append(served.url, foreign), 401, "unauthorized")
    _refused(httpx.get(f"{served.url}/events",
                       headers={"Authorization": f"Bearer {foreign}"}), 401, "unauthorized")
    assert log_fingerprint(served.db) == before


def test_public_read_opens_reads_but_not_appends(iss: MissionLog, db_path: Path) -> None:
    with ThreadServer(db_path, public_read=True) as server:
        head = httpx.get(f"{server.url}/head")
        assert head.status_code == 200
        assert head.json()["events"] == len(SEED_STORY)
        before = log_fingerprint(db_path)
        _refused(_append(server.url, None), 401, "unauthorized")
        assert log_fingerprint(db_path) == before


def test_tokens_are_stored_hashed_and_listed_without_the_secret(iss: MissionLog) -> None:
    tokens = TokenStore(iss.store.db)
    token = tokens.create("houston", "append")
    rows = iss.store.db.conn.execute("SELECT * FROM api_tokens").fetchall()
    # The secret is everything after `mlt_<id>_`; it may itself contain "_".
    secret = token.removeprefix("mlt_").split("_", 1)[1]
    assert len(secret) >= 40
    assert not any(token in str(value) or secret in str(value)
                   for row in rows for value in row)
    assert [(t.name, t.role, t.revoked_at) for t in tokens.list()] == [
        ("houston", "append", None)]
    assert tokens.check(token) is not None
    assert tokens.check(token + "x") is None


def test_a_live_token_name_is_unique_until_revoked(iss: MissionLog) -> None:
    from missionlog import InvalidEvent, UnknownName

    tokens = TokenStore(iss.store.db)
    first = tokens.create("houston", "read")
    with pytest.raises(InvalidEvent, match="houston"):
        tokens.create("houston", "admin")
    with pytest.raises(InvalidEvent, match="role"):
        tokens.create("munich", "owner")
    tokens.revoke("houston")
    second = tokens.create("houston", "admin")
    assert tokens.check(first) is None
    info = tokens.check(second)
    assert info is not None and info.role == "admin"
    with pytest.raises(UnknownName):
        tokens.revoke("tsukuba")
