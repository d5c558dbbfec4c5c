"""The roadmap's and the home page's figures, now read from one query of grouped counts
(``core.tally``), are the numbers their definitions give, counted here row by row in Python on a
varied region: a kindergarten with years of history (programs of earlier cycles, closed pairs,
hundreds of orders) and a young one, with withdrawn consents, people who left the banks, plan
events done in time, late, moved and cancelled, final surveys, publications in and out of the
stages' periods and a final event whose best practice is no longer shown (issue 24).

The same checks passed on the code before issue 24's rewrite (the per-figure subqueries), so the
new numbers are the old ones.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest
from django.db import transaction
from django.utils import timezone

from core import cache
from core.models import Organization, Role, RoleAssignment, User
from mentoring.home_counts import counts_of
from mentoring.models import (
    ChangeRequest,
    ChangeRequestStatus,
    Consent,
    ConsentKind,
    MenteeProfile,
    MenteeStatus,
    MentorProfile,
    MentorStatus,
    Pair,
    PairStatus,
    StaffMember,
    TrainingSession,
)
from monitoring.models import CycleReport, Moment, ResponseStatus, SurveyKind, SurveyResponse
from programs import roadmap_progress as program_progress
from programs import seeding as program_seeding
from programs.models import Case, PlanRow, Program, ProgramAgreement, ProgramStatus, RowStatus
from programs.selectors import waiting_counts
from public import roadmap_progress as public_progress
from public.models import EventKind, FinalEvent, NewsItem, PublicFile
from public.selectors.cases import visible_cases
from roadmap import bank_progress, selectors, stages
from roadmap.models import NormativeDocument
from roadmap.start import start_steps

RUNNING = (ProgramStatus.APPROVED, ProgramStatus.IN_PROGRESS)
FINISHED = (ProgramStatus.COMPLETED, ProgramStatus.ENDED_EARLY)
WORKING = (MentorStatus.SELECTED, MentorStatus.TRAINED, MentorStatus.ACTIVE)


@pytest.fixture(scope="module")
def region(django_db_setup, django_db_blocker):
    """Two seeded kindergartens made varied, once for the module (undone after it)."""
    from mentoring.seeding import seed_region

    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            patch = pytest.MonkeyPatch()
            patch.setattr(program_seeding, "BIG_ORG_PROGRAMS", 150)  # years of history
            try:
                organizations = seed_region(orgs=2, staff_per_org=24, seed=5)
            finally:
                patch.undo()
            for organization in organizations:
                _vary(organization)
            yield [o.pk for o in organizations]
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


def _vary(organization: Organization) -> None:
    """What the seeding leaves uniform, made to differ: every figure has both kinds of rows."""
    today = timezone.localdate()
    cycle = selectors.current_cycle(organization)
    author = RoleAssignment.objects.filter(organization=organization, role=Role.CURATOR).first()
    user = author.user
    mentees = list(MenteeProfile.objects.filter(organization=organization).order_by("pk"))
    mentors = list(MentorProfile.objects.filter(organization=organization).order_by("pk"))
    # Consents withdrawn, personal data withdrawn, people who left or wait without a pair.
    for profile in (mentees[0], mentors[0]):
        Consent.objects.filter(staff=profile.staff_id, kind=ConsentKind.PERSONAL_DATA).update(
            withdrawn_at=timezone.now()
        )
    Consent.objects.filter(staff=mentors[1].staff_id, kind=ConsentKind.MENTOR_DUTIES).update(
        withdrawn_at=timezone.now()
    )
    StaffMember.objects.filter(pk=mentees[1].staff_id).update(
        personal_data_withdrawn_at=timezone.now()
    )
    MenteeProfile.objects.filter(pk=mentees[2].pk).update(status=MenteeStatus.LEFT)
    MenteeProfile.objects.filter(pk=mentees[3].pk).update(status=MenteeStatus.WITHOUT_PAIR)
    MentorProfile.objects.filter(pk=mentors[2].pk).update(status=MentorStatus.RELEASED)
    MentorProfile.objects.filter(pk=mentors[3].pk).update(status=MentorStatus.CANDIDATE)
    MentorProfile.objects.filter(pk=mentors[4].pk).update(motivation="")
    ChangeRequest.objects.filter(organization=organization).update(
        status=ChangeRequestStatus.PENDING
    )
    # Documents, and training sessions in the cycle and before it.
    NormativeDocument.objects.create(
        organization=organization,
        title="Положение",
        file_name="a.pdf",
        content=b"%PDF",
        uploaded_by=user,
    )
    for held_on in (cycle.starts_on - dt.timedelta(days=3), cycle.starts_on + dt.timedelta(days=9)):
        TrainingSession.objects.create(
            organization=organization, held_on=held_on, title="Установочная сессия"
        )
    # Plan events done in time, late, moved and cancelled, in running and finished programs.
    for n, row in enumerate(
        PlanRow.objects.filter(program__organization=organization).order_by("pk")[:60]
    ):
        status, done_on = [
            (RowStatus.DONE, row.deadline),
            (RowStatus.DONE, row.deadline + dt.timedelta(days=4)),
            (RowStatus.MOVED, None),
            (RowStatus.CANCELLED, None),
            (RowStatus.PLANNED, None),
        ][n % 5]
        PlanRow.objects.filter(pk=row.pk).update(
            status=status, done_on=done_on, deadline=today - dt.timedelta(days=n - 20)
        )
    # A running program that ended already, and a finished one with a published case.
    running = Program.objects.filter(organization=organization, status__in=RUNNING).first()
    if running is not None:
        Program.objects.filter(pk=running.pk).update(ends_on=today - dt.timedelta(days=1))
    Case.objects.filter(program__organization=organization).update(is_published=True)
    # Final answers: some not submitted; the report of the year has conclusions.
    first = (
        SurveyResponse.objects.filter(
            assignment__organization=organization, assignment__moment=Moment.AFTER
        )
        .order_by("pk")
        .first()
    )
    if first is not None:
        SurveyResponse.objects.filter(pk=first.pk).update(status=ResponseStatus.DRAFT)
    year = cycle.starts_on.year
    CycleReport.objects.create(organization=organization, year_start=year, conclusions="Выводы")
    # Publications in the stages' periods and outside the cycle.
    for offset in (0, 20, 45, 200, 400):
        published = timezone.make_aware(
            dt.datetime.combine(cycle.starts_on + dt.timedelta(days=offset), dt.time(23, 30))
        )
        news = NewsItem.objects.filter(organization=organization).first()
        if news is not None:
            news.pk = None
            news.published_at = published
            news.save()
    # A final event: one best practice still shown, one whose program is not finished.
    event = FinalEvent.objects.create(
        organization=organization,
        cycle=cycle,
        kind=EventKind.ROUND_TABLE,
        title="Итоги года",
        held_on=today,
    )
    cases = list(Case.objects.filter(program__organization=organization)[:2])
    if cases:
        event.best_cases.add(*cases)
        Program.objects.filter(pk=cases[-1].program_id).update(status=ProgramStatus.IN_PROGRESS)


def _consented(staff_id: int, kind: str) -> bool:
    return Consent.objects.filter(staff=staff_id, kind=kind, withdrawn_at__isnull=True).exists()


def _expected_banks(organization, cycle) -> tuple[dict, dict, dict]:
    """Stages 1–5's figures, counted one row at a time."""
    pairs = Pair.objects.filter(organization=organization)
    fixed_mentees = {
        staff.pk
        for pair in pairs.filter(status__in=(PairStatus.FIXED, PairStatus.ACTIVE))
        for staff in pair.mentees.all()
    }
    facts = {
        "has_curator": RoleAssignment.objects.filter(
            organization=organization, role=Role.CURATOR
        ).exists(),
        "documents": NormativeDocument.objects.filter(organization=organization).count(),
        "sessions": sum(
            cycle.starts_on <= s.held_on <= cycle.ends_on
            for s in TrainingSession.objects.filter(organization=organization)
        ),
        "open_pairs": sum(p.status != PairStatus.CLOSED for p in pairs),
    }
    mentees = [
        p
        for p in MenteeProfile.objects.filter(organization=organization).select_related("staff")
        if p.staff.personal_data_withdrawn_at is None and p.status != MenteeStatus.LEFT
    ]
    mentee_counts = {
        "total": len(mentees),
        "consented": sum(_consented(p.staff_id, ConsentKind.PERSONAL_DATA) for p in mentees),
        "fixed": sum(p.staff_id in fixed_mentees for p in mentees),
        "without": sum(p.status == MenteeStatus.WITHOUT_PAIR for p in mentees),
        "requests": sum(p.requests.count() for p in mentees),
    }
    mentors = [
        p
        for p in MentorProfile.objects.filter(organization=organization).select_related("staff")
        if p.staff.personal_data_withdrawn_at is None
        and p.status not in (MentorStatus.RELEASED, MentorStatus.LEFT)
    ]
    working = [p for p in mentors if p.status in WORKING]
    mentor_counts = {
        "total": len(mentors),
        "consented": sum(_consented(p.staff_id, ConsentKind.PERSONAL_DATA) for p in mentors),
        "filled": sum(bool(p.motivation) and bool(p.strengths) for p in mentors),
        "working": len(working),
        "trained": sum(p.status in (MentorStatus.TRAINED, MentorStatus.ACTIVE) for p in mentors),
        "active": sum(p.status == MentorStatus.ACTIVE for p in mentors),
        "working_duties": sum(_consented(p.staff_id, ConsentKind.MENTOR_DUTIES) for p in working),
    }
    return facts, mentee_counts, mentor_counts


