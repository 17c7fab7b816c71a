"""The station board in a real browser: Playwright drives Debian's Chromium against a
real uvicorn server on 127.0.0.1 serving the bundled log (tests/boardkit.py)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from boardkit import Board, launch_chromium
from playwright.sync_api import Page, expect, sync_playwright

pytestmark = pytest.mark.slow
DOCS = Path(__file__).resolve().parent.parent / "docs"
# The README's screenshots are rewritten only on request: MISSIONLOG_SCREENSHOTS=1 pytest ...
SCREENSHOTS = os.environ.get("MISSIONLOG_SCREENSHOTS") == "1"


def screenshot(page: Page, name: str, tmp_path: Path) -> None:
    """A full-page PNG: into docs/ when asked, else next to the test (it must still work)."""
    target = (DOCS if SCREENSHOTS else tmp_path) / name
    page.screenshot(path=target, full_page=True)
    assert target.stat().st_size > 10_000


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_playwright() as playwright:
        chromium = launch_chromium(playwright)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    yield context.new_page()
    context.close()


FITNESS_WORDS = {"fit": "✓ yes", "emergency_only": "◐ emergency only", "unfit": "✗ NO"}


def log_in(page: Page, board: Board, role: str, target: str) -> None:
    """The way a person does it: the board asks for a token, then shows TARGET."""
    page.goto(board.url + target)
    expect(page.locator("h1")).to_have_text("Log in to the board")
    page.fill("#token", board.tokens[role])
    with page.expect_navigation():  # POST, 303, then TARGET (the login page had its URL)
        page.keyboard.press("Enter")
    assert page.url == board.url + target
    expect(page.locator("h1")).not_to_have_text("Log in to the board")


def shown_crew(page: Page) -> list[tuple[str, str]]:
    rows = page.locator(".crew tbody tr[data-person]")
    return [(row.get_attribute("data-person") or "", row.locator("td.ride").inner_text())
            for row in rows.all()]


def shown_ports(page: Page) -> dict[str, str | None]:
    ports: dict[str, str | None] = {}
    for box in page.locator(".port").all():
        vehicle = box.locator("a.vehicle")
        ports[box.get_attribute("data-port") or ""] = (vehicle.inner_text()
                                                       if vehicle.count() else None)
    return ports


def expected_crew(station: dict[str, Any]) -> list[tuple[str, str]]:
    return [(p["name"], p["return_vehicle"] or "none") for p in station["crew"]]


def test_the_board_on_2023_02_12_shows_the_leak_the_crew_and_their_rides(
    page: Page, board: Board, tmp_path: Path
) -> None:
    log_in(page, board, "read", "/?at=2023-02-12")
    station = board.api("/station", name="ISS", at="2023-02-12")
    poisk = page.locator('.port[data-port="Poisk zenith"]')
    expect(poisk.locator("a.vehicle")).to_have_text("Progress MS-21")
    expect(poisk.locator(".leak")).to_contain_text("LEAK: major coolant")
    assert shown_ports(page) == station["ports"]
    assert shown_crew(page) == expected_crew(station)
    assert len(shown_crew(page)) == 7
    for person in station["crew"]:  # not by colour alone: the cell says it in words
        fitness = person.get("return_vehicle_fitness") or (
            "fit" if person["return_vehicle_fit"] else "unfit")
        expect(page.locator(f'tr[data-person="{person["name"]}"] td').last).to_have_text(
            FITNESS_WORDS[fitness])
    expect(page.locator("#banner")).to_contain_text("Viewing the past")
    screenshot(page, "board.png", tmp_path)


def test_moving_both_clocks_changes_the_board_as_station_at_known_at_says(
    page: Page, board: Board
) -> None:
    log_in(page, board, "read", "/?at=2023-02-12")
    page.fill("#at", "2022-12-20")
    page.fill("#known_at", board.between)
    page.locator("#known_at").press("Enter")
    page.wait_for_url(lambda url: "known_at=" in url)
    assert "at=2022-12-20" in page.url
    before_leak = board.api("/station", name="ISS", at="2022-12-20", known_at=board.between)
    as_known_now = board.api("/station", name="ISS", at="2022-12-20")
    assert before_leak["crew"] != as_known_now["crew"]  # the test can tell them apart
    assert shown_crew(page) == expected_crew(before_leak)
    assert shown_ports(page) == before_leak["ports"]
    expect(page.locator("#banner")).to_contain_text("Earlier knowledge")
    expect(page.locator('.port[data-port="Rassvet nadir"] .leak')).to_have_count(0)
    page.fill("#known_at", "")
    page.locator("#at").press("Enter")
    page.wait_for_url(lambda url: "known_at" not in url)
    assert shown_crew(page) == expected_crew(as_known_now)
    expect(page.locator('.port[data-port="Rassvet nadir"] .leak')).to_contain_text("coolant")


def test_the_mission_time_slider_works_from_the_keyboard(page: Page, board: Board) -> None:
    log_in(page, board, "read", "/?at=2023-02-12")
    slider = page.locator("#at-slider")
    slider.focus()
    page.keyboard.press("Home")  # the log's first event: a change submits the form
    page.wait_for_url(lambda url: "at=2021-11-26T15" in url)
    first = board.api("/station", name="ISS", at="2021-11-26T15:20:00Z")
    assert shown_crew(page) == expected_crew(first)


def test_an_appended_event_shows_on_an_open_board_within_two_seconds(
    page: Page, board: Board
) -> None:
    log_in(page, board, "read", "/")
    expect(page.locator("#live-status")).to_have_text("live")
    page.evaluate("window.notReloaded = true")
    leak = {"type": "leak_detected", "occurred_at": "2023-10-25T18:00:00Z",
            "vehicle": "Soyuz MS-24", "system": "coolant", "severity": "major",
            "event_id": "board-test-leak"}
    answer = httpx.post(f"{board.url}/events", json=leak,
                        headers={"Authorization": f"Bearer {board.tokens['append']}"})
    assert answer.status_code == 200, answer.text
    expect(page.locator("#changes li").first).to_contain_text("leak detected · Soyuz MS-24",
                                                              timeout=2000)
    expect(page.locator(".port", has_text="Soyuz MS-24").locator(".leak")).to_contain_text(
        "coolant", timeout=2000)
    opened = page.locator(".decision.fresh", has_text="Soyuz MS-24")
    expect(opened.first).to_be_visible(timeout=2000)
    assert page.evaluate("window.notReloaded") is True


def test_a_read_token_sees_the_board_and_cannot_append(page: Page, board: Board) -> None:
    log_in(page, board, "read", "/?at=2023-02-12")
    expect(page.locator('.port[data-port="Poisk zenith"]')).to_contain_text("Progress MS-21")
    before = board.api("/head")
    refused = httpx.post(f"{board.url}/events", json={
        "type": "note", "occurred_at": "2023-02-12T10:00:00Z", "text": "from the board"},
        headers={"Authorization": f"Bearer {board.tokens['read']}"})
    assert refused.status_code == 403
    assert board.api("/head") == before
    # the board's cookie opens the pages only, never the JSON API
    cookie = {c["name"]: c["value"] for c in page.context.cookies()}
    with_cookie = httpx.post(f"{board.url}/events", cookies=cookie, json={
        "type": "note", "occurred_at": "2023-02-12T10:00:00Z", "text": "from the board"})
    assert with_cookie.status_code == 401
    assert board.api("/head") == before


def test_the_vehicle_page_shows_state_history_and_the_flights_of_a_reused_name(
    page: Page, board: Board, tmp_path: Path
) -> None:
    log_in(page, board, "read", "/?at=2023-02-12")
    page.locator('.port[data-port="Rassvet nadir"] a.vehicle').click()
    expect(page.locator("h1")).to_contain_text("Soyuz MS-22")
    assert "at=2023-02-12" in page.url
    history = board.api("/history", vehicle="Soyuz MS-22", at="2023-02-12")
    expect(page.locator("table.events tbody tr")).to_have_count(len(history))
    state = board.api("/state", vehicle="Soyuz MS-22", at="2023-02-12")
    fitness = state.get("fitness") or ("fit" if state["fit_for_crew_return"] else "unfit")
    expect(page.locator("dl.facts")).to_contain_text(FITNESS_WORDS[fitness])
    screenshot(page, "vehicle.png", tmp_path)
    page.goto(f"{board.url}/board/vehicle?name=Endurance&at=2023-02-12")
    expect(page.locator("h1")).to_contain_text("Crew-5")
    expect(page.locator("#flights-h")).to_contain_text("(2)")
    expect(page.locator("details summary")).to_have_count(2)


def test_the_board_reads_on_a_phone(browser: Any, board: Board) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    page = context.new_page()
    log_in(page, board, "read", "/?at=2023-02-12")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the page scrolls sideways on a phone ({width} px)"
    expect(page.locator('.port[data-port="Poisk zenith"]')).to_be_visible()
    context.close()
