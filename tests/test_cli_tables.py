"""Tables at the widths people use (60, 80, 120 columns) and piped, as real processes.

On a terminal: no line wider than the terminal, no cell cut with an ellipsis, and
everything that identifies a row (position, time, type, stream; a decision's status,
kind and subject) whole on one line. Piped: one line per row, nothing cut, so
`missionlog log | grep -c note=` counts what it should.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from terminal import Run, run_on_terminal

from missionlog.bundled import bundled_log_path

WIDTHS = (60, 80, 120)


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    folder = tmp_path_factory.mktemp("tables")
    db = folder / "iss.db"
    environ = {k: v for k, v in os.environ.items() if not k.startswith("MISSIONLOG")}
    environ["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{environ.get('PATH', '')}"
    environ["MISSIONLOG_DB"] = str(db)
    piped(environ, "init")
    piped(environ, "import", str(bundled_log_path()))
    return environ


def piped(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(["missionlog", *args], env=env, capture_output=True, text=True,
                            timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    return result


def on_terminal(env: dict[str, str], columns: int, *args: str) -> Run:
    command = ["missionlog", *args]
    result = run_on_terminal(command, columns=columns, cwd=Path(env["MISSIONLOG_DB"]).parent,
                             env=env)
    assert result.returncode == 0, result.stderr
    too_wide = [line for line in result.lines if len(line) > columns]
    assert not too_wide, f"{args} at {columns} columns: {too_wide[:3]}"
    assert "…" not in result.stdout, f"{args} at {columns} columns cut a cell"
    return result


def events(env: dict[str, str], *filters: str) -> list[dict[str, object]]:
    out = piped(env, "log", "--json", *filters).stdout
    return [json.loads(line) for line in out.splitlines()]


@pytest.mark.parametrize("columns", WIDTHS)
def test_log_keeps_every_identifying_cell_whole_on_one_line(
    env: dict[str, str], columns: int
) -> None:
    result = on_terminal(env, columns, "log")
    rows = {line.split()[0]: line for line in result.lines
            if line[:1].isdigit() and not line.endswith(" events")}
    for event in events(env):
        line = rows[str(event["position"])]
        for cell in (event["occurred_at"], event["type"], event["stream"]):
            assert str(cell) in line, (columns, cell, line)


@pytest.mark.parametrize("columns", WIDTHS)
def test_decisions_show_status_kind_subject_and_every_crew_name(
    env: dict[str, str], columns: int
) -> None:
    found = json.loads(piped(env, "decisions", "--at", "2023-02-12", "--json").stdout)
    result = on_terminal(env, columns, "decisions", "--at", "2023-02-12")
    words = result.stdout.split()
    for decision in found:
        key = f"{decision['status']}  {decision['kind']}  {decision['subject']}"
        spaced = [" ".join(line.split()) for line in result.lines]
        assert any(" ".join(key.split()) in line for line in spaced), (columns, key)
        for person in decision["crew"]:
            for name in person.split():  # wrapped between words, never inside one
                assert name in words or f"{name}," in words, (columns, person)


@pytest.mark.parametrize("columns", WIDTHS)
@pytest.mark.parametrize("args", [
    ("state", "68S", "--at", "2022-12-20"),
    ("station", "ISS", "--at", "2023-02-12"),
    ("replay", "--until", "2022-12-20"),
    ("history", "Soyuz MS-22"),
    ("demo", "--db", "demo.db"),
])
def test_other_tables_fit_without_cutting(
    env: dict[str, str], columns: int, args: tuple[str, ...]
) -> None:
    result = on_terminal(env, columns, *args)
    assert result.stdout.strip()


def test_piped_log_is_one_line_per_event_with_nothing_cut(env: dict[str, str]) -> None:
    listed = events(env)
    header, *rows = piped(env, "log").stdout.splitlines()
    assert header.split()[0] == "pos"
    assert len(rows) == len(listed)
    with_note = [event for event in listed if event.get("note")]
    assert sum("note=" in row for row in rows) == len(with_note) > 0
    for row, event in zip(rows, listed, strict=True):
        assert row.split()[0] == str(event["position"])
        if event.get("note"):
            assert f"note={event['note']}" in row  # the whole note, however long


def test_piped_decisions_are_one_line_each_with_their_crew(env: dict[str, str]) -> None:
    found = json.loads(piped(env, "decisions", "--at", "2023-02-12", "--json").stdout)
    lines = piped(env, "decisions", "--at", "2023-02-12").stdout.splitlines()
    rows = lines[1:1 + len(found)]
    for row, decision in zip(rows, found, strict=True):
        assert row.split()[:2] == [decision["status"], decision["kind"]]
        assert row.rstrip().endswith(", ".join(decision["crew"]) or "-")
