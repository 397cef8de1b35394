"""Printing: JSON the same way everywhere, and user text made safe for a terminal."""

from __future__ import annotations

import json
from typing import Any

import click

from ..domain.rules import is_control


def echo_json(data: Any) -> None:
    # json.dumps escapes control characters (\u001b), so JSON needs no cleaning.
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


def terminal_text(text: object) -> str:
    """User text as it may reach a terminal: control characters (escape
    sequences, line breaks, bidi overrides) dropped.

    Input refuses them (rules.TextField), but an older file or a hand-edited one
    may hold them, and an escape sequence printed raw can rewrite the screen,
    the window title or the clipboard. Every line that prints a name, a cue, a
    reason or an area passes it through here.
    """
    text = str(text)
    if text.isprintable():
        return text
    return "".join(ch for ch in text if not is_control(ch))


def say(line: str) -> None:
    """Print a line of ours that holds user text (a name, a reason)."""
    click.echo(terminal_text(line))
