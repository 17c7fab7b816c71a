"""What a `--db` value names: a PostgreSQL database, or a SQLite file (a path or a
`sqlite:///` URL). Kept free of imports so that telling them apart costs nothing at
start-up; the HTTP service URLs are recognised in client/http_log.py."""

from __future__ import annotations

import re
from pathlib import Path

# `/+`: a Path folds `//` to `/`, so `Path("postgresql://h/db")` is recognised too.
_POSTGRES = re.compile(r"^postgres(?:ql)?:/+(.*)$", re.IGNORECASE | re.DOTALL)
_SQLITE = re.compile(r"^sqlite:(.*)$", re.IGNORECASE | re.DOTALL)


def postgres_url(db: Path | str) -> str | None:
    """The libpq URL if DB names a PostgreSQL database (`postgresql://…`, `postgres://…`),
    else None."""
    match = _POSTGRES.match(str(db))
    return None if match is None else f"postgresql://{match.group(1)}"


def sqlite_path(db: Path | str) -> Path:
    """The file DB names: a plain path, or `sqlite:///relative.db` /
    `sqlite:////absolute.db` (SQLAlchemy's spelling: the path follows the third slash)."""
    match = _SQLITE.match(str(db))
    if match is None:
        return Path(db)
    rest = match.group(1)
    return Path(rest[3:] if rest.startswith("///") else rest.lstrip("/") or ":memory:")


def shown_url(db: Path | str) -> str:
    """DB without a URL's password, for messages and logs."""
    return re.sub(r"(//[^/@:]*):[^/@]*@", r"\1:***@", str(db))
