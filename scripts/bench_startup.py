"""CLI start-up: `missionlog state ... --at ...` as a fresh process, and what it imports.

Issue 3 asks for a one-off query from the shell to finish well under 0.5 s on
the bundled log. This times, as fresh processes (median of --runs): the bare
interpreter, importing the CLI, and the real commands (`python -m missionlog`
and the installed `missionlog` script, JSON and human output); then runs
`python -X importtime` on the JSON command and lists the modules that cost the
most. Uses events/iss-2022-2023.jsonl when present, else a small synthetic log.

    python scripts/bench_startup.py
    python scripts/bench_startup.py --large 1000000     # also a cold query on the 1M log
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
import benchkit

BUNDLED = benchkit.ROOT / "events" / "iss-2022-2023.jsonl"


def fresh_process(command: list[str], runs: int) -> dict[str, Any]:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL, cwd=benchkit.ROOT)
        samples.append(time.perf_counter() - start)
    return {"median_ms": statistics.median(samples) * 1000, "min_ms": min(samples) * 1000,
            "max_ms": max(samples) * 1000, "runs": runs}


def import_offenders(command: list[str], top: int) -> dict[str, list[dict[str, Any]]]:
    """From `-X importtime`: the packages (top-level names) by cumulative time, and the
    single modules by their own time, biggest first."""
    done = subprocess.run([sys.executable, "-X", "importtime", *command[1:]], check=True,
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                          cwd=benchkit.ROOT)
    rows = []
    for line in done.stderr.splitlines():
        if not line.startswith("import time:") or "self [us]" in line:
            continue
        self_us, cumulative_us, name = line[len("import time:"):].split("|")
        rows.append({"module": name.strip(), "self_ms": int(self_us) / 1000,
                     "cumulative_ms": int(cumulative_us) / 1000})
    packages = [r for r in rows if "." not in r["module"] and not r["module"].startswith("_")]
    packages.sort(key=lambda r: r["cumulative_ms"], reverse=True)
    rows.sort(key=lambda r: r["self_ms"], reverse=True)
    return {"packages_by_cumulative": packages[:top], "modules_by_self": rows[:top]}


def import_alone(modules: list[str], runs: int) -> dict[str, float]:
    """Median wall time of `python -c 'import M'` minus the bare interpreter, per module."""
    bare = fresh_process([sys.executable, "-c", "pass"], runs)["median_ms"]
    return {m: fresh_process([sys.executable, "-c", f"import {m}"], runs)["median_ms"] - bare
            for m in modules}


def subject() -> tuple[Path, str, str, str]:
    """(db, vehicle, station, at) for the bundled log, or for a small synthetic one."""
    db = benchkit.OUT / "bench-startup.db"
    benchkit.remove_db(db)
    if BUNDLED.exists():
        source, vehicle, station, at = BUNDLED, "Soyuz MS-22", "ISS", "2023-02-12"
    else:
        source, vehicle, station, at = (benchkit.synth_file(1000), "Progress S-000001",
                                        "Station 01", "2000-01-02")
    benchkit.run([sys.executable, "-m", "missionlog", "import", str(source), "--init",
                  "--db", str(db)])
    return db, vehicle, station, at


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=10, help="runs per command (default 10)")
    parser.add_argument("--top", type=int, default=15, help="import offenders listed (15)")
    parser.add_argument("--large", type=int, default=0,
                        help="also time a cold `state` on this cached synthetic log (0: no)")
    parser.add_argument("--json", type=Path, help="results file (default bench-out/)")
    args = parser.parse_args(argv)

    db, vehicle, station, at = subject()
    py = sys.executable
    script = str(Path(py).parent / "missionlog")
    state = ["state", vehicle, "--at", at, "--db", str(db)]
    commands = {
        "python -c pass": [py, "-c", "pass"],
        "python -c 'import missionlog.cli'": [py, "-c", "import missionlog.cli"],
        "python -m missionlog state --json": [py, "-m", "missionlog", *state, "--json"],
        "missionlog state --json": [script, *state, "--json"],
        "missionlog state (human, rich)": [script, *state],
        "missionlog station --json": [script, "station", station, "--at", at, "--db", str(db),
                                      "--json"],
    }
    results: dict[str, Any] = {"log": str(BUNDLED if BUNDLED.exists() else "synthetic 1000"),
                               "commands": {}}
    if args.large:
        import random
        import sqlite3

        large = benchkit.synth_db(args.large)
        conn = sqlite3.connect(large)
        last = conn.execute("SELECT MAX(position) FROM events").fetchone()[0]
        row = conn.execute(
            "SELECT stream, occurred_at FROM events WHERE position >= ? AND type = 'docked' "
            "ORDER BY position LIMIT 1",
            [random.Random(3).randint(last // 2, last)],
        ).fetchone()
        conn.close()
        commands[f"missionlog state --json on {args.large} events"] = [
            script, "state", row[0], "--at", row[1], "--db", str(large), "--json"]
    for label, command in commands.items():
        benchkit.log(f"{label} x{args.runs}")
        results["commands"][label] = {"argv": command[1:] if command[0] == py else command,
                                      **fresh_process(command, args.runs)}
    results["importtime"] = import_offenders(commands["python -m missionlog state --json"],
                                             args.top)
    benchkit.log("dependencies imported alone")
    results["import_alone_ms"] = import_alone(
        ["sqlite_utils", "numpy", "pydantic", "missionlog.events", "typer", "rich", "orjson"],
        args.runs,
    )
    benchkit.remove_db(db)
    benchkit.report("startup", results, args.json)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