def _expected_programs(organization, cycle) -> dict:
    """Stages 6–7's figures, counted one program and one plan event at a time."""
    today = timezone.localdate()
    programs = [
        p
        for p in Program.objects.filter(organization=organization)
        if cycle is None or (p.starts_on <= cycle.ends_on and p.ends_on >= cycle.starts_on)
    ]
    running = [p for p in programs if p.status in RUNNING]
    finished = [p for p in programs if p.status in FINISHED]
    approved = running + finished
    rows = [(p, r) for p in approved for r in p.rows.all()]
    due = [r for _, r in rows if r.deadline <= today]
    return {
        "by_status": dict(Counter(p.status for p in programs)),
        "running": len(running),
        "silent": sum(not p.meetings.exists() for p in running),
        "late_running": sum(p.ends_on < today for p in running),
        "finished": len(finished),
        "cases": sum(Case.objects.filter(program=p).exists() for p in finished),
        "published": sum(
            Case.objects.filter(program=p, is_published=True).exists() for p in finished
        ),
        "plan_due": len(due),
        "plan_on_time": sum(
            r.status == RowStatus.DONE and r.done_on is not None and r.done_on <= r.deadline
            for r in due
        ),
        "plan_overdue": sum(
            p.status in RUNNING
            and r.status in (RowStatus.PLANNED, RowStatus.MOVED)
            and r.deadline < today
            for p, r in rows
        ),
        "without_program": sum(
            not Program.objects.filter(pair=pair).exists()
            for pair in Pair.objects.filter(
                organization=organization, status__in=(PairStatus.FIXED, PairStatus.ACTIVE)
            )
        ),
    }


