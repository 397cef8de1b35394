"""The snooze budget: at most N snoozed days in any 7 consecutive days.

The one home of the rule. The gate refuses a snooze through `check_budget`;
the snooze form and the command line's messages ask `budget_for`. Both count
only the days that hold a snooze using the budget: skips brought in from Loop
or harsh are exempt snoozes and cost nothing (docs/architecture.md, "Snoozes
and pauses").
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from .errors import BudgetSpent
from .rules import SNOOZE_WINDOW as WINDOW


def budget_left(budget_days: frozenset[date], day: date, budget: int) -> int:
    """Snoozes still free for `day`: the tightest 7-day window holding it decides."""
    left = budget
    for back in range(WINDOW):
        first = day - timedelta(days=back)
        used = sum(1 for i in range(WINDOW) if first + timedelta(days=i) in budget_days)
        left = min(left, budget - used)
    return left


@dataclass(frozen=True)
class Budget:
    """What a snooze on `day` would cost, as the form and the messages say it."""

    day: date
    budget: int
    left: int
    #: The day already holds a snooze that used the budget: one more costs nothing.
    already: bool

    @property
    def spent(self) -> bool:
        return self.left <= 0 and not self.already

    def spent_message(self) -> str:
        return (
            f"the snooze budget is spent: {self.budget} snoozed day{'s' if self.budget != 1 else ''} "
            f"in any {WINDOW} days. For a longer break, pause instead: rehab pause HABIT --until DATE"
        )


def budget_for(budget_days: frozenset[date], day: date, budget: int) -> Budget:
    """The budget as it stands for a snooze on `day`, given the days that hold
    a snooze using the budget (exempt snoozes left out)."""
    return Budget(day, budget, budget_left(budget_days, day, budget), day in budget_days)


def check_budget(budget_days: frozenset[date], day: date, budget: int) -> None:
    """The gate's check: raise BudgetSpent when a snooze on `day` would overspend."""
    state = budget_for(budget_days, day, budget)
    if state.spent:
        raise BudgetSpent(state.spent_message())


def can_snooze(budget_days: frozenset[date], day: date, budget: int) -> bool:
    """A day already snoozed costs nothing more; another needs a free snooze."""
    return not budget_for(budget_days, day, budget).spent
