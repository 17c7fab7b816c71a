"""A real uvicorn server on 127.0.0.1 for the service tests (a thread in this process).

The socket is bound before the server starts (port 0: no free-port race). Stopping sets
sse-starlette's process-wide exit flag so open event streams end, then resets it so the
next server's streams work (library notes S2).
"""

from __future__ import annotations

import socket
import threading
import time
from pathlib import Path
from typing import Any

import uvicorn
from sse_starlette.sse import AppStatus

from missionlog import MissionLog
from missionlog.service import Limits, create_app
from missionlog.store.tokens import TokenStore

NO_RATE_LIMIT = Limits(rate_per_s=0)


class ThreadServer:
    """`missionlog serve` for one log file, in a thread, on a fresh port (or PORT). No
    rate limit unless LIMITS sets one: the concurrency tests append as fast as they can
    with one token (test_service_limits.py tests the limit)."""

    def __init__(self, db: Path, *, public_read: bool = False, limits: Limits | None = None,
                 port: int = 0) -> None:
        self.sock = socket.socket()
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(("127.0.0.1", port))
        self.port = self.sock.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self.app = create_app(lambda: MissionLog.open(db), public_read=public_read,
                              limits=limits or NO_RATE_LIMIT)
        config = uvicorn.Config(self.app, log_level="warning", timeout_graceful_shutdown=3)
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, kwargs={"sockets": [self.sock]},
                                       daemon=True)

    def start(self) -> ThreadServer:
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if not self.thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("the test server did not start")
            time.sleep(0.01)
        return self

    def stop(self) -> None:
        AppStatus.should_exit = True
        self.server.should_exit = True
        self.thread.join(15)
        AppStatus.should_exit = False
        self.sock.close()
        assert not self.thread.is_alive(), "the test server did not stop"

    def __enter__(self) -> ThreadServer:
        return self.start()

    def __exit__(self, *exc: Any) -> None:
        self.stop()


def make_token(db: Path, name: str, role: str) -> str:
    with MissionLog.open(db) as log:
        return TokenStore(log.store.db).create(name, role)


def count(db: Path) -> int:
    with MissionLog.open(db) as log:
        return log.count()
