"""What every seeded program is made of: the note, the events and meetings, the pair's state for
a status, and programs created in bulk with their plan rows (used by ``programs.seeding``)."""

from __future__ import annotations

import datetime as dt
import random

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from core.models import Organization, Role, RoleAssignment
from mentoring.invariants import TAKING_STATUSES
from mentoring.models import (
    Direction,
    MenteeProfile,
    MenteeStatus,
    MentorProfile,
    Pair,
    PairStatus,
    StaffMember,
)
from programs.models import (
    EndReason,
    Meeting,
    MeetingFormat,
    PlanRow,
    Program,
    ProgramStatus,
    ProgramTemplate,
    RowStatus,
    TemplateRow,
    WorkMode,
)
from programs.services import add_months
from roadmap.models import Order, OrderKind, OrderSubject
from roadmap.services import journal_year

REQUESTS = "Как выстроить общение с родителями\nКак держать дисциплину на занятии"


PRE_APPROVAL = (ProgramStatus.DRAFT, ProgramStatus.AGREED, ProgramStatus.REVIEWED)
CITING = (ProgramStatus.IN_PROGRESS, ProgramStatus.COMPLETED)

EVENTS = (
    (Direction.LEGAL, "Изучение ФГОС ДО и локальных актов ДОУ", "Самостоятельное изучение, беседа"),
    (Direction.METHODS, "Посещение занятий наставника", "Открытое занятие"),
    (Direction.METHODS, "Разработка конспекта НОД с наставником", "Совместная разработка"),
    (Direction.PSYCHOLOGY, "Подготовка к родительскому собранию", "Консультация"),
    (Direction.PSYCHOLOGY, "Приёмы организации детей на занятии", "Практикум"),
    (Direction.ICT, "Подготовка презентации к занятию", "Мастер-класс"),
    (Direction.DIGITAL, "Работа с электронным портфолио", "Консультация"),
    (Direction.UPBRINGING, "Подготовка сезонного праздника", "Совместная подготовка"),
    (Direction.HEALTH, "Здоровьесберегающие технологии в режиме дня", "Семинар-практикум"),
    (Direction.SUBJECT, "Самоанализ занятия", "Анализ видеозаписи"),
    (Direction.THEORY, "Возрастная психология дошкольника", "Вебинар"),
)
TOPICS = (
    "Знакомство, обсуждение запросов",
    "Разбор посещённого занятия",
    "Подготовка к собранию родителей",
    "Планирование недели",
    "Обсуждение трудной ситуации в группе",
)
NOTE = {
    "problem": "Молодой специалист испытывает трудности в организации детей на занятиях и в "
    "общении с родителями воспитанников.",
    "goal": "Успешная адаптация молодого специалиста и развитие его профессиональных компетенций.",
    "tasks": "Освоить приёмы организации детей; научиться готовить и проводить родительские "
    "собрания; освоить нормативную базу ДОУ.",
    "content": "Совместное планирование, взаимопосещение занятий, консультации, разбор "
    "трудных ситуаций.",
    "intermediate_results": "Через три месяца — самостоятельно проведённые открытые занятия.",
    "planned_results": "Уверенное проведение занятий и собраний, положительные отзывы родителей.",
    "meeting_schedule": "Еженедельно по средам, 15:30–16:15.",
    "mode": WorkMode.MIXED,
    "conditions": "Методический кабинет ДОУ, онлайн-встречи при необходимости.",
}


def staff_of(org: Organization) -> list[StaffMember]:
    return list(
        StaffMember.objects.filter(organization=org)
        .select_related("user")
        .order_by("personnel_number", "pk")
    )


def template_seed(org: Organization) -> None:
    if ProgramTemplate.objects.filter(organization=org).exists():
        return
    template = ProgramTemplate.objects.create(
        organization=org, title="Молодой специалист, первый год", duration_months=9, **NOTE
    )
    TemplateRow.objects.bulk_create(
        TemplateRow(
            template=template,
            position=n,
            direction=direction,
            event=event,
            event_form=form,
            week=3 * n,
            expected_result="Освоено на практике",
        )
        for n, (direction, event, form) in enumerate(EVENTS[:8], start=1)
    )


