"""A withdrawal takes the person out of the lists a curator or a survey uses, at once."""

import pytest
from django.urls import reverse

from mentoring.consents import consent_give, consent_withdraw
from mentoring.models import ConsentKind
from monitoring import selectors
from monitoring.models import SurveyKind
from tests.monitoring.factories import assign, pair, staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def group(org, users):
    people = [staff(org, last_name=f"Уходящая{i}") for i in range(3)]
    made = pair(org, mentors=[users["mentor"].staff_records.get()], mentees=people)
    return made, people


def _withdraw(person, by):
    consent = consent_give(staff=person, kind=ConsentKind.PERSONAL_DATA, recorded_by=by)
    consent_withdraw(consent=consent, by=by)


def test_a_withdrawn_person_is_not_surveyed(org, users, group):
    the_group, people = group
    _withdraw(people[0], users["curator"])
    assignment = assign(
        org, SurveyKind.SATISFACTION_MENTEE, pairs=[the_group], author=users["curator"]
    )
    assert set(assignment.responses.values_list("staff_id", flat=True)) == {
        people[1].pk,
        people[2].pk,
    }


def test_the_assignment_page_stops_listing_a_person_who_withdraws(org, users, group, client_for):
    the_group, people = group
    assignment = assign(
        org, SurveyKind.SATISFACTION_MENTEE, pairs=[the_group], author=users["curator"]
    )
    _withdraw(people[0], users["curator"])
    listed = {r.staff_id for r in selectors.assignment_responses(assignment=assignment)}
    assert people[0].pk not in listed
    page = client_for("curator").get(reverse("monitoring:assignment-detail", args=[assignment.pk]))
    assert page.status_code == 200
    assert "Уходящая0" not in page.content.decode()
    assert "Уходящая1" in page.content.decode()


def test_pair_labels_and_mentor_choices_leave_out_a_withdrawn_person(org, users, group):
    the_group, people = group
    _withdraw(people[0], users["curator"])
    the_pair = selectors.pairs_with_people(organization=org).get(pk=the_group.pk)
    label = selectors.pair_label(the_pair)
    assert "Уходящая0" not in label and "Уходящая1" in label
    mentor = users["mentor"].staff_records.get()
    _withdraw(mentor, users["curator"])
    assert mentor not in selectors.mentors(organization=org)
