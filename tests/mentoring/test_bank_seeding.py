"""The region seed fills banks, consents and pairs, and is safe to rerun."""

import pytest

from mentoring.models import Consent, MenteeProfile, MenteeRequest, MentorProfile
from mentoring.seeding import seed_demo, seed_region

pytestmark = pytest.mark.django_db


def test_the_region_seed_fills_the_banks_once():
    organizations = seed_region(orgs=2, staff_per_org=30, seed=3)
    counts = (MenteeProfile.objects.count(), MentorProfile.objects.count())
    assert counts[0] > 0 and counts[1] > 0
    assert MenteeRequest.objects.count() >= counts[0]
    assert Consent.objects.exists()
    import random

    from mentoring.seeding_banks import seed_organizations

    seed_organizations(organizations, random.Random(1))
    assert (MenteeProfile.objects.count(), MentorProfile.objects.count()) == counts


def test_the_demo_mentee_and_mentor_are_in_the_banks():
    seed_demo()
    seed_demo()
    assert MenteeProfile.objects.filter(staff__user__username="mentee").count() == 1
    assert MentorProfile.objects.filter(staff__user__username="mentor").count() == 1