def _expected_answers(organization, cycle) -> tuple[int, int, int, int, bool]:
    start, end = (
        timezone.make_aware(dt.datetime.combine(day, dt.time.min))
        for day in (cycle.starts_on, cycle.ends_on + dt.timedelta(days=1))
    )
    answers = [
        r
        for r in SurveyResponse.objects.filter(assignment__organization=organization)
        .select_related("assignment__version__template")
        .order_by("pk")
        if r.assignment.moment == Moment.AFTER and start <= r.assignment.created_at < end
    ]
    satisfaction = [
        r
        for r in answers
        if r.assignment.version.template.kind
        in (SurveyKind.SATISFACTION_MENTEE, SurveyKind.SATISFACTION_MENTOR)
    ]
    submitted = ResponseStatus.SUBMITTED
    year = cycle.starts_on.year if cycle.starts_on.month >= 9 else cycle.starts_on.year - 1
    written = any(
        r.conclusions
        for r in CycleReport.objects.filter(organization=organization, year_start=year)
    )
    return (
        len(answers),
        sum(r.status == submitted for r in answers),
        len(satisfaction),
        sum(r.status == submitted for r in satisfaction),
        written,
    )


def _expected_published(organization, cycle) -> dict[int, int]:
    days = [
        timezone.localtime(item.published_at).date()
        for model in (NewsItem, PublicFile)
        for item in model.objects.filter(organization=organization, published_at__isnull=False)
    ]
    return {
        stage.number: sum(first <= day <= last for day in days)
        for stage in stages.STAGES
        for first, last in [public_progress.stage_window(stage, cycle)]
    }


def _organizations(region):
    return [Organization.objects.get(pk=pk) for pk in region]


def test_the_banks_figures_of_stages_one_to_five_are_their_definitions(region, db):
    for organization in _organizations(region):
        cycle = selectors.current_cycle(organization)
        facts, mentees, mentors = _expected_banks(organization, cycle)
        assert bank_progress.organization_facts(organization, cycle) == facts
        assert bank_progress._mentee_counts(organization, cycle) == mentees
        assert bank_progress._mentor_counts(organization, cycle) == mentors
        assert 0 < mentees["consented"] < mentees["total"]
        assert 0 < mentors["working_duties"] < mentors["working"]


def test_the_programs_figures_of_stages_six_and_seven_are_their_definitions(region, db):
    for organization in _organizations(region):
        for cycle in (selectors.current_cycle(organization), None):
            assert program_progress._counts(organization, cycle) == _expected_programs(
                organization, cycle
            )
    big = _expected_programs(_organizations(region)[0], None)
    assert big["plan_due"] > big["plan_on_time"] > 0 and big["plan_overdue"] > 0


