"""Who is looking at the board: the token travels in a cookie.

A browser's EventSource cannot send an Authorization header, so the pages and their
event stream read the token from an HttpOnly, SameSite=Strict cookie set by the login
form (POST, so the token never appears in a URL, a history or a server log). The cookie
only opens the board's own routes (all reads); the JSON API still wants the header, so a
page cannot be made to append by another site.
"""

from __future__ import annotations

from urllib.parse import parse_qs

from fastapi import Request
from fastapi.responses import Response

COOKIE = "missionlog_board"
MAX_AGE_S = 12 * 3600  # one shift


def token_of(request: Request) -> str | None:
    """The board token of this browser, if it logged in."""
    return request.cookies.get(COOKIE) or None


def remember(response: Response, token: str, *, secure: bool) -> None:
    response.set_cookie(COOKIE, token, max_age=MAX_AGE_S, httponly=True, samesite="strict",
                        secure=secure, path="/")


def forget(response: Response) -> None:
    response.delete_cookie(COOKIE, path="/")


async def form_fields(request: Request) -> dict[str, str]:
    """A urlencoded form body as a dict (the login form has two plain fields)."""
    body = (await request.body()).decode("utf-8", errors="replace")
    return {key: values[0] for key, values in parse_qs(body).items()}


def safe_next(target: str | None) -> str:
    """Only a path on this site (no open redirect to another host)."""
    if target and target.startswith("/") and not target.startswith("//"):
        return target
    return "/"
