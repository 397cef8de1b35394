"""`rehab serve`: the app in a browser through textual-serve, behind a token (docs/architecture.md, "rehab serve").

textual-serve answers every browser session by running a command in a
subprocess; here that command is this same rehab, on the same file and day. A
random token is needed by every request, the page, its static files and the
websocket alike: given once in the URL's query string, it is then kept in a
cookie so that the page's own requests (which do not carry the query string)
are let in too. Without it, or with a wrong one: 403.

textual-serve (and aiohttp with it) is imported only here, when the command runs.
"""

from __future__ import annotations

import errno
import inspect
import ipaddress
import logging
import os
import secrets
import shlex
import socket
import sys
from pathlib import Path
from urllib.parse import quote

import click

from ..domain.errors import RehabError
from .output import terminal_text
from .session import Session, pass_session

#: The query string parameter that carries the token.
TOKEN_PARAM = "token"

#: Hosts that mean "every interface": the URL then names this machine instead.
WILDCARD_HOSTS = {"0.0.0.0", "::", ""}

#: Our copy of textual-serve's page (serve_page/app_index.html says what differs).
PAGE_TEMPLATES = Path(__file__).parent / "serve_page"


def is_loopback(host: str) -> bool:
    """Whether listening on `host` keeps the app on this machine."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def app_command(s: Session) -> str:
    """The shell command textual-serve runs for each browser session: this rehab,
    with the same interpreter, on the same file and the same day."""
    words = [sys.executable, "-m", "rehab_tui", "--db", os.path.abspath(s.db_path)]
    if s.fixed_today is not None:
        words += ["--today", s.fixed_today.isoformat()]
    return shlex.join(words)


def url_host(host: str) -> str:
    """The host as it goes in the URL to open."""
    if host in WILDCARD_HOSTS:
        host = socket.gethostname()
    return f"[{host}]" if ":" in host else host


def check_port_free(host: str, port: int) -> None:
    """Refuse a port another program holds, before any URL is printed.

    The probe binds as aiohttp will (SO_REUSEADDR, every address the host
    resolves to), so a port it can take is not refused here. Only "in use"
    and "not allowed" are answered here; anything else the server reports.
    """
    try:
        addresses = socket.getaddrinfo(host or None, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except socket.gaierror as exc:
        raise RehabError(f"cannot listen on '{host}': {exc.strerror}") from None
    for family, kind, proto, _, address in addresses:
        with socket.socket(family, kind, proto) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            try:
                probe.bind(address)
            except OSError as exc:
                if exc.errno in (errno.EADDRINUSE, errno.EACCES):
                    raise RehabError(
                        f"cannot listen on {host or 'every address'} port {port}: {os.strerror(exc.errno).lower()}; "
                        "choose another with --port"
                    ) from None


def make_server(command: str, host: str, port: int, token: str):
    """A textual-serve Server whose every route needs the token."""
    import aiohttp_jinja2
    from aiohttp import web
    from textual_serve.server import Server

    cookie = f"rehab_token_{port}"  # a cookie is shared across ports; the token is not
    forbidden = "403 Forbidden: this needs the URL with its token, as `rehab serve` printed it.\n"

    def has_token(request: web.Request) -> tuple[bool, bool]:
        """(whether the request carries the right token, whether it came in the URL)."""
        given = request.query.get(TOKEN_PARAM)
        if given is not None:
            return secrets.compare_digest(given.encode(), token.encode()), True
        kept = request.cookies.get(cookie)
        return kept is not None and secrets.compare_digest(kept.encode(), token.encode()), False

    @web.middleware
    async def require_token(request: web.Request, handler):
        good, in_url = has_token(request)
        if not good:
            # Refused before the handler runs, so a websocket upgrade is refused
            # at the handshake and no app process is started.
            raise web.HTTPForbidden(text=forbidden)
        response = await handler(request)
        if in_url and not response.prepared:
            response.set_cookie(cookie, token, httponly=True, samesite="Strict", path="/")
        return response

    class TokenServer(Server):
        async def _make_app(self) -> web.Application:
            app = await super()._make_app()
            app.middlewares.append(require_token)
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
            # The page's links are made from the address the browser used, so
            # the page works whatever name or address reached the server
            # (textual-serve makes them from --host, which is 0.0.0.0 for a phone).
            # The handler without its template decorator (which would render the page).
            context = await inspect.unwrap(Server.handle_index)(self, request)
            base = f"{request.scheme}://{request.host}"
            ws_base = ("wss://" if request.scheme == "https" else "ws://") + request.host
            context["app_websocket_url"] = ws_base + str(request.app.router["websocket"].url_for())
            static = str(request.app.router["static"].url_for(filename="/")).rstrip("/") + "/"
            context["config"]["static"]["url"] = base + static
            return context

    return TokenServer(command, host=host, port=port, title="rehab", templates_path=PAGE_TEMPLATES)


@click.command()
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="The address to listen on; anything but loopback lets other machines in.",
)
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535), help="The port to listen on.")
@pass_session
def serve(s: Session, host: str, port: int) -> None:
    """Serve the app to a browser (a phone too), behind a random token."""
    try:
        import textual_serve.server  # noqa: F401
    except ImportError:
        raise RehabError("textual-serve is not installed; reinstall rehab-tui to serve the app") from None
    # The file is opened once here, so that a wrong --db fails now, with one
    # error line, and not in every browser session.
    s.store  # noqa: B018 (opening is the point)
    # A new file is said in the line below, and (as by every command) in an
    # error line if serving fails, or on stderr when the server stops.
    new = " (a new database)" if s.created else ""
    check_port_free(host, port)
    token = secrets.token_urlsafe(24)
    server = make_server(app_command(s), host, port, token)
    url = f"http://{url_host(host)}:{port}/?{TOKEN_PARAM}={quote(token)}"
    if not is_loopback(host):
        click.echo(
            f"warning: listening on {host or 'every address'} port {port}: anyone who can reach this machine "
            "and has the URL can use your routine, over plain HTTP (not encrypted); use it on a network you trust",
            err=True,
        )
    if host in WILDCARD_HOSTS:
        click.echo(f"(if the phone cannot find {url_host(host)}, use this machine's address on your network)")
    click.echo(f"Serving rehab on {terminal_text(s.db_path)}{new}; open this URL (it holds the token):")
    click.echo(url)
    click.echo("Press Ctrl+C to stop.")
    sys.stdout.flush()
    server.serve()
