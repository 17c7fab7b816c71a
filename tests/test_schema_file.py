"""The committed JSON Schema is the wire format's public contract: it must match the models."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from missionlog.cli import app
from missionlog.events import EVENT_TYPES

REPO = Path(__file__).resolve().parent.parent
COMMITTED = REPO / "schema" / "events.schema.json"


def test_the_committed_schema_is_what_missionlog_schema_prints_today(tmp_path: Path) -> None:
    """Regenerate with `python -m missionlog schema --out schema/events.schema.json`."""
    fresh = tmp_path / "events.schema.json"
    result = subprocess.run(
        [sys.executable, "-m", "missionlog", "schema", "--out", str(fresh)],
        capture_output=True, text=True, check=False, cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert fresh.read_bytes() == COMMITTED.read_bytes(), (
        "schema/events.schema.json is stale: regenerate it with "
        "`python -m missionlog schema --out schema/events.schema.json`"
    )


def test_schema_on_stdout_is_the_same_document() -> None:
    result = CliRunner().invoke(app, ["schema"], prog_name="missionlog")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout) == json.loads(COMMITTED.read_text())


def test_the_schema_describes_every_event_type_and_requires_its_fields() -> None:
    schema = json.loads(COMMITTED.read_text())
    mapping = schema["discriminator"]["mapping"]
    assert set(mapping) == set(EVENT_TYPES)
    for kind, ref in mapping.items():
        definition = schema["$defs"][ref.rsplit("/", 1)[-1]]
        assert definition["additionalProperties"] is False, kind
        assert {"type", "occurred_at"} <= set(definition["required"]), kind
        assert definition["properties"]["type"]["const"] == kind
