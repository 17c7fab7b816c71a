"""The hash chain that makes the log tamper-evident, and content-derived event ids.

Each row's hash covers its own content and the previous row's hash, so editing
any stored event (even after dropping the triggers) breaks every hash from that
position on, and `verify` can name the first bad position.
"""

from __future__ import annotations

import hashlib

import orjson

GENESIS = "0" * 64


def chain_hash(
    previous: str,
    position: int,
    stream: str,
    version: int,
    recorded_at: str,
    body: bytes,
    schema_version: int = 1,
    recorded_by: str | None = None,
) -> str:
    """The hash of one row. `schema_version` (how to read the body) is covered too; it
    enters the text only when it is not 1, so every hash written before it was covered
    stays valid, and changing it either way breaks the row's hash. `recorded_by` (who
    recorded the event) enters the same way, only when the row has one: rows written
    before it existed (NULL) keep their hashes, and setting, clearing or changing it
    breaks the row's hash. It is hashed as a JSON string, so no name (even one holding a
    newline) can imitate the lines around it; the body that follows starts with `{`."""
    digest = hashlib.sha256(previous.encode())
    digest.update(f"\n{position}\n{stream}\n{version}\n{recorded_at}\n".encode())
    if schema_version != 1:
        digest.update(f"schema_version={schema_version}\n".encode())
    if recorded_by is not None:
        digest.update(b"recorded_by=" + orjson.dumps(recorded_by) + b"\n")
    digest.update(body)
    return digest.hexdigest()


def content_event_id(body_without_id: bytes) -> str:
    """An id derived from the event's content, so re-importing an id-less file is a no-op
    and the same events always get the same ids (determinism)."""
    return "ev-" + hashlib.sha256(body_without_id).hexdigest()[:24]
