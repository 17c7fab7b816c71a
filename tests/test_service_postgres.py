"""Issue 15's done-when on PostgreSQL: `missionlog serve --db postgresql://…` as a real
process, a second terminal appending through it with a token and another following it,
and a control centre writing to the database directly, seen by the same follower."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import orjson
import pytest
from pgkit import admin, fresh_schema
from test_readme import _free_port, _line_from, _wait_for

pytestmark = pytest.mark.slow


def _cli(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "missionlog", *args], env=env,
                          capture_output=True, text=True, timeout=60, check=False)


def test_serve_on_postgresql_with_http_appends_and_a_follower(tmp_path: Path) -> None:
    admin().close()  # skip (or fail in CI) without a server
    env = {k: v for k, v in os.environ.items() if not k.startswith("MISSIONLOG")}
    with fresh_schema("t_pg_serve") as url:
        assert _cli("init", "--db", url, env=env).returncode == 0
        setup = _cli("append", "station_configured", "--at", "2023-01-01T00:00:00Z",
                     "--station", "ISS", "--ports", "MRM-1", "--db", url, env=env)
        assert setup.returncode == 0, setup.stderr
        created = _cli("token", "create", "--name", "houston", "--role", "append",
                       "--db", url, env=env)
        assert created.returncode == 0, created.stderr
        token = created.stdout.strip()
        port = _free_port()
        server = subprocess.Popen(
            [sys.executable, "-m", "missionlog", "serve", "--db", url, "--port", str(port)],
            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        follower: subprocess.Popen[bytes] | None = None
        try:
            _wait_for(port)
            remote = {**env, "MISSIONLOG_TOKEN": token}
            http = f"http://127.0.0.1:{port}"
            through_http = _cli("append", "note", "--at", "2023-02-12T10:00:00Z", "--text",
                                "Houston: MS-22 coolant loop nominal", "--db", http,
                                env=remote)
            assert through_http.returncode == 0, through_http.stderr
            direct = _cli("append", "note", "--at", "2023-02-12T11:00:00Z", "--text",
                          "Moscow: written to the database directly", "--db", url,
                          "--recorded-by", "moscow", env=env)
            assert direct.returncode == 0, direct.stderr
            # The follower catches up on both, then sees a third append live.
            follower = subprocess.Popen(
                [sys.executable, "-m", "missionlog", "follow", "--db", http, "--json",
                 "--after", "1"],
                env=remote, stdout=subprocess.PIPE, stderr=subprocess.PIPE, bufsize=0)
            assert http in _line_from(follower.stderr, 60)  # "following … after position 1"
            seen = [orjson.loads(_line_from(follower.stdout, 60)) for _ in range(2)]
            live = _cli("append", "note", "--at", "2023-02-12T12:00:00Z", "--text",
                        "Houston: live", "--db", http, env=remote)
            assert live.returncode == 0, live.stderr
            seen.append(orjson.loads(_line_from(follower.stdout, 60)))
            assert [(e["position"], e["recorded_by"]) for e in seen] == [
                (2, "houston"), (3, "moscow"), (4, "houston")]
            assert [e["text"] for e in seen] == [
                "Houston: MS-22 coolant loop nominal",
                "Moscow: written to the database directly", "Houston: live"]
            verified = _cli("verify", "--db", url, env=env)
            assert verified.returncode == 0, verified.stderr
        finally:
            for process in (follower, server):
                if process is not None:
                    process.terminate()
                    process.communicate(timeout=10)
