"""The interval rows behind point-in-time answers (issue 13, W4), on real files: a log
from before them still answers (by folding), `init` builds them from its events, and
the answers read them (no fold) where they can."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from missionlog import MissionLog
from missionlog.bundled import bundled_log_path
from missionlog.errors import StoreError
from missionlog.store import reads

QUESTIONS = [("2023-01-20", None), ("2023-02-12", None), ("2023-04-01", "2023-02-12"),
             ("2023-10-01", None)]


def answers(log: MissionLog, *, current_only: bool = False) -> list[object]:
    return [(log.state("Soyuz MS-22", at=at, known_at=known),
             log.station("ISS", at=at, known_at=known),
             log.crew(at=at, known_at=known)) for at, known in QUESTIONS
            if known is None or not current_only]


@pytest.fixture
def iss(tmp_path: Path) -> Path:
    db = tmp_path / "iss.db"
    with MissionLog.open(db, create=True) as log:
        log.import_lines(bundled_log_path().read_bytes().splitlines())
    return db


def downgrade(db: Path) -> None:
    """The file as the version before the interval rows left it."""
    connection = sqlite3.connect(str(db), isolation_level=None)
    for statement in ("DROP TABLE state_intervals", "DROP TABLE state_intervals_head",
                      "DROP INDEX events_imprecise", "DROP INDEX events_earliest",
                      "DELETE FROM _sqlite_migrations WHERE name = '0007_state_intervals'"):
        connection.execute(statement)
    connection.close()


def test_a_log_from_before_the_rows_answers_the_same_and_init_builds_them(iss: Path) -> None:
    with MissionLog.open(iss, read_only=True) as log:
        expected = answers(log)
    downgrade(iss)
    with MissionLog.open(iss, read_only=True) as old:
        assert not old.store.keeps_states
        assert answers(old) == expected
    with pytest.raises(StoreError, match="older version"):
        MissionLog.open(iss)
    with MissionLog.open(iss, create=True) as upgraded:  # `init`
        assert upgraded.store.keeps_states
        assert answers(upgraded) == expected
        upgraded.verify_derived()  # the migration built what a rebuild builds


def test_current_answers_read_the_rows_and_fold_nothing(
    iss: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With the fold taken away, `state`, `station` and `crew` at current knowledge
    still answer, as they did with it."""
    with MissionLog.open(iss, read_only=True) as log:
        expected = [answers(log)[index] for index, (_, known) in enumerate(QUESTIONS)
                    if known is None]

        def no_fold(*args: object, **kwargs: object) -> None:
            raise AssertionError("folded")

        monkeypatch.setattr(reads, "fold_from_checkpoint", no_fold)
        assert answers(log, current_only=True) == expected


def test_windowed_events_are_found_through_their_partial_indexes(iss: Path) -> None:
    connection = sqlite3.connect(str(iss))
    plans = [" ".join(str(part) for part in row) for sql in (
        f"SELECT position FROM events WHERE {reads.IMPRECISE} AND occurred_at > ? "
        "AND occurred_at <= ?",
        f"SELECT position FROM events WHERE {reads.EARLIEST} AND occurred_at > ? "
        "AND body ->> '$.earliest' <= ?",
    ) for row in connection.execute(f"EXPLAIN QUERY PLAN {sql}", ["a", "b"])]
    connection.close()
    assert "events_imprecise" in plans[0] and "events_earliest" in plans[1]
