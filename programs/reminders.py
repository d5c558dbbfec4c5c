"""Daily reminders of the programs app, run by ``core.tasks.deadline_reminders``.

``REMINDERS`` is the list the ground app's task discovers (``core.plugins.autodiscover
("reminders")``); each function takes ``today`` and returns how many letters it queued.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Prefetch

from core.models import NotificationKind
from core.notifications import notify, staff_users
from mentoring.models import StaffMember
from programs.models import PlanRow, ProgramStatus, RowStatus

DAYS_AHEAD = 3
RUNNING = (ProgramStatus.APPROVED, ProgramStatus.IN_PROGRESS)


def plan_deadlines(*, today: dt.date) -> int:
    """Plan rows of running programs due in exactly three days: a letter to both participants,
    at most once per row and day (a second run the same day sends nothing)."""
    people = StaffMember.objects.select_related("user")
    rows = (
        PlanRow.objects.filter(
            deadline=today + dt.timedelta(days=DAYS_AHEAD),
            status__in=(RowStatus.PLANNED, RowStatus.MOVED),
            program__status__in=RUNNING,
        )
        .select_related("program__organization", "program__pair")
        .prefetch_related(
            Prefetch("program__pair__mentors", queryset=people),
            Prefetch("program__pair__mentees", queryset=people),
        )
        .order_by("program_id", "position", "pk")
    )
    queued = 0
    for row in rows.iterator(chunk_size=200):
        program = row.program
        pair = program.pair
        queued += len(
            notify(
                users=staff_users([*pair.mentors.all(), *pair.mentees.all()]),
                kind=NotificationKind.PLAN_DEADLINE,
                organization=program.organization,
                context={
                    "title": row.event,
                    "program": program.heading,
                    "deadline": row.deadline,
                    "path": program.get_absolute_url(),
                },
                dedupe_key=f"plan_deadline:{row.pk}:{today.isoformat()}",
            )
        )
    return queued


REMINDERS = [plan_deadlines]
