"""Stalled pairs on hand-built dates: no meeting and no plan activity for more than 21 days."""

import datetime as dt

import pytest
from django.utils import timezone

from mentoring.models import PairStatus
from programs.models import Meeting, PlanRow, ProgramStatus, RowStatus
from region.selectors import overdue_rows, stalled_pairs
from tests.monitoring.factories import pair, staff

TODAY = dt.date(2026, 11, 30)


def _at(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(12)))


def _pair(org, *, created: dt.date, status=PairStatus.ACTIVE):
    made = pair(org, mentors=[staff(org)], mentees=[staff(org, years=1)], status=status)
    type(made).objects.filter(pk=made.pk).update(created_at=_at(created), fixed_at=None)
    return made


def _program(made, *, started: dt.date):
    from programs.models import Program

    program = Program.objects.create(
        organization=made.organization,
        pair=made,
        title="Программа",
        starts_on=started,
        ends_on=started + dt.timedelta(days=270),
        status=ProgramStatus.IN_PROGRESS,
        started_at=_at(started),
    )
    return program


def _row(program, *, deadline: dt.date, changed: dt.date, status=RowStatus.PLANNED):
    row = PlanRow.objects.create(
        program=program, direction="methods", event="Открытое занятие", deadline=deadline
    )
    PlanRow.objects.filter(pk=row.pk).update(updated_at=_at(changed), status=status)
    return row


def _stalled(org):
    return set(stalled_pairs(TODAY).filter(organization=org).values_list("pk", flat=True))


@pytest.mark.django_db
def test_pair_last_active_22_days_ago_is_stalled_and_21_days_ago_is_not(org):
    old = _pair(org, created=TODAY - dt.timedelta(days=22))
    recent = _pair(org, created=TODAY - dt.timedelta(days=21))
    assert _stalled(org) == {old.pk}
    assert recent.pk not in _stalled(org)


@pytest.mark.django_db
def test_a_meeting_20_days_ago_keeps_a_pair_off_the_list(org):
    made = _pair(org, created=TODAY - dt.timedelta(days=90))
    program = _program(made, started=TODAY - dt.timedelta(days=80))
    Meeting.objects.create(program=program, held_on=TODAY - dt.timedelta(days=20), topic="Встреча")
    assert _stalled(org) == set()


@pytest.mark.django_db
def test_a_meeting_planned_for_next_week_does_not_count_as_activity(org):
    made = _pair(org, created=TODAY - dt.timedelta(days=90))
    program = _program(made, started=TODAY - dt.timedelta(days=80))
    Meeting.objects.create(program=program, held_on=TODAY + dt.timedelta(days=7), topic="Встреча")
    assert _stalled(org) == {made.pk}


@pytest.mark.django_db
def test_a_plan_row_changed_10_days_ago_counts_as_activity(org):
    made = _pair(org, created=TODAY - dt.timedelta(days=90))
    program = _program(made, started=TODAY - dt.timedelta(days=80))
    Meeting.objects.create(program=program, held_on=TODAY - dt.timedelta(days=60), topic="Встреча")
    _row(program, deadline=TODAY, changed=TODAY - dt.timedelta(days=10), status=RowStatus.DONE)
    assert _stalled(org) == set()


@pytest.mark.django_db
def test_old_meetings_and_old_plan_changes_leave_the_pair_stalled(org):
    made = _pair(org, created=TODAY - dt.timedelta(days=90))
    program = _program(made, started=TODAY - dt.timedelta(days=80))
    Meeting.objects.create(program=program, held_on=TODAY - dt.timedelta(days=30), topic="Встреча")
    _row(program, deadline=TODAY, changed=TODAY - dt.timedelta(days=40))
    assert _stalled(org) == {made.pk}


@pytest.mark.django_db
def test_a_program_started_a_week_ago_is_fresh_activity(org):
    made = _pair(org, created=TODAY - dt.timedelta(days=90))
    _program(made, started=TODAY - dt.timedelta(days=7))
    assert _stalled(org) == set()


@pytest.mark.django_db
def test_closed_and_proposed_pairs_are_never_stalled(org):
    _pair(org, created=TODAY - dt.timedelta(days=90), status=PairStatus.CLOSED)
    _pair(org, created=TODAY - dt.timedelta(days=90), status=PairStatus.PROPOSED)
    assert _stalled(org) == set()


@pytest.mark.django_db
def test_overdue_events_are_pending_rows_past_their_deadline_in_running_programs(org):
    made = _pair(org, created=TODAY - dt.timedelta(days=90))
    program = _program(made, started=TODAY - dt.timedelta(days=80))
    late = _row(program, deadline=TODAY - dt.timedelta(days=1), changed=TODAY)
    _row(program, deadline=TODAY - dt.timedelta(days=1), changed=TODAY, status=RowStatus.DONE)
    _row(program, deadline=TODAY, changed=TODAY)
    assert list(overdue_rows(TODAY).values_list("pk", flat=True)) == [late.pk]
