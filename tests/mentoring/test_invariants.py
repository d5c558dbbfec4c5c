"""The domain's invariants, checked over hand-built data, and the command that prints them."""

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from core.invariants import find_violations
from core.models import Organization
from mentoring.models import ConsentKind, MenteeStatus, PairStatus
from tests.mentoring import factories as f

pytestmark = pytest.mark.django_db


def _rules(org):
    return sorted(v.rule for v in find_violations(Organization.objects.filter(pk=org.pk)))


def _fixed_pair_with_consents(org, mentor, mentee):
    pair = f.pair(org, [mentor.staff], [mentee.staff], status=PairStatus.AGREED)
    f.consent(mentee.staff)
    f.consent(mentor.staff, ConsentKind.MENTOR_DUTIES)
    for person in (mentor.staff, mentee.staff):
        f.consent(person, ConsentKind.PAIR_DUTIES, pair=pair)
    pair.status, pair.fixed_at = PairStatus.FIXED, timezone.now()
    pair.save()
    mentee.status = MenteeStatus.IN_PAIR
    mentee.save()
    return pair


def test_a_consistent_fixed_pair_breaks_no_rule(org):
    _fixed_pair_with_consents(org, f.mentor(org), f.mentee(org))
    assert _rules(org) == []


def test_a_mentee_in_two_working_pairs_is_reported(org):
    mentee = f.mentee(org)
    _fixed_pair_with_consents(org, f.mentor(org), mentee)
    f.pair(org, [f.mentor(org).staff], [mentee.staff], status=PairStatus.AGREED)
    assert "one_working_pair_per_mentee" in _rules(org)


def test_a_mentee_of_a_fixed_pair_still_new_in_the_bank_is_reported(org):
    mentee = f.mentee(org)
    _fixed_pair_with_consents(org, f.mentor(org), mentee)
    mentee.status = MenteeStatus.NEW
    mentee.save()
    assert _rules(org) == ["mentee_in_fixed_pair_is_in_pair"]


def test_a_pair_fixed_before_its_pair_consents_is_reported(org):
    mentor, mentee = f.mentor(org), f.mentee(org)
    pair = f.pair(org, [mentor.staff], [mentee.staff], status=PairStatus.FIXED)
    pair.fixed_at = timezone.now()
    pair.save()
    mentee.status = MenteeStatus.IN_PAIR
    mentee.save()
    texts = [v.text for v in find_violations(Organization.objects.filter(pk=org.pk))]
    assert any("без согласия «Согласие участника пары" in t for t in texts)


def test_a_mentor_over_capacity_is_reported(org):
    mentor = f.mentor(org, capacity=1)
    _fixed_pair_with_consents(org, mentor, f.mentee(org))
    f.pair(org, [mentor.staff], [f.mentee(org).staff], status=PairStatus.AGREED)
    assert "mentor_capacity_not_exceeded" in _rules(org)


def test_the_command_prints_violations_in_russian_and_fails(org, capsys):
    mentee = f.mentee(org)
    _fixed_pair_with_consents(org, f.mentor(org), mentee)
    mentee.status = MenteeStatus.NEW
    mentee.save()
    with pytest.raises(CommandError, match="Нарушений правил: 1"):
        call_command("check_invariants", org=org.slug)
    assert "в банке наставляемых числится «Новый»" in capsys.readouterr().out


def test_the_command_is_quiet_on_consistent_data(org, capsys):
    _fixed_pair_with_consents(org, f.mentor(org), f.mentee(org))
    call_command("check_invariants", org=org.slug)
    assert "Нарушений нет." in capsys.readouterr().out


def test_names_sort_the_russian_way_with_yo_among_ye(org):
    from mentoring.models import StaffMember

    for last in ("Ёлкина", "Андреева", "Жукова", "Егорова", "ёжикова"):
        f.staff(org, last_name=last, first_name="Анна", middle_name="Петровна")
    names = [s.last_name for s in StaffMember.objects.filter(organization=org, first_name="Анна")]
    assert names == ["Андреева", "Егорова", "ёжикова", "Ёлкина", "Жукова"]
