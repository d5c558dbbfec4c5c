"""Daily reminders of the monitoring app, run by ``core.tasks.deadline_reminders``.

``REMINDERS`` is the list the ground app's task discovers (``core.plugins.autodiscover
("reminders")``); each function takes ``today`` and returns how many letters it queued.
"""

from __future__ import annotations

import datetime as dt

from monitoring.services import reminders_send

DAYS_AHEAD = 3


def survey_deadlines(*, today: dt.date) -> int:
    """Everyone who has not sent a survey due within three days: one letter per person listing
    those surveys (``send_survey_reminders`` sends the same letters by hand)."""
    return reminders_send(today=today, within_days=DAYS_AHEAD)


REMINDERS = [survey_deadlines]
