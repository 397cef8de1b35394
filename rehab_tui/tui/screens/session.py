"""The guided session (`g`, docs/architecture.md, "The guided session"): the day's open items one at a
time, with a large countdown for the holds and the rests.

Each item is checked in, through the App's `record`, the moment it ends
(its last step runs out, enter, or `m`), so ending the session or killing
the process loses nothing finished. The countdown is read from an injected
monotonic clock (domain.session.Countdown); the interval only asks for a redraw.

`m` on an item not yet started whose minimum is a shorter plan of its own
(fewer sets, a shorter hold) switches the item to that plan, which is then
recorded as the minimum when it ends; otherwise `m` records the minimum dose
at once and moves on. A minimum session (from the drop-off note) runs every
item's minimum that way from the start.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

from textual.app import ComposeResult
from textual.containers import Center, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Digits, Footer, Header, ProgressBar, Static

from ...domain.model import Habit
from ...domain.prescription import Dose, Prescription
from ...domain.session import Countdown, Step, minimum_dose_words, plan, runs_shorter, shown_seconds
from ..keys import bindings, key_of

#: How often the countdown is redrawn; what it shows comes from the clock, not from this.
REDRAW_SECONDS = 0.25

#: What each item came to: the dose it was checked in at, or None (skipped).
#: An item the session never reached has no entry.
Outcomes = dict[int, Dose | None]


class SessionScreen(Screen[Outcomes]):
    DEFAULT_CSS = """
    SessionScreen > #card {
        height: 1fr; margin: 0 1; padding: 0 2;
        border: round $primary; border-title-color: $text-primary; border-title-style: bold;
        border-subtitle-color: $foreground-muted;
        background: $surface; align-vertical: middle;
        & Static { width: 100%; text-align: center; }
        & > #progress { color: $text-primary; text-style: bold; margin-bottom: 1; }
        & > #name { text-style: bold; }
        & > #plan { color: $text-secondary; text-style: italic; }
        & > #cue { color: $foreground-muted; max-height: 2; }
        & > #dose { color: $text-accent; }
        & > .gap { height: 1fr; max-height: 3; }
        & > #hint { color: $foreground-muted; text-style: italic; }
    }
    SessionScreen #timer {
        width: 60; max-width: 100%; height: auto; padding: 0 1;
        border: round $primary 40%;
        & > Digits { width: 100%; text-align: center; color: $text-warning; text-style: bold; }
        & Bar { width: 40; max-width: 100%; }
        & Bar > .bar--bar { color: $warning; background: $foreground 15%; }
        & #step { text-style: bold; margin-top: 1; }
        & #next { color: $foreground-muted; }
    }
    SessionScreen.-paused #timer > Digits { color: $foreground-muted; text-style: none; }
    SessionScreen.-counted #timer > Digits { color: $text-success; }
    SessionScreen.-counted #timer ProgressBar { visibility: hidden; }
    """

    PLACE = "session"
    BINDINGS = bindings(PLACE)

    def __init__(
        self,
        day: date,
        habits: Sequence[Habit],
        monotonic: Callable[[], float],
        record: Callable[[int, Dose], bool],
        minimum: bool = False,
    ) -> None:
        super().__init__()
        self.day = day
        self.habits = tuple(habits)
        self.monotonic = monotonic
        self.record = record
        self.minimum_session = minimum
        self.index = 0
        #: The items running their minimum plan (in a minimum session, those
        #: that have one: the rest run in full, a minimum nobody set is no dose).
        self.at_minimum: set[int] = {h.id for h in habits if h.prescription.has_minimum} if minimum else set()
        self.outcomes: Outcomes = {}
        self.countdown = Countdown(())
        self._shown_step = 0

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="card") as card:
            card.border_title = "Minimum session" if self.minimum_session else "Guided session"
            card.border_subtitle = f"{self.day:%a %d %b %Y}"
            yield Static(id="progress")
            yield Static(id="name")
            yield Static(id="plan")
            yield Static(id="cue")
            yield Static(id="dose")
            yield Static(classes="gap")
            with Center(), Vertical(id="timer"):
                yield Digits(id="countdown")
                with Center():
                    yield ProgressBar(show_percentage=False, show_eta=False)
                yield Static(id="step")
                yield Static(id="next")
            yield Static(classes="gap")
            yield Static(id="hint")
        yield Footer(show_command_palette=False)

    def on_mount(self) -> None:
        self.sub_title = "minimum session" if self.minimum_session else "guided session"
        #: The keys the hints name, as bound now (the keymap may have changed them).
        self.keys = {name: key_of(self, f"session_{name}") for name in ("start_pause", "done", "minimum")}
        self._show_item()
        self.set_interval(REDRAW_SECONDS, self.tick)

    # ------------------------------------------------------------- the items

    @property
    def habit(self) -> Habit:
        return self.habits[self.index]

    def _prescription(self) -> Prescription:
        prescription = self.habit.prescription
        return prescription.minimum() if self.habit.id in self.at_minimum else prescription

    def _dose(self) -> Dose:
        return Dose.MIN if self.habit.id in self.at_minimum else Dose.FULL

    def _show_item(self) -> None:
        habit = self.habit
        self.countdown = Countdown(plan(self._prescription()))
        self._shown_step = 0
        self._put("name", habit.name)
        self._put("plan", habit.plan_on(self.day, habit.when))
        self._put("cue", habit.cue)
        self._put("dose", self._dose_words())
        self.tick()

    def _dose_words(self) -> str:
        prescription = self.habit.prescription
        if self.habit.id in self.at_minimum:
            return f"minimum dose: {minimum_dose_words(prescription)}"
        words = prescription.words() or (f"about {self.habit.minutes} min" if self.habit.minutes else "")
        minimum = prescription.minimum_words()
        return " · ".join(part for part in (words, f"minimum: {minimum}" if minimum else "") if part)

    def _finish(self, dose: Dose) -> None:
        """The item ended: check it in now, then on to the next."""
        if self.record(self.habit.id, dose):
            self.outcomes[self.habit.id] = dose
            self.app.bell()
            self._move(1)
        else:
            # Not saved (the App said why): the item stays, to be tried again.
            self.countdown = Countdown(self.countdown.steps)
            self._shown_step = 0
            self.tick()

    def _move(self, by: int) -> None:
        self.index += by
        if self.index >= len(self.habits):
            self.dismiss(self.outcomes)
            return
        self._show_item()

    # ------------------------------------------------------------- the clock

    def tick(self) -> None:
        """Redraw from the clock; end the item once its last timed step has run out."""
        if self.index >= len(self.habits):
            return  # ended; the screen is on its way out
        now = self.monotonic()
        index, remaining = self.countdown.position(now)
        steps = self.countdown.steps
        if index >= len(steps):
            self._finish(self._dose())
            return
        if index != self._shown_step:
            self._shown_step = index
            self.app.bell()
        step = steps[index]
        self.set_class(self.countdown.paused, "-paused")
        self.set_class(remaining is None, "-counted")
        self._put(
            "progress",
            " · ".join(part for part in (f"item {self.index + 1} of {len(self.habits)}", step.progress()) if part),
        )
        if remaining is not None and step.seconds is not None:  # position() times only a timed step
            self.query_one(Digits).update(str(shown_seconds(remaining)))
            self.query_one(ProgressBar).update(total=step.seconds, progress=step.seconds - remaining)
            self._put("step", step.words())
        else:
            self.query_one(Digits).update(str(step.reps or ""))
            self._put("step", f"{step.words()} — {self.keys['done']} when done")
        self._put("next", f"next: {self._coming(index, step)}")
        self._put("hint", self._hint(remaining is None))

    def _put(self, name: str, text: str) -> None:
        # Names, cues, plans and minimums are the user's words: plain text, never markup.
        self.query_one(f"#{name}", Static).update(Content(text))

    def _coming(self, index: int, step: Step) -> str:
        steps = self.countdown.steps
        if index + 1 < len(steps):
            return steps[index + 1].coming(step)
        if self.index + 1 < len(self.habits):
            return f"check-in, then {self.habits[self.index + 1].name}"
        return "check-in, and the session ends"

    def _hint(self, counted: bool) -> str:
        countdown = self.countdown
        start, done, minimum = self.keys["start_pause"], self.keys["done"], self.keys["minimum"]
        if counted:
            now = f"{done} when done"
        elif countdown.paused:
            now = f"paused · {start} to go on"
        elif countdown.running:
            now = f"{start} to pause · {done} if you're done"
        else:
            now = f"{start} to start · {done} if you did it"
        dose = self.outcomes.get(self.habit.id)
        if dose is not None:
            now = f"checked in ({'minimum' if dose is Dose.MIN else 'full'}) · " + now
        elif not countdown.started and self.habit.id not in self.at_minimum:
            prescription = self.habit.prescription
            if runs_shorter(prescription):
                now += f" · {minimum} runs the minimum ({minimum_dose_words(prescription)})"
            elif prescription.has_minimum:
                now += f" · {minimum} to tick the minimum"
        return now

    # ------------------------------------------------------------------ keys

    def action_start_pause(self) -> None:
        now = self.monotonic()
        countdown = self.countdown
        if not countdown.started:
            countdown.start(now)
        elif countdown.paused:
            countdown.resume(now)
        else:
            countdown.pause(now)
        self.tick()

    def action_done(self) -> None:
        """Enter: a counted step is done (the run goes on); on a timed one, the whole item."""
        now = self.monotonic()
        if self.countdown.remaining(now) is None and not self.countdown.done(now):
            self.countdown.start(now)
            self.countdown.finish_step(now)
            self.tick()
        else:
            self._finish(self._dose())

    def action_minimum(self) -> None:
        habit = self.habit
        if not self.countdown.started and habit.id not in self.at_minimum and runs_shorter(habit.prescription):
            self.at_minimum.add(habit.id)
            self._show_item()
        else:
            self._finish(Dose.MIN)

    def action_skip(self) -> None:
        self.outcomes.setdefault(self.habit.id, None)
        self._move(1)

    def action_back(self) -> None:
        if self.index > 0:
            self._move(-1)

    def action_end(self) -> None:
        self.dismiss(self.outcomes)
