"""Pages show the buttons the named predicates allow, not what a role string says."""

import pytest
from django.urls import reverse

from mentoring.models import TrainingSession
from mentoring.rules import can_decide_requests, can_keep_banks, can_keep_staff_list
from tests.mentoring import factories as f

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("persona", "url_name", "button", "shown"),
    [
        ("curator", "mentoring:staff-list", "Добавить сотрудника", True),
        ("admin", "mentoring:staff-list", "Добавить сотрудника", True),
        ("director", "mentoring:staff-list", "Добавить сотрудника", False),
        ("curator", "mentoring:pair-list", "Сформировать вручную", True),
        ("council", "mentoring:pair-list", "Сформировать вручную", False),
        ("curator", "mentoring:training-list", "Новая сессия", True),
        ("director", "mentoring:training-list", "Новая сессия", False),
        ("curator", "mentoring:mentor-list", "Подготовить приказ о назначении наставников", True),
        ("council", "mentoring:mentor-list", "Подготовить приказ о назначении наставников", False),
    ],
)
def test_a_list_page_offers_the_action_only_to_whom_the_rule_allows(
    persona, url_name, button, shown, client_for
):
    content = client_for(persona).get(reverse(url_name)).content.decode()
    assert (button in content) is shown


@pytest.mark.parametrize(
    ("persona", "edit", "bank_links"),
    [("curator", True, True), ("admin", True, False), ("director", False, False)],
)
def test_the_staff_card_offers_editing_and_bank_entries_by_the_rules(
    persona, edit, bank_links, client_for, org
):
    person = f.staff(org)
    content = client_for(persona).get(person.get_absolute_url()).content.decode()
    assert (reverse("mentoring:staff-edit", args=[person.pk]) in content) is edit
    assert (reverse("mentoring:mentor-edit", args=[person.pk]) in content) is bank_links


def test_the_curator_marks_attendance_and_the_council_only_sees_it(client_for, org):
    session = TrainingSession.objects.create(organization=org, title="Сессия", held_on="2026-10-01")
    url = reverse("mentoring:training-detail", args=[session.pk])
    assert "Сохранить присутствие" in client_for("curator").get(url).content.decode()
    council = client_for("council")
    assert "Сохранить присутствие" not in council.get(url).content.decode()
    assert council.post(url, {"attendees": []}).status_code == 403


@pytest.mark.parametrize(
    ("persona", "banks", "staff_list", "requests"),
    [
        ("curator", True, True, True),
        ("admin", False, True, False),
        ("director", False, False, True),
        ("council", False, False, False),
        ("mentor", False, False, False),
        ("outsider", False, False, False),
    ],
)
def test_organization_rules_follow_the_roles_in_that_organization(
    persona, banks, staff_list, requests, users, org
):
    user = users[persona]
    assert can_keep_banks(user, org) is banks
    assert can_keep_staff_list(user, org) is staff_list
    assert can_decide_requests(user, org) is requests


def test_organization_rules_refuse_outside_an_organization(users):
    assert can_keep_banks(users["curator"], None) is False
