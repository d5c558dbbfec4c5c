"""The program page keeps what it shows about the program until any of it changes.

These tests commit for real (``transaction=True``, as ``tests/core/test_cache.py`` explains):
inside the usual test transaction nothing is ever kept.
"""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core.models import Role
from mentoring.models import StaffMember
from programs.models import ProgramStatus
from tests.factories import member
from tests.programs.factories import fixed_pair, make_program, other_pair

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def running(org, users):
    pair = fixed_pair(org, users["mentor"], users["mentee"])
    return make_program(pair, status=ProgramStatus.IN_PROGRESS)


def test_the_page_served_again_reads_nothing_of_the_program(running, client_for):
    client = client_for("mentor")
    url = running.get_absolute_url()
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        page = client.get(url).content.decode()
    assert "Мероприятие 1: посещение занятия наставника" in page
    read = [q["sql"] for q in captured.captured_queries]
    assert not [sql for sql in read if '"programs_' in sql or '"roadmap_' in sql], read
    # The session, the user, her roles and the history of the program (never kept).
    assert len(read) == 4


def test_the_page_shows_at_once_what_a_write_changed(running, client_for, users):
    client = client_for("mentor")
    url = running.get_absolute_url()
    client.get(url)
    response = client.post(
        reverse("programs:meeting-add", args=[running.pk]),
        {
            "held_on": running.starts_on.isoformat(),
            "duration_minutes": 45,
            "format": "offline",
            "topic": "Разбор открытого занятия",
        },
    )
    assert response.status_code == 302
    page = client.get(url).content.decode()
    assert "Разбор открытого занятия" in page
    assert "встреч: 1" in page
    mentee = StaffMember.objects.get(user=users["mentee"])
    mentee.last_name = "Журавлёва"
    mentee.save()
    assert "Журавлёва" in client.get(url).content.decode()


def test_a_kept_page_is_not_shown_to_who_may_not_see_the_program(
    running, org, other_org, client_for
):
    assert client_for("curator").get(running.get_absolute_url()).status_code == 200
    _, other_mentor, _ = other_pair(org)
    stranger = member(other_org, Role.CURATOR, username="stranger-curator")
    for user in (other_mentor, stranger):
        client = client_for("anonymous")
        client.force_login(user)
        assert client.get(running.get_absolute_url()).status_code == 404
