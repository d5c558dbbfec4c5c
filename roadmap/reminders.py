"""The roadmap app's daily run, by ``core.tasks.deadline_reminders``.

Not a reminder but a date that comes: a signed refusal or withdrawal of a mentor's agreement
(ТК РФ ст. 351.8) ends the mentoring on its effective date. The letters went out when the
notice was signed, so this queues none.
"""

from __future__ import annotations

import datetime as dt

from roadmap.agreement_endings import endings_apply


def agreement_endings(*, today: dt.date) -> int:
    """End the mentoring of every notice whose date has come; no letters (returns 0)."""
    endings_apply(today=today)
    return 0


REMINDERS = [agreement_endings]
