"""`missionlog demo --story`: each bundled story's key day on one screen, as a real process
on a real terminal, and its `--json` answers (the same as the store's on that day)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from terminal import Run, run_on_terminal

SCREEN = 50  # lines: what a terminal shows at once
COLUMNS = 120


def environ() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MISSIONLOG")}
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    return env


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One directory for all the runs: the first loads the three stories, the rest reuse."""
    return tmp_path_factory.mktemp("demo")


def demo_json(demo_dir: Path, *args: str) -> Any:
    result = subprocess.run(["missionlog", "demo", "--json", *args], env=environ(), cwd=demo_dir,
                            capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def demo_screen(demo_dir: Path, *args: str) -> Run:
    shown = run_on_terminal(["missionlog", "demo", *args], columns=COLUMNS, cwd=demo_dir,
                            env=environ())
    assert shown.returncode == 0, shown.stderr
    assert len(shown.lines) <= SCREEN, "\n".join(shown.lines)
    assert max(len(line) for line in shown.lines) <= COLUMNS
    return shown


def rides(report: Any) -> dict[str, tuple[str, str]]:
    return {p["name"]: (p["return_vehicle"], p["return_vehicle_fitness"])
            for p in report["station"]["crew"]}


@pytest.mark.slow
def test_the_seed_story_is_the_default_and_shows_2023_02_12(demo_dir: Path) -> None:
    report = demo_json(demo_dir)
    assert (report["story"], report["db"], report["station"]["as_of"][:10]) == (
        "iss-2022", "missionlog-demo.db", "2023-02-12")
    assert report["vehicle"]["vehicle"] == "Progress MS-21"
    assert rides(report)["Sergey Prokopyev"] == ("Soyuz MS-22", "emergency_only")
    assert set(report["stories"]) == {"starliner-cft-2024", "shenzhou-20-2025"}
    screen = demo_screen(demo_dir, "--story", "iss-2022").stdout
    assert "The ISS on 2023-02-12, the day after Progress MS-21" in screen
    assert "missionlog demo --story starliner-2024" in screen


@pytest.mark.slow
def test_the_starliner_story_shows_2024_08_25_in_its_own_file(demo_dir: Path) -> None:
    report = demo_json(demo_dir, "--story", "starliner-2024")
    assert report["db"] == "missionlog-demo-starliner-cft-2024.db"
    assert report["station"]["as_of"][:10] == "2024-08-25"
    assert rides(report)["Butch Wilmore"] == ("Starliner CFT", "emergency_only")
    assert report["vehicle"]["fitness_basis"]["at"][:10] == "2024-08-24"
    (replacement,) = [d for d in report["decisions"] if d["kind"] == "replacement_required"]
    assert (replacement["status"], replacement["planned_resolution"]["vehicle"]) == (
        "decided", "Crew-9")
    screen = demo_screen(demo_dir, "--story", "starliner-2024").stdout
    assert "The ISS on 2024-08-25, the day after NASA ruled Starliner" in screen
    assert "assessed emergency_only by NASA" in screen
    assert "plan: Crew-9 launch" in screen  # known then ~2024-09-24, happened 2024-09-28


@pytest.mark.slow
def test_the_shenzhou_story_shows_tiangong_without_a_lifeboat_on_2025_11_20(
    demo_dir: Path,
) -> None:
    report = demo_json(demo_dir, "--story", "shenzhou-2025")
    assert report["db"] == "missionlog-demo-shenzhou-20-2025.db"
    assert sorted(rides(report).values()) == [("Shenzhou-21", "unfit")] * 3
    assert (report["vehicle"]["vehicle"], report["vehicle"]["fitness"]) == (
        "Shenzhou-20", "unfit")
    assert report["station"]["ports"]["Tianhe forward"] is None
    screen = demo_screen(demo_dir, "--story", "shenzhou-2025").stdout
    assert "Tiangong on 2025-11-20, six days after Shenzhou-21 left" in screen
    assert "assessed unfit by CMSA on 2025-11-14" in screen


def test_an_unknown_story_is_refused_with_one_line_naming_the_choices(tmp_path: Path) -> None:
    result = subprocess.run(["missionlog", "demo", "--story", "apollo-13"], env=environ(),
                            cwd=tmp_path, capture_output=True, text=True, timeout=60,
                            check=False)
    assert result.returncode == 2
    assert "iss-2022, starliner-2024, shenzhou-2025" in result.stderr
    assert not list(tmp_path.iterdir())  # nothing written
