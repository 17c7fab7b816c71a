"""Decisions: `MissionLog.decisions` against a bare `replay_world` on the same log.

Decisions are a full replay (no checkpoints) with a DecisionBook observing every
event, so the figure to watch is their cost over the bare replay.

    python scripts/bench_decisions.py                  # 100k-event synthetic log, 3 runs
    python scripts/bench_decisions.py --events 1000000 --runs 2
    PYTHONPATH=/path/to/other/checkout python scripts/bench_decisions.py --db FILE  # A/B
    python scripts/bench_decisions.py --db FILE --only decisions --runs 1  # under callgrind
"""

from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import benchkit


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000, help="synthetic log size")
    parser.add_argument("--runs", type=int, default=3, help="timed runs of each")
    parser.add_argument("--json", type=Path, default=None, help="results file")
    parser.add_argument("--db", type=Path, default=None,
                        help="an existing log instead of the cached synthetic one (A/B runs "
                             "of two checkouts on the same file)")
    parser.add_argument("--only", choices=("replay_world", "decisions"), default=None,
                        help="time just one of the two")
    args = parser.parse_args()

    from missionlog import MissionLog

    with MissionLog.open(args.db or benchkit.synth_db(args.events), read_only=True) as log:
        events = log.count()
        results = {"events": events}
        for label, run in (("replay_world", log.replay_world), ("decisions", log.decisions)):
            if args.only not in (None, label):
                continue
            seconds = [benchkit.timed(run)[0] for _ in range(args.runs)]
            median = statistics.median(seconds)
            results[label] = {"median_s": median, "per_s": events / median}
    if args.only is None:
        results["decisions_over_replay"] = (
            results["decisions"]["median_s"]  # type: ignore[index]
            / results["replay_world"]["median_s"]  # type: ignore[index]
        )
    benchkit.report("decisions", results, args.json)
    return 0


if __name__ == "__main__":
    sys.exit(main())
