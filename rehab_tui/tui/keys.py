"""Textual's side of the action table (domain/actions.py): each place's bindings,
each screen's command palette entries, and the keys a hint names in words."""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache, partial
from typing import Any, Protocol, runtime_checkable

from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.dom import DOMNode
from textual.screen import Screen

from ..domain.actions import APP, BY_ID, WIDGETS, Action, Keymap, at, keys_of, on_screen


@runtime_checkable
class Keyed(Protocol):
    """An app with the keymap setting applied (AppBase.use_keymap): all the hints need of it."""

    keymap: Keymap


@cache
def _group(name: str) -> Binding.Group:
    """One Group object a name: the footer puts the bindings of one group together."""
    return Binding.Group(name)


def key_bindings(action: Action, keys: list[str], remapped: bool = False) -> list[Binding]:
    """A binding a key, all with the action's id. The first key is the one the
    footer shows, with the table's key_display unless a keymap gave the keys."""
    return [
        Binding(
            key,
            action.action,
            action.words,
            show=action.show and n == 0,
            key_display=None if remapped or n else action.key_display,
            priority=action.priority,
            tooltip=action.more,
            id=action.id,
            group=_group(action.group) if action.group else None,
        )
        for n, key in enumerate(keys)
    ]


def bindings(place: str) -> list[BindingType]:
    """The bindings of a screen, a widget (by its id) or the app, for its BINDINGS."""
    return [b for action in at(place) for b in key_bindings(action, action.keys.split(",") if action.keys else [])]


def keys_now(app: App[Any], action: Action) -> list[Binding]:
    """An action's bindings as the app's keymap has them (AppBase.use_keymap);
    the table's keys in an app without one."""
    keymap = app.keymap if isinstance(app, Keyed) else {}
    return key_bindings(action, keys_of(action, keymap), remapped=action.id in keymap)


def key_of(screen: Screen, action_id: str) -> str:
    """The first key of `action_id` now, by its name: for a hint that says it in
    words ("enter when done")."""
    return keys_now(screen.app, BY_ID[action_id])[0].key


def key_shown(screen: Screen, action_id: str) -> str:
    """The first key of `action_id` now, as the footer shows it ("↑", "esc")."""
    return screen.app.get_key_display(keys_now(screen.app, BY_ID[action_id])[0])


def _node(screen: Screen, action: Action) -> DOMNode:
    """Where an action runs: the app, the screen, or the widget that binds it."""
    if action.place == APP:
        return screen.app
    if action.place in WIDGETS:
        return screen.query_one(f"#{action.place}")
    return screen


def palette(app: App, screen: Screen, name: str) -> Iterator[SystemCommand]:
    """The command palette's entries for `screen` (the table's screen `name`)."""
    for action in on_screen(name):
        if action.title:
            run = partial(app.run_action, action.action, _node(screen, action))
            yield SystemCommand(action.title, action.hint or action.more or action.words, run)