def test_the_final_surveys_and_the_report_of_stage_seven_are_their_definitions(region, db):
    from monitoring import roadmap_progress as monitoring_progress

    for organization in _organizations(region):
        cycle = selectors.current_cycle(organization)
        asked, answered, sat_asked, sat_answered, written = _expected_answers(organization, cycle)
        survey, satisfaction, report = monitoring_progress.stage_completion(organization, cycle)
        assert survey == monitoring_progress._survey_check(survey.label, asked, answered)
        assert satisfaction == monitoring_progress._survey_check(
            satisfaction.label, sat_asked, sat_answered
        )
        assert report.done is written is True
        assert answered < asked


def test_what_the_site_published_in_each_stage_and_the_best_practices_are_their_definitions(
    region, db
):
    for organization in _organizations(region):
        cycle = selectors.current_cycle(organization)
        expected = _expected_published(organization, cycle)
        assert public_progress._published_by_stage(organization, cycle) == expected
        assert any(expected.values())
        event = FinalEvent.objects.get(organization=organization, cycle=cycle)
        shown = set(visible_cases(organization.pk).values_list("pk", flat=True))
        best = sum(case.pk in shown for case in event.best_cases.all())
        held, chosen = public_progress.final_event(organization, cycle)
        assert held.done and chosen.done is (best > 0)
        assert chosen.detail == (
            f"лучших практик: {best}" if best else "отметьте опубликованные кейсы как лучшие"
        )


def test_the_stage_figures_come_from_one_query_however_many_rows_there_are(
    region, db, django_assert_num_queries
):
    small, big = _organizations(region)[::-1]
    assert Program.objects.filter(organization=big).count() > 30 * max(
        1, Program.objects.filter(organization=small).count()
    )
    for organization in (small, big):
        cycle = selectors.current_cycle(organization)
        selectors.approved_version(cycle)
        # The figures, the latest orders of stage 1, the final event and its best practices,
        # the approved version of the roadmap: the same for a young and an old kindergarten.
        cache.bump(None)
        with django_assert_num_queries(5):
            progress = stages.roadmap_progress(organization, cycle)
        assert len(progress) == 7


def test_the_managers_home_counts_are_their_definitions(region, db):
    for organization in _organizations(region):
        own = {"organization": organization}
        mentees = MenteeProfile.objects.filter(
            **own, staff__personal_data_withdrawn_at__isnull=True
        )
        mentors = MentorProfile.objects.filter(
            **own, staff__personal_data_withdrawn_at__isnull=True
        )
        statuses = Counter(m.status for m in mentees)
        mentor_statuses = Counter(m.status for m in mentors)
        pairs = Counter(p.status for p in Pair.objects.filter(**own))
        assert counts_of(organization) == {
            "staff_active": StaffMember.objects.filter(**own, is_active=True).count(),
            "curator_named": RoleAssignment.objects.filter(**own, role=Role.CURATOR).exists(),
            "mentees_total": sum(statuses.values()) - statuses[MenteeStatus.LEFT],
            "mentees_searching": statuses[MenteeStatus.NEW] + statuses[MenteeStatus.WITHOUT_PAIR],
            "mentees_without": statuses[MenteeStatus.WITHOUT_PAIR],
            "mentors_total": sum(mentor_statuses.values()),
            "mentors_candidates": mentor_statuses[MentorStatus.CANDIDATE],
            "mentors_ready": mentor_statuses[MentorStatus.SELECTED]
            + mentor_statuses[MentorStatus.TRAINED],
            "pairs_proposed": pairs[PairStatus.PROPOSED],
            "pairs_agreed": pairs[PairStatus.AGREED],
            "requests_pending": ChangeRequest.objects.filter(
                **own, status=ChangeRequestStatus.PENDING
            ).count(),
        }


def test_the_start_checklist_counts_are_their_definitions(region, db):
    for organization in _organizations(region):
        own = {"organization": organization}
        directors = set(
            RoleAssignment.objects.filter(**own, role=Role.DIRECTOR).values_list("user", flat=True)
        )
        staff = [
            s
            for s in StaffMember.objects.employees().filter(**own)
            if s.is_active and s.anonymized_at is None
        ]
        imported = sum(s.user_id is None or s.user_id not in directors for s in staff)
        without_login = sum(s.user_id is None for s in staff)
        steps = {step.label: step for step in start_steps(organization)}
        assert steps["Загружен штатный список"].detail == f"сотрудников: {imported}"
        assert steps["Выданы учётные записи"].done is (imported > 0 and without_login == 0)
        assert steps["Назначен куратор"].done
        assert (
            steps["Пары закреплены приказом"].done
            is Pair.objects.filter(
                **own, status__in=(PairStatus.FIXED, PairStatus.ACTIVE, PairStatus.CLOSED)
            ).exists()
        )
        assert steps["Сформированы банки наставляемых и наставников"].done


