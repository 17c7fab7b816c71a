"""Appending the same event twice is a no-op; reusing an event_id for other content is an error."""

from __future__ import annotations

from pathlib import Path

import pytest
from strategies import SEED_STORY, log_fingerprint, seed_story_jsonl
from typer.testing import CliRunner

from missionlog import DuplicateEventId, MissionLog
from missionlog.cli import app

LEAK = {"type": "leak_detected", "occurred_at": "2023-02-11T09:40:00Z",
        "event_id": "progress-ms-21-coolant-leak", "vehicle": "Progress MS-21",
        "system": "coolant", "severity": "major"}




def test_the_same_leak_reported_again_changes_nothing(iss: MissionLog, db_path: Path) -> None:
    before = log_fingerprint(db_path)
    result = iss.append([dict(LEAK)])
    assert (result.appended, result.skipped) == (0, 1)
    assert log_fingerprint(db_path) == before


def test_the_same_instant_written_in_moscow_time_is_the_same_event(
    iss: MissionLog, db_path: Path
) -> None:
    before = log_fingerprint(db_path)
    result = iss.append([{**LEAK, "occurred_at": "2023-02-11T12:40:00+03:00"}])
    assert (result.appended, result.skipped) == (0, 1)
    assert log_fingerprint(db_path) == before


def test_an_event_without_an_id_gets_one_from_its_content_so_a_resend_is_a_no_op(
    iss: MissionLog, db_path: Path
) -> None:
    note = {"type": "note", "occurred_at": "2023-02-12T10:00:00Z", "text": "NASA: crew not at risk"}
    first = iss.append([dict(note)])
    assert first.appended == 1
    before = log_fingerprint(db_path)
    again = iss.append([dict(note)])
    assert (again.appended, again.skipped) == (0, 1)
    assert log_fingerprint(db_path) == before
    ids = [row["event_id"] for row in iss.log(types=["note"])]
    assert len(ids) == 1
    assert ids[0].startswith("ev-")


def test_reusing_an_event_id_for_different_content_is_refused_and_names_the_id(
    iss: MissionLog, db_path: Path
) -> None:
    before = log_fingerprint(db_path)
    with pytest.raises(DuplicateEventId, match="progress-ms-21-coolant-leak"):
        iss.append([{**LEAK, "severity": "minor"}])
    assert log_fingerprint(db_path) == before


def test_a_duplicate_id_inside_one_batch_with_different_content_is_refused(
    iss: MissionLog, db_path: Path
) -> None:
    before = log_fingerprint(db_path)
    note = {"type": "note", "occurred_at": "2023-02-12T10:00:00Z", "event_id": "n1", "text": "a"}
    with pytest.raises(DuplicateEventId, match="n1"):
        iss.append([note, {**note, "text": "b"}])
    assert log_fingerprint(db_path) == before


def test_a_batch_mixing_known_and_new_events_appends_only_the_new_ones(iss: MissionLog) -> None:
    new = {"type": "note", "occurred_at": "2023-02-12T10:00:00Z", "event_id": "new-note",
           "text": "hatches closed"}
    result = iss.append([dict(LEAK), new, dict(SEED_STORY[0])])
    assert (result.appended, result.skipped) == (1, 2)
    assert iss.count() == len(SEED_STORY) + 1
    assert iss.verify() == len(SEED_STORY) + 1


def test_importing_the_same_file_twice_imports_it_once(tmp_path: Path, db_path: Path) -> None:
    source = tmp_path / "iss.jsonl"
    source.write_text(seed_story_jsonl())
    runner = CliRunner()
    first = runner.invoke(app, ["import", str(source), "--init", "--db", str(db_path)],
                          prog_name="missionlog")
    assert first.exit_code == 0, first.stderr
    before = log_fingerprint(db_path)
    second = runner.invoke(app, ["import", str(source), "--db", str(db_path)],
                           prog_name="missionlog")
    assert second.exit_code == 0, second.stderr
    assert "imported 0 events" in second.stdout
    assert f"skipped {len(SEED_STORY)}" in second.stdout
    assert log_fingerprint(db_path) == before


def test_importing_an_export_back_into_its_own_log_changes_nothing(
    iss: MissionLog, tmp_path: Path, db_path: Path
) -> None:
    exported = tmp_path / "export.jsonl"
    with exported.open("wb") as handle:
        iss.export(handle)
    before = log_fingerprint(db_path)
    result = iss.import_lines(exported.read_bytes().splitlines())
    assert (result.appended, result.skipped) == (0, len(SEED_STORY))
    assert log_fingerprint(db_path) == before


def test_a_late_batch_that_repeats_an_event_stores_it_once_at_gap_free_positions(
    iss: MissionLog,
) -> None:
    """A late note sent twice in one batch, before a late leak: the repeat is skipped, and
    the leak's position in the re-folded state (and the checkpoints taken of it) is the
    position it is stored at."""
    late_note = {"type": "note", "occurred_at": "2022-11-01T00:00:00Z",
                 "event_id": "late-note", "text": "inspection", "subject": "Progress MS-21"}
    late_leak = {"type": "leak_detected", "occurred_at": "2022-11-02T00:00:00Z",
                 "event_id": "late-leak", "vehicle": "Progress MS-21", "system": "propellant",
                 "severity": "minor"}
    import missionlog.store.writer as writer

    every, chunk = writer.CHECKPOINT_EVERY, writer.CHUNK
    writer.CHECKPOINT_EVERY = 1  # snapshot the re-folded state after every event
    writer.CHUNK = 1  # as if the repeat came thousands of lines later, in another chunk
    try:
        result = iss.append([late_note, dict(late_note), late_leak])
    finally:
        writer.CHECKPOINT_EVERY, writer.CHUNK = every, chunk
    assert (result.appended, result.skipped) == (2, 1)
    stored = {row["event_id"]: row["position"] for row in iss.log()}
    assert stored["late-leak"] == stored["late-note"] + 1 == result.last_position
    world, _ = iss.world(at="2022-11-03")
    leak = world.vehicles["Progress MS-21"]["leaks"][0]
    assert (leak["event_id"], leak["position"]) == ("late-leak", stored["late-leak"])
    assert iss.verify() == len(stored)
