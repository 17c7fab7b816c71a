"""Signed heads ("anchors"): the chain's newest position and hash, signed with Ed25519.

A hash chain alone cannot show that its tail was cut or that it was rewritten
whole: every hash can be recomputed. An anchor kept somewhere else (mailed,
printed in a shift log) pins the hash the log had at a position; `verify
--anchor` then proves the log still holds exactly that history up to there and
has only grown since. This is what Certificate Transparency's signed tree heads
and immudb's or QLDB's digests do. The signature shows the anchor itself was not
edited and who made it; it cannot help against someone holding both the key and
the file (see docs/design.md).

File format (JSON, one object; `format` names the version):

    {"format": "missionlog-anchor/1", "position": 110, "hash": "...",
     "recorded_at": "...", "anchored_at": "...", "public_key": "<hex>",
     "signature": "<hex of the Ed25519 signature over the other fields>"}

`cryptography` is imported only here, and only by the commands that sign or check.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import orjson
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from missionlog.errors import InvalidEvent, StoreError, TamperDetected

FORMAT = "missionlog-anchor/1"
FIELDS = ("format", "position", "hash", "recorded_at", "anchored_at", "public_key")


def create_key(path: Path) -> str:
    """Write a new Ed25519 private key to PATH (PEM, readable by its owner only) and
    return its public key as hex. Never overwrites: a lost key orphans its anchors."""
    key = Ed25519PrivateKey.generate()
    pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        raise StoreError(f"{path} already exists; not overwriting a key") from None
    except OSError as exc:
        raise StoreError(f"cannot write {path}: {exc.strerror}") from None
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(pem)
    return public_hex(key.public_key())


def public_hex(key: Ed25519PublicKey) -> str:
    return key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw).hex()


def load_key(path: Path) -> Ed25519PrivateKey:
    try:
        key = serialization.load_pem_private_key(path.read_bytes(), password=None)
    except OSError as exc:
        raise StoreError(f"key: cannot read {path}: {exc.strerror}") from None
    except (ValueError, TypeError) as exc:
        raise StoreError(f"key: {path} is not a PEM private key: {exc}") from None
    if not isinstance(key, Ed25519PrivateKey):
        raise StoreError(f"key: {path} is not an Ed25519 key (`missionlog key create`)")
    return key


def _message(anchor: dict[str, Any]) -> bytes:
    return orjson.dumps({name: anchor[name] for name in FIELDS}, option=orjson.OPT_SORT_KEYS)


def sign_head(key: Ed25519PrivateKey, position: int, chain_hash: str, recorded_at: str
              ) -> dict[str, Any]:
    """The signed anchor for the head at POSITION with CHAIN_HASH."""
    anchor: dict[str, Any] = {
        "format": FORMAT,
        "position": position,
        "hash": chain_hash,
        "recorded_at": recorded_at,
        "anchored_at": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "public_key": public_hex(key.public_key()),
    }
    anchor["signature"] = key.sign(_message(anchor)).hex()
    return anchor


def read_anchor(path: Path, trusted_key: str | None = None) -> dict[str, Any]:
    """The anchor in PATH with its signature checked (and its key, if TRUSTED_KEY given)."""
    try:
        anchor = orjson.loads(path.read_bytes())
    except OSError as exc:
        raise InvalidEvent(f"anchor {path}: cannot read it: {exc.strerror}") from None
    except orjson.JSONDecodeError:
        raise InvalidEvent(f"anchor {path}: not a missionlog anchor (not JSON)") from None
    if not isinstance(anchor, dict) or anchor.get("format") != FORMAT:
        raise InvalidEvent(f"anchor {path}: not a missionlog anchor (format {FORMAT})")
    try:
        public = Ed25519PublicKey.from_public_bytes(bytes.fromhex(anchor["public_key"]))
        public.verify(bytes.fromhex(anchor["signature"]), _message(anchor))
        position = anchor["position"]
        if not isinstance(position, int) or isinstance(position, bool) or position < 0:
            raise ValueError("position")
    except (KeyError, ValueError, TypeError, InvalidSignature):
        raise TamperDetected(f"anchor {path}: its signature does not match its content"
                             ) from None
    if trusted_key is not None and anchor["public_key"] != trusted_key.lower():
        raise TamperDetected(f"anchor {path}: signed by key {anchor['public_key'][:16]}..., "
                             "not the trusted key")
    return dict(anchor)
