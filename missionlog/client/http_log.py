"""HttpLog: MissionLog's method surface over a missionlog service (httpx).

Errors come back as the same exception classes (from the `error` code of the JSON
error body), so the CLI prints the same line and exits with the same code as it does
on a local file. What needs the log in this process (timeline pictures, replay
observers) raises StoreError saying so.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterable, Iterator
from datetime import datetime
from pathlib import Path
from typing import IO, Any

import httpx
import orjson

from missionlog.errors import AccessDenied, MissionLogError, StoreError
from missionlog.http_errors import exception_for
from missionlog.store.batch import AppendResult

_URL = re.compile(r"^(https?):/+(.*)$", re.IGNORECASE)
TIMEOUT = httpx.Timeout(30.0, connect=5.0)


def service_url(db: Path | str) -> str | None:
    """The service URL if DB names one (`http://…` or `https://…`), else None. A Path
    folds `//` to `/`, so `Path("http://h:8000")` is recognised too."""
    match = _URL.match(str(db))
    if match is None:
        return None
    return f"{match.group(1).lower()}://{match.group(2).rstrip('/')}"


def _when(value: Any) -> Any:
    """Datetimes as ISO text (the API's times are text); everything else as given."""
    return value.isoformat() if isinstance(value, datetime) else value


def _params(**values: Any) -> dict[str, Any]:
    return {key: _when(value) for key, value in values.items() if value is not None}


class HttpLog:
    """One missionlog service, addressed with a token."""

    def __init__(self, base_url: str, token: str | None = None,
                 client: httpx.Client | None = None) -> None:
        self.base_url = base_url
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        self.http = client or httpx.Client(base_url=base_url, headers=headers,
                                           timeout=TIMEOUT)

    def close(self) -> None:
        self.http.close()

    def __enter__(self) -> HttpLog:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ---- the wire ----------------------------------------------------------------------

    def _call(self, method: str, path: str, **kwargs: Any) -> Any:
        try:
            response = self.http.request(method, path, **kwargs)
        except httpx.HTTPError as exc:
            raise StoreError(f"cannot reach the missionlog service at {self.base_url}: "
                             f"{exc}") from None
        _raise_for(response)
        return orjson.loads(response.content)

    # ---- writing -----------------------------------------------------------------------

    def append(self, events: Iterable[Any], *, expected_version: int | None = None,
               recorded_by: str | None = None) -> AppendResult:
        """The service records the events as by the token's name: RECORDED_BY is sent
        along (an admin token may name someone else; any other token only itself)."""
        wire = _by(_wire(events), recorded_by)
        return _result(self._call("POST", "/events", content=orjson.dumps(wire),
                                  headers={"Content-Type": "application/json"},
                                  params=_params(expected_version=expected_version)))

    def append_described(self, events: Iterable[Any] | None = None, *,
                         lines: Iterable[str | bytes] | None = None, source: str = "",
                         expected_version: int | None = None,
                         recorded_by: str | None = None,
                         ) -> tuple[AppendResult, dict[str, Any]]:
        """`append` or `import_lines`, and what the events changed (computed by the
        service around its append, as MissionLog.append_described does)."""
        if lines is not None:
            body, kind = _jsonl(_lines_by(lines, recorded_by)), "application/x-ndjson"
        else:
            body, kind = orjson.dumps(_by(_wire(events or ()), recorded_by)), "application/json"
        params = {**_params(expected_version=expected_version), "describe": "true"}
        answer = self._call("POST", "/events", content=body, params=params,
                            headers={"Content-Type": kind})
        return _result(answer), dict(answer["changes"])

    def import_lines(self, lines: Iterable[str | bytes], *, source: str = "",
                     progress: Callable[[int], None] | None = None,
                     expected_version: int | None = None,
                     recorded_now: bool = False,
                     recorded_by: str | None = None) -> AppendResult:
        """Send LINES as one JSON Lines request: the batch lands whole or not at all.
        RECORDED_NOW sends them without their recorded_at and recorded_by (and the
        export hash that covers them), so the service records them now."""
        if recorded_now:
            lines = [_recorded_now(line) for line in lines]
        lines = _lines_by(lines, recorded_by)
        return _result(self._call("POST", "/events", content=_jsonl(lines),
                                  headers={"Content-Type": "application/x-ndjson"},
                                  params=_params(expected_version=expected_version)))

    # ---- reading -----------------------------------------------------------------------

    def export(self, out: IO[bytes]) -> int:
        count = 0
        try:
            with self.http.stream("GET", "/export") as response:
                if response.status_code >= 400:
                    response.read()
                    _raise_for(response)
                for chunk in response.iter_bytes():
                    out.write(chunk)
                    count += chunk.count(b"\n")
        except httpx.HTTPError as exc:
            raise StoreError(f"export from {self.base_url} broke off: {exc}") from None
        return count

    def log(self, *, vehicle: str | None = None, types: list[str] | None = None,
            since: Any = None, until: Any = None, at: Any = None,
            all_flights: bool = False, recorded_since: Any = None,
            recorded_until: Any = None) -> Iterator[dict[str, Any]]:
        params = _params(vehicle=vehicle, type=types, at=at, recorded_since=recorded_since,
                         recorded_until=recorded_until, **{"from": since, "to": until})
        if all_flights:
            params["all_flights"] = "true"
        yield from self._call("GET", "/events", params=params)

    def verify(self, anchors: Iterable[Path] = (), *, trusted_key: str | None = None) -> int:
        """The service walks the chain; anchors are checked where the file is (issue 10)."""
        if anchors or trusted_key:
            raise StoreError("--anchor is checked against the file itself: run "
                             "`missionlog verify --anchor` on the machine that holds the log")
        return int(self._call("GET", "/verify")["events"])

    def head(self) -> dict[str, int]:
        return dict(self._call("GET", "/head"))

    def count(self, *, until: Any = None, known_at: Any = None) -> int:
        params = _params(until=until, known_at=known_at)
        return int(self._call("GET", "/count", params=params)["events"])

    def state(self, vehicle: str, *, at: Any = None, known_at: Any = None) -> dict[str, Any]:
        params = _params(vehicle=vehicle, at=at, known_at=known_at)
        return dict(self._call("GET", "/state", params=params))

    def station(self, name: str, *, at: Any = None, known_at: Any = None) -> dict[str, Any]:
        return dict(self._call("GET", "/station",
                               params=_params(name=name, at=at, known_at=known_at)))

    def history(self, vehicle: str, *, at: Any = None,
                all_flights: bool = False) -> list[dict[str, Any]]:
        params = _params(vehicle=vehicle, at=at)
        if all_flights:
            params["all_flights"] = "true"
        return list(self._call("GET", "/history", params=params))

    def replay(self, *, until: Any = None, known_at: Any = None, observers: Iterable[Any] = (),
               progress: Callable[[int], None] | None = None) -> dict[str, Any]:
        if list(observers):
            raise StoreError("replay observers run in the log's own process, not over HTTP")
        return dict(self._call("GET", "/replay", params=_params(until=until,
                                                                 known_at=known_at)))

    def crew(self, *, at: Any = None, known_at: Any = None) -> dict[str, Any]:
        return dict(self._call("GET", "/crew", params=_params(at=at, known_at=known_at)))

    def decisions(self, *, at: Any = None, known_at: Any = None,
                  status: str | None = None, station: str | None = None) -> list[dict[str, Any]]:
        params = _params(at=at, known_at=known_at, status=status, station=station)
        return list(self._call("GET", "/decisions", params=params))

    def plans(self, *, at: Any = None, known_at: Any = None,
              station: str | None = None) -> dict[str, Any]:
        params = _params(at=at, known_at=known_at, station=station)
        return dict(self._call("GET", "/plans", params=params))

    def changes(self, since: Any, *, until: Any = None, at: Any = None,
                station: str | None = None) -> dict[str, Any]:
        params = _params(since=since, until=until, at=at, station=station)
        return dict(self._call("GET", "/changes", params=params))

    def coverage(self, *, known_at: Any = None) -> str:
        return str(self._call("GET", "/coverage", params=_params(known_at=known_at))[
            "last_occurred_at"])

    def explain(self, kind: str, subject: str, *, at: Any = None,
                known_at: Any = None) -> list[str]:
        params = _params(kind=kind, subject=subject, at=at, known_at=known_at)
        return list(self._call("GET", "/explain", params=params)["lines"])

    def timeline(self, station: str | None = None, *, since: Any = None, until: Any = None,
                 at: Any = None, known_at: Any = None) -> dict[str, Any]:
        params = _params(station=station, at=at, known_at=known_at,
                         **{"from": since, "to": until})
        return dict(self._call("GET", "/timeline", params=params))

    def replay_world(self, **_: Any) -> Any:
        raise StoreError("this command needs the log file itself; it does not run over HTTP")

    world = replay_world

    # ---- following ---------------------------------------------------------------------

    def follow(self, after: int = 0, *, types: list[str] | None = None,
               retry_s: float = 0.5) -> Iterator[dict[str, Any]]:
        """Every event after position AFTER, as it is recorded, forever: on a cut or a
        server restart it reconnects with Last-Event-ID, so nothing is missed or repeated."""
        from httpx_sse import SSEError, connect_sse

        last = after
        timeout = httpx.Timeout(10.0, read=30.0)  # above the server's 5 s ping
        while True:
            headers = {"Last-Event-ID": str(last)}
            try:
                with connect_sse(self.http, "GET", "/events/stream", headers=headers,
                                 params=_params(type=types), timeout=timeout) as source:
                    if source.response.status_code >= 400:
                        source.response.read()
                        _raise_for(source.response)
                    for sse in source.iter_sse():
                        if sse.retry is not None:
                            retry_s = sse.retry / 1000
                        if sse.event == "event":
                            event = orjson.loads(sse.data)
                            last = int(sse.id)
                            yield event
            except (httpx.TransportError, SSEError):
                pass
            time.sleep(retry_s)


def _raise_for(response: httpx.Response) -> None:
    if response.status_code < 400:
        return
    try:
        body = orjson.loads(response.content)
        code, detail = str(body["error"]), str(body["detail"])
    except (orjson.JSONDecodeError, KeyError, TypeError):
        code = "error"
        detail = (f"HTTP {response.status_code} from {response.request.url}: "
                  "not a missionlog service?")
    kind: type[MissionLogError] = exception_for(code)
    if response.status_code in (401, 403):
        kind = AccessDenied
    raise kind(detail)


def _jsonl(lines: Iterable[str | bytes]) -> bytes:
    return b"\n".join((line.encode() if isinstance(line, str) else line).strip()
                      for line in lines)


def _result(document: dict[str, Any]) -> AppendResult:
    return AppendResult(appended=document["appended"], skipped=document["skipped"],
                        first_position=document["first_position"],
                        last_position=document["last_position"],
                        streams=dict(document["streams"]))


def _recorded_now(line: str | bytes) -> bytes:
    """LINE without the recorded_at the service would keep (nor the hash that covers it)."""
    raw = line.encode() if isinstance(line, str) else line
    if not raw.strip():
        return raw
    event = orjson.loads(raw)
    if isinstance(event, dict):
        event.pop("recorded_at", None)
        event.pop("recorded_by", None)
        event.pop("hash", None)
    return orjson.dumps(event)


def _wire(events: Iterable[Any]) -> list[Any]:
    return [e.model_dump(mode="json") if hasattr(e, "model_dump") else e for e in events]


def _by(wire: list[Any], recorded_by: str | None) -> list[Any]:
    """WIRE with RECORDED_BY on each event that names nobody (None: as given)."""
    if recorded_by is None:
        return wire
    return [{**event, "recorded_by": recorded_by}
            if isinstance(event, dict) and event.get("recorded_by") is None else event
            for event in wire]


def _lines_by(lines: Iterable[str | bytes], recorded_by: str | None) -> Iterable[str | bytes]:
    if recorded_by is None:
        return lines
    return [orjson.dumps(_by([orjson.loads(line)], recorded_by)[0])
            for line in lines if line.strip()]
