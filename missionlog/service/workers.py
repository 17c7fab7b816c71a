"""Threads that each own one open log, so blocking store calls stay off the event loop.

A SQLite connection may only be used by the thread that opened it, so the service
cannot hand one log object to FastAPI's shared thread pool. Instead each worker thread
opens its own log when it starts and closes it when it stops; a job runs on whichever
worker is free. The service uses one writer (appends serialise in the database anyway,
and one writer keeps its cached head state current) and a few readers.
"""

from __future__ import annotations

import asyncio
import queue
import threading
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any, Generic, TypeVar

L = TypeVar("L")
T = TypeVar("T")

_STOP = object()


class Workers(Generic[L]):
    """COUNT threads, each with its own log from OPEN_LOG; `run` awaits a job on one."""

    def __init__(self, open_log: Callable[[], L], count: int, name: str) -> None:
        self._jobs: queue.SimpleQueue[Any] = queue.SimpleQueue()
        self._open_log = open_log
        self._ready: list[Future[None]] = []
        self._threads: list[threading.Thread] = []
        for index in range(count):
            ready: Future[None] = Future()
            thread = threading.Thread(target=self._serve, args=(ready,),
                                      name=f"{name}-{index}", daemon=True)
            self._ready.append(ready)
            self._threads.append(thread)

    def start(self) -> None:
        for thread in self._threads:
            thread.start()
        for ready in self._ready:
            ready.result()  # re-raises the error if a log could not be opened

    def _serve(self, ready: Future[None]) -> None:
        try:
            log = self._open_log()
        except BaseException as exc:
            ready.set_exception(exc)
            return
        ready.set_result(None)
        try:
            while (job := self._jobs.get()) is not _STOP:
                function, future = job
                if not future.set_running_or_notify_cancel():
                    continue
                try:
                    future.set_result(function(log))
                except BaseException as exc:
                    future.set_exception(exc)
        finally:
            close = getattr(log, "close", None)
            if close is not None:
                close()

    def submit(self, function: Callable[[L], T]) -> Future[T]:
        future: Future[T] = Future()
        self._jobs.put((function, future))
        return future

    async def run(self, function: Callable[[L], T]) -> T:
        return await asyncio.wrap_future(self.submit(function))

    def stop(self) -> None:
        for _ in self._threads:
            self._jobs.put(_STOP)
        for thread in self._threads:
            if thread.is_alive():
                thread.join(10)
