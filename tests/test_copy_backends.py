"""Moving a log between SQLite and PostgreSQL: the same chain on both sides, byte-identical
exports both ways, `missionlog copy` verified, and nothing written when it is refused."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pgkit import fresh_schema
from strategies import log_fingerprint
from typer.testing import CliRunner, Result

from missionlog import MissionLog
from missionlog.bundled import bundled_log_path
from missionlog.cli import app


def cli(*args: str, input: bytes | None = None) -> Result:
    return CliRunner().invoke(app, list(args), input=input, prog_name="missionlog")


@pytest.fixture
def pg() -> Iterator[str]:
    with fresh_schema() as url:
        yield url


@pytest.fixture
def sqlite_log(tmp_path: Path) -> Path:
    """The bundled ISS log, and a note the store stamps with its own recorded_at."""
    db = tmp_path / "iss.db"
    with MissionLog.open(db, create=True) as log:
        log.import_lines(bundled_log_path().read_bytes().splitlines())
        log.append([{"type": "note", "occurred_at": "2023-06-01T00:00:00Z", "text": "copied"}])
    return db


def exported(db: Path | str) -> bytes:
    result = cli("export", "--db", str(db))
    assert result.exit_code == 0, result.stderr
    return result.stdout_bytes


def test_an_export_imported_into_the_other_backend_exports_byte_identical(
    sqlite_log: Path, pg: str, tmp_path: Path
) -> None:
    original = exported(sqlite_log)
    assert cli("import", "-", "--init", "--db", pg, input=original).exit_code == 0
    assert exported(pg) == original
    assert cli("verify", "--deep", "--db", pg).exit_code == 0
    back = tmp_path / "back.db"
    assert cli("import", "-", "--init", "--db", str(back), input=exported(pg)).exit_code == 0
    assert exported(back) == original
    assert cli("head", "--db", pg).stdout == cli("head", "--db", str(sqlite_log)).stdout


@pytest.mark.parametrize("direction", ["sqlite-to-postgresql", "postgresql-to-sqlite"])
def test_copy_moves_the_whole_log_and_checks_the_heads(
    sqlite_log: Path, pg: str, tmp_path: Path, direction: str
) -> None:
    source: str = str(sqlite_log)
    target: str = pg
    if direction == "postgresql-to-sqlite":
        assert cli("copy", "--from", source, "--to", pg).exit_code == 0
        source, target = pg, f"sqlite:///{tmp_path / 'copy.db'}"
    result = cli("copy", "--from", source, "--to", target, "--json")
    assert result.exit_code == 0, result.stderr
    assert '"copied": 158' in result.stdout
    assert exported(target) == exported(source)
    assert cli("verify", "--deep", "--db", target).exit_code == 0
    same = [cli("station", "ISS", "--at", "2023-02-12", "--json", "--db", db).stdout
            for db in (source, target)]
    assert same[0] == same[1]


def test_copy_into_a_log_that_holds_events_is_refused_and_writes_nothing(
    sqlite_log: Path, pg: str
) -> None:
    assert cli("copy", "--from", str(sqlite_log), "--to", pg).exit_code == 0
    before = log_fingerprint(pg)
    result = cli("copy", "--from", str(sqlite_log), "--to", pg)
    assert result.exit_code != 0
    assert result.stderr.count("\n") == 1 and "already holds 158 events" in result.stderr
    assert log_fingerprint(pg) == before


def test_a_failed_copy_leaves_no_new_file_behind(tmp_path: Path) -> None:
    target = tmp_path / "never.db"
    result = cli("copy", "--from", str(tmp_path / "missing.db"), "--to", str(target))
    assert result.exit_code != 0 and "no missionlog" in result.stderr
    assert not target.exists()


def test_a_copy_cut_short_by_a_bad_line_rolls_back_whole(
    sqlite_log: Path, pg: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The whole copy is one transaction: an error after thousands of rows leaves the
    PostgreSQL target empty (and still usable as a target)."""
    from missionlog.store import reads

    real = reads.StoredRow.export_dict

    def broken(row: reads.StoredRow) -> dict[str, object]:
        out = real(row)
        if row.position == 150:
            out["hash"] = "0" * 64  # what a corrupted transfer would carry
        return out

    monkeypatch.setattr(reads.StoredRow, "export_dict", broken)
    result = cli("copy", "--from", str(sqlite_log), "--to", pg)
    assert result.exit_code != 0 and "hash" in result.stderr
    monkeypatch.undo()
    assert cli("log", "--json", "--db", pg).stdout == ""
    assert cli("copy", "--from", str(sqlite_log), "--to", pg).exit_code == 0
