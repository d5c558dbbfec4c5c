"""Found by the stateful test: a withdrawal inside a fixed pair closes the pair at once."""

import datetime as dt

from django.utils import timezone

from core.invariants import find_violations
from core.models import Role
from mentoring.consents import consent_withdraw
from mentoring.models import Consent, ConsentKind, Pair, PairStatus
from mentoring.seeding_pairs import PairPlan, seed_pairs
from tests.factories import member


def test_withdrawing_a_mentees_personal_data_consent_keeps_every_invariant(org):
    mentor, mentee = (member(org, role).staff_records.get() for role in (Role.MENTOR, Role.MENTEE))
    fixed_at = timezone.now() - dt.timedelta(days=3)
    seed_pairs([PairPlan(org, mentor, mentee, PairStatus.FIXED, fixed_at=fixed_at)])
    assert find_violations() == []
    consent = Consent.objects.get(staff=mentee, kind=ConsentKind.PERSONAL_DATA)
    consent_withdraw(consent=consent, by=member(org, Role.CURATOR))
    assert find_violations() == []
    assert Pair.objects.get(mentees=mentee).status == PairStatus.CLOSED
