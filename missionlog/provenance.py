"""Who recorded an event (`recorded_by`): the rule that names them, and the name's check.

The store keeps, beside each event, who recorded it, and the hash chain covers it (see
store/chain.py), so provenance cannot be edited unnoticed. Who that is:

- through the service, the token's name (service/group_commit.py);
- through the CLI and the Python API, the local user (`getpass.getuser()`: LOGNAME,
  USER, LNAME or USERNAME, else the password database), or a name given explicitly
  (`--recorded-by`, `recorded_by=`);
- an imported line that names its own `recorded_by` keeps it (an `export` of another
  log), so a copy of a log says who recorded each event where it was first recorded.

`recorded_by` goes with `recorded_at`: a line that keeps its own recorded_at (a copy of
history recorded elsewhere) but names nobody stays unattributed (null) unless a name
is given explicitly; the local user is only who records events *now*.
"""

from __future__ import annotations

import getpass
from collections.abc import Iterable, Iterator

from missionlog.errors import InvalidEvent
from missionlog.safe_text import UNSAFE_CHARACTERS
from missionlog.store.batch import Prepared

MAX_LENGTH = 200


def checked_recorder(value: object, where: str = "") -> str:
    """VALUE as a recorded_by name, or InvalidEvent naming the field (a name reaches
    terminals: no control or direction-override characters, 1 to 200 characters)."""
    if not isinstance(value, str) or not value.strip():
        raise InvalidEvent(f"recorded_by{where}: expected a non-empty name, got {value!r}")
    if len(value) > MAX_LENGTH:
        raise InvalidEvent(f"recorded_by{where}: longer than {MAX_LENGTH} characters")
    found = UNSAFE_CHARACTERS.search(value)
    if found is not None:
        raise InvalidEvent(
            f"recorded_by{where}: contains the control or bidi character "
            f"U+{ord(found.group()):04X}"
        )
    return value


def local_user() -> str | None:
    """The user running this process, or None if there is no name to give (a container
    with no entry in the password database and no LOGNAME/USER)."""
    try:
        name = getpass.getuser()
    except (OSError, KeyError):
        return None
    try:
        return checked_recorder(name)
    except InvalidEvent:
        return None


def attributed(events: Iterable[Prepared], recorded_by: str | None) -> Iterator[Prepared]:
    """EVENTS, each naming who records it. A line's own recorded_by is kept. Otherwise an
    explicit RECORDED_BY names every event; without one, the local user names the events
    recorded now, and a line keeping its own recorded_at stays unattributed."""
    explicit = recorded_by is not None
    who = checked_recorder(recorded_by) if explicit else local_user()
    for prepared in events:
        if prepared.recorded_by is None and (explicit or prepared.recorded_at is None):
            prepared = prepared._replace(recorded_by=who)
        yield prepared
