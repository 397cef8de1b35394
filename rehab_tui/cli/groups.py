"""Command groups that answer a mistyped command with the one "did you mean"
of domain/words.py, as habits and settings are answered."""

from __future__ import annotations

import click
from click.exceptions import NoSuchCommand

from ..domain.words import did_you_mean


class SuggestingGroup(click.Group):
    """`rehab don` → "no such command 'don'; did you mean 'done'?"."""

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        try:
            return super().resolve_command(ctx, args)
        except NoSuchCommand as exc:
            hint = did_you_mean(exc.command_name, self.list_commands(ctx))
            message = f"no such command '{exc.command_name}'" + (f"; {hint}" if hint else "")
            raise NoSuchCommand(exc.command_name, message, ctx=ctx) from None
