"""The station board: server-rendered HTML pages over the same MissionLog API the JSON
routes use (Jinja2 templates and a little plain JavaScript shipped in this package; no
build step, nothing fetched from outside). `install(app)` adds the pages to the service.
"""

from missionlog.board.routes import install

__all__ = ["install"]
