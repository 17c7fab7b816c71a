"""The station board's server time: the page for the bundled log at a chosen date.

Issue 16 asks for the board of the bundled log at a chosen date to be served in under
100 ms server time (median). This loads the bundled ISS log into a fresh file, starts a
real `missionlog serve --public-read` process, warms it up, then requests the board
`--requests` times one after another and reports the median and p95 of

- `server`: the page route's own time, from its `Server-Timing: app;dur=` header (every
  read of the log, on the reader thread, and the template rendering);
- `round_trip`: the client's time from sending the request to the last byte (adds
  uvicorn, the loopback network and httpx).

    python scripts/bench_board.py --at 2023-02-12           # prints one JSON document
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
import benchkit

from missionlog.api import MissionLog
from missionlog.bundled import bundled_log_path


def _quantiles(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)
    return {"median_ms": round(statistics.median(ordered), 2),
            "p95_ms": round(ordered[int(len(ordered) * 0.95) - 1], 2),
            "min_ms": round(ordered[0], 2)}


def measure(url: str, params: dict[str, str], requests: int) -> dict[str, Any]:
    server, round_trip = [], []
    with httpx.Client(base_url=url) as client:
        for _ in range(10):  # warm-up: imports, first replay, template compilation
            client.get("/", params=params).raise_for_status()
        for _ in range(requests):
            started = time.perf_counter()
            answer = client.get("/", params=params)
            round_trip.append((time.perf_counter() - started) * 1000)
            answer.raise_for_status()
            timing = answer.headers["server-timing"]
            server.append(float(timing.split("dur=")[1]))
    return {"server": _quantiles(server), "round_trip": _quantiles(round_trip)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--at", default="2023-02-12", help="mission time of the board")
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--port", type=int, default=8766)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "board.db"
        with MissionLog.open(db, create=True) as log:
            log.import_lines(bundled_log_path().read_bytes().splitlines(keepends=True))
        process = benchkit.serve(db, options.port, "--public-read")
        try:
            results = measure(f"http://127.0.0.1:{options.port}", {"at": options.at},
                              options.requests)
        finally:
            process.terminate()
            process.wait(10)
    results.update({"at": options.at, "requests": options.requests})
    benchkit.report("board", results, None)


if __name__ == "__main__":
    main()
