"""Factories for banks, consents and pairs."""

import datetime as dt

from django.utils import timezone

from core.models import User
from core.plugins import year_start_now
from mentoring.models import (
    Consent,
    ConsentKind,
    MenteeCategory,
    MenteeProfile,
    MenteeRequest,
    MentorProfile,
    MentorStatus,
    Pair,
    PairForm,
    PairStatus,
    StaffMember,
)
from tests.factories import StaffMemberFactory, UserFactory


def staff(org, **kwargs) -> StaffMember:
    return StaffMemberFactory(organization=org, **kwargs)


def consent(person: StaffMember, kind=ConsentKind.PERSONAL_DATA, pair=None, by=None) -> Consent:
    return Consent.objects.create(
        organization=person.organization,
        staff=person,
        kind=kind,
        pair=pair,
        text_version="2026-1",
        text="Согласие",
        given_at=timezone.now(),
        recorded_by=by or User.objects.first() or UserFactory(),
    )


def mentee(org, requests=(("ict", "Освоить интерактивную доску"),), forms=(), person=None, **kw):
    person = person or staff(org, **kw)
    profile = MenteeProfile.objects.create(
        organization=org,
        staff=person,
        category=MenteeCategory.YOUNG,
        desired_forms=list(forms),
    )
    for direction, text in requests:
        MenteeRequest.objects.create(profile=profile, direction=direction, text=text)
    return profile


def mentor(
    org,
    expertise=("ict",),
    capacity=1,
    status=MentorStatus.SELECTED,
    with_consent=True,
    person=None,
    hours=2,
    forms=(),
    **kw,
):
    person = person or staff(org, **kw)
    profile = MentorProfile.objects.create(
        organization=org,
        staff=person,
        expertise=list(expertise),
        capacity=capacity,
        status=status,
        hours_per_week=hours,
        forms=list(forms),
    )
    if with_consent:
        consent(person)
    return profile


def appointed_mentor(org, **kw) -> MentorProfile:
    """A mentor appointed by order, with the personal-data and duties consents: pairable."""
    profile = mentor(org, status=MentorStatus.ACTIVE, **kw)
    consent(profile.staff, ConsentKind.MENTOR_DUTIES)
    return profile


def pair(org, mentors, mentees, status=PairStatus.PROPOSED, forms=("traditional",)) -> Pair:
    p = Pair.objects.create(organization=org, status=status, year_start=year_start_now(org.pk))
    p.mentors.set(mentors)
    p.mentees.set(mentees)
    for f in forms:
        PairForm.objects.create(pair=p, form=f)
    return p


def years_ago(n: int) -> dt.date:
    return dt.date.today() - dt.timedelta(days=int(365.25 * n) + 10)
