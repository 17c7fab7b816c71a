"""Every command the CLI offers is documented in docs/cli.md (and has help text)."""

from __future__ import annotations

from pathlib import Path

from typer.main import get_command

from missionlog.cli import app

CLI_DOC = Path(__file__).resolve().parent.parent / "docs" / "cli.md"


def command_names() -> list[str]:
    root = get_command(app)
    names = []
    for name, command in root.commands.items():  # type: ignore[attr-defined]
        names.append(name)
        for sub in getattr(command, "commands", {}):
            names.append(f"{name} {sub}")
    return names


def test_every_cli_command_has_a_section_in_the_cli_docs() -> None:
    text = CLI_DOC.read_text()
    missing = [n for n in command_names() if f"`missionlog {n}`" not in text]
    assert not missing, f"undocumented in docs/cli.md: {missing}"


def test_every_cli_command_has_help_text() -> None:
    root = get_command(app)
    for name, command in root.commands.items():  # type: ignore[attr-defined]
        assert command.help, f"missionlog {name} has no help text"


def test_the_python_api_example_in_the_docs_runs(tmp_path: Path, monkeypatch) -> None:
    import re

    doc = (CLI_DOC.parent / "python-api.md").read_text()
    example = re.search(r"```python\n(.*?)```", doc, flags=re.S)
    assert example is not None
    monkeypatch.chdir(tmp_path)
    exec(compile(example.group(1), "docs/python-api.md", "exec"), {})
    assert (tmp_path / "notebook.db").exists()
