"""Programs for the demo kindergarten and the synthetic region (bulk, fast for 300 orgs).

The first region organization (``region-0001``) holds 5,000 programs for the curator's list
benchmark and one program with 60 plan rows and 100 meetings for the program page benchmark.
A mentee is in at most one working pair, so with about fifty staff most of those programs are
history: completed over the past years, their pairs closed. Every pair is made by
``mentoring.seeding.seed_pairs`` (consents, appointed mentors, bank statuses), every approval
order a program cites is a signed order in the register, and the result passes
``manage.py check_invariants``.
"""

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
from mentoring.seeding import PairPlan, seed_pairs
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
BENCH_TITLE = "Программа для замера: 60 мероприятий и 100 встреч"
BIG_ORG_SLUG = "region-0001"
BIG_ORG_PROGRAMS = 5000
PROGRAMS_PER_ORG = 4
HISTORY_YEARS = 4  # completed programs of the big organization go back this far
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


def _people(org: Organization) -> list[StaffMember]:
    return list(
        StaffMember.objects.filter(organization=org)
        .select_related("user")
        .order_by("personnel_number", "pk")
    )


def _template(org: Organization) -> None:
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


def _at(day: dt.date, hour: int = 10) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def _pair_state(status: str, start: dt.date, ends: dt.date, today: dt.date) -> dict:
    """The pair a program in ``status`` belongs to: fixed before the start, closed at the end."""
    if status == ProgramStatus.COMPLETED:
        return {
            "status": PairStatus.CLOSED,
            "fixed_at": _at(start - dt.timedelta(days=14)),
            "closed_at": _at(ends, 17),
        }
    if status in PRE_APPROVAL:
        return {"status": PairStatus.FIXED, "fixed_at": _at(today - dt.timedelta(days=10))}
    return {"status": PairStatus.ACTIVE, "fixed_at": _at(start - dt.timedelta(days=14))}


def _dates(status: str, rng: random.Random, today: dt.date, history_days: int):
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


def _programs(plans, rng: random.Random, today: dt.date, *, rows_each: int = 6) -> list[Program]:
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
        finished = _at(ends, 17) if status == ProgramStatus.COMPLETED else None
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
                started_at=_at(start) if status in CITING else None,
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


def _bench_rows_and_meetings(program: Program) -> None:
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


def _pairs_without_program(org) -> list[Pair]:
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


def _banks(org: Organization, people: list[StaffMember]):
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


def _held(org: Organization) -> set[int]:
    """Mentees a pair of the organization already holds."""
    return set(
        Pair.mentees.through.objects.filter(
            pair__organization=org, pair__status__in=TAKING_STATUSES
        ).values_list("staffmember_id", flat=True)
    )


def _plan_region_org(org, people, rng, today, count, reserved=()):
    """(pair plans, program statuses) for ``count`` new programs: working ones while free
    mentees last, the rest completed programs of past years (their pairs closed)."""
    mentors, mentees = _banks(org, people)
    held = _held(org) | set(reserved)
    free = [m for m in mentees if m.pk not in held]
    statuses = [ProgramStatus.IN_PROGRESS] * 5 + list(PRE_APPROVAL) + [ProgramStatus.COMPLETED]
    history_days = 365 * (HISTORY_YEARS if count > 100 else 1)
    pair_plans, program_plans = [], []
    for i in range(count):
        status = rng.choice(statuses)
        if status != ProgramStatus.COMPLETED and not free:
            status = ProgramStatus.COMPLETED
        mentee = free.pop(0) if status != ProgramStatus.COMPLETED else mentees[i % len(mentees)]
        mentor = mentors[i % len(mentors)]
        if mentor.pk == mentee.pk:
            mentor = mentors[(i + 1) % len(mentors)]
        start, ends = _dates(status, rng, today, history_days)
        pair_plans.append(
            PairPlan(
                org,
                mentor,
                mentee,
                request_text=REQUESTS,
                **_pair_state(status, start, ends, today),
            )
        )
        program_plans.append((status, start, ends))
    return pair_plans, program_plans


def _seed_region_orgs(organizations, rng: random.Random, today: dt.date) -> None:
    pair_plans, program_plans, existing_plans, benches = [], [], [], []
    for org in organizations:
        people = _people(org)
        if len(people) < 4:
            continue
        count = BIG_ORG_PROGRAMS if org.slug == BIG_ORG_SLUG else PROGRAMS_PER_ORG
        existing = _pairs_without_program(org)[:count]  # pairs the banks already formed
        for pair in existing:
            status = (
                ProgramStatus.IN_PROGRESS
                if pair.status == PairStatus.ACTIVE
                else rng.choice(PRE_APPROVAL)
            )
            start, ends = _dates(status, rng, today, 365)
            existing_plans.append((pair, status, start, ends, status))
        reserved = []
        if org.slug == BIG_ORG_SLUG:
            by_user = {p.user.username: p for p in people if p.user_id}
            mentors, mentees = _banks(org, people)
            mentor = by_user.get(f"{org.slug}-mentor-1", mentors[0])
            mentee = by_user.get(f"{org.slug}-mentee-1", mentees[0])
            if mentee.pk not in _held(org):
                benches.append((org, mentor, mentee))
                reserved.append(mentee.pk)
        more_pairs, more_programs = _plan_region_org(
            org, people, rng, today, count - len(existing), reserved
        )
        pair_plans += more_pairs
        program_plans += more_programs
    start = today - dt.timedelta(days=120)
    bench_state = _pair_state(ProgramStatus.IN_PROGRESS, start, add_months(start, 12), today)
    pairs = seed_pairs(
        pair_plans
        + [PairPlan(org, m, e, request_text=REQUESTS, **bench_state) for org, m, e in benches]
    )
    plans = existing_plans + [
        (pair, status, start_on, ends, status)
        for pair, (status, start_on, ends) in zip(pairs, program_plans, strict=False)
    ]
    bench_plans = [
        (pair, ProgramStatus.IN_PROGRESS, start, add_months(start, 12), ProgramStatus.DRAFT)
        for pair in pairs[len(pair_plans) :]
    ]
    rows_each = 6 if any(o.slug == BIG_ORG_SLUG for o in organizations) else 8
    _programs(plans, rng, today, rows_each=rows_each)
    for program in _programs(bench_plans, rng, today, rows_each=0):
        program.title = BENCH_TITLE
        program.save(update_fields=["title"])
        _bench_rows_and_meetings(program)