def at_hour(day: dt.date, hour: int = 10) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def pair_state(status: str, start: dt.date, ends: dt.date, today: dt.date) -> dict:
    """The pair a program in ``status`` belongs to: fixed before the start, closed at the end."""
    if status == ProgramStatus.COMPLETED:
        return {
            "status": PairStatus.CLOSED,
            "fixed_at": at_hour(start - dt.timedelta(days=14)),
            "closed_at": at_hour(ends, 17),
        }
    if status in PRE_APPROVAL:
        return {"status": PairStatus.FIXED, "fixed_at": at_hour(today - dt.timedelta(days=10))}
    return {"status": PairStatus.ACTIVE, "fixed_at": at_hour(start - dt.timedelta(days=14))}


def program_dates(status: str, rng: random.Random, today: dt.date, history_days: int):
    """Start and end of a program in ``status``: a finished one ended before today."""
    months = rng.choice([6, 9, 12])
    if status == ProgramStatus.COMPLETED:
        span = (add_months(today, months) - today).days
        start = today - dt.timedelta(days=rng.randint(span + 7, max(span + 7, history_days)))
    elif status in PRE_APPROVAL:
        start = today + dt.timedelta(days=rng.randint(7, 30))
    else:
        start = today - dt.timedelta(days=rng.randint(10, 200))
    return start, add_months(start, months)


