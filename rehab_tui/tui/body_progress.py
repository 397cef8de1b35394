"""How the body feels (`b`) and the progress screen (`v`).

A part of RehabApp (it inherits this class).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..domain.body import PainReading
from ..domain.errors import InTheFuture
from ..domain.rules import check_not_future
from .app_base import AppBase

if TYPE_CHECKING:
    from .screens.body import BodyRating


class BodyAndProgress(AppBase):
    def action_body(self) -> None:
        """`b`: rate how each remembered body area feels on the shown day."""
        day = self.selected
        try:
            check_not_future(day, self.today, "record pain")  # asked before the form, not after it is filled in
        except InTheFuture:
            self.notify("That day hasn't come yet: rate it on the day.", severity="warning")
            return
        readings = self.attempt(self.store.readings)
        if readings is None:
            return
        from .screens.body import BodyScreen

        self.push_screen(BodyScreen(day, self.today, readings), self._rated)

    def _rated(self, rating: BodyRating | None) -> None:
        if rating is None:
            return

        def record() -> list[PainReading]:
            with self.store.transaction():  # the form's save is one action: all of it or none
                return [self.store.record_pain(rating.day, area, pain, self.today) for area, pain in rating.pains]

        saved = self.attempt(record)
        if saved:
            said = ", ".join(f"{r.area} {r.pain}" for r in saved)
            self.notify(f"Recorded for {rating.day:%a %d %b}: {said}.")
            self.refresh_day()

    def action_progress(self) -> None:
        """`v`: pain by area beside the routine's adherence, per habit figures, a year of days."""
        readings = self.attempt(self.store.readings)
        if readings is None:
            return
        from ..domain.progress import progress
        from .screens.progress import ProgressScreen

        board = self.board
        # The board has counted the streaks over the whole history already (the streaks panel shows them).
        streaks = {row.log.habit.id: row.streak for row in board.streak_rows()}
        figures = progress(board.journal, readings, self.today, streaks, board.routine()[1])
        self.push_screen(ProgressScreen(figures, board.journal.week_start))
