"""Letters about surveys: assigned (each respondent, their own link), and the deadline near."""

import datetime as dt

import pytest
from django.core import mail
from django.db import transaction
from django.utils import timezone

from core.models import NotificationKind, OutgoingEmail
from core.tasks import deadline_reminders
from mentoring.models import PairStatus
from monitoring.models import SurveyKind, SurveyResponse
from tests.monitoring.factories import assign, pair

pytestmark = pytest.mark.django_db
SITE = "https://nastavnik.example.ru"


@pytest.fixture(autouse=True)
def site(settings):
    settings.SITE_URL = SITE
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


@pytest.fixture
def the_pair(org, users):
    return pair(
        org,
        mentors=[users["mentor"].staff_records.get()],
        mentees=[users["mentee"].staff_records.get()],
        status=PairStatus.ACTIVE,
    )


def test_each_respondent_gets_a_letter_with_the_link_to_their_own_survey(
    org, users, the_pair, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        survey = assign(
            org, SurveyKind.SATISFACTION_MENTEE, pairs=[the_pair], author=users["curator"]
        )
    response = SurveyResponse.objects.get(assignment=survey)
    assert [m.to for m in mail.outbox] == [[users["mentee"].email]]
    letter = mail.outbox[0]
    assert letter.subject.startswith("Анкета мониторинга: ")
    assert f"{SITE}/monitoring/responses/{response.pk}/" in letter.body
    assert f"{survey.deadline:%d.%m.%Y}" in letter.body


def test_an_assignment_rolled_back_sends_nothing(
    org, users, the_pair, django_capture_on_commit_callbacks
):
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        assign(org, SurveyKind.SATISFACTION_MENTEE, pairs=[the_pair], author=users["curator"])
        raise RuntimeError("failed")
    assert mail.outbox == []
    assert not OutgoingEmail.objects.exists()


def test_the_daily_job_reminds_only_of_surveys_due_within_three_days(
    org, users, the_pair, django_capture_on_commit_callbacks
):
    soon = timezone.localdate() + dt.timedelta(days=3)
    assign(org, SurveyKind.SATISFACTION_MENTEE, pairs=[the_pair], author=users["curator"])
    assign(
        org,
        SurveyKind.SATISFACTION_MENTOR,
        pairs=[the_pair],
        author=users["curator"],
        deadline=soon,
    )
    with django_capture_on_commit_callbacks(execute=True):
        queued = deadline_reminders()  # the daily job runs every app's reminders.py
    assert queued == 1
    reminders = OutgoingEmail.objects.filter(kind=NotificationKind.SURVEY_DEADLINE)
    assert [e.to_email for e in reminders] == [users["mentor"].email]
    letter = next(
        m for m in mail.outbox if m.to == [users["mentor"].email] and "Напомин" in m.subject
    )
    assert f"до {soon:%d.%m.%Y} включительно" in letter.body
