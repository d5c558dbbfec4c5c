"""Letters and commands that depend on a year say which."""

import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from core.models import NotificationKind, OutgoingEmail
from core.notifications import notify
from monitoring.periods import current_year
from roadmap.new_year import open_next_year

pytestmark = pytest.mark.django_db


def _this_year() -> int:
    today = timezone.localdate()
    return today.year if today.month >= 9 else today.year - 1


def _letter(org, user, kind):
    notify(
        users=[user],
        kind=kind,
        organization=org,
        context={"title": "Посещение занятия", "program": "Первый год", "deadline": None},
    )
    return OutgoingEmail.objects.filter(recipient=user, kind=kind).latest("pk")


def test_a_letter_about_the_years_work_names_the_current_year(org, users):
    start = _this_year()
    letter = _letter(org, users["mentor"], NotificationKind.PLAN_DEADLINE)
    assert f"{start}/{start + 1} учебный год" in letter.body_text
    assert f"{start}/{start + 1} учебный год" in letter.body_html
    open_next_year(organization=org, actor=users["curator"])
    OutgoingEmail.objects.all().delete()
    letter = _letter(org, users["mentor"], NotificationKind.PLAN_DEADLINE)
    assert f"{start + 1}/{start + 2} учебный год" in letter.body_text


def test_a_letter_about_no_year_names_none(org, users):
    letter = _letter(org, users["director"], NotificationKind.ORDER_SENT)
    assert "учебный год" not in letter.body_text


def test_the_refresh_command_says_which_years(org):
    out = io.StringIO()
    call_command("refresh_region_summaries", "--years", "2", stdout=out)
    now = current_year().start_year
    assert f"({now - 1}/{now}, {now}/{now + 1} учебные годы)." in out.getvalue()
    out = io.StringIO()
    call_command("send_survey_reminders", stdout=out)
    assert current_year().label in out.getvalue()
