"""The guided session (`g`) and the drop-off note that offers a minimum one.

A part of RehabApp (it inherits this class); it ticks what a session did
through Ticking.set_done, so it derives from Ticking.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..domain.drop_off import drop_off
from ..domain.model import Habit
from ..domain.notices import Notice
from ..domain.states import DayState
from .ticking import STRAY_ENTER_SECONDS, Ticking

if TYPE_CHECKING:
    from .screens.session import Outcomes
    from .screens.session_summary import Currents


class Sessions(Ticking):
    def _open_today(self, minimum: bool) -> list[Habit]:
        """Today's items a session walks, in checklist order: the due ones, and
        in a full session the quota habits still open this week too (any day
        of the week counts for them; `n` passes one by)."""
        wanted = {DayState.PENDING} if minimum else {DayState.PENDING, DayState.OPEN}
        return [item.log.habit for item in self.board.checklist(self.today).items if item.state in wanted]

    def action_session(self, minimum: bool = False) -> None:
        """`g`: today's open items one by one, each checked in as it ends."""
        # The habits as they are now: a plan or a dose edited in another window
        # a moment ago must not wait for the next poll to reach the session
        # (read again only when another process wrote).
        self.poll()
        habits = self._open_today(minimum)
        if not habits:
            self.notify("Nothing left to do today.")
            return
        from .screens.session import SessionScreen
        from .screens.session_summary import current_streaks

        day = self.today
        self.selected = day  # the checklist behind shows what the session ticks
        before = current_streaks(self.board)
        screen = SessionScreen(
            day, habits, self.monotonic, lambda habit_id, dose: self.set_done(habit_id, day, True, dose), minimum
        )
        self.push_screen(screen, lambda outcomes: self._session_ended(habits, outcomes, before))

    def _session_ended(self, habits: list[Habit], outcomes: Outcomes | None, before: Currents) -> None:
        from .screens.session_summary import SessionSummary, current_streaks, streak_moves

        moves = streak_moves(before, current_streaks(self.board))
        self.push_screen(SessionSummary(habits, outcomes or {}, moves), self._summary_closed)

    def _summary_closed(self, _: None) -> None:
        # The enter that closes the summary is often pressed twice: the second
        # lands on the checklist, where the cursor rests on a row to tick.
        self.quiet_until = self.monotonic() + STRAY_ENTER_SECONDS

    def offer_drop_off(self) -> None:
        """The net under the fall-off: when the routine has dropped, say so in
        numbers (once a day, however often the app is opened) and offer a
        minimum session."""
        if self.store.notice_shown(Notice.DROP_OFF, self.today):
            return
        dropped = drop_off(self.board.journal, self.today)
        if dropped is None:
            return
        self.attempt(self.store.record_notice, Notice.DROP_OFF, self.today)
        from .screens.drop_off import DropOffNote

        self.push_screen(
            DropOffNote(dropped, self._open_today(minimum=True)),
            lambda start: self.action_session(minimum=True) if start else None,
        )
