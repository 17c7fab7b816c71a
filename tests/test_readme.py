"""The README is a tested artefact: every shell command in it runs, in order, as written,
on an 80-column terminal, as a new user would see it.

A line may promise its exit code and its message: `# exits 5, says "did you mean"`;
the test checks both (the message on stderr, in one line), so an example cannot show
a different error from the one the text describes.
"""

from __future__ import annotations

import os
import re
import select
import shlex
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import NamedTuple

import pytest
from terminal import run_on_terminal

README = Path(__file__).resolve().parent.parent / "README.md"
INSTALL_OR_TEST = ("python3 -m venv", "ruff check", "pytest ")
PROMISE = re.compile(r'\s+#\s*exits (\d+)(?:, says "(.*)")?\s*$')
COLUMNS = 80


class Step(NamedTuple):
    command: str
    exit_code: int
    says: str | None


def readme_steps() -> list[Step]:
    """Each command line of the README's ```sh blocks with the exit code and message it
    promises."""
    steps = []
    for block in re.findall(r"```sh\n(.*?)```", README.read_text(), flags=re.S):
        for line in block.splitlines():
            if not line.strip() or line.startswith(INSTALL_OR_TEST):
                continue
            promise = PROMISE.search(line)
            if promise is None:
                steps.append(Step(line, 0, None))
            else:
                steps.append(Step(line[:promise.start()], int(promise.group(1)),
                                  promise.group(2)))
    return steps


class Shown(NamedTuple):
    command: str
    output: list[str]  # the lines the README shows it printing


def served_transcript() -> list[Shown]:
    """The terminals of the README's section on the HTTP service (its ```text blocks):
    each `$ ` command and the lines it is shown printing."""
    shown: list[Shown] = []
    section = README.read_text().split("\n## Sharing a log")[1].split("\n## ")[0]
    for block in re.findall(r"```text\n(.*?)```", section, flags=re.S):
        for line in block.splitlines():
            if line.startswith("$ "):
                shown.append(Shown(shlex.join(shlex.split(line[2:], comments=True)), []))
            elif line.strip():
                shown[-1].output.append(line)
    return shown


def test_the_readme_promises_the_refused_docking_messages() -> None:
    says = [step.says for step in readme_steps() if step.says]
    assert any("held by Progress MS-21 since" in text for text in says)
    assert "did you mean 'Zvezda aft'?" in says


@pytest.mark.slow
def test_the_readme_commands_run_as_written_on_an_80_column_terminal(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MISSIONLOG")}
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    steps = readme_steps()
    assert any(step.command.startswith("missionlog demo") for step in steps)
    tokens: dict[str, str] = {}
    for step in steps:
        if step.command.startswith("export "):
            name, _, value = step.command.removeprefix("export ").partition("=")
            env[name] = value
            continue
        result = run_on_terminal(step.command, columns=COLUMNS, cwd=tmp_path, env=env)
        assert result.returncode == step.exit_code, (
            f"{step.command!r} exited {result.returncode}, README promises {step.exit_code}\n"
            f"stdout: {result.stdout[-2000:]}\nstderr: {result.stderr[-2000:]}"
        )
        too_wide = [line for line in result.lines if len(line) > COLUMNS]
        assert not too_wide, f"{step.command!r} printed lines over {COLUMNS} columns"
        assert "…" not in result.stdout, f"{step.command!r} cut a cell:\n{result.stdout}"
        if step.exit_code:
            assert len(result.stderr.strip().splitlines()) == 1, result.stderr
        if step.says:
            assert step.says in result.stderr, (step.command, result.stderr)
        if step.command.startswith("missionlog token create --name "):
            tokens[step.command.split()[4]] = result.stdout.strip()
    run_served_transcript(tmp_path, env, tokens["houston"])


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _line_from(stream: object, timeout: float = 30) -> str:
    """The next line a process prints on STREAM (a pipe), or fail after TIMEOUT. STREAM
    must be unbuffered (`Popen(..., bufsize=0)`): a buffered reader takes in every line
    that has arrived, and `select` then waits on an empty pipe for the ones it holds."""
    ready, _, _ = select.select([stream], [], [], timeout)
    assert ready, "no line within the timeout"
    return stream.readline().decode().rstrip("\n")  # type: ignore[attr-defined]


def run_served_transcript(cwd: Path, env: dict[str, str], token: str) -> None:
    """The README's serve/follow/append terminals, run as written against a real
    `missionlog serve` process (on a free port instead of 8000, with houston's token
    for `mlt_…`), checking every line the README shows."""
    port = _free_port()

    def here(text: str) -> str:
        return text.replace(":8000", f":{port}").replace("--port 8000", f"--port {port}")

    processes: list[subprocess.Popen[bytes]] = []
    follower: subprocess.Popen[bytes] | None = None
    follow_lines: list[str] = []
    try:
        for shown in served_transcript():
            command = here(shown.command)
            expected = [here(line) for line in shown.output]
            if command.startswith("export "):
                name, _, value = shlex.split(command)[1].partition("=")
                env[name] = token if value == "mlt_…" else value
            elif command.startswith(("missionlog serve", "missionlog follow")):
                process = subprocess.Popen(shlex.split(command), cwd=cwd, env=env, bufsize=0,
                                           stdout=subprocess.PIPE, stderr=subprocess.PIPE)
                processes.append(process)
                assert _line_from(process.stderr) == expected[0]  # what it says first
                if command.startswith("missionlog serve"):
                    _wait_for(port)
                else:
                    follower, follow_lines = process, expected[1:]
            else:
                result = run_on_terminal(command, columns=COLUMNS, cwd=cwd, env=env)
                assert result.returncode == 0, (command, result.stderr)
                assert result.stdout.strip()
                assert result.lines[:len(expected)] == expected, (command, result.stdout)
        assert follower is not None and follow_lines
        assert [_line_from(follower.stdout) for _ in follow_lines] == follow_lines
    finally:
        for process in processes:
            process.terminate()
            process.communicate(timeout=10)  # reaps it and closes its pipes


def _wait_for(port: int) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.05)
    raise AssertionError(f"missionlog serve did not listen on port {port}")