def _seed_demo(org: Organization, rng: random.Random, today: dt.date) -> None:
    """The demo: its own pair waiting for a program, and four programs at four steps; the
    two that cite an approval order got it through the real order services."""
    from mentoring.services import pair_transition
    from programs.orders import draft_approval_order
    from programs.services import program_complete
    from roadmap.seeding import demo_sign

    people = {p.personnel_number: p for p in _people(org)}
    mentor, mentee = people.get("0003"), people.get("0004")
    curator = (
        RoleAssignment.objects.filter(organization=org, role=Role.CURATOR)
        .select_related("user")
        .first()
    )
    if mentor is None or mentee is None or curator is None:
        return
    _template(org)
    if not Pair.objects.filter(organization=org, mentors=mentor, mentees=mentee).exists():
        # The demo pair: fixed by order, waiting for its program to be written.
        state = _pair_state(ProgramStatus.DRAFT, today, today, today)
        seed_pairs([PairPlan(org, mentor, mentee, request_text=REQUESTS, **state)])
    existing = [p for p in _pairs_without_program(org) if not p.mentors.filter(pk=mentor.pk)][:4]
    wanted = (
        ProgramStatus.IN_PROGRESS,
        ProgramStatus.COMPLETED,
        ProgramStatus.AGREED,
        ProgramStatus.REVIEWED,
    )
    mentors, mentees = _banks(org, list(people.values()))
    busy = {mentor.pk, mentee.pk} | {s.pk for p in existing for s in p.mentors.all()}
    free_mentors = [m for m in mentors if m.pk not in busy]
    free_mentees = [m for m in mentees if m.pk not in _held(org) | busy]
    new_plans = []
    for n, _status in enumerate(wanted[len(existing) :]):
        if n >= min(len(free_mentors), len(free_mentees)):
            break
        start, ends = _dates(ProgramStatus.IN_PROGRESS, rng, today, 365)
        state = _pair_state(ProgramStatus.DRAFT, start, ends, today)
        new_plans.append(
            PairPlan(org, free_mentors[n], free_mentees[n], request_text=REQUESTS, **state)
        )
    pairs = existing + seed_pairs(new_plans)
    plans = []
    for pair, status in zip(pairs, wanted, strict=False):
        start, ends = _dates(
            ProgramStatus.IN_PROGRESS if status in CITING else status, rng, today, 365
        )
        rows_as = status
        # Those to approve wait for the order as checked («проверена куратором»).
        plans.append(
            (pair, ProgramStatus.REVIEWED if status in CITING else status, start, ends, rows_as)
        )
    programs = _programs(plans, rng, today)
    to_approve = [
        p for p, (_, _, _, _, rows_as) in zip(programs, plans, strict=True) if rows_as in CITING
    ]
    if to_approve:
        Program.objects.filter(pk__in=[p.pk for p in to_approve]).update(
            reviewed_by=curator.user, reviewed_at=timezone.now()
        )
        order = draft_approval_order(organization=org, programs=to_approve, author=curator.user)
        demo_sign(organization=org, order=order)
    for program, (_, _, _, _, rows_as) in zip(programs, plans, strict=True):
        program.refresh_from_db()
        if rows_as == ProgramStatus.IN_PROGRESS:
            Meeting.objects.bulk_create(
                Meeting(
                    program=program,
                    held_on=program.starts_on + dt.timedelta(days=7 * n),
                    duration_minutes=45,
                    topic=TOPICS[n % len(TOPICS)],
                )
                for n in range(3)
            )
        if rows_as == ProgramStatus.COMPLETED:
            program_complete(program=program, user=curator.user)
            pair = Pair.objects.get(pk=program.pair_id)
            if pair.status != PairStatus.CLOSED:  # the audit branch's program_complete closes it
                pair_transition(pair=pair, target=PairStatus.CLOSED)


def seed_organizations(organizations, rng: random.Random) -> None:
    today = timezone.localdate()
    fresh = [o for o in organizations if not Program.objects.filter(organization=o).exists()]
    for org in fresh:  # rerunning the demo changes nothing
        if org.slug == "ds20":
            _seed_demo(org, rng, today)
    _seed_region_orgs([o for o in fresh if o.slug != "ds20"], rng, today)
