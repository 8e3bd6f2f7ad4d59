"""Who may use the desk, and proof that each form was sent by the desk's own page.

- Bound to a loopback address (the default), only this computer can connect; the Host header must name
  that address too, so a web page elsewhere cannot reach the desk through a DNS name pointed at 127.0.0.1.
- Bound to any other address (a server on the school's network), every request needs the token printed at
  start-up, Jupyter-style: the URL carries ?token=…, which is swapped for a cookie and dropped from the
  address bar; without it the desk answers 403.
- A session cookie (HttpOnly, SameSite=Strict) holds a per-session CSRF token; every POST must carry it in
  its form, and a POST whose Origin is another site is refused before its body is read.
- Every page is sent with a Content-Security-Policy that allows the desk's own scripts and styles only.
"""

from __future__ import annotations

import hmac
import ipaddress
import secrets
import time
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from starlette.datastructures import URL
from starlette.middleware.base import BaseHTTPMiddleware, RequestResponseEndpoint
from starlette.requests import Request
from starlette.responses import PlainTextResponse, RedirectResponse, Response
from starlette.types import ASGIApp

from ..i18n import t

SESSION_COOKIE = "desk_session"
TOKEN_COOKIE = "desk_token"
LANG_COOKIE = "desk_lang"
MAX_SESSIONS = 64
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; "
       "base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
# The preview is the handbook itself, whose theme needs its own inline scripts; it still loads nothing
# from elsewhere.
PREVIEW_CSP = ("default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
               "img-src 'self' data:; object-src 'none'; frame-ancestors 'self'")


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


@dataclass
class Upload:
    """A text read from an uploaded file, kept until it is imported (never the file itself)."""

    name: str
    kind: str  # "docx" | "txt"
    text: str
    problems: list[Any]
    numbered: dict[int, str]


@dataclass
class Session:
    id: str
    csrf: str
    nonces: dict[str, str] = field(default_factory=dict)  # item key -> the nonce of the page last shown
    uploads: OrderedDict[str, Upload] = field(default_factory=OrderedDict)
    flash: list[str] = field(default_factory=list)  # a message for the next page (after a redirect)
    seen: float = field(default_factory=time.monotonic)

    def nonce(self, key: str) -> str:
        """A fresh nonce for an item page: only a review sent from this page, in this session, records."""
        self.nonces[key] = value = secrets.token_urlsafe(16)
        return value

    def take_nonce(self, key: str, value: str) -> bool:
        expected = self.nonces.get(key)
        if expected is None or not hmac.compare_digest(expected, value):
            return False
        del self.nonces[key]
        return True

    def keep_upload(self, upload: Upload) -> str:
        ident = secrets.token_urlsafe(12)
        self.uploads[ident] = upload
        while len(self.uploads) > 3:
            self.uploads.popitem(last=False)
        return ident


class Sessions:
    def __init__(self) -> None:
        self._all: OrderedDict[str, Session] = OrderedDict()

    def get(self, ident: str | None) -> Session | None:
        session = self._all.get(ident or "")
        if session is not None:
            session.seen = time.monotonic()
            self._all.move_to_end(session.id)
        return session

    def new(self) -> Session:
        session = Session(secrets.token_urlsafe(24), secrets.token_urlsafe(24))
        self._all[session.id] = session
        while len(self._all) > MAX_SESSIONS:
            self._all.popitem(last=False)
        return session


def _refused(key: str, status: int) -> Response:
    """Said before any session or language is known: both languages."""
    return PlainTextResponse(f"{t(key, 'vi')}\n{t(key, 'en')}", status_code=status)


def csrf_ok(session: Session, sent: object) -> bool:
    return isinstance(sent, str) and hmac.compare_digest(session.csrf, sent)


class Guard(BaseHTTPMiddleware):
    def __init__(self, app: ASGIApp, host: str, port: int, token: str | None, sessions: Sessions):
        super().__init__(app)
        self.token = token
        self.sessions = sessions
        self.port = port
        # With a token, the token is the protection and any name of the server will do.
        self.hosts = None if token else {f"{name}:{port}" for name in ("127.0.0.1", "localhost", "[::1]")}

    async def dispatch(self, request: Request, call_next: RequestResponseEndpoint) -> Response:
        host = request.headers.get("host", "")
        if self.hosts is not None and host not in self.hosts:
            return _refused("desk.guard.host", 400)
        if self.token:
            sent = request.query_params.get("token")
            if sent is not None and hmac.compare_digest(sent, self.token) and request.method == "GET":
                query = [(k, v) for k, v in request.query_params.multi_items() if k != "token"]
                response: Response = RedirectResponse(str(request.url.replace(query=urlencode(query))), 303)
                response.set_cookie(TOKEN_COOKIE, self.token, httponly=True, samesite="strict")
                return response
            cookie = request.cookies.get(TOKEN_COOKIE, "")
            if not hmac.compare_digest(cookie, self.token):
                return _refused("desk.guard.token", 403)
        if request.method not in ("GET", "HEAD", "POST"):
            return _refused("desk.guard.method", 405)
        origin = request.headers.get("origin")
        if request.method == "POST" and origin and URL(origin).netloc != host:
            return _refused("desk.guard.origin", 403)
        session = self.sessions.get(request.cookies.get(SESSION_COOKIE))
        fresh = session is None
        if session is None:
            session = self.sessions.new()
        request.state.session = session
        lang = request.query_params.get("lang")
        request.state.lang = lang if lang in ("vi", "en") else request.cookies.get(LANG_COOKIE, "vi")
        if request.state.lang not in ("vi", "en"):
            request.state.lang = "vi"
        response = await call_next(request)
        if fresh:
            response.set_cookie(SESSION_COOKIE, session.id, httponly=True, samesite="strict")
        if lang in ("vi", "en"):
            response.set_cookie(LANG_COOKIE, lang, samesite="strict", max_age=365 * 86400)
        preview = request.url.path.startswith("/xem-truoc/")
        response.headers["Content-Security-Policy"] = PREVIEW_CSP if preview else CSP
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "same-origin"  # no-referrer would make Chromium send "Origin: null"
        if not preview and not request.url.path.startswith("/static/"):
            response.headers["Cache-Control"] = "no-store"
        return response
