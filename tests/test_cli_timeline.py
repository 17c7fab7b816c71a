"""`missionlog timeline` through the real CLI: pictures that open, tables that parse."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from missionlog.api import MissionLog
from missionlog.cli import app
from missionlog.timeline.build import data_digest

ROOT = Path(__file__).resolve().parent.parent
BUNDLED = ROOT / "events" / "iss-2022-2023.jsonl"
PICTURE = ROOT / "docs" / "timeline-iss-2022-2023.png"
EVENTS: list[dict[str, Any]] = [
    {"type": "station_configured", "occurred_at": "2023-01-01T00:00:00Z", "station": "ISS",
     "ports": ["Rassvet nadir", "Poisk zenith"]},
    {"type": "launched", "occurred_at": "2023-01-01T00:00:00Z", "vehicle": "Soyuz MS-22",
     "vehicle_class": "soyuz", "crew": ["Frank Rubio"], "aliases": ["68S"]},
    {"type": "docked", "occurred_at": "2023-01-01T03:00:00Z", "vehicle": "Soyuz MS-22",
     "station": "ISS", "port": "Rassvet nadir"},
    {"type": "launched", "occurred_at": "2023-01-02T00:00:00Z", "vehicle": "Progress MS-21",
     "vehicle_class": "progress", "aliases": ["82P"]},
    {"type": "docked", "occurred_at": "2023-01-04T00:00:00Z", "vehicle": "Progress MS-21",
     "station": "ISS", "port": "Poisk zenith"},
    {"type": "leak_detected", "occurred_at": "2023-01-10T00:00:00Z", "vehicle": "Soyuz MS-22",
     "system": "coolant", "severity": "major"},
    {"type": "undocked", "occurred_at": "2023-01-20T00:00:00Z", "vehicle": "Progress MS-21"},
]
runner = CliRunner()


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("cli-timeline") / "log.db"
    with MissionLog.open(path, create=True) as log:
        log.append(EVENTS)
    return path


def run(*args: str) -> Any:
    return runner.invoke(app, ["timeline", *args], prog_name="missionlog")


def test_the_png_of_the_leaking_soyuz_is_a_real_png(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "iss.png"
    result = run("--station", "ISS", "--db", str(db), "--out", str(out))
    assert result.exit_code == 0, result.output
    assert f"wrote {out}" in result.output
    header = out.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n"
    assert header[12:16] == b"IHDR"
    width, height = int.from_bytes(header[16:20], "big"), int.from_bytes(header[20:24], "big")
    assert width >= 1200 and height >= 300
    from PIL import Image

    with Image.open(out) as image:
        image.verify()


def test_the_svg_is_well_formed_and_names_the_vehicles_and_the_leak(
    db: Path, tmp_path: Path
) -> None:
    out = tmp_path / "iss.svg"
    result = run("--db", str(db), "--out", str(out), "--at", "2023-01-15")
    assert result.exit_code == 0, result.output
    root = ET.parse(out).getroot()
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    text = out.read_text()
    for words in ("Soyuz MS-22", "Progress MS-21", "Rassvet nadir", "coolant leak",
                  "Frank Rubio", "now: 2023-01-15 23:59"):
        assert words in text


def test_a_pdf_is_written_when_the_file_ends_in_pdf(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "iss.pdf"
    assert run("--db", str(db), "--out", str(out)).exit_code == 0
    assert out.read_bytes().startswith(b"%PDF-")


def test_json_on_stdout_is_exactly_the_timeline_data(db: Path) -> None:
    result = run("--db", str(db), "--json", "--from", "2023-01-02", "--to", "2023-01-12")
    assert result.exit_code == 0, result.output
    with MissionLog.open(db) as log:
        expected = log.timeline(None, since="2023-01-02", until="2023-01-12")
    assert json.loads(result.output) == expected
    assert [bar["drawn_start"] for bar in expected["bars"]] == [
        "2023-01-02T00:00:00Z", "2023-01-04T00:00:00Z",
    ]


def test_csv_lists_every_stay_leak_and_stranded_stretch(db: Path, tmp_path: Path) -> None:
    result = run("--db", str(db), "--format", "csv")
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.output)))
    stays = [(r["port"], r["vehicle"], r["end"]) for r in rows if r["kind"] == "stay"]
    assert stays == [("Rassvet nadir", "Soyuz MS-22", ""),
                     ("Poisk zenith", "Progress MS-21", "2023-01-20T00:00:00Z")]
    assert [r["at"] for r in rows if r["kind"] == "leak"] == ["2023-01-10T00:00:00Z"]
    unfit = [(r["people"], r["start"], r["end"]) for r in rows if r["kind"] == "unfit"]
    assert unfit == [("Frank Rubio", "2023-01-10T00:00:00Z", "")]
    out = tmp_path / "iss.csv"
    assert run("--db", str(db), "--out", str(out)).exit_code == 0
    assert out.read_text() == result.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((), "give --out FILE"),
        (("--format", "png"), "needs --out FILE"),
        (("--out", "iss.gif"), "'gif' is not one of"),
    ],
)
def test_a_picture_without_a_usable_file_is_a_usage_error(
    db: Path, args: tuple[str, ...], message: str
) -> None:
    result = run("--db", str(db), *args)
    assert result.exit_code == 2
    assert message in result.output


def test_an_unknown_station_fails_with_a_suggestion(db: Path) -> None:
    result = run("--db", str(db), "--station", "ISSS", "--json")
    assert result.exit_code == 5
    assert "did you mean 'ISS'" in result.output


@pytest.fixture(scope="module")
def bundled_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("bundled") / "iss.db"
    imported = runner.invoke(app, ["import", str(BUNDLED), "--init", "--db", str(db)])
    assert imported.exit_code == 0, imported.output
    return db


def test_the_bundled_log_draws_as_a_png(bundled_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "iss.png"
    result = run("--station", "ISS", "--db", str(bundled_db), "--out", str(out))
    assert result.exit_code == 0, result.output
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert out.stat().st_size > 20_000


def test_the_readme_picture_shows_the_bundled_log_as_it_is_now(bundled_db: Path) -> None:
    """Regenerate with: missionlog timeline --station ISS --from 2022-09-01 --db DB
    --out docs/timeline-iss-2022-2023.png (after importing events/iss-2022-2023.jsonl)."""
    from PIL import Image

    with Image.open(PICTURE) as image:
        description = image.text["Description"]  # type: ignore[attr-defined]
    with MissionLog.open(bundled_db) as log:
        data = log.timeline("ISS", since="2022-09-01")
    assert description == f"missionlog timeline data sha256 {data_digest(data)}"


def test_the_cli_starts_without_importing_matplotlib() -> None:
    code = "import sys, missionlog.cli; print('matplotlib' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    assert result.stdout.strip() == "False"


def test_a_short_stay_shows_an_alias_or_a_key_number_and_the_key_names_the_vehicle() -> None:
    from missionlog.timeline.geometry import Scale
    from missionlog.timeline.labels import choose_labels

    def stay(vehicle: str, aliases: list[str], start: str, end: str) -> dict[str, Any]:
        return {"port": "Poisk zenith", "vehicle": vehicle, "aliases": aliases,
                "drawn_start": f"{start}T00:00:00Z", "drawn_end": f"{end}T00:00:00Z"}

    bars = [
        stay("Soyuz MS-22", ["68S"], "2022-06-01", "2022-06-11"),
        stay("Progress MS-21", ["Progress 82", "82P"], "2022-06-11", "2022-06-12"),
        stay("Cygnus NG-18", [], "2022-06-12", "2022-12-31"),
    ]
    scale = Scale.of({"start": "2022-01-01T00:00:00Z", "end": "2023-01-01T00:00:00Z"})
    labels, key = choose_labels(bars, [], scale)
    assert [(label.text, label.place) for label in labels] == [
        ("68S", "inside"), ("2", "key"), ("Cygnus NG-18", "inside"),
    ]
    assert key == ["68S: Soyuz MS-22", "2: Progress MS-21 (also Progress 82, 82P)"]


@pytest.mark.parametrize(("story", "station"), [("starliner-cft-2024", "ISS"),
                                                ("shenzhou-20-2025", "Tiangong")])
def test_each_story_picture_shows_its_bundled_log_as_it_is_now(
    story: str, station: str, tmp_path: Path
) -> None:
    """Regenerate with: missionlog import events/STORY.jsonl --init --db DB, then
    missionlog timeline --station STATION --db DB --out docs/timeline-STORY.png."""
    from PIL import Image

    with Image.open(ROOT / "docs" / f"timeline-{story}.png") as image:
        description = image.text["Description"]  # type: ignore[attr-defined]
    with MissionLog.open(tmp_path / "story.db", create=True) as log:
        log.import_lines((ROOT / "events" / f"{story}.jsonl").read_bytes().splitlines())
        data = log.timeline(station)
    assert description == f"missionlog timeline data sha256 {data_digest(data)}"
    readme = (ROOT / "README.md").read_text()
    assert f"(docs/timeline-{story}.png)" in readme
