"""Programs for the demo kindergarten and the synthetic region (bulk, fast for 300 orgs).

The first region organization (``region-0001``) holds 5,000 programs for the curator's list
benchmark and one program with 60 plan rows and 100 meetings for the program page benchmark.
"""

from __future__ import annotations

import datetime as dt
import random

from django.utils import timezone

from mentoring.models import (
    Direction,
    MentoringForm,
    Organization,
    Pair,
    PairForm,
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
from programs.services import add_months, case_prefill

REQUESTS = "Как выстроить общение с родителями\nКак держать дисциплину на занятии"
BENCH_TITLE = "Программа для замера: 60 мероприятий и 100 встреч"
BIG_ORG_SLUG = "region-0001"
BIG_ORG_PROGRAMS = 5000
PROGRAMS_PER_ORG = 4

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


def _make_pairs(org, couples, status=PairStatus.FIXED) -> list[Pair]:
    pairs = Pair.objects.bulk_create(
        [
            Pair(
                organization=org,
                status=status,
                role_model="«новичок – мастер»",
                request_text=REQUESTS,
                fixed_at=timezone.now(),
            )
            for _ in couples
        ],
        batch_size=1000,
    )
    if pairs and pairs[0].pk is None:  # databases without RETURNING
        pairs = list(Pair.objects.filter(organization=org).order_by("-pk")[: len(couples)])[::-1]
    Pair.mentors.through.objects.bulk_create(
        [
            Pair.mentors.through(pair=p, staffmember=c[0])
            for p, c in zip(pairs, couples, strict=True)
        ],
        batch_size=2000,
    )
    Pair.mentees.through.objects.bulk_create(
        [
            Pair.mentees.through(pair=p, staffmember=c[1])
            for p, c in zip(pairs, couples, strict=True)
        ],
        batch_size=2000,
    )
    PairForm.objects.bulk_create(
        [PairForm(pair=p, form=MentoringForm.TRADITIONAL) for p in pairs], batch_size=2000
    )
    return pairs


def _programs(
    pairs, rng: random.Random, today: dt.date, *, rows_each: int = 6, fixed: tuple = ()
) -> list[Program]:
    statuses = (
        [ProgramStatus.IN_PROGRESS] * 5
        + [ProgramStatus.DRAFT, ProgramStatus.AGREED, ProgramStatus.REVIEWED]
        + [ProgramStatus.COMPLETED]
    )
    programs = []
    for n, pair in enumerate(pairs):
        status = fixed[n] if n < len(fixed) else rng.choice(statuses)
        start = today - dt.timedelta(days=rng.randint(10, 200))
        if status in (ProgramStatus.DRAFT, ProgramStatus.AGREED, ProgramStatus.REVIEWED):
            start = today + dt.timedelta(days=rng.randint(7, 30))
        programs.append(
            Program(
                organization_id=pair.organization_id,
                pair=pair,
                title="Молодой специалист, первый год",
                starts_on=start,
                ends_on=add_months(start, rng.choice([6, 9, 12])),
                status=status,
                end_reason=EndReason.PLAN_DONE if status == ProgramStatus.COMPLETED else "",
                approval_order_number=f"{rng.randint(10, 90)}-од"
                if status in (ProgramStatus.IN_PROGRESS, ProgramStatus.COMPLETED)
                else "",
                approval_order_date=start
                if status in (ProgramStatus.IN_PROGRESS, ProgramStatus.COMPLETED)
                else None,
                **NOTE,
            )
        )
    programs = Program.objects.bulk_create(programs, batch_size=1000)
    rows = []
    for program in programs:
        span = (program.ends_on - program.starts_on).days
        for n in range(rows_each):
            direction, event, form = EVENTS[(n + program.pk) % len(EVENTS)]
            deadline = program.starts_on + dt.timedelta(days=span * (n + 1) // (rows_each + 1))
            status = RowStatus.PLANNED
            if program.status == ProgramStatus.COMPLETED or (
                program.status == ProgramStatus.IN_PROGRESS
                and deadline < today
                and rng.random() < 0.75
            ):
                status = RowStatus.DONE
            done_on = None
            if status == RowStatus.DONE:  # most on time, some a few days late
                done_on = min(today, deadline + dt.timedelta(days=rng.choice([-5, -2, 0, 0, 3])))
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


def _bench_program(org, mentor, mentee, today) -> None:
    (pair,) = _make_pairs(org, [(mentor, mentee)], status=PairStatus.ACTIVE)
    start = today - dt.timedelta(days=120)
    program = Program.objects.create(
        organization=org,
        pair=pair,
        title=BENCH_TITLE,
        starts_on=start,
        ends_on=add_months(start, 12),
        status=ProgramStatus.IN_PROGRESS,
        approval_order_number="3-од",
        approval_order_date=start,
        **NOTE,
    )
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
        ).order_by("pk")
    )


