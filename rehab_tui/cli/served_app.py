"""The web server behind `rehab serve` (docs/architecture.md, "rehab serve"):
textual-serve's Server, guarded so that only the page it served can reach it.

- **A token in every URL, never in a cookie.** Browsers send a cookie to every
  port of a host, so a cookie holding the token would reach any other server
  on this machine. The page gets the token in its own URL; its static files
  and its websocket carry it too (our page template puts it in each URL, the
  websocket's in its path, as textual.js appends its own query string).
  `Referrer-Policy: no-referrer` keeps it out of any Referer header.
- **Origin and Host checked.** A request whose Host is not this server's
  address and port (DNS rebinding), or whose Origin is another site (a page
  on another port of this machine), is refused before any handler runs; a
  websocket must name this server as its Origin.
- **A cap on apps.** Each websocket runs an app process: at most
  `max_sessions` at once, refused beyond with a clear page (503); a session
  without a key or a resize for `IDLE_MINUTES` ends, and its process with it.

aiohttp and textual-serve are imported only when `rehab serve` runs.
"""

from __future__ import annotations

import asyncio
import inspect
import logging
import secrets
import socket
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast
from urllib.parse import urlsplit

if TYPE_CHECKING:
    from aiohttp import web

#: The query string parameter that carries the token.
TOKEN_PARAM = "token"
#: Our copy of textual-serve's page (serve_page/app_index.html says what differs).
PAGE_TEMPLATES = Path(__file__).parent / "serve_page"
#: A session this long without a key or a resize from its page ends.
IDLE_MINUTES = 30
#: Messages from the page that are not a person's doing (textual.js pings).
_NOT_ACTIVITY = ('["ping"',)

FORBIDDEN = "403 Forbidden: this needs the URL with its token, as `rehab serve` printed it.\n"
ELSEWHERE = "403 Forbidden: only the page rehab served may use it.\n"


def full_page(sessions: int) -> str:
    return (
        f"503: rehab is already open in {sessions} browser tab{'s' if sessions != 1 else ''} "
        "(each runs its own copy of the app). Close one and reload this page, or start "
        "`rehab serve --max-sessions N` with a larger N.\n"
    )


def allowed_hosts(host: str, port: int) -> frozenset[str]:
    """The Host headers this server answers: its own address and port, and for
    a server on every address, this machine's name and any address."""
    names = {host, "localhost", "127.0.0.1", "[::1]"} if host else {"localhost", "127.0.0.1", "[::1]"}
    if ":" in host and not host.startswith("["):
        names.add(f"[{host}]")
    if host in {"0.0.0.0", "::", ""}:
        names.add(socket.gethostname())
    return frozenset(f"{name}:{port}" for name in names)


def host_allowed(given: str, allowed: frozenset[str], port: int, everywhere: bool) -> bool:
    """Whether a request's Host is this server. A server on every address is
    reached by whatever address the phone used: any IP literal with our port."""
    if given in allowed:
        return True
    if not everywhere:
        return False
    name, _, given_port = given.rpartition(":")
    if given_port != str(port):
        return False
    import ipaddress

    try:
        ipaddress.ip_address(name.strip("[]"))
    except ValueError:
        return False
    return True


class IdleEnding:
    """A websocket whose messages end (as at a close) once the page has sent
    no key or resize for `idle_s` seconds; everything else goes to the socket."""

    def __init__(self, websocket: Any, idle_s: float) -> None:
        self._websocket = websocket
        self._idle_s = idle_s
        self._last = asyncio.get_running_loop().time()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._websocket, name)

    def __aiter__(self) -> IdleEnding:
        return self

    async def __anext__(self) -> Any:
        from aiohttp import WSMsgType

        loop = asyncio.get_running_loop()
        left = self._last + self._idle_s - loop.time()
        if left <= 0:
            raise StopAsyncIteration
        try:
            message = await self._websocket.receive(timeout=left)
        except TimeoutError:
            raise StopAsyncIteration from None
        if message.type in (WSMsgType.CLOSE, WSMsgType.CLOSING, WSMsgType.CLOSED, WSMsgType.ERROR):
            raise StopAsyncIteration
        if not (message.type is WSMsgType.TEXT and message.data.startswith(_NOT_ACTIVITY)):
            self._last = loop.time()
        return message


