"""Meetings of the pair, logged by the participants."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction

from core.models import User
from programs.models import (
    Meeting,
    Program,
    ProgramStatus,
)


@transaction.atomic
def meeting_log(*, program: Program, data: dict, user: User) -> Meeting:
    if program.status in (ProgramStatus.COMPLETED, ProgramStatus.ENDED_EARLY):
        raise ValidationError("Программа завершена: встречи больше не вносятся.", code="finished")
    if data["held_on"] < program.starts_on - dt.timedelta(days=31):
        raise ValidationError(
            {"held_on": "Дата встречи задолго до начала программы: проверьте её."},
            code="meeting_too_early",
        )
    if data["held_on"] > program.ends_on:
        raise ValidationError(
            {
                "held_on": f"Программа заканчивается {program.ends_on:%d.%m.%Y}: встреча позже "
                "этой даты не входит в неё. Если программа продлевается, сначала оформите "
                "продление."
            },
            code="meeting_after_end",
        )
    meeting = Meeting(program=program, logged_by=user, **data)
    # The program was loaded for this request and the user is signed in: asking the database
    # whether they exist would be two more queries on every meeting logged.
    meeting.full_clean(exclude=["program", "logged_by"])
    meeting.save()
    return meeting
