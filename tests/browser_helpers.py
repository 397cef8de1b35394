"""Headless Chromium for the tests that look at a page for real (`rehab serve`,
the report), and a PNG reader from the standard library.

- `chromium()` finds the browser, or skips the test with the reason.
- `screenshot(...)` is Chromium's own `--screenshot` of a page.
- `devtools(...)` starts Chromium with a DevTools port and yields `call(method,
  **params)` for the page, to wait for something, measure or capture;
  `load(call, url)` opens a page there and waits until it has loaded.
- `png_colours(data)` counts the distinct colours of a PNG: a blank page has one.

scripts/report_example.py uses `find_chromium`, `devtools` and `load` too.
"""

from __future__ import annotations

import asyncio
import json
import shutil
import struct
import subprocess
import zlib
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from pathlib import Path

#: No sandbox (tests run as root in CI), and nothing fetched or synced behind the page's back.
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
STARTUP_SECONDS = 30

DevTools = Callable[..., Awaitable[dict]]


def find_chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        if found := shutil.which(name):
            return found
    return None


def chromium() -> str:
    import pytest

    if found := find_chromium():
        return found
    pytest.skip("no chromium found (Debian: apt-get install chromium; .ci/run installs it)")


def window_size(size: tuple[int, int]) -> str:
    return f"--window-size={size[0]},{size[1]}"


def screenshot(browser: str, url: str, png: Path, profile: Path, size: tuple[int, int], *extra: str) -> None:
    """Chromium's screenshot of `url` at a window of `size`, with a fresh profile."""
    subprocess.run(
        [
            browser,
            *CHROMIUM_FLAGS,
            window_size(size),
            f"--user-data-dir={profile}",
            "--hide-scrollbars",
            f"--screenshot={png}",
            *extra,
            url,
        ],
        capture_output=True,
        timeout=90,
        stdin=subprocess.DEVNULL,
    )
    assert png.exists(), "chromium wrote no screenshot"


@asynccontextmanager
async def devtools(browser: str, profile: Path, size: tuple[int, int]) -> AsyncIterator[DevTools]:
    """Chromium on about:blank, driven over DevTools: yields `call(method, **params)`
    for its page, which returns the result (and fails the test on an error)."""
    import aiohttp

    process = await asyncio.create_subprocess_exec(
        browser,
        *CHROMIUM_FLAGS,
        window_size(size),
        f"--user-data-dir={profile}",
        "--remote-debugging-port=0",
        "about:blank",
        stdin=asyncio.subprocess.DEVNULL,
        stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.DEVNULL,
    )
    try:
        port = await asyncio.wait_for(_port(profile), timeout=STARTUP_SECONDS)
        async with aiohttp.ClientSession() as session:
            async with session.get(f"http://127.0.0.1:{port}/json/list") as response:
                pages = [target for target in await response.json(content_type=None) if target["type"] == "page"]
            async with session.ws_connect(pages[0]["webSocketDebuggerUrl"], max_msg_size=0) as socket:
                counter = 0

                async def call(method: str, **params) -> dict:
                    nonlocal counter
                    counter += 1
                    await socket.send_str(json.dumps({"id": counter, "method": method, "params": params}))
                    while True:
                        message = json.loads((await socket.receive()).data)
                        if message.get("id") == counter:
                            assert "error" not in message, message
                            return message["result"]

                yield call
    finally:
        if process.returncode is None:
            process.kill()
        await process.wait()


async def load(call: DevTools, url: str) -> None:
    """Open `url` in the page and wait until it and everything in it has loaded."""
    await call("Page.navigate", url=url)
    complete = "document.readyState === 'complete'"
    while not (await call("Runtime.evaluate", expression=complete, returnByValue=True))["result"].get("value"):
        await asyncio.sleep(0.1)


async def _port(profile: Path) -> int:
    port_file = profile / "DevToolsActivePort"
    while not port_file.exists() or not port_file.read_text().strip():
        await asyncio.sleep(0.1)
    return int(port_file.read_text().split()[0])


def png_colours(data: bytes) -> int:
    """How many distinct colours an 8-bit RGB or RGBA PNG has (stdlib only)."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    position, idat = 8, b""
    while position < len(data):
        (length,) = struct.unpack(">I", data[position : position + 4])
        kind = data[position + 4 : position + 8]
        body = data[position + 8 : position + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour_type = struct.unpack(">IIBB", body[:10])
        elif kind == b"IDAT":
            idat += body
        position += 12 + length
    assert depth == 8 and colour_type in (2, 6), (depth, colour_type)
    bpp = 3 if colour_type == 2 else 4
    raw = zlib.decompress(idat)
    stride = width * bpp
    previous = bytearray(stride)
    colours = set()
    for row in range(height):
        start = row * (stride + 1)
        kind, line = raw[start], bytearray(raw[start + 1 : start + 1 + stride])
        if kind == 1:
            for i in range(bpp, stride):
                line[i] = (line[i] + line[i - bpp]) & 0xFF
        elif kind == 2:
            for i in range(stride):
                line[i] = (line[i] + previous[i]) & 0xFF
        elif kind == 3:
            for i in range(stride):
                left = line[i - bpp] if i >= bpp else 0
                line[i] = (line[i] + ((left + previous[i]) >> 1)) & 0xFF
        elif kind == 4:
            for i in range(stride):
                a = line[i - bpp] if i >= bpp else 0
                b = previous[i]
                c = previous[i - bpp] if i >= bpp else 0
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 0xFF
        colours.update(bytes(line[i : i + 3]) for i in range(0, stride, bpp))
        previous = line
    return len(colours)
