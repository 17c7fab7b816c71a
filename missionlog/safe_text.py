"""Characters that must never reach a terminal raw, and how to show them instead.

Kept free of pydantic and rich so the CLI can use it at start-up. Names refuse these
characters outright (`events.py`); free text (notes, causes, reasons) may hold them,
so every human-readable output and error line escapes them.
"""

from __future__ import annotations

import re
from typing import Any

# C0/C1 controls (ESC, CR, NUL...), the line/paragraph separators and the bidi
# embedding/override/isolate marks: raw, they would reach terminals as commands (a CR
# overwrites an error line, ESC starts a control sequence, an RLO reverses what follows).
UNSAFE_CHARACTERS = re.compile(
    "[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]"
)


def _escaped(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str, *, keep_newlines: bool = False) -> str:
    """TEXT with every unsafe character shown as an escape (`\\x1b`, `\\u202e`)."""
    if keep_newlines:
        return "\n".join(UNSAFE_CHARACTERS.sub(_escaped, line) for line in text.split("\n"))
    return UNSAFE_CHARACTERS.sub(_escaped, text)


def printable_tree(value: Any) -> Any:
    """VALUE (dicts, lists, strings from a view) with every string made printable."""
    if isinstance(value, str):
        return printable(value)
    if isinstance(value, dict):
        return {key: printable_tree(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [printable_tree(item) for item in value]
    return value
