"""What the bench_*.py scripts share: cached synthetic logs, timing, memory, reporting.

Why a module: every benchmark needs the same 1M-event log and database, and
building them costs minutes, so they are made once and cached in bench-out/
(git-ignored). Each script imports this with `scripts/` on sys.path, which is
where Python puts it when a script in this folder runs.
"""

from __future__ import annotations

import hashlib
import json
import os
import platform
import resource
import shutil
import sqlite3
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench-out"
PYTHON = sys.executable


def machine() -> dict[str, Any]:
    """The facts a figure is meaningless without."""
    cpu = "unknown"
    with open("/proc/cpuinfo") as handle:
        for line in handle:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    import pydantic

    head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True,
                          text=True, cwd=ROOT).stdout.strip()
    dirty = subprocess.run(["git", "status", "--porcelain", "--", "missionlog"],
                           capture_output=True, text=True, cwd=ROOT).stdout.strip()
    return {
        "git": f"{head}{'+uncommitted' if dirty else ''}",
        "code_fingerprint": code_fingerprint(),
        "load_average": os.getloadavg(),
        "nproc": os.cpu_count(),
        "cpu": cpu,
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
        "pydantic": pydantic.VERSION,
    }


def synth_file(events: int) -> Path:
    """bench-out/synth-<events>-<generator>.jsonl, generated once (seed 1, default shape)."""
    OUT.mkdir(exist_ok=True)
    path = OUT / f"synth-{events}-{generator_fingerprint()}.jsonl"
    if not path.exists():
        for stale in OUT.glob(f"synth-{events}-*.jsonl"):
            stale.unlink()
        tmp = path.with_suffix(".part")
        run([PYTHON, str(ROOT / "scripts" / "synth_log.py"), "--events", str(events),
             "--out", str(tmp)])
        tmp.rename(path)
    return path


def _digest(paths: list[Path]) -> str:
    digest = hashlib.sha256()
    for path in sorted(paths):
        digest.update(path.name.encode() + path.read_bytes())
    return digest.hexdigest()[:10]


def generator_fingerprint() -> str:
    return _digest([ROOT / "scripts" / "synth_log.py"])


def code_fingerprint() -> str:
    """A digest of the code that decides what a database file holds (generator, schema,
    writer, fold): a cached database built by other code is rebuilt rather than trusted."""
    package = ROOT / "missionlog"
    return _digest([*package.glob("store/*.py"), *package.glob("projections/*.py"),
                    package / "events.py", package / "ingest.py",
                    ROOT / "scripts" / "synth_log.py"])


def synth_db(events: int) -> Path:
    """bench-out/synth-<events>-<code>.db: the synthetic log imported once through the
    CLI by the current code (older builds of the same size are deleted)."""
    path = OUT / f"synth-{events}-{code_fingerprint()}.db"
    if not path.exists():
        for stale in OUT.glob(f"synth-{events}-*.db"):
            remove_db(stale)
        source = synth_file(events)
        tmp = path.with_suffix(".part.db")
        remove_db(tmp)
        log(f"importing {source.name} once into {path.name} (cached for later runs)")
        run([PYTHON, "-m", "missionlog", "import", str(source), "--init", "--db", str(tmp)])
        tmp.rename(path)
    return path


def copy_db(source: Path, target: Path) -> Path:
    """A scratch copy, flushed to disk first: otherwise the kernel writes the copy back
    while we measure, and every fsync in the benchmark waits behind gigabytes of it."""
    remove_db(target)
    shutil.copyfile(source, target)
    with open(target, "rb+") as handle:
        os.fsync(handle.fileno())
    return target


def remove_db(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def run(command: list[str]) -> str:
    # stderr is inherited: a child's progress, profile tables and tracebacks show up.
    done = subprocess.run(command, check=True, stdout=subprocess.PIPE, text=True, cwd=ROOT)
    return done.stdout


def child_json(script: str, *args: str) -> dict[str, Any]:
    """Run one measurement in a fresh process (clean peak RSS) and read its JSON line."""
    out = run([PYTHON, str(ROOT / "scripts" / script), *args])
    return dict(json.loads(out.strip().splitlines()[-1]))


def peak_rss_mb() -> float:
    """Peak resident set size of this process so far: VmHWM, not ru_maxrss, because
    Linux carries ru_maxrss across exec, so a child would report its parent's peak."""
    with open("/proc/self/status") as handle:
        for line in handle:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def rss_mb() -> float:
    with open("/proc/self/statm") as handle:
        return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


def summary_ms(samples_s: list[float]) -> dict[str, Any]:
    """Median, p90, p95, p99 and max of durations in seconds, as milliseconds."""
    ordered = sorted(samples_s)

    def pct(p: float) -> float:
        return ordered[min(len(ordered) - 1, int(p * len(ordered)))] * 1000

    return {
        "n": len(ordered),
        "median_ms": statistics.median(ordered) * 1000,
        "p90_ms": pct(0.90),
        "p95_ms": pct(0.95),
        "p99_ms": pct(0.99),
        "max_ms": ordered[-1] * 1000,
        "mean_ms": statistics.fmean(ordered) * 1000,
    }


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def report(name: str, results: dict[str, Any], json_out: Path | None) -> None:
    """Print RESULTS readably, and as JSON to JSON_OUT (or bench-out/<name>.json)."""
    document = {"benchmark": name, "machine": machine(), "results": results}
    target = json_out or OUT / f"{name}.json"
    target.parent.mkdir(exist_ok=True)
    target.write_text(json.dumps(document, indent=2) + "\n")
    print(json.dumps(document, indent=2))
    log(f"written to {target}")


def profile_to(path: Path | None, fn: Callable[[], Any]) -> Any:
    """Run FN under cProfile when PATH is given, and print its top functions."""
    if path is None:
        return fn()
    import cProfile
    import pstats

    profiler = cProfile.Profile()
    result = profiler.runcall(fn)
    profiler.dump_stats(str(path))
    stats = pstats.Stats(profiler, stream=sys.stderr)
    stats.sort_stats("tottime").print_stats(25)
    log(f"profile written to {path} (open with: python -m pstats {path})")
    return result


def serve(db: Path, port: int, *options: str) -> subprocess.Popen[bytes]:
    """A `missionlog serve` process on DB and PORT (plus OPTIONS), once it answers."""
    import httpx

    process = subprocess.Popen([PYTHON, "-m", "missionlog", "serve", "--db", str(db),
                                "--port", str(port), *options], stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            httpx.get(f"http://127.0.0.1:{port}/head", timeout=1)
            return process
        except httpx.TransportError:
            time.sleep(0.05)
    process.kill()
    raise SystemExit("the server did not start")
