"""`rehab serve` (docs/architecture.md, "rehab serve"): the app in a browser through textual-serve,
behind a random token. A real server in a subprocess on 127.0.0.1, real HTTP
(urllib), a real websocket handshake (aiohttp's client), and, marked slow, the
page opened in headless Chromium."""

from __future__ import annotations

import asyncio
import base64
import json
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import aiohttp
import pytest
from browser_helpers import chromium, devtools, load, png_colours, screenshot
from cli_helpers import TODAY, run

from rehab_tui.cli.serve import app_command, is_loopback
from rehab_tui.cli.served_app import IdleEnding

STARTUP_SECONDS = 20
WINDOW = (1000, 700)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Served:
    def __init__(self, process: subprocess.Popen, port: int, url: str, out: Path, err: Path) -> None:
        self.process, self.port, self.url, self.out, self.err = process, port, url, out, err
        self.token = parse_qs(urlsplit(url).query)["token"][0]
        self.base = f"http://127.0.0.1:{port}"


@pytest.fixture
def served(tmp_path: Path):
    """`rehab --db F --today D serve` on a free loopback port; stopped whatever happens."""
    port = free_port()
    out, err = tmp_path / "out", tmp_path / "err"
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    env.pop("REHAB_DB", None)
    with out.open("wb") as out_file, err.open("wb") as err_file:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "rehab_tui",
                "--db",
                str(tmp_path / "rehab.db"),
                "--today",
                TODAY,
                "serve",
                "--port",
                str(port),
            ],
            stdout=out_file,
            stderr=err_file,
            stdin=subprocess.DEVNULL,
            env=env,
            start_new_session=True,
        )
    try:
        url = _wait_for_server(process, port, out, err)
        yield Served(process, port, url, out, err)
    finally:
        _stop(process)


def _wait_for_server(process: subprocess.Popen, port: int, out: Path, err: Path) -> str:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"rehab serve exited {process.returncode}: {err.read_text()}")
        urls = [line for line in out.read_text().splitlines() if line.startswith("http://")]
        if urls:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    return urls[0]
            except OSError:
                pass
        time.sleep(0.1)
    pytest.fail(f"rehab serve did not start in {STARTUP_SECONDS}s: {out.read_text()} {err.read_text()}")


