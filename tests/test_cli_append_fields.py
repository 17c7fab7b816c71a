"""The append sub-commands' field table matches the event models it stands in for."""

from __future__ import annotations

import subprocess
import sys

from missionlog.cli.append_fields import APPEND_FIELDS
from missionlog.events import MODEL_BY_TYPE

COMMON = ("type", "occurred_at", "event_id", "source", "note", "precision", "earliest",
          "latest")


def test_every_event_type_has_an_append_sub_command_with_the_models_fields() -> None:
    assert set(APPEND_FIELDS) == set(MODEL_BY_TYPE)
    for kind, model in MODEL_BY_TYPE.items():
        expected = tuple(
            (name, "list" if "tuple" in str(info.annotation) else "text", info.is_required())
            for name, info in model.model_fields.items()
            if name not in COMMON
        )
        assert APPEND_FIELDS[kind][1] == expected, kind


def test_the_cli_starts_without_building_the_pydantic_models() -> None:
    probe = "import sys, missionlog.cli; print('pydantic' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                            check=True)
    assert result.stdout.strip() == "False"


def test_the_store_keeps_numpy_out_of_start_up_but_numpy_still_imports_after() -> None:
    probe = (
        "import sys, missionlog.store; print('numpy' in sys.modules); "
        "import numpy; print(numpy.zeros(2).sum())"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                            check=True)
    assert result.stdout.split() == ["False", "0.0"]