def make_server(command: str, host: str, port: int, token: str, max_sessions: int):
    """A textual-serve Server that only the page it served can reach."""
    import aiohttp_jinja2
    from aiohttp import web
    from textual_serve.server import Server

    allowed = allowed_hosts(host, port)
    everywhere = host in {"0.0.0.0", "::", ""}

    def has_token(request: web.Request) -> bool:
        given = request.match_info.get(TOKEN_PARAM) or request.query.get(TOKEN_PARAM)
        return given is not None and secrets.compare_digest(given.encode(), token.encode())

    def from_this_server(request: web.Request) -> bool:
        if not host_allowed(request.host, allowed, port, everywhere):
            return False
        origin = request.headers.get("Origin")
        if origin is None:
            # A page opened from the address bar sends none; a websocket from a
            # browser always does.
            return request.headers.get("Upgrade", "").lower() != "websocket"
        parts = urlsplit(origin)
        return parts.scheme in ("http", "https") and parts.netloc == request.host

    @web.middleware
    async def guard(request: web.Request, handler):
        # Refused before the handler runs, so a websocket upgrade is refused at
        # the handshake and no app process is started.
        if not has_token(request):
            raise web.HTTPForbidden(text=FORBIDDEN)
        if not from_this_server(request):
            raise web.HTTPForbidden(text=ELSEWHERE)
        response = await handler(request)
        if not response.prepared:
            response.headers["Referrer-Policy"] = "no-referrer"
            response.headers["Cache-Control"] = "no-store"
        return response

    class GuardedServer(Server):
        #: The apps running now, one per websocket.
        sessions = 0

        async def _make_app(self) -> web.Application:
            app = await super()._make_app()
            app.middlewares.append(guard)
            # The websocket with the token in its path: textual.js appends its
            # own query string to the URL it is given.
            app.router.add_get(f"/ws/{{{TOKEN_PARAM}}}", self.handle_websocket, name="token_websocket")
            return app

        def initialize_logging(self) -> None:
            super().initialize_logging()
            # aiohttp's access log would print every URL, token and all.
            logging.getLogger("aiohttp.access").setLevel(logging.WARNING)

        async def on_startup(self, app: web.Application) -> None:
            # textual-serve's banner says the command and a URL without the token;
            # the command prints its own lines before serving.
            return None

        @aiohttp_jinja2.template("app_index.html")
        async def handle_index(self, request: web.Request) -> dict:
            if self.sessions >= max_sessions:
                raise web.HTTPServiceUnavailable(text=full_page(self.sessions))
            # The page's links are made from the address the browser used, so
            # the page works whatever name or address reached the server
            # (textual-serve makes them from --host, which is 0.0.0.0 for a phone).
            # The handler without its template decorator (which would render the page).
            context = await inspect.unwrap(Server.handle_index)(self, request)
            base = f"{request.scheme}://{request.host}"
            ws_base = ("wss://" if request.scheme == "https" else "ws://") + request.host
            ws_path = request.app.router["token_websocket"].url_for(**{TOKEN_PARAM: token})
            context["app_websocket_url"] = ws_base + str(ws_path)
            static = str(request.app.router["static"].url_for(filename="/")).rstrip("/") + "/"
            context["config"]["static"]["url"] = base + static
            context["token"] = token
            return context

        async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
            if self.sessions >= max_sessions:
                raise web.HTTPServiceUnavailable(text=full_page(self.sessions))
            self.sessions += 1
            try:
                return await super().handle_websocket(request)
            finally:
                self.sessions -= 1

        async def _process_messages(self, websocket: web.WebSocketResponse, app_service: Any) -> None:
            # textual-serve reads the page's messages with `async for`: the
            # stand-in ends them when the session is idle.
            idle = cast("web.WebSocketResponse", IdleEnding(websocket, IDLE_MINUTES * 60))
            await super()._process_messages(idle, app_service)

    return GuardedServer(command, host=host, port=port, title="rehab", templates_path=PAGE_TEMPLATES)