def _mentor_mentee(people):
    mentors = [p for p in people if p.teaching_experience_years >= 5] or people
    mentees = [p for p in people if p.teaching_experience_years < 5] or people
    return mentors, mentees


def _seed_demo(org: Organization, rng: random.Random, today: dt.date) -> None:
    people = {p.personnel_number: p for p in _people(org)}
    mentor, mentee = people.get("0003"), people.get("0004")
    if mentor is None or mentee is None:
        return
    _template(org)
    existing = _pairs_without_program(org)  # pairs the banks already formed
    # The demo pair: fixed by order, waiting for its program to be written.
    if not Pair.objects.filter(organization=org, mentors=mentor, mentees=mentee).exists():
        _make_pairs(org, [(mentor, mentee)])
    existing = [p for p in existing if not p.mentors.filter(pk=mentor.pk).exists()][:4]
    busy = {s.pk for p in existing for s in (*p.mentors.all(), *p.mentees.all())}
    others = [
        p
        for n, p in sorted(people.items())
        if n not in {"0001", "0002", "0003", "0004"} and p.pk not in busy
    ]
    wanted = 4 - len(existing)
    couples = [(others[2 * i], others[2 * i + 1]) for i in range(min(wanted, len(others) // 2))]
    pairs = existing + (_make_pairs(org, couples, status=PairStatus.ACTIVE) if couples else [])
    demo_statuses = (
        ProgramStatus.IN_PROGRESS,
        ProgramStatus.AGREED,
        ProgramStatus.REVIEWED,
        ProgramStatus.COMPLETED,
    )
    programs = _programs(pairs, rng, today, fixed=demo_statuses)
    for program in programs:
        if program.status == ProgramStatus.IN_PROGRESS:
            Meeting.objects.bulk_create(
                Meeting(
                    program=program,
                    held_on=program.starts_on + dt.timedelta(days=7 * n),
                    duration_minutes=45,
                    topic=TOPICS[n % len(TOPICS)],
                )
                for n in range(3)
            )
        if program.status == ProgramStatus.COMPLETED:
            case_prefill(program=program)


def seed_organizations(organizations, rng: random.Random) -> None:
    today = timezone.localdate()
    for org in organizations:
        if Program.objects.filter(organization=org).exists():
            continue  # rerunning the demo changes nothing
        if org.slug == "ds20":
            _seed_demo(org, rng, today)
            continue
        people = _people(org)
        if len(people) < 4:
            continue
        mentors, mentees = _mentor_mentee(people)
        count = BIG_ORG_PROGRAMS if org.slug == BIG_ORG_SLUG else PROGRAMS_PER_ORG
        pairs = _pairs_without_program(org)[:count]  # pairs the banks already formed
        couples = [
            (mentors[i % len(mentors)], mentees[i % len(mentees)])
            for i in range(count - len(pairs))
        ]
        pairs += _make_pairs(org, couples, status=PairStatus.ACTIVE) if couples else []
        _programs(pairs, rng, today, rows_each=6 if count > 100 else 8)
        if org.slug == BIG_ORG_SLUG:
            by_user = {p.user.username: p for p in people if p.user_id}
            mentor = by_user.get(f"{org.slug}-mentor-1", mentors[0])
            mentee = by_user.get(f"{org.slug}-mentee-1", mentees[0])
            _bench_program(org, mentor, mentee, today)
