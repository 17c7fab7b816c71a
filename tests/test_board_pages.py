"""The board's pages over plain HTTP (no browser): the login cookie, refusals rendered as
pages, the clocks in links, the decisions filters, the timeline SVG, the page's stream."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager

import httpx
import pytest
from boardkit import Board

from missionlog import MissionLog
from missionlog.board.clocks import Clocks, normalise
from missionlog.board.data import modules, plain
from missionlog.board.session import safe_next


@contextmanager
def logged_in(board: Board, role: str = "read") -> Iterator[httpx.Client]:
    with httpx.Client(base_url=board.url) as client:
        answer = client.post("/board/login", data={"token": board.tokens[role], "next": "/"})
        assert answer.status_code == 303
        cookie = answer.headers["set-cookie"].lower()
        assert "httponly" in cookie and "samesite=strict" in cookie
        yield client


def test_without_a_token_the_board_asks_for_one_and_a_wrong_token_is_refused(
    board: Board
) -> None:
    answer = httpx.get(f"{board.url}/?at=2023-02-12")
    assert answer.status_code == 401
    assert "Log in to the board" in answer.text
    assert 'name="next" value="/?at=2023-02-12"' in answer.text
    wrong = httpx.post(f"{board.url}/board/login", data={"token": "mlt_nope", "next": "/"})
    assert wrong.status_code == 401
    assert "token refused" in wrong.text
    assert "set-cookie" not in wrong.headers


def test_the_board_with_the_cookie_shows_what_station_says(board: Board) -> None:
    with logged_in(board) as client:
        page = client.get("/", params={"at": "2023-02-12"}).text
    station = board.api("/station", name="ISS", at="2023-02-12")
    for person in station["crew"]:
        assert f'data-person="{person["name"]}"' in page
    for port, vehicle in station["ports"].items():
        assert f'data-port="{port}"' in page
        if vehicle:
            assert vehicle in page
    assert "LEAK: major coolant since 2023-02-11 09:40" in page
    assert "Viewing the past" in page


def test_the_cookie_opens_the_pages_but_not_the_json_api(board: Board) -> None:
    with logged_in(board, "append") as client:
        refused = client.post("/events", json={"type": "note",
                                               "occurred_at": "2023-02-12T10:00:00Z",
                                               "text": "from a page"})
        assert refused.status_code == 401
        assert client.get("/head").status_code == 401
        assert client.get("/").status_code == 200


def test_a_refused_read_is_a_page_naming_the_problem(board: Board) -> None:
    with logged_in(board) as client:
        unknown = client.get("/", params={"station": "Mir"})
        assert unknown.status_code == 404
        assert "text/html" in unknown.headers["content-type"]
        assert "Mir" in unknown.text
        bad_time = client.get("/", params={"at": "last tuesday"})
        assert bad_time.status_code in (400, 422)
        assert "--at" in bad_time.text or "at" in bad_time.text


def test_decisions_page_filters_and_explains(board: Board) -> None:
    with logged_in(board) as client:
        page = client.get("/board/decisions", params={"at": "2023-02-12",
                                                      "status": "resolved"}).text
    resolved = board.api("/decisions", at="2023-02-12", status="resolved")
    assert page.count('class="decision status-resolved"') == len(resolved) > 0
    assert "status-decided" not in page
    lines = board.api("/explain", kind=resolved[0]["kind"], subject=resolved[0]["subject"],
                      at="2023-02-12")["lines"]
    assert lines[0].split(":")[0] in page


@pytest.mark.slow  # matplotlib draws the picture: seconds on a busy machine
def test_the_timeline_picture_is_svg_for_the_chosen_window(board: Board) -> None:
    with logged_in(board) as client:
        answer = client.get("/board/timeline.svg", params={"at": "2023-02-12"}, timeout=60)
    assert answer.status_code == 200
    assert answer.headers["content-type"] == "image/svg+xml"
    assert b"<svg" in answer.content
    assert b"Progress MS-21" in answer.content


def test_the_page_stream_follows_the_log_with_the_cookie(board: Board) -> None:
    last = board.api("/head")["last_position"]
    with logged_in(board) as client, client.stream(
            "GET", "/board/stream", params={"after": last - 2},
            timeout=httpx.Timeout(5.0, read=15.0)) as stream:
        assert stream.status_code == 200
        ids = []
        for line in stream.iter_lines():
            if line.startswith("data: "):
                ids.append(json.loads(line[6:])["position"])
            if len(ids) == 2:
                break
    assert ids == [last - 1, last]
    refused = httpx.get(f"{board.url}/board/stream")
    assert refused.status_code == 401


def test_the_handover_page_shows_changes_between_two_knowledge_times(board: Board) -> None:
    with logged_in(board) as client:
        page = client.get("/board/handover", params={"from": board.between,
                                                     "at": "2023-01-15"})
    assert page.status_code == 200
    if not hasattr(MissionLog, "changes"):  # issue 12 not landed: the page says so
        assert "has no <code>changes</code> yet" in page.text
        return
    # knowing only the first sitting, Soyuz MS-22 was fit; the second sitting says not
    assert "Soyuz MS-22" in page.text
    assert ("Dmitri Petelin: return vehicle: Soyuz MS-22; return vehicle fit: yes → "
            "<strong>return vehicle: Soyuz MS-22; return vehicle fit: no</strong>") in page.text
    assert "crew_reassignment_required" in page.text
    assert "{&#34;" not in page.text and '{"' not in page.text  # words, not JSON


def test_plain_words_for_api_values() -> None:
    assert plain({"return_vehicle": "Soyuz MS-22", "return_vehicle_fit": False}) == (
        "return vehicle: Soyuz MS-22; return vehicle fit: no")
    assert plain({"status": "decided", "decision": "Land uncrewed.", "evidence": [1]}) == (
        "decided: Land uncrewed.")
    assert plain(None) == "—" and plain([]) == "—" and plain(["a", "b"]) == "a, b"


def test_clocks_read_a_browser_date_time_as_utc() -> None:
    assert normalise("2022-12-20T10:30") == "2022-12-20T10:30:00Z"
    assert normalise(" 2022-12-20 ") == "2022-12-20"
    assert normalise("2022-12-20T10:30:05") == "2022-12-20T10:30:05Z"
    assert normalise("2022-12-20T10:30:00+03:00") == "2022-12-20T10:30:00+03:00"
    assert normalise("") is None and normalise(None) is None


def test_clocks_know_when_the_view_is_in_the_past() -> None:
    now = Clocks(None, None, "2023-10-25T17:55:00Z", "2021-11-26T15:20:00Z",
                 "2023-10-25T17:55:00Z")
    past = Clocks("2023-02-12", None, "2023-02-12T23:59:59Z", "2021-11-26T15:20:00Z",
                  "2023-10-25T17:55:00Z", keep=(("station", "ISS"),))
    assert not now.in_past and past.in_past
    assert past.query() == {"station": "ISS", "at": "2023-02-12"}
    assert past.slider is not None
    assert past.slider["min"] < past.slider["value"] < past.slider["max"]


def test_ports_group_by_the_first_word_of_their_name() -> None:
    assert modules({"Harmony forward": None, "Poisk zenith": "x", "Harmony nadir": None}) == [
        ("Harmony", ["Harmony forward", "Harmony nadir"]), ("Poisk", ["Poisk zenith"])]


@pytest.mark.parametrize(("target", "kept"), [("/?at=2023-02-12", "/?at=2023-02-12"),
                                              ("//evil.example/", "/"),
                                              ("https://evil.example/", "/"), (None, "/")])
def test_login_only_returns_to_this_site(target: str | None, kept: str) -> None:
    assert safe_next(target) == kept
