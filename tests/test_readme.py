"""The README is a tested artefact: every shell command in it runs, in order, as written,
on an 80-column terminal, as a new user would see it.

A line may promise its exit code and its message: `# exits 5, says "did you mean"`;
the test checks both (the message on stderr, in one line), so an example cannot show
a different error from the one the text describes.
"""

from __future__ import annotations

import os
import re
import sys
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
