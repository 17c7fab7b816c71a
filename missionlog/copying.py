"""`missionlog copy`: move a whole log between backends (SQLite file <-> PostgreSQL, or
either to either), verified at the end.

The copy is an `export` of the source read straight into an `import` of the target, in
one append transaction: the target's writer recomputes every hash and the import checks
each against the hash the line was exported with, so the copy lands whole, with the same
positions, versions, recorded_at and chain, or not at all. The target must be new or
empty (an existing log is refused, naming how many events it holds). At the end the
target's chain is walked again and its head compared with the source's.
"""

from __future__ import annotations

import contextlib
from itertools import takewhile
from pathlib import Path
from typing import Any

import orjson

from missionlog.errors import StoreError, TamperDetected
from missionlog.store.location import postgres_url, sqlite_path


def copy_log(source: Path | str, target: Path | str) -> dict[str, Any]:
    """Copy every event of SOURCE into the new or empty log TARGET; what was copied and
    the head both now share. On any error nothing is left in TARGET (a SQLite file this
    call created is removed again)."""
    from missionlog.api import MissionLog

    created = None if postgres_url(target) else sqlite_path(target)
    if created is not None and created.exists():
        created = None  # not ours to remove
    try:
        with MissionLog.open(source, read_only=True) as src:
            head = src.store.head()
            with MissionLog.open(target, create=True) as dst:
                already = dst.count()
                if already:
                    raise StoreError(
                        f"{target} already holds {already} events; copy needs a new or "
                        "empty log as its target (nothing was written)"
                    )
                rows = takewhile(lambda row: row.position <= head.position, src.store.rows())
                lines = (orjson.dumps(row.export_dict()) for row in rows)
                result = dst.import_lines(lines, source=str(source))
                copied = dst.store.verify_chain()
                got = dst.store.head()
        if (got.position, got.hash) != (head.position, head.hash) or copied != head.position:
            raise TamperDetected(
                f"the copy's head (position {got.position}, {got.hash[:12]}) differs from "
                f"the source's (position {head.position}, {head.hash[:12]})"
            )
    except BaseException:
        if created is not None:
            for suffix in ("", "-wal", "-shm"):
                with contextlib.suppress(FileNotFoundError):
                    created.with_name(created.name + suffix).unlink()
        raise
    return {"copied": result.appended, "position": head.position, "hash": head.hash}
