"""Letters at the hand-offs of programs: agreed, a change proposed and agreed, deadlines near."""

import datetime as dt

import pytest
from django.core import mail
from django.db import transaction

from core.models import NotificationKind, NotificationPreference, OutgoingEmail
from core.tasks import deadline_reminders
from programs import services
from programs.models import ChangeKind, PlanRow, ProgramStatus, RowStatus
from tests.programs.factories import make_program, today

pytestmark = pytest.mark.django_db
SITE = "https://nastavnik.example.ru"


@pytest.fixture(autouse=True)
def site(settings):
    settings.SITE_URL = SITE
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


@pytest.fixture
def running(pair):
    return make_program(pair, status=ProgramStatus.IN_PROGRESS)


def _to():
    return sorted(m.to[0] for m in mail.outbox)


def test_an_agreed_program_is_announced_to_the_curator(
    program, users, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.program_agree(program=program, user=users["mentor"])
        assert mail.outbox == []  # one agreement is not enough
        services.program_agree(program=program, user=users["mentee"])
    assert _to() == [users["curator"].email]
    letter = mail.outbox[0]
    assert letter.subject.startswith("Программа наставничества согласована: ")
    assert f"{SITE}/programs/{program.pk}/" in letter.body


def test_an_agreement_rolled_back_sends_nothing(program, users, django_capture_on_commit_callbacks):
    services.program_agree(program=program, user=users["mentor"])
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        services.program_agree(program=program, user=users["mentee"])
        raise RuntimeError("failed")
    assert mail.outbox == []
    assert not OutgoingEmail.objects.exists()


def _propose(running, users, who="mentor"):
    return services.change_propose(
        program=running,
        user=users[who],
        kind=ChangeKind.EXTEND,
        reason="Наставляемая была на больничном.",
        new_ends_on=running.ends_on + dt.timedelta(days=60),
    )


def test_a_proposed_change_goes_to_the_other_participant_and_then_to_the_curator(
    running, users, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        change = _propose(running, users, who="mentor")
    assert _to() == [users["mentee"].email]
    letter = mail.outbox[0]
    assert "Продление срока. Наставляемая была на больничном." in letter.body
    assert users["mentor"].full_name in letter.body
    assert f"{SITE}/programs/{running.pk}/" in letter.body
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.change_agree(change=change, user=users["mentee"])
    assert _to() == [users["curator"].email]


def test_a_change_proposed_by_the_mentee_goes_to_the_mentor(
    running, users, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _propose(running, users, who="mentee")
    assert _to() == [users["mentor"].email]


def test_a_change_rolled_back_sends_nothing(running, users, django_capture_on_commit_callbacks):
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        _propose(running, users)
        raise RuntimeError("failed")
    assert mail.outbox == []


def _due(running, days):
    row = running.rows.order_by("position").first()
    row.deadline = today() + dt.timedelta(days=days)
    row.save()
    return row


def test_plan_rows_due_in_three_days_remind_both_participants_once_a_day(
    running, users, django_capture_on_commit_callbacks
):
    row = _due(running, 3)
    with django_capture_on_commit_callbacks(execute=True):
        assert deadline_reminders() == 2
        assert deadline_reminders() == 0  # a second run the same day
    assert _to() == sorted([users["mentor"].email, users["mentee"].email])
    letter = mail.outbox[0]
    assert letter.subject == f"Через три дня срок: {row.event}"
    assert f"{row.deadline:%d.%m.%Y}" in letter.body
    assert f"{SITE}/programs/{running.pk}/" in letter.body
    tomorrow = (today() + dt.timedelta(days=1)).isoformat()
    row.deadline = today() + dt.timedelta(days=4)
    row.save()
    assert deadline_reminders(tomorrow) == 2  # the next day is a new reminder


def test_rows_due_on_other_days_done_or_of_a_draft_remind_nobody(org, pair, users):
    from tests.programs.factories import other_pair

    running = make_program(pair, status=ProgramStatus.IN_PROGRESS)
    rows = list(running.rows.order_by("position"))
    rows[0].deadline = today() + dt.timedelta(days=2)
    rows[1].deadline, rows[1].status = today() + dt.timedelta(days=3), RowStatus.DONE
    PlanRow.objects.bulk_update(rows, ["deadline", "status"])
    draft = make_program(other_pair(org)[0])
    _due(draft, 3)
    assert deadline_reminders() == 0


def test_a_participant_who_turned_deadline_letters_off_gets_none(
    running, users, django_capture_on_commit_callbacks
):
    NotificationPreference.objects.create(
        user=users["mentee"], kind=NotificationKind.PLAN_DEADLINE, enabled=False
    )
    _due(running, 3)
    with django_capture_on_commit_callbacks(execute=True):
        deadline_reminders()
    assert _to() == [users["mentor"].email]
