"""The list of pairs and the bank of mentors keep their rendered rows until what they show
changes, and show at once what a write changed.

These tests commit for real (``transaction=True``, as ``tests/core/test_cache.py`` explains):
inside the usual test transaction nothing is ever kept.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from mentoring import services
from mentoring.models import MentorStatus, PairStatus, StaffMember
from tests.mentoring import factories as f
from tests.reads import served_again

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_pairs_list_served_again_reads_no_people(org, client_for):
    mentor = f.mentor(org, last_name="Белова")
    f.pair(org, [mentor.staff], [f.staff(org, last_name="Синицына")])
    page, read = served_again(client_for("curator"), reverse("mentoring:pair-list"))
    assert "Белова" in page and "Синицына" in page
    assert not [sql for sql in read if '"mentoring_staffmember"' in sql], read


def test_the_pairs_list_shows_at_once_a_renamed_person_and_a_new_status(org, client_for, users):
    client = client_for("curator")
    url = reverse("mentoring:pair-list")
    mentee = f.staff(org, last_name="Синицына")
    pair = f.pair(org, [f.mentor(org, last_name="Белова").staff], [mentee])
    assert "Синицына" in client.get(url).content.decode()
    StaffMember.objects.filter(pk=mentee.pk).update(last_name="Журавлёва")
    page = client.get(url).content.decode()
    assert "Журавлёва" in page and "Синицына" not in page
    services.pair_transition(pair=pair, target=PairStatus.CLOSED, actor=users["curator"])
    closed = client.get(url + "?status=closed").content.decode()
    assert "Журавлёва" in closed
    assert "Журавлёва" not in client.get(url + "?status=fixed").content.decode()


def test_the_pairs_list_pages_and_its_empty_filter_say_so(org, client_for):
    for i in range(27):
        f.pair(org, [f.mentor(org).staff], [f.staff(org, last_name=f"Наставляемая{i:02d}")])
    client = client_for("curator")
    first = client.get(reverse("mentoring:pair-list")).content.decode()
    second = client.get(reverse("mentoring:pair-list") + "?page=2").content.decode()
    assert "Страница 1 из 2" in first and "Страница 2 из 2" in second
    assert first.count("<tr>") == 26 and second.count("<tr>") == 3  # with the heading row
    empty = client.get(reverse("mentoring:pair-list") + "?status=closed").content.decode()
    assert "Пар пока нет" in empty


def test_the_mentor_bank_served_again_reads_no_profiles_and_a_status_shows_at_once(org, client_for):
    profile = f.mentor(org, last_name="Белова", status=MentorStatus.CANDIDATE)
    client = client_for("curator")
    url = reverse("mentoring:mentor-list")
    page, read = served_again(client, url)
    assert "Белова" in page and 'form="mentor-status-form"' in page
    assert not [sql for sql in read if '"mentoring_mentorprofile"."capacity"' in sql], read
    response = client.post(
        reverse("mentoring:mentor-status", args=[profile.pk]),
        {"status": MentorStatus.SELECTED, "next": url},
    )
    assert response.status_code == 302
    assert "Отобран" in client.get(url).content.decode()


def test_the_mentor_bank_shows_no_status_buttons_to_who_may_not_change_them(org, client_for):
    f.mentor(org, last_name="Белова", status=MentorStatus.CANDIDATE)
    client_for("curator").get(reverse("mentoring:mentor-list"))  # kept with the buttons
    page = client_for("director").get(reverse("mentoring:mentor-list")).content.decode()
    assert "Белова" in page and "mentor-status-form" not in page


def test_the_bank_offers_trained_only_after_a_training_session_and_links_to_them(org, client_for):
    from mentoring.models import TrainingSession

    profile = f.mentor(org, last_name="Орлова", status=MentorStatus.SELECTED)
    client = client_for("curator")
    url = reverse("mentoring:mentor-list")
    page = client.get(url).content.decode()
    assert 'name="status" value="trained"' not in page and "Отметить обучение" in page
    session = TrainingSession.objects.create(organization=org, title="Сессия", held_on="2026-10-01")
    session.attendees.add(profile)
    page = client.get(url).content.decode()
    assert 'name="status" value="trained"' in page and "Отметить обучение" not in page
    assert "сессий: 1" in page
