"""Programs for the demo kindergarten and the synthetic region (bulk, fast for 300 orgs).

The first region organization (``region-0001``) holds 5,000 programs for the curator's list
benchmark and one program with 60 plan rows and 100 meetings for the program page benchmark.
A mentee is in at most one working pair, so with about fifty staff most of those programs are
history: completed over the past years, their pairs closed. Every pair is made by
``mentoring.seeding_pairs.seed_pairs`` (consents, appointed mentors, bank statuses), every approval
order a program cites is a signed order in the register, and the result passes
``manage.py check_invariants``.
"""

from __future__ import annotations

import datetime as dt
import random

from django.utils import timezone

from core.models import Organization, Role, RoleAssignment
from mentoring.models import Pair, PairStatus
from mentoring.seeding_pairs import PairPlan, seed_pairs
from programs.models import Meeting, Program, ProgramStatus
from programs.seeding_build import (
    CITING,
    PRE_APPROVAL,
    REQUESTS,
    TOPICS,
    bank_people,
    bench_rows_and_meetings,
    held_mentees,
    pair_state,
    pairs_without_program,
    program_dates,
    programs_create,
    staff_of,
    template_seed,
)
from programs.services import add_months

BENCH_TITLE = "Программа для замера: 60 мероприятий и 100 встреч"
BIG_ORG_SLUG = "region-0001"
BIG_ORG_PROGRAMS = 5000
PROGRAMS_PER_ORG = 4
HISTORY_YEARS = 4  # completed programs of the big organization go back this far


def _plan_region_org(org, people, rng, today, count, reserved=()):
    """(pair plans, program statuses) for ``count`` new programs: working ones while free
    mentees last, the rest completed programs of past years (their pairs closed)."""
    mentors, mentees = bank_people(org, people)
    held = held_mentees(org) | set(reserved)
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
        start, ends = program_dates(status, rng, today, history_days)
        pair_plans.append(
            PairPlan(
                org,
                mentor,
                mentee,
                request_text=REQUESTS,
                **pair_state(status, start, ends, today),
            )
        )
        program_plans.append((status, start, ends))
    return pair_plans, program_plans


def _seed_region_orgs(organizations, rng: random.Random, today: dt.date) -> None:
    pair_plans, program_plans, existing_plans, benches = [], [], [], []
    for org in organizations:
        people = staff_of(org)
        if len(people) < 4:
            continue
        count = BIG_ORG_PROGRAMS if org.slug == BIG_ORG_SLUG else PROGRAMS_PER_ORG
        existing = pairs_without_program(org)[:count]  # pairs the banks already formed
        for pair in existing:
            status = (
                ProgramStatus.IN_PROGRESS
                if pair.status == PairStatus.ACTIVE
                else rng.choice(PRE_APPROVAL)
            )
            start, ends = program_dates(status, rng, today, 365)
            existing_plans.append((pair, status, start, ends, status))
        reserved = []
        if org.slug == BIG_ORG_SLUG:
            by_user = {p.user.username: p for p in people if p.user_id}
            mentors, mentees = bank_people(org, people)
            mentor = by_user.get(f"{org.slug}-mentor-1", mentors[0])
            mentee = by_user.get(f"{org.slug}-mentee-1", mentees[0])
            if mentee.pk not in held_mentees(org):
                benches.append((org, mentor, mentee))
                reserved.append(mentee.pk)
        more_pairs, more_programs = _plan_region_org(
            org, people, rng, today, count - len(existing), reserved
        )
        pair_plans += more_pairs
        program_plans += more_programs
    start = today - dt.timedelta(days=120)
    bench_state = pair_state(ProgramStatus.IN_PROGRESS, start, add_months(start, 12), today)
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
    programs_create(plans, rng, today, rows_each=rows_each)
    for program in programs_create(bench_plans, rng, today, rows_each=0):
        program.title = BENCH_TITLE
        program.save(update_fields=["title"])
        bench_rows_and_meetings(program)


def _seed_demo(org: Organization, rng: random.Random, today: dt.date) -> None:
    """The demo: its own pair waiting for a program, and four programs at four steps; the
    two that cite an approval order got it through the real order services."""
    from mentoring.services.pairs import pair_transition
    from programs.orders import draft_approval_order
    from programs.services import program_complete
    from roadmap.seeding import demo_sign

    people = {p.personnel_number: p for p in staff_of(org)}
    mentor, mentee = people.get("0003"), people.get("0004")
    curator = (
        RoleAssignment.objects.filter(organization=org, role=Role.CURATOR)
        .select_related("user")
        .first()
    )
    if mentor is None or mentee is None or curator is None:
        return
    template_seed(org)
    if not Pair.objects.filter(organization=org, mentors=mentor, mentees=mentee).exists():
        # The demo pair: fixed by order, waiting for its program to be written.
        state = pair_state(ProgramStatus.DRAFT, today, today, today)
        seed_pairs([PairPlan(org, mentor, mentee, request_text=REQUESTS, **state)])
    existing = [p for p in pairs_without_program(org) if not p.mentors.filter(pk=mentor.pk)][:4]
    wanted = (
        ProgramStatus.IN_PROGRESS,
        ProgramStatus.COMPLETED,
        ProgramStatus.AGREED,
        ProgramStatus.REVIEWED,
    )
    mentors, mentees = bank_people(org, list(people.values()))
    busy = {mentor.pk, mentee.pk} | {s.pk for p in existing for s in p.mentors.all()}
    free_mentors = [m for m in mentors if m.pk not in busy]
    free_mentees = [m for m in mentees if m.pk not in held_mentees(org) | busy]
    new_plans = []
    for n, _status in enumerate(wanted[len(existing) :]):
        if n >= min(len(free_mentors), len(free_mentees)):
            break
        start, ends = program_dates(ProgramStatus.IN_PROGRESS, rng, today, 365)
        state = pair_state(ProgramStatus.DRAFT, start, ends, today)
        new_plans.append(
            PairPlan(org, free_mentors[n], free_mentees[n], request_text=REQUESTS, **state)
        )
    pairs = existing + seed_pairs(new_plans)
    plans = []
    for pair, status in zip(pairs, wanted, strict=False):
        start, ends = program_dates(
            ProgramStatus.IN_PROGRESS if status in CITING else status, rng, today, 365
        )
        rows_as = status
        # Those to approve wait for the order as checked («проверена куратором»).
        plans.append(
            (pair, ProgramStatus.REVIEWED if status in CITING else status, start, ends, rows_as)
        )
    programs = programs_create(plans, rng, today)
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