def test_a_participants_waiting_programs_are_their_definitions(region, db):
    today = timezone.localdate()
    for user in User.objects.filter(username__contains="-mentor-").order_by("pk")[:6]:
        organization = RoleAssignment.objects.get(user=user).organization
        staff = user.staff_records.get(organization=organization)
        programs = [
            p
            for p in Program.objects.filter(organization=organization)
            if staff in p.pair.mentors.all() or staff in p.pair.mentees.all()
        ]
        agreed = {(a.program_id, a.revision) for a in ProgramAgreement.objects.filter(staff=staff)}
        counts = waiting_counts(user=user, organization=organization, roles=frozenset())
        assert counts["overdue"] == sum(
            r.status in (RowStatus.PLANNED, RowStatus.MOVED) and r.deadline < today
            for p in programs
            if p.status in RUNNING
            for r in p.rows.all()
        )
        assert counts["to_agree"] == sum(
            p.status == ProgramStatus.DRAFT and (p.pk, p.revision) not in agreed for p in programs
        )


def _add_history(organization, years: int = 3, per_year: int = 10) -> None:
    """Past years' work of the first mentor and mentee: closed pairs, completed programs with
    their plan events, consents to the duties in each pair."""

    today = timezone.localdate()
    mentor = StaffMember.objects.get(user__username=f"{organization.slug}-mentor-1")
    mentee = StaffMember.objects.get(user__username=f"{organization.slug}-mentee-1")
    recorder = User.objects.get(username=f"{organization.slug}-curator-1")
    for year in range(1, years + 1):
        for n in range(per_year):
            starts_on = today - dt.timedelta(days=365 * year + 20 * n)
            pair = Pair.objects.create(
                organization=organization,
                status=PairStatus.CLOSED,
                year_start=starts_on.year,
                role_model="«новичок – мастер»",
            )
            pair.mentors.add(mentor)
            pair.mentees.add(mentee)
            Consent.objects.create(
                organization=organization,
                staff=mentor,
                kind=ConsentKind.PAIR_DUTIES,
                pair=pair,
                text_version="2026-1",
                text="Согласие",
                given_at=timezone.now(),
                recorded_by=recorder,
            )
            program = Program.objects.create(
                organization=organization,
                pair=pair,
                year_start=starts_on.year,
                title="Программа прошлых лет",
                starts_on=starts_on,
                ends_on=starts_on + dt.timedelta(days=180),
                status=ProgramStatus.COMPLETED,
            )
            PlanRow.objects.bulk_create(
                PlanRow(
                    program=program,
                    position=k + 1,
                    direction="methods",
                    event=f"Мероприятие {k + 1}",
                    event_form="Открытое занятие",
                    deadline=starts_on + dt.timedelta(days=20 * (k + 1)),
                    expected_result="Освоено",
                    status=RowStatus.DONE,
                    done_on=starts_on + dt.timedelta(days=20 * (k + 1)),
                )
                for k in range(6)
            )


ROLES = ("director", "curator", "mentor", "mentee", "council", "admin")


def _cold_home_queries(organization) -> dict[str, int]:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    counted = {}
    for role in ROLES:
        client = Client()
        client.force_login(User.objects.get(username=f"{organization.slug}-{role}-1"))
        client.get(reverse("home"))
        cache.bump(None)  # right after a write: every card built again
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("home")).status_code == 200
        counted[role] = len(queries)
    return counted


def test_the_home_page_asks_as_many_queries_after_years_of_history(region, db):
    young = _organizations(region)[1]
    before = _cold_home_queries(young)
    _add_history(young)
    assert Program.objects.filter(organization=young).count() > 30
    assert _cold_home_queries(young) == before


def test_the_roadmap_page_asks_as_many_queries_after_years_of_history(region, db):
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    young = _organizations(region)[1]
    client = Client()
    client.force_login(User.objects.get(username=f"{young.slug}-curator-1"))

    def cold() -> int:
        client.get(reverse("roadmap:roadmap-detail"))
        cache.bump(None)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("roadmap:roadmap-detail")).status_code == 200
        return len(queries)

    before = cold()
    _add_history(young)
    assert cold() == before
