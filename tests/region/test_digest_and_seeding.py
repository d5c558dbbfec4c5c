"""The weekly digest, and the demo's municipality with its coordinator login."""

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from core.models import MunicipalCoordinator, Organization
from mentoring.models import PairStatus
from region.digest import SUBJECT_COORDINATOR, SUBJECT_CURATOR
from region.summaries import summary_refresh
from tests.monitoring.factories import pair, staff


def test_curator_gets_her_stalled_pairs_and_the_coordinator_the_list_per_doo(
    org, users, coordinator, mailoutbox
):
    stalled = pair(org, mentors=[staff(org, last_name="Старова")], mentees=[staff(org, years=1)])
    old = timezone.now() - dt.timedelta(days=40)
    type(stalled).objects.filter(pk=stalled.pk).update(created_at=old)
    summary_refresh(organization=org)
    call_command("send_weekly_digest", stdout=io.StringIO())
    letters = {m.subject: m for m in mailoutbox}
    curator = letters[SUBJECT_CURATOR]
    assert curator.to == [users["curator"].email]
    assert "Старова" in curator.body
    coordinator_letter = letters[SUBJECT_COORDINATOR]
    assert coordinator_letter.to == [coordinator.email]
    assert "МБДОУ «Детский сад №20»: этап" in coordinator_letter.body
    assert "пар без движения 1" in coordinator_letter.body
    assert "Старова" not in coordinator_letter.body


def test_curator_with_nothing_late_gets_no_letter(org, users, mailoutbox):
    pair(org, mentors=[staff(org)], mentees=[staff(org, years=1)], status=PairStatus.ACTIVE)
    call_command("send_weekly_digest", stdout=io.StringIO())
    assert mailoutbox == []


@pytest.mark.django_db
def test_seed_demo_puts_the_demo_in_a_municipality_with_the_municipal_login():
    call_command("seed_demo", stdout=io.StringIO())
    organization = Organization.objects.get(slug="ds20")
    coordinator = MunicipalCoordinator.objects.get(user__username="municipal")
    assert coordinator.municipality == organization.municipality
    client = Client()
    response = client.post(
        "/accounts/login/", {"username": "municipal", "password": "municipal-2026"}
    )
    assert response.status_code == 302  # the login form as a person uses it
    page = client.get(f"/region/{coordinator.municipality.slug}/").content.decode()
    assert "МБДОУ «Детский сад №20»" in page
