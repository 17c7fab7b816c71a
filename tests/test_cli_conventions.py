"""The conventions people expect of a command line (issue 14, items 5, 6, 7, 10, 11).

Real processes: exit codes, stderr and pipes are what is being tested.
"""

from __future__ import annotations

import os
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

import pytest

from missionlog.api import MissionLog
from missionlog.bundled import bundled_log_path
from missionlog.events import EVENT_TYPES
from missionlog.vocabulary import LEAK_SYSTEMS, SEVERITIES, VEHICLE_CLASSES

LIBRARY_WORDING = ("Value error", "(event 1)", "Input should be", "╭", "Traceback")


def environ() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MISSIONLOG")}
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    return env


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["missionlog", *args], env=environ(), cwd=cwd, capture_output=True,
                          text=True, timeout=60, check=False)


def one_line_error(result: subprocess.CompletedProcess[str], code: int) -> str:
    assert result.returncode == code, (result.returncode, result.stderr)
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    for wording in LIBRARY_WORDING:
        assert wording not in lines[0], lines[0]
    return lines[0]


@pytest.fixture(scope="module")
def iss_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("conventions") / "iss.db"
    with MissionLog.open(db, create=True) as log, bundled_log_path().open("rb") as handle:
        log.import_lines(handle)
    return db


# ---- item 6: --version, -h, completion -----------------------------------------------


def test_version_prints_the_installed_version() -> None:
    for flag in ("--version", "-V"):
        result = run(flag)
        assert result.returncode == 0
        assert result.stdout.strip() == f"missionlog {version('missionlog')}"


def test_dash_h_is_help_everywhere() -> None:
    for args in ((), ("log",), ("append",), ("append", "docked")):
        result = run(*args, "-h")
        assert result.returncode == 0, result.stderr
        assert result.stdout.startswith("Usage: missionlog")


def test_command_lists_show_whole_summaries() -> None:
    for args in ((), ("append",)):
        commands = run(*args, "-h").stdout.partition("\nCommands:")[2]
        assert commands.strip()
        assert "..." not in commands, commands
    assert "every person and their ride home" in " ".join(run("-h").stdout.split())


def test_typer_offers_shell_completion() -> None:
    # Typer guesses the user's shell from the process tree (shellingham) and then takes no
    # shell argument; a run with no shell among its ancestors (a detached job) would fail.
    # With detection off, `--show-completion bash` names the shell, on any machine.
    result = subprocess.run(
        ["missionlog", "--show-completion", "bash"], capture_output=True, text=True,
        env={**environ(), "_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION": "1"}, check=False)
    assert result.returncode == 0, result.stderr
    assert "_MISSIONLOG_COMPLETE" in result.stdout
    assert "--install-completion" in run("-h").stdout
    env = {**environ(), "_MISSIONLOG_COMPLETE": "complete_bash",
           "COMP_WORDS": "missionlog append leak_d", "COMP_CWORD": "2"}
    completed = subprocess.run(["missionlog"], env=env, capture_output=True, text=True,
                               timeout=60, check=False)
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout.split() == ["leak_detected"]


def test_help_has_no_type_placeholder_after_flags() -> None:
    for args in ((), ("log",), ("append", "leak_detected"), ("decisions",)):
        assert "<bool>" not in run(*args, "-h").stdout


# ---- item 7: choices in help and in the error ----------------------------------------


def test_append_help_lists_the_closed_choices() -> None:
    launched = " ".join(run("append", "launched", "-h").stdout.split())
    assert ", ".join(VEHICLE_CLASSES) in launched
    leak = " ".join(run("append", "leak_detected", "-h").stdout.split())
    assert ", ".join(LEAK_SYSTEMS) in leak
    assert ", ".join(SEVERITIES) in leak


def test_a_wrong_choice_is_refused_with_the_list(tmp_path: Path) -> None:
    db = str(tmp_path / "x.db")
    run("init", "--db", db)
    line = one_line_error(run("append", "launched", "--vehicle", "Soyuz MS-25",
                              "--vehicle-class", "Soyuz", "--at", "2024-03-23T12:36Z",
                              "--db", db), 4)
    assert line == f"error: vehicle_class: 'Soyuz' is not one of {', '.join(VEHICLE_CLASSES)}"
    line = one_line_error(run("append", "leak_detected", "--station", "ISS", "--system", "air",
                              "--at", "2024-03-23T12:36Z", "--db", db), 4)
    assert line == f"error: system: 'air' is not one of {', '.join(LEAK_SYSTEMS)}"


