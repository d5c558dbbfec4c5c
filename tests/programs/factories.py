"""Fixed pairs and programs built directly, as the banks and orders apps would leave them."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

from django.utils import timezone

from core.models import Role
from core.plugins import year_start_now
from mentoring.models import Direction, MentoringForm, Pair, PairForm, PairStatus
from programs.models import PlanRow, Program, ProgramStatus
from tests.factories import member

TODAY = None


def today() -> dt.date:
    return timezone.localdate()


def fixed_pair(org, mentor_user, mentee_user, *, request_text: str = "") -> Pair:
    pair = Pair.objects.create(
        organization=org,
        status=PairStatus.FIXED,
        year_start=year_start_now(org.pk),
        role_model="«новичок – мастер»",
        request_text=request_text,
    )
    pair.mentors.add(mentor_user.staff_records.get(organization=org))
    pair.mentees.add(mentee_user.staff_records.get(organization=org))
    PairForm.objects.create(pair=pair, form=MentoringForm.TRADITIONAL)
    return pair


def other_pair(org) -> tuple[Pair, object, object]:
    """A second pair of the same organization with its own mentor and mentee logins."""
    mentor = member(org, Role.MENTOR, username="mentor2")
    mentee = member(org, Role.MENTEE, username="mentee2")
    return fixed_pair(org, mentor, mentee), mentor, mentee


def make_program(
    pair: Pair,
    *,
    status: str = ProgramStatus.DRAFT,
    rows: int = 3,
    starts_on: dt.date | None = None,
    months: int = 6,
) -> Program:
    from programs.services import add_months

    starts_on = starts_on or today() - dt.timedelta(days=30)
    program = Program.objects.create(
        organization=pair.organization,
        pair=pair,
        year_start=year_start_now(pair.organization_id),
        title="Молодой специалист, первый год",
        starts_on=starts_on,
        ends_on=add_months(starts_on, months),
        status=status,
        problem="Трудности с дисциплиной в группе и в общении с родителями.",
        goal="Адаптация молодого специалиста в коллективе.",
        tasks="Освоить приёмы организации детей.",
    )
    directions = [Direction.PSYCHOLOGY, Direction.METHODS, Direction.LEGAL]
    for n in range(rows):
        PlanRow.objects.create(
            program=program,
            position=n + 1,
            direction=directions[n % 3],
            event=f"Мероприятие {n + 1}: посещение занятия наставника",
            event_form="Открытое занятие",
            deadline=starts_on + dt.timedelta(days=20 * (n + 1)),
            expected_result="Освоены приёмы",
        )
    return program


def signed_order(number: str = "12-од") -> SimpleNamespace:
    """What the order-facing services read from a signed order."""
    today = timezone.localdate()
    return SimpleNamespace(
        number_text=number,
        order_date=today,
        pk=1,
        signed_by=None,
        reference=f"№{number} от {today:%d.%m.%Y}",
    )
