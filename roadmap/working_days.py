"""Working days of the Russian five-day week, for notice periods in documents (ТК РФ ст. 351.8).

Saturdays and Sundays are days off. The code has no production calendar of holidays yet
(the official one changes every year by a government decree): ``HOLIDAYS`` is where its
non-working days go when one is kept; today only the fixed holidays of ТК РФ ст. 112 are known,
without the transfers of days off.
"""

from __future__ import annotations

import datetime as dt

# ТК РФ ст. 112: non-working holidays (month, day); transfers of days off are not known here.
FIXED_HOLIDAYS = frozenset(
    [(1, d) for d in range(1, 9)] + [(2, 23), (3, 8), (5, 1), (5, 9), (6, 12), (11, 4)]
)


def is_working_day(day: dt.date) -> bool:
    """Monday to Friday and not a holiday of ТК РФ ст. 112."""
    return day.weekday() < 5 and (day.month, day.day) not in FIXED_HOLIDAYS


def add_working_days(day: dt.date, count: int) -> dt.date:
    """The ``count``-th working day after ``day`` (``day`` itself is not counted).

    A notice signed on Monday 07.12.2026 with three working days ends on Thursday 10.12.2026;
    one signed on Friday ends on the Wednesday after.
    """
    current = day
    left = count
    while left > 0:
        current += dt.timedelta(days=1)
        if is_working_day(current):
            left -= 1
    return current