# ---- item 5: log filters that can only match nothing ---------------------------------


def test_log_refuses_an_unknown_type_naming_the_valid_ones(iss_db: Path) -> None:
    line = one_line_error(run("log", "--type", "leak", "--db", str(iss_db)), 2)
    assert "'leak'" in line
    assert ", ".join(EVENT_TYPES) in line


def test_log_refuses_a_reversed_range(iss_db: Path) -> None:
    line = one_line_error(run("log", "--from", "2023-03-01", "--to", "2023-02-01",
                              "--db", str(iss_db)), 2)
    assert "--from" in line and "--to" in line and "empty" in line


# ---- item 10: the smaller ones --------------------------------------------------------


@pytest.mark.parametrize("command", [
    "missionlog log --json | head -1",
    "missionlog log | head -1",
    "missionlog export | head -1",
    "missionlog history 'Soyuz MS-22' --json | head -1",
])
def test_a_closed_pipe_is_a_normal_end(iss_db: Path, command: str) -> None:
    env = {**environ(), "MISSIONLOG_DB": str(iss_db)}
    result = subprocess.run(["bash", "-c", f"set -o pipefail; {command}"], env=env,
                            capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert len(result.stdout.splitlines()) == 1


@pytest.mark.parametrize("args", [
    ("append", "docked", "--vehicle", "X", "--at", "2024-01-01T00:00Z"),  # missing option
    ("log", "--bogus"),
    ("bogus",),
    ("decisions", "--status", "foo"),
    ("append",),
])
def test_usage_errors_are_one_line(args: tuple[str, ...]) -> None:
    line = one_line_error(run(*args), 2)
    assert "--help" in line


def test_an_error_about_one_typed_event_does_not_number_it(iss_db: Path) -> None:
    line = one_line_error(run("append", "docked", "--vehicle", "Soyuz MS-24", "--station",
                              "ISS", "--port", "Zvezda aft", "--at", "2023-10-20T00:00Z",
                              "--db", str(iss_db)), 5)
    assert "already docked" in line or "held by" in line


def test_log_json_help_says_json_lines() -> None:
    text = " ".join(run("log", "-h").stdout.split())
    assert "JSON Lines" in text
    assert "One JSON document" not in text


def test_retracted_at_says_what_it_means_and_defaults_to_now(iss_db: Path) -> None:
    text = " ".join(run("append", "retracted", "-h").stdout.split())
    assert "for the record only (default: now)" in text
    first = next(MissionLog.open(iss_db).log(types=["note"]))
    result = run("append", "retracted", "--retracts", str(first["event_id"]), "--reason",
                 "test", "--db", str(iss_db), "--quiet")
    assert result.returncode == 0, result.stderr


@pytest.mark.slow
def test_the_timeline_counts_in_words(iss_db: Path, tmp_path: Path) -> None:
    result = run("timeline", "--station", "ISS", "--from", "2023-02-05", "--to", "2023-03-05",
                 "--out", str(tmp_path / "t.png"), "--db", str(iss_db))
    assert result.returncode == 0, result.stderr
    assert "1 leak," in result.stdout
    assert "1 leaks" not in result.stdout


# ---- item 11 (first half): demo uses its own file -------------------------------------


@pytest.mark.slow
def test_demo_uses_its_own_file_whatever_missionlog_db_says(tmp_path: Path) -> None:
    story = tmp_path / "story.db"
    run("init", "--db", str(story))
    env = {**environ(), "MISSIONLOG_DB": str(story)}
    result = subprocess.run(["missionlog", "demo"], env=env, cwd=tmp_path,
                            capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    bundled = len(bundled_log_path().read_bytes().splitlines())
    assert result.stdout.startswith(f"loaded {bundled} events of the bundled ISS log into "
                                    "missionlog-demo.db")
    assert (tmp_path / "missionlog-demo.db").exists()
    with MissionLog.open(story) as log:
        assert log.count() == 0
    again = run("demo", "--db", str(tmp_path / "other.db"), cwd=tmp_path)
    assert again.returncode == 0
    assert f"into {tmp_path / 'other.db'}" in again.stdout
