"""The banks as plain data for the scoring: one query per kind, whatever the size of the bank."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Count, Exists, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce

from mentoring.matching.scoring import (
    OPEN_PAIR_STATUSES,
    SEARCHING_MENTEE_STATUSES,
    MenteeData,
    MenteeRequestData,
    MentorData,
)
from mentoring.models import (
    Consent,
    ConsentKind,
    MenteeProfile,
    MenteeStatus,
    MentorProfile,
    MentorStatus,
    Pair,
)


def mentee_data(profile: MenteeProfile) -> MenteeData:
    staff = profile.staff
    return MenteeData(
        profile_id=profile.pk,
        staff_id=staff.pk,
        name=staff.full_name,
        position=staff.position,
        teaching_years=staff.teaching_experience_years,
        birth_date=staff.birth_date,
        requests=tuple(MenteeRequestData(r.direction, r.text) for r in profile.requests.all()),
        desired_forms=frozenset(profile.desired_forms),
    )


def load_mentees(organization, *, profile_ids: Iterable[int] | None = None) -> list[MenteeData]:
    """Mentees of the organization still searching (or the given ones), with their requests."""
    qs = (
        MenteeProfile.objects.filter(
            organization=organization, staff__personal_data_withdrawn_at__isnull=True
        )
        .exclude(status=MenteeStatus.LEFT)
        .select_related("staff")
        .prefetch_related("requests")
        .order_by("staff__search_name", "pk")
    )
    qs = (
        qs.filter(pk__in=list(profile_ids))
        if profile_ids is not None
        else qs.filter(status__in=SEARCHING_MENTEE_STATUSES)
    )
    return [mentee_data(p) for p in qs]


def mentor_load_subquery():
    """Mentees in the open pairs of the outer row's mentor; a subquery, so no GROUP BY."""
    mentees = Pair.mentees.through.objects.filter(
        pair__status__in=OPEN_PAIR_STATUSES, pair__mentors=OuterRef("staff_id")
    )
    counted = (
        mentees.order_by()
        .values("pair__mentors")
        .annotate(c=Count("staffmember_id", distinct=True))
        .values("c")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def mentor_queryset(organization=None):
    """Mentor profiles annotated with their load and personal-data consent, one query."""
    qs = MentorProfile.objects.all()
    if organization is not None:
        qs = qs.filter(organization=organization)
    return (
        qs.filter(staff__personal_data_withdrawn_at__isnull=True)
        .exclude(status=MentorStatus.LEFT)
        .select_related("staff")
        .annotate(
            load=mentor_load_subquery(),
            has_pd=Exists(
                Consent.objects.filter(
                    staff=OuterRef("staff"),
                    kind=ConsentKind.PERSONAL_DATA,
                    withdrawn_at__isnull=True,
                )
            ),
            has_duty=Exists(
                Consent.objects.filter(
                    staff=OuterRef("staff"),
                    kind=ConsentKind.MENTOR_DUTIES,
                    withdrawn_at__isnull=True,
                )
            ),
        )
    )


def mentor_data(profile: MentorProfile) -> MentorData:
    staff = profile.staff
    return MentorData(
        profile_id=profile.pk,
        staff_id=staff.pk,
        name=staff.full_name,
        position=staff.position,
        teaching_years=staff.teaching_experience_years,
        birth_date=staff.birth_date,
        expertise=frozenset(profile.expertise),
        forms=frozenset(profile.forms),
        hours_per_week=profile.hours_per_week,
        capacity=profile.capacity,
        load=profile.load,
        status=profile.status,
        has_personal_data_consent=profile.has_pd,
        has_duty_consent=profile.has_duty,
    )


_MENTOR_VALUES = (
    "pk",
    "staff_id",
    "staff__last_name",
    "staff__first_name",
    "staff__middle_name",
    "staff__position",
    "staff__teaching_experience_years",
    "staff__birth_date",
    "expertise",
    "forms",
    "hours_per_week",
    "capacity",
    "status",
    "load",
    "has_pd",
)


def load_mentors(organization=None) -> list[MentorData]:
    """The bank as plain data in three flat queries (no per-row subqueries: fast for a region)."""
    qs = MentorProfile.objects.filter(staff__personal_data_withdrawn_at__isnull=True).exclude(
        status=MentorStatus.LEFT
    )
    if organization is not None:
        qs = qs.filter(organization=organization)
    rows = qs.order_by("staff__search_name", "pk").values_list(*_MENTOR_VALUES[:-2])
    consents = Consent.objects.filter(
        kind__in=(ConsentKind.PERSONAL_DATA, ConsentKind.MENTOR_DUTIES), withdrawn_at__isnull=True
    )
    open_pairs = Pair.mentors.through.objects.filter(pair__status__in=OPEN_PAIR_STATUSES)
    mentees = Pair.mentees.through.objects.filter(pair__status__in=OPEN_PAIR_STATUSES)
    if organization is not None:
        consents = consents.filter(organization=organization)
        open_pairs = open_pairs.filter(pair__organization=organization)
        mentees = mentees.filter(pair__organization=organization)
    given = set(consents.values_list("staff_id", "kind"))
    load: dict[int, set[int]] = {}
    mentees_of_pair: dict[int, list[int]] = {}
    for pair_id, staff_id in mentees.values_list("pair_id", "staffmember_id"):
        mentees_of_pair.setdefault(pair_id, []).append(staff_id)
    for pair_id, mentor_id in open_pairs.values_list("pair_id", "staffmember_id"):
        load.setdefault(mentor_id, set()).update(mentees_of_pair.get(pair_id, ()))
    return [
        MentorData(
            profile_id=pk,
            staff_id=staff_id,
            name=" ".join(p for p in (last, first, middle) if p),
            position=position,
            teaching_years=years,
            birth_date=birth,
            expertise=frozenset(expertise),
            forms=frozenset(forms),
            hours_per_week=hours,
            capacity=capacity,
            load=len(load.get(staff_id, ())),
            status=status,
            has_personal_data_consent=(staff_id, ConsentKind.PERSONAL_DATA) in given,
            has_duty_consent=(staff_id, ConsentKind.MENTOR_DUTIES) in given,
        )
        for (
            pk,
            staff_id,
            last,
            first,
            middle,
            position,
            years,
            birth,
            expertise,
            forms,
            hours,
            capacity,
            status,
        ) in rows
    ]