def programs_create(
    plans, rng: random.Random, today: dt.date, *, rows_each: int = 6
) -> list[Program]:
    """Programs for (pair, status, start, ends, rows as if) plans, with their plan rows.

    A program that cites an approval order (in progress, completed) gets one: a signed order
    per organization and journal year, with the programs as its subjects.
    """
    from roadmap.seeding import seed_signed_orders

    groups: dict[tuple[int, int], list[int]] = {}
    for n, (pair, status, start, _ends, _rows_as) in enumerate(plans):
        if status in CITING:
            org = pair.organization
            groups.setdefault((org.pk, journal_year(org, min(start, today))), []).append(n)
    keys = list(groups)
    orders = seed_signed_orders(
        [
            (
                plans[groups[key][0]][0].organization,
                OrderKind.APPROVE_PROGRAMS,
                min(min(plans[n][2] for n in groups[key]), today),
                [],
            )
            for key in keys
        ]
    )
    order_of: dict[int, Order] = {
        n: order for key, order in zip(keys, orders, strict=True) for n in groups[key]
    }
    programs = []
    for n, (pair, status, start, ends, _rows_as) in enumerate(plans):
        order = order_of.get(n)
        finished = at_hour(ends, 17) if status == ProgramStatus.COMPLETED else None
        programs.append(
            Program(
                organization_id=pair.organization_id,
                pair=pair,
                title="Молодой специалист, первый год",
                starts_on=start,
                ends_on=ends,
                status=status,
                end_reason=EndReason.PLAN_DONE if status == ProgramStatus.COMPLETED else "",
                approval_order_number=order.number_text if order else "",
                approval_order_date=order.order_date if order else None,
                started_at=at_hour(start) if status in CITING else None,
                finished_at=finished,
                **NOTE,
            )
        )
    programs = Program.objects.bulk_create(programs, batch_size=1000)
    program_type = ContentType.objects.get_for_model(Program)
    OrderSubject.objects.bulk_create(
        [
            OrderSubject(order=order_of[n], content_type=program_type, object_id=program.pk)
            for n, program in enumerate(programs)
            if n in order_of
        ],
        batch_size=5000,
    )
    rows = []
    for program, (_pair, _status, _start, _ends, rows_as) in zip(programs, plans, strict=True):
        span = (program.ends_on - program.starts_on).days
        last_day = min(today, program.ends_on)
        for n in range(rows_each):
            direction, event, form = EVENTS[(n + program.pk) % len(EVENTS)]
            deadline = program.starts_on + dt.timedelta(days=span * (n + 1) // (rows_each + 1))
            status = RowStatus.PLANNED
            if rows_as == ProgramStatus.COMPLETED or (
                rows_as == ProgramStatus.IN_PROGRESS and deadline < today and rng.random() < 0.75
            ):
                status = RowStatus.DONE
            done_on = None
            if status == RowStatus.DONE:  # most on time, some a few days late
                offset = dt.timedelta(days=rng.choice([-5, -2, 0, 0, 3]))
                done_on = max(program.starts_on, min(last_day, deadline + offset))
            rows.append(
                PlanRow(
                    program=program,
                    position=n + 1,
                    direction=direction,
                    event=event,
                    event_form=form,
                    deadline=deadline,
                    done_on=done_on,
                    expected_result="Освоено на практике",
                    status=status,
                    actual_result="Проведено, обсуждено с наставником"
                    if status == RowStatus.DONE
                    else "",
                )
            )
    PlanRow.objects.bulk_create(rows, batch_size=5000)
    return programs


def bench_rows_and_meetings(program: Program) -> None:
    start = program.starts_on
    PlanRow.objects.bulk_create(
        PlanRow(
            program=program,
            position=n + 1,
            direction=EVENTS[n % len(EVENTS)][0],
            event=f"{EVENTS[n % len(EVENTS)][1]} ({n + 1})",
            event_form=EVENTS[n % len(EVENTS)][2],
            deadline=start + dt.timedelta(days=6 * n),
            expected_result="Освоено на практике",
            status=RowStatus.DONE if n < 15 else RowStatus.PLANNED,
            done_on=start + dt.timedelta(days=6 * n) if n < 15 else None,
            actual_result="Проведено" if n < 15 else "",
        )
        for n in range(60)
    )
    Meeting.objects.bulk_create(
        Meeting(
            program=program,
            held_on=start + dt.timedelta(days=n),
            duration_minutes=45,
            format=MeetingFormat.OFFLINE if n % 3 else MeetingFormat.ONLINE,
            topic=TOPICS[n % len(TOPICS)],
            notes="Обсудили задачи на неделю.",
        )
        for n in range(100)
    )


def pairs_without_program(org) -> list[Pair]:
    return list(
        Pair.objects.filter(
            organization=org,
            status__in=(PairStatus.FIXED, PairStatus.ACTIVE),
            program__isnull=True,
        )
        .select_related("organization")
        .order_by("pk")
    )


def _mentor_mentee(people):
    mentors = [p for p in people if p.teaching_experience_years >= 5] or people
    mentees = [p for p in people if p.teaching_experience_years < 5] or people
    return mentors, mentees


def bank_people(org: Organization, people: list[StaffMember]):
    """Mentors and mentees to pair: the banks' people, else staff by experience (no managers)."""
    managers = set(
        RoleAssignment.objects.filter(
            organization=org, role__in=(Role.DIRECTOR, Role.CURATOR, Role.ADMIN)
        ).values_list("user_id", flat=True)
    )
    people = [p for p in people if p.position != "head" and p.user_id not in managers] or people
    by_pk = {p.pk: p for p in people}
    mentors = [
        by_pk[pk]
        for pk in MentorProfile.objects.filter(organization=org)
        .order_by("pk")
        .values_list("staff_id", flat=True)
        if pk in by_pk
    ]
    mentees = [
        by_pk[pk]
        for pk in MenteeProfile.objects.filter(organization=org)
        .exclude(status=MenteeStatus.LEFT)
        .order_by("pk")
        .values_list("staff_id", flat=True)
        if pk in by_pk and pk not in {m.pk for m in mentors}
    ]
    if not mentors or not mentees:
        mentors, mentees = _mentor_mentee(people)
        mentees = [m for m in mentees if m not in mentors] or mentees
    return mentors, mentees


def held_mentees(org: Organization) -> set[int]:
    """Mentees a pair of the organization already holds."""
    return set(
        Pair.mentees.through.objects.filter(
            pair__organization=org, pair__status__in=TAKING_STATUSES
        ).values_list("staffmember_id", flat=True)
    )
