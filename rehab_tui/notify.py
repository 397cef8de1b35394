"""Sending a reminder: to the desktop (notify-send) or through an apprise URL.

Each sender returns None on success or the reason it failed, in words; none
raises, so one broken target never stops the others (`rehab remind run`).
apprise is imported here, inside the send, so no other command pays for it.
"""

from __future__ import annotations

import re
import shutil
import subprocess

#: notify-send and apprise's own timeouts bound a send; this bounds notify-send.
DESKTOP_TIMEOUT_S = 10


def send(target: str | None, title: str, body: str) -> str | None:
    """Send to `target` (an apprise URL, or None for the desktop)."""
    try:
        return desktop(title, body) if target is None else through_apprise(target, title, body)
    except Exception as exc:  # noqa: BLE001 - a plugin's bug is a failed send, not a crash
        return f"{type(exc).__name__}: {exc}"


def desktop(title: str, body: str) -> str | None:
    """A desktop notification through notify-send, if it is on PATH."""
    program = shutil.which("notify-send")
    if program is None:
        return "notify-send is not installed (package libnotify-bin); add --to URL to reach the phone instead"
    try:
        done = subprocess.run(
            [program, "--app-name=rehab", title, body],
            capture_output=True,
            text=True,
            timeout=DESKTOP_TIMEOUT_S,
            stdin=subprocess.DEVNULL,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        return f"notify-send failed: {exc}"
    if done.returncode != 0:
        why = " ".join(done.stderr.split()) or f"exit status {done.returncode}"
        return f"notify-send failed: {why}"
    return None


def through_apprise(url: str, title: str, body: str) -> str | None:
    import logging

    import apprise

    notifier = apprise.Apprise()
    with apprise.LogCapture(level=logging.WARNING, fmt="%(message)s") as log:
        if not notifier.add(url):
            return f"apprise cannot use this URL ({_lines(log.getvalue()) or 'unknown service'})"
        sent = notifier.notify(title=title, body=body)
    if not sent:
        return _lines(log.getvalue()) or "apprise could not send the notification"
    return None


def masked(url: str) -> str:
    """A URL as it may be shown: as typed, with every part apprise counts as a
    secret (a password, a token) replaced by ****.

    apprise's own private form rewrites the rest too (`ntfy://` becomes
    `ntfys://`), which would show a URL the user never gave; it only tells
    which words are secret: those it leaves out.
    """
    scheme, sep, rest = url.partition("://")
    try:
        import apprise

        notifier = apprise.Apprise()
        if not notifier.add(url):
            return f"{scheme}://…"
        private = notifier[0].url(privacy=True)
    except Exception:  # noqa: BLE001 - only for showing
        return f"{scheme}://…"
    hidden = re.sub(r"[A-Za-z0-9_.~%+-]+", lambda m: m.group(0) if m.group(0) in private else "****", rest)
    return f"{scheme}{sep}{hidden}"


def _lines(text: str) -> str:
    return " ".join(line.strip() for line in text.splitlines() if line.strip())
