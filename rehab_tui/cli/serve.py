"""`rehab serve`: the app in a browser through textual-serve, behind a token (docs/architecture.md, "rehab serve").

textual-serve answers every browser session by running a command in a
subprocess; here that command is this same rehab, on the same file and day.
The server only its own page can reach (a random token in every URL, Origin
and Host checked, a cap on apps) is served_app.py.

textual-serve (and aiohttp with it) is imported only when the command runs.
"""

from __future__ import annotations

import errno
import ipaddress
import os
import secrets
import shlex
import socket
import sys
from urllib.parse import quote

import click

from ..domain.errors import RehabError
from .output import terminal_text
from .session import Session, pass_session

#: Hosts that mean "every interface": the URL then names this machine instead.
WILDCARD_HOSTS = {"0.0.0.0", "::", ""}

#: How many apps (browser tabs) may run at once unless --max-sessions says.
MAX_SESSIONS = 3


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


@click.command()
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="The address to listen on; anything but loopback lets other machines in.",
)
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535), help="The port to listen on.")
@click.option(
    "--max-sessions",
    default=MAX_SESSIONS,
    show_default=True,
    type=click.IntRange(1, 20),
    help="How many browser tabs may run the app at once (each runs its own copy).",
)
@pass_session
def serve(s: Session, host: str, port: int, max_sessions: int) -> None:
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
    from .served_app import TOKEN_PARAM, make_server

    server = make_server(app_command(s), host, port, token, max_sessions)
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
