"""The station timeline: who was docked where, when, and what went wrong.

`timeline_data` (build.py) replays the log once and returns the picture's data
as plain JSON-ready dicts; `render.py` draws it with matplotlib (imported only
there); `table.py` flattens it to CSV rows.
"""

from missionlog.timeline.build import timeline_data

__all__ = ["timeline_data"]
