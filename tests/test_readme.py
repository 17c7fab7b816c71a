"""The README is a tested artefact: every shell command in it runs, in order, as written."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

README = Path(__file__).resolve().parent.parent / "README.md"
INSTALL_OR_TEST = ("python3 -m venv", "ruff check", "pytest ")


def readme_commands() -> list[tuple[str, int]]:
    """Each command line of the README's ```sh blocks with the exit code it promises."""
    commands = []
    for block in re.findall(r"```sh\n(.*?)```", README.read_text(), flags=re.S):
        for line in block.splitlines():
            if not line.strip() or line.startswith(INSTALL_OR_TEST):
                continue
            promised = re.search(r"#\s*exits (\d+)\s*$", line)
            command = re.sub(r"\s+#.*$", "", line) if promised else line
            commands.append((command, int(promised.group(1)) if promised else 0))
    return commands


@pytest.mark.slow
def test_the_readme_commands_run_as_written(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MISSIONLOG")}
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    env["COLUMNS"] = "120"
    commands = readme_commands()
    assert any(c.startswith("missionlog demo") for c, _ in commands)
    for command, promised in commands:
        if command.startswith("export "):
            name, _, value = command.removeprefix("export ").partition("=")
            env[name] = value
            continue
        result = subprocess.run(
            command, shell=True, cwd=tmp_path, env=env, capture_output=True, text=True,
            timeout=120,
        )
        assert result.returncode == promised, (
            f"{command!r} exited {result.returncode}, README promises {promised}\n"
            f"stdout: {result.stdout[-2000:]}\nstderr: {result.stderr[-2000:]}"
        )
        if promised:
            assert len(result.stderr.strip().splitlines()) == 1, result.stderr
