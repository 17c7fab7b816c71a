"""The CLI as a client: `--db http://…` with MISSIONLOG_TOKEN answers exactly what the
same command answers on the file, and fails with the same line and exit code."""

from __future__ import annotations

from typing import Any

import pytest
from strategies import log_fingerprint
from typer.testing import CliRunner

from missionlog import MissionLog
from missionlog.cli import app

runner = CliRunner()

READS = [
    ["state", "Progress 82", "--at", "2023-02-12", "--json"],
    ["state", "68S", "--json", "--at", "2022-12-20"],
    ["station", "ISS", "--at", "2023-02-12", "--json"],
    ["history", "Soyuz MS-22", "--json"],
    ["replay", "--until", "2023-02-12", "--json"],
    ["decisions", "--json"],
    ["decisions", "--status", "open", "--at", "2023-02-12", "--json"],
    ["decisions", "--station", "ISS", "--at", "2023-02-12", "--json"],
    ["crew", "--at", "2023-01-20", "--json"],
    ["crew", "--at", "2023-01-20"],
    ["explain", "replacement_required", "Soyuz MS-22", "--at", "2023-02-12"],
    ["history", "68S", "--all-flights", "--json"],
    ["log", "--json", "--vehicle", "Crew-5"],
    ["log", "--json", "--type", "docked", "--from", "2022-10-01", "--to", "2023-01-01"],
    ["verify", "--json"],
    ["timeline", "--station", "ISS", "--from", "2022-10-01", "--to", "2023-02-12",
     "--at", "2023-02-12", "--format", "json"],
    ["export"],
]


def _run(args: list[str], db: str, token: str | None = None) -> Any:
    env = {"MISSIONLOG_TOKEN": token} if token else {}
    return runner.invoke(app, [*args, "--db", db], env=env)


@pytest.mark.parametrize("args", READS, ids=lambda a: " ".join(a[:2]))
def test_a_read_over_http_prints_what_the_file_prints(served: Any, args: list[str]) -> None:
    local = _run(args, str(served.db))
    remote = _run(args, served.url, served.tokens["read"])
    assert local.exit_code == 0, local.output
    assert remote.exit_code == 0, remote.output
    assert local.stdout.strip()
    assert remote.stdout == local.stdout


@pytest.mark.parametrize("args", [
    ["state", "Progress 99"],
    ["state", "Progress 82", "--at", "2020-01-01"],
    ["station", "Mir", "--at", "2023-02-12"],  # a fixed time: the message names it
    ["explain", "replacement_required", "Crew-5", "--at", "2022-01-01"],
], ids=lambda a: " ".join(a))
def test_a_failed_read_over_http_fails_like_the_file(served: Any, args: list[str]) -> None:
    local = _run(args, str(served.db))
    remote = _run(args, served.url, served.tokens["read"])
    assert local.exit_code not in (0, 1)
    assert (remote.exit_code, remote.stderr) == (local.exit_code, local.stderr)


def test_append_and_import_over_http_land_in_the_served_log(served: Any, tmp_path: Any) -> None:
    token = served.tokens["append"]
    result = _run(["append", "leak_detected", "--vehicle", "82P", "--system", "propellant",
                   "--severity", "minor", "--at", "2023-02-12T00:00:00Z",
                   "--expect-version", "3"], served.url, token)
    assert result.exit_code == 0, result.output
    assert "appended 1 at position" in result.stdout
    lines = tmp_path / "notes.jsonl"
    lines.write_text('{"type":"note","occurred_at":"2023-02-12T01:00:00Z","text":"a"}\n'
                     '{"type":"note","occurred_at":"2023-02-12T02:00:00Z","text":"b"}\n')
    imported = _run(["import", str(lines)], served.url, token)
    assert imported.stdout.strip() == "imported 2 events, skipped 0 already in the log"
    with MissionLog.open(served.db) as log:
        assert [e["text"] for e in log.log(types=["note"])] == ["a", "b"]


def test_a_refused_append_over_http_exits_like_the_file_and_writes_nothing(
    served: Any,
) -> None:
    before = log_fingerprint(served.db)
    args = ["append", "leak_detected", "--vehicle", "82P", "--system", "propellant",
            "--severity", "minor", "--at", "2023-02-12T00:00:00Z", "--expect-version", "1"]
    remote = _run(args, served.url, served.tokens["append"])
    assert remote.exit_code == 3
    assert remote.stderr.startswith("error: ")
    weak = _run(args[:-2], served.url, served.tokens["read"])
    assert weak.exit_code == 11
    assert "role read" in weak.stderr
    anonymous = _run(args[:-2], served.url)
    assert anonymous.exit_code == 11
    assert log_fingerprint(served.db) == before


def test_an_unreachable_service_is_a_store_error(tmp_path: Any) -> None:
    result = _run(["state", "ISS"], "http://127.0.0.1:9", "token")
    assert result.exit_code == 8
    assert "cannot reach the missionlog service" in result.stderr


# Methods that need the log in this process, or name resolution helpers the CLI does
# not call on their own; HttpLog refuses or lacks them on purpose.
# anchor/backup/repair/verify_derived/warnings work on the file itself (issue 10: the key,
# the backup target and the rebuild are local to the machine holding the log)
LOCAL_ONLY = {"open", "world", "replay_world", "canonical_name", "streams_named", "anchor",
              "backup", "repair", "verify_derived", "warnings"}


def test_the_client_keeps_up_with_the_python_api() -> None:
    """A new MissionLog method or keyword breaks this test until HttpLog has it, so a
    CLI command never meets a TypeError over HTTP."""
    import inspect

    from missionlog.client import HttpLog

    for name, method in inspect.getmembers(MissionLog, inspect.isfunction):
        if name.startswith("_") or name in LOCAL_ONLY:
            continue
        assert hasattr(HttpLog, name), f"HttpLog has no {name}()"
        local = inspect.signature(method).parameters
        remote = inspect.signature(getattr(HttpLog, name)).parameters
        missing = [p for p in local if p not in remote and p != "self"]
        assert not missing, f"HttpLog.{name}() lacks {missing}"


def test_append_over_http_says_what_it_changed_like_the_file(served: Any, tmp_path: Any) -> None:
    from strategies import SEED_STORY

    local_db = tmp_path / "local.db"
    with MissionLog.open(local_db, create=True) as log:
        log.append([dict(e) for e in SEED_STORY])
    args = ["append", "undocked", "--vehicle", "82P", "--at", "2023-02-17T00:00:00Z"]
    local = _run(args, str(local_db))
    remote = _run(args, served.url, served.tokens["append"])
    assert local.exit_code == 0, local.output
    assert "Progress MS-21" in local.stdout
    assert (remote.exit_code, remote.stdout) == (0, local.stdout)
