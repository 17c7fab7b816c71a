"""The missionlog HTTP service: every read and write of the CLI over HTTP, with tokens
and a live event stream. `create_app(open_log)` builds the FastAPI app over any log the
callable opens; `missionlog serve` runs it with uvicorn.
"""

from missionlog.service.app import create_app
from missionlog.service.runtime import Limits

__all__ = ["Limits", "create_app"]