def _stop(process: subprocess.Popen) -> None:
    """SIGTERM to the server and the app processes it started (its own session), then SIGKILL."""
    if process.poll() is None:
        try:
            os.killpg(process.pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            pass
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    process.wait(timeout=10)


def get(url: str, cookie: str | None = None) -> tuple[int, str, dict]:
    request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.read().decode(), dict(response.headers)
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode(), dict(exc.headers)


def test_every_page_needs_the_token(served: Served) -> None:
    for path in ("/", "/static/js/textual.js", "/static/", "/download/x", "/nowhere", "/ws/x"):
        status, body, _ = get(served.base + path)
        assert status == 403, path
        assert "token" in body
        assert get(served.base + path + "?token=wrong-token")[0] == 403
        # No cookie lets anything in, not even one holding the right token:
        # a browser sends a cookie to every port of the host.
        assert get(served.base + path, cookie=f"rehab_token_{served.port}={served.token}")[0] == 403
    # A token of another length, an empty one, one with the right one inside.
    for bad in ("", served.token[:-1], served.token + "x", "x" + served.token):
        assert get(f"{served.base}/?token={bad}")[0] == 403


def test_the_page_with_the_token(served: Served) -> None:
    assert served.url == f"http://127.0.0.1:{served.port}/?token={served.token}"
    status, body, headers = get(served.url)
    assert status == 200
    assert "<div>rehab</div>" in body  # the app's title on the page
    # Its links point back at the address the browser used, each with the token.
    assert f'data-session-websocket-url="ws://127.0.0.1:{served.port}/ws/{served.token}"' in body
    assert f"http://127.0.0.1:{served.port}/static/js/textual.js?token={served.token}" in body
    # The token stays in URLs of this server: no cookie, no Referer.
    assert "Set-Cookie" not in headers
    assert headers["Referrer-Policy"] == "no-referrer"
    status, script, _ = get(f"{served.base}/static/js/textual.js?token={served.token}")
    assert status == 200 and "WebSocket" in script


def test_a_request_for_another_host_or_from_another_origin_is_refused(served: Served) -> None:
    """A page of another site (another port of this machine is another site)
    or a name rebound to this address gets nothing, token or not."""

    def status(headers: dict[str, str]) -> int:
        request = urllib.request.Request(served.url, headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                return response.status
        except urllib.error.HTTPError as exc:
            return exc.code

    assert status({}) == 200
    assert status({"Origin": served.base}) == 200
    assert status({"Host": f"localhost:{served.port}"}) == 200
    assert status({"Origin": f"http://127.0.0.1:{served.port + 1}"}) == 403
    assert status({"Origin": "http://evil.example"}) == 403
    assert status({"Host": f"evil.example:{served.port}"}) == 403
    assert status({"Host": f"127.0.0.1:{served.port + 1}"}) == 403


async def _handshake(served: Served, path: str, origin: str | None = None, **options) -> int:
    """The status of a websocket handshake: 101 once the app has sent its first bytes."""
    async with aiohttp.ClientSession(**options) as session:
        try:
            async with session.ws_connect(f"ws://127.0.0.1:{served.port}{path}", origin=origin) as ws:
                message = await ws.receive(timeout=20)
                assert message.type == aiohttp.WSMsgType.BINARY and message.data
                await ws.close()
                return 101
        except aiohttp.WSServerHandshakeError as exc:
            return exc.status


def test_the_websocket_needs_the_token_and_this_origin(served: Served) -> None:
    size = "width=80&height=24"
    token, own, other = served.token, served.base, f"http://127.0.0.1:{served.port + 1}"

    async def all_of_them() -> list[int]:
        return [
            await _handshake(served, f"/ws?{size}", own),
            await _handshake(served, f"/ws/wrong?{size}", own),
            await _handshake(served, f"/ws?{size}", own, cookies={f"rehab_token_{served.port}": token}),
            await _handshake(served, f"/ws/{token}?{size}"),  # no Origin: not a browser's page
            await _handshake(served, f"/ws/{token}?{size}", other),  # a page on another port
            await _handshake(served, f"/ws/{token}?{size}", own),
            await _handshake(served, f"/ws?token={token}&{size}", own),
        ]

    assert asyncio.run(all_of_them()) == [403, 403, 403, 403, 403, 101, 101]
    assert settles(lambda: running_apps(served) == 0)  # the refused ones started none, the others ended


def settles(condition, within: float = 20) -> bool:
    """Whether `condition` comes true within `within` seconds (a closed session's
    app takes a moment to end)."""
    deadline = time.monotonic() + within
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.1)
    return True


def running_apps(served: Served) -> int:
    """The app processes `rehab serve` runs now (one per browser session)."""
    db = str(Path(served.process.args[4]))
    found = 0
    for proc in Path("/proc").iterdir():
        try:
            words = (proc / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if b"rehab_tui" in words and db.encode() in words and b"serve" not in words:
            found += 1
    return found


def test_at_most_max_sessions_apps_run_at_once(served: Served) -> None:
    """Each websocket runs an app: the fourth of the default three is refused
    with a page that says why, and starts nothing."""
    url = f"ws://127.0.0.1:{served.port}/ws/{served.token}?width=80&height=24"

    async def open_four() -> tuple[list[int], int, tuple[int, str]]:
        async with aiohttp.ClientSession() as session:
            sockets, statuses = [], []
            for _ in range(4):
                try:
                    ws = await session.ws_connect(url, origin=served.base)
                    await ws.receive(timeout=20)
                    sockets.append(ws)
                    statuses.append(101)
                except aiohttp.WSServerHandshakeError as exc:
                    statuses.append(exc.status)
            running = await asyncio.to_thread(running_apps, served)
            page = await asyncio.to_thread(get, served.url)
            for ws in sockets:
                await ws.close()
            return statuses, running, page[:2]

    statuses, running, (status, body) = asyncio.run(open_four())
    assert statuses == [101, 101, 101, 503]
    assert running == 3
    assert status == 503 and "already open in 3 browser tabs" in body and "--max-sessions" in body
    # Closed, they make room again.
    assert settles(lambda: running_apps(served) == 0)
    assert asyncio.run(_handshake(served, f"/ws/{served.token}?width=80&height=24", served.base)) == 101


def test_a_session_without_keys_ends_though_its_page_pings() -> None:
    """textual.js pings every few seconds: only keys and resizes keep a session
    alive, so a tab left open ends its app (served_app.IdleEnding)."""

    class Page:
        """A websocket whose page sends `messages` 20 ms apart, then pings forever."""

        def __init__(self, messages: list[str]) -> None:
            self.messages = messages

        async def receive(self, timeout: float) -> aiohttp.WSMessage:
            await asyncio.sleep(min(0.02, timeout))
            if timeout <= 0.02:
                raise TimeoutError
            data = self.messages.pop(0) if self.messages else '["ping", "1"]'
            return aiohttp.WSMessage(aiohttp.WSMsgType.TEXT, data, None)

    async def read(messages: list[str]) -> list[str]:
        return [m.data async for m in IdleEnding(Page(messages), idle_s=0.3)]

    keys = ['["stdin", "x"]'] * 20
    got = asyncio.run(asyncio.wait_for(read(list(keys)), 10))
    assert got[:20] == keys  # keys 20 ms apart keep it going, for 0.4 s in all
    assert set(got[20:]) == {'["ping", "1"]'}  # then pings alone end it
    assert asyncio.run(asyncio.wait_for(read([]), 10)) != []


def test_the_app_runs_on_the_same_file_and_day(tmp_path: Path) -> None:
    session = type("S", (), {"db_path": Path("some dir/r.db"), "fixed_today": None})()
    command = app_command(session)
    assert command.startswith(sys.executable.replace(" ", "\\ ") if " " not in sys.executable else "'")
    assert f"-m rehab_tui --db '{os.path.abspath('some dir/r.db')}'" in command
    assert "--today" not in command
    from datetime import date

    session.fixed_today = date(2026, 11, 21)
    assert app_command(session).endswith(" --today 2026-11-21")


def test_loopback_or_not() -> None:
    assert all(map(is_loopback, ("127.0.0.1", "localhost", "::1", "127.5.5.5", "[::1]")))
    assert not any(map(is_loopback, ("0.0.0.0", "::", "", "192.168.1.20", "example.org")))


def test_beyond_loopback_warns(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """--host 0.0.0.0 warns before serving (the server itself is not started here)."""
    import textual_serve.server

    started = []
    monkeypatch.setattr(textual_serve.server.Server, "serve", lambda self, debug=False: started.append(self))
    result = run(tmp_path / "rehab.db", "serve", "--host", "0.0.0.0", "--port", "8123")
    assert result.code == 0, result.err
    assert "warning: listening on 0.0.0.0 port 8123" in result.err
    assert ":8123/?token=" in result.out
    (server,) = started
    assert (server.host, server.port) == ("0.0.0.0", 8123)
    assert "--db" in server.command and "--today 2026-11-21" in server.command


def test_a_bad_port_is_a_usage_error(tmp_path: Path) -> None:
    result = run(tmp_path / "rehab.db", "serve", "--port", "70000")
    assert result.code == 2
    assert result.err.startswith("error:")


def test_a_port_in_use_is_one_error_line(served: Served, tmp_path: Path) -> None:
    second = subprocess.run(
        [sys.executable, "-m", "rehab_tui", "--db", str(tmp_path / "other.db"), "serve", "--port", str(served.port)],
        capture_output=True,
        text=True,
        timeout=30,
        stdin=subprocess.DEVNULL,
    )
    assert second.returncode == 1
    assert second.stderr.startswith("error:") and "address already in use" in second.stderr
    assert "--port" in second.stderr
    assert len(second.stderr.splitlines()) == 1  # the new file is said inside the one line
    # Checked before anything is printed: no URL that leads nowhere.
    assert second.stdout == ""


def test_the_page_asks_no_other_host(served: Served) -> None:
    """Nothing leaves the machine: the page's fonts, scripts and styles all
    come from the server itself (textual-serve's page asked a font service)."""
    _, body, _ = get(served.url)
    links = re.findall(r"""(?:href|src)\s*=\s*["']([^"']+)|url\(\s*["']?([^"')]+)""", body)
    links = [attribute or css for attribute, css in links]
    assert links, body
    assert all(link.startswith(served.base + "/") for link in links), links
    assert "googleapis" not in body and "@font-face" in body


# -- a real browser ---------------------------------------------------------------------------


@pytest.mark.slow
def test_the_app_in_headless_chromium(served: Served, tmp_path: Path) -> None:
    browser = chromium()
    # 1. Chromium's own screenshot: the page loads (with the token) and is not blank.
    shot = tmp_path / "page.png"
    screenshot(browser, served.url, shot, tmp_path / "profile1", WINDOW, "--virtual-time-budget=8000")
    assert png_colours(shot.read_bytes()) > 20

    # 2. --screenshot is taken once virtual time runs out, which is before the app's
    # process has started and drawn (about a second of real time). So the browser is
    # driven over DevTools, waits until the app's first bytes are on the page, and
    # the app's screen is captured.
    app_shot = asyncio.run(asyncio.wait_for(_screenshot_when_drawn(browser, served.url, tmp_path / "profile2"), 60))
    (tmp_path / "app.png").write_bytes(app_shot)
    assert png_colours(app_shot) > 100

    # 3. Keys typed before any click reach the app: the terminal has the focus
    # on load, and `h` (no click first) opens the habits screen.
    focused, before, after = asyncio.run(asyncio.wait_for(_type_without_a_click(browser, served.url, tmp_path), 60))
    assert focused
    assert before != after


async def _type_without_a_click(browser: str, url: str, tmp_path: Path) -> tuple[bool, bytes, bytes]:
    async with devtools(browser, tmp_path / "profile3", WINDOW) as call:
        await _drawn(call, url)
        focus = "document.activeElement !== null && document.activeElement.classList.contains('xterm-helper-textarea')"
        focused = (await call("Runtime.evaluate", expression=focus, returnByValue=True))["result"].get("value")
        before = base64.b64decode((await call("Page.captureScreenshot", format="png"))["data"])
        for kind in ("keyDown", "keyUp"):
            await call("Input.dispatchKeyEvent", type=kind, key="h", code="KeyH", text="h" if kind == "keyDown" else "")
        await asyncio.sleep(2)
        after = base64.b64decode((await call("Page.captureScreenshot", format="png"))["data"])
        return bool(focused), before, after


async def _screenshot_when_drawn(browser: str, url: str, profile: Path) -> bytes:
    async with devtools(browser, profile, WINDOW) as call:
        await _drawn(call, url)
        return base64.b64decode((await call("Page.captureScreenshot", format="png"))["data"])


async def _drawn(call, url: str) -> None:
    """Open `url` and wait until the app's first frames are on the page."""
    await call("Page.navigate", url=url)
    drawn = "document.body !== null && document.body.classList.contains('-first-byte')"
    while not (await call("Runtime.evaluate", expression=drawn, returnByValue=True))["result"].get("value"):
        await asyncio.sleep(0.2)
    await asyncio.sleep(2)  # the first frames


@pytest.mark.slow
def test_a_page_on_another_port_gets_no_token_and_reaches_no_app(served: Served, tmp_path: Path) -> None:
    """The user has the app open; a page from another server on this machine
    (another port) then tries the websocket, even with the token (as if it had
    leaked): its server never receives the token, and the page opens nothing."""
    browser = chromium()
    seen: list[str] = []  # every request line and header the other server received
    page = f"""<!DOCTYPE html><html><body><script>
      const results = {{}};
      function attempt(name, url) {{
        return new Promise(done => {{
          const ws = new WebSocket(url);
          ws.onopen = () => {{ results[name] = "open"; }};
          ws.onmessage = () => {{ results[name] = "read"; }};
          ws.onclose = () => {{ results[name] = results[name] || "refused"; done(); }};
        }});
      }}
      Promise.all([
        attempt("without", "ws://127.0.0.1:{served.port}/ws?width=80&height=24"),
        attempt("with", "ws://127.0.0.1:{served.port}/ws/{served.token}?width=80&height=24"),
      ]).then(() => {{ document.title = JSON.stringify(results); }});
    </script></body></html>""".encode()

    class Other(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            seen.append(self.requestline + "\n" + str(self.headers))
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            self.wfile.write(page)

        def log_message(self, *args) -> None:
            pass

    other = ThreadingHTTPServer(("127.0.0.1", 0), Other)
    threading.Thread(target=other.serve_forever, daemon=True).start()

    async def visit() -> dict:
        async with devtools(browser, tmp_path / "profile", WINDOW) as call:
            await load(call, served.url)  # the user's own tab: a cookie, if any, would be set now
            await load(call, f"http://127.0.0.1:{other.server_address[1]}/")
            title = "document.title"
            while not (await call("Runtime.evaluate", expression=title, returnByValue=True))["result"]["value"]:
                await asyncio.sleep(0.2)
            return json.loads((await call("Runtime.evaluate", expression=title, returnByValue=True))["result"]["value"])

    try:
        results = asyncio.run(asyncio.wait_for(visit(), 60))
    finally:
        other.shutdown()
    assert results == {"without": "refused", "with": "refused"}
    assert seen and not any(served.token in request for request in seen)
    assert settles(lambda: running_apps(served) == 0)  # the user's tab closed; the page started none
