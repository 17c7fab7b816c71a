"""Every command the CLI offers is documented in docs/cli.md (and has help text)."""

from __future__ import annotations

import re
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


def documented_exit_codes() -> dict[int, str]:
    return {int(code): meaning for code, meaning in
            re.findall(r"^\| (\d+) \| (.+?) \|$", CLI_DOC.read_text(), flags=re.M)}


def test_the_exit_code_table_is_the_codes_the_cli_uses() -> None:
    from missionlog.cli import common

    used = {common.EXIT_OK, common.EXIT_BUG, common.EXIT_USAGE, common.EXIT_INTERRUPTED}
    used |= {code for _, code in common.EXIT_CODES}
    assert set(documented_exit_codes()) == used


def test_every_error_class_has_its_documented_exit_code() -> None:
    import inspect

    from missionlog import errors
    from missionlog.cli.common import EXIT_BUG, exit_code_for

    documented = documented_exit_codes()
    for _, kind in inspect.getmembers(errors, inspect.isclass):
        if issubclass(kind, errors.MissionLogError) and kind is not errors.MissionLogError:
            code = exit_code_for(kind("x"))
            assert code != EXIT_BUG and code in documented, kind.__name__


def section(name: str) -> str:
    """The text of one command's section of docs/cli.md."""
    text = CLI_DOC.read_text()
    start = text.index(f"### `missionlog {name}`")
    end = text.find("\n### ", start + 1)
    return text[start:end if end != -1 else None]


def test_every_option_of_every_command_is_in_its_section() -> None:
    root = get_command(app)
    for name, command in root.commands.items():  # type: ignore[attr-defined]
        subcommands = getattr(command, "commands", {})
        text = section(name)
        for cmd in [command, *subcommands.values()]:
            options = {opt for param in cmd.params for opt in param.opts
                       if opt.startswith("--") and opt not in ("--db", "--help")}
            missing = [opt for opt in sorted(options)
                       if not re.search(re.escape(opt) + r"(?![\w-])", text)]
            assert not missing, f"docs/cli.md, missionlog {name} {cmd.name}: {missing}"
