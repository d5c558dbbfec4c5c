"""Pairs with everything a pair needs, in bulk: used by every app's seeding."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from core.models import Organization, Role, RoleAssignment, User
from mentoring.models import StaffMember

# Seeded consents are given this long before the earliest pair that needs them is fixed.
CONSENT_LEAD = dt.timedelta(days=30)
PAIR_CONSENT_LEAD = dt.timedelta(days=7)


@dataclass(frozen=True)
class PairPlan:
    """One pair to seed: a mentor and a mentee of ``organization`` and the pair's state.

    ``fixed_at`` is required for fixed, working and closed pairs; ``closed_at`` for closed ones.
    """

    organization: Organization
    mentor: StaffMember
    mentee: StaffMember
    status: str
    fixed_at: dt.datetime | None = None
    closed_at: dt.datetime | None = None
    role_model: str = "«новичок – мастер»"
    request_text: str = "Адаптация и освоение профессии"


def seed_pairs(plans: list[PairPlan]) -> list:
    """Create pairs in bulk so that they keep every rule ``check_invariants`` checks.

    Every mentor is an appointed mentor («назначен») with room for her mentees; every mentee is
    in the bank, «в паре» while a pair holds her (a mentee is in at most one such pair); every
    participant gave the personal-data consent, mentors the mentor-duties consent, and each one
    the pair-duties consent for that pair, all before the pair was fixed. Returns the pairs in
    the order of ``plans``.
    """
    from django.db.models import Max
    from django.utils import timezone

    from core.plugins import year_start_now
    from mentoring.consents import TEXTS
    from mentoring.invariants import TAKING_STATUSES
    from mentoring.models import (
        Consent,
        ConsentKind,
        MenteeCategory,
        MenteeProfile,
        MenteeStatus,
        MentoringForm,
        MentorProfile,
        MentorStatus,
        Pair,
        PairForm,
        PairStatus,
    )

    if not plans:
        return []
    now = timezone.now()
    for plan in plans:
        if plan.status in (PairStatus.FIXED, PairStatus.ACTIVE, PairStatus.CLOSED):
            assert plan.fixed_at is not None, "a fixed pair needs fixed_at"
        if plan.status == PairStatus.CLOSED:
            assert plan.closed_at is not None, "a closed pair needs closed_at"
    mentor_ids = {p.mentor.pk for p in plans}
    mentee_ids = {p.mentee.pk for p in plans}
    people = mentor_ids | mentee_ids

    # A mentee is held by at most one pair: the ones she is already in, and the new ones.
    Mentors, Mentees = Pair.mentors.through, Pair.mentees.through
    held = set(
        Mentees.objects.filter(
            staffmember_id__in=mentee_ids, pair__status__in=TAKING_STATUSES
        ).values_list("staffmember_id", flat=True)
    )
    load: dict[int, int] = {}
    for staff_id in Mentors.objects.filter(
        staffmember_id__in=mentor_ids, pair__status__in=TAKING_STATUSES
    ).values_list("staffmember_id", flat=True):
        load[staff_id] = load.get(staff_id, 0) + 1
    for plan in plans:
        if plan.status in TAKING_STATUSES:
            if plan.mentee.pk in held:
                raise ValueError(f"{plan.mentee} is already in a working pair")
            held.add(plan.mentee.pk)
            load[plan.mentor.pk] = load.get(plan.mentor.pk, 0) + 1

    # Mentors: appointed, with room for every mentee they hold.
    org_of = {p.mentor.pk: p.organization for p in plans} | {
        p.mentee.pk: p.organization for p in plans
    }
    mentors = {m.staff_id: m for m in MentorProfile.objects.filter(staff_id__in=mentor_ids)}
    changed = []
    for staff_id in mentor_ids:
        profile = mentors.get(staff_id)
        room = max(1, load.get(staff_id, 0))
        if profile is None:
            mentors[staff_id] = MentorProfile(
                organization=org_of[staff_id],
                staff_id=staff_id,
                experience_sphere="Педагогический стаж более пяти лет.",
                hours_per_week=2,
                expertise=["methods", "psychology"],
                forms=[MentoringForm.TRADITIONAL],
                capacity=room,
                status=MentorStatus.ACTIVE,
            )
        elif profile.status != MentorStatus.ACTIVE or profile.capacity < room:
            profile.status = MentorStatus.ACTIVE
            profile.capacity = max(profile.capacity, room)
            changed.append(profile)
    MentorProfile.objects.bulk_create(
        [m for m in mentors.values() if m.pk is None], batch_size=2000
    )
    MentorProfile.objects.bulk_update(changed, ["status", "capacity"], batch_size=2000)

    # Mentees: in the bank, «в паре» while a pair holds them, «без пары» after a closed one.
    mentees = {m.staff_id: m for m in MenteeProfile.objects.filter(staff_id__in=mentee_ids)}
    changed = []
    for staff_id in mentee_ids:
        status = MenteeStatus.IN_PAIR if staff_id in held else MenteeStatus.WITHOUT_PAIR
        profile = mentees.get(staff_id)
        if profile is None:
            mentees[staff_id] = MenteeProfile(
                organization=org_of[staff_id],
                staff_id=staff_id,
                category=MenteeCategory.YOUNG,
                desired_forms=[MentoringForm.TRADITIONAL],
                portrait="Молодой специалист, осваивает профессию.",
                status=status,
            )
        elif profile.status != status and (
            status == MenteeStatus.IN_PAIR or profile.status == MenteeStatus.NEW
        ):
            profile.status = status
            changed.append(profile)
    MenteeProfile.objects.bulk_create(
        [m for m in mentees.values() if m.pk is None], batch_size=2000
    )
    MenteeProfile.objects.bulk_update(changed, ["status"], batch_size=2000)

    # bulk_create skips pre_save: number the pairs here, per organization and academic year,
    # after its last one. The seeded pairs begin in the year ``pair_create`` stamps on the pairs
    # the curator forms later (``year_start_now``), so those go on from the seeded numbers.
    year_of = {org_id: year_start_now(org_id) for org_id in {p.organization.pk for p in plans}}
    numbers = {
        org_id: Pair.objects.filter(organization_id=org_id, year_start=year)
        .aggregate(last=Max("number"))
        .get("last")
        for org_id, year in year_of.items()
    }
    numbered = []
    for plan in plans:
        number = (numbers.get(plan.organization.pk) or 0) + 1
        numbers[plan.organization.pk] = number
        numbered.append(number)
    pairs = Pair.objects.bulk_create(
        [
            Pair(
                organization=plan.organization,
                status=plan.status,
                role_model=plan.role_model,
                request_text=plan.request_text,
                fixed_at=plan.fixed_at,
                closed_at=plan.closed_at,
                year_start=year_of[plan.organization.pk],
                number=number,
            )
            for plan, number in zip(plans, numbered, strict=True)
        ],
        batch_size=2000,
    )
    Mentors.objects.bulk_create(
        [
            Mentors(pair_id=pair.pk, staffmember_id=plan.mentor.pk)
            for pair, plan in zip(pairs, plans, strict=True)
        ],
        batch_size=5000,
    )
    Mentees.objects.bulk_create(
        [
            Mentees(pair_id=pair.pk, staffmember_id=plan.mentee.pk)
            for pair, plan in zip(pairs, plans, strict=True)
        ],
        batch_size=5000,
    )
    PairForm.objects.bulk_create(
        [PairForm(pair=pair, form=MentoringForm.TRADITIONAL) for pair in pairs], batch_size=5000
    )

    # Consents: personal data and mentor duties before the earliest pair needing them, and the
    # pair-duties consent of every participant for that pair, a week before it was fixed.
    recorders = _recorders({plan.organization.pk for plan in plans})
    needed: dict[tuple[int, str], dt.datetime] = {}
    for plan in plans:
        when = (plan.fixed_at or now) - CONSENT_LEAD
        for staff_id, kind in (
            (plan.mentor.pk, ConsentKind.PERSONAL_DATA),
            (plan.mentor.pk, ConsentKind.MENTOR_DUTIES),
            (plan.mentee.pk, ConsentKind.PERSONAL_DATA),
        ):
            key = (staff_id, str(kind))
            needed[key] = min(needed.get(key, when), when)
    existing = {
        (c.staff_id, c.kind): c
        for c in Consent.objects.active().filter(
            staff_id__in=people, pair__isnull=True, kind__in=[k for _, k in needed]
        )
    }
    new, earlier = [], []
    for (staff_id, kind), when in needed.items():
        consent = existing.get((staff_id, kind))
        if consent is None:
            new.append(_seed_consent(org_of[staff_id], staff_id, kind, when, recorders, TEXTS))
        elif consent.given_at > when:
            consent.given_at = when
            earlier.append(consent)
    for pair, plan in zip(pairs, plans, strict=True):
        when = (plan.fixed_at or now) - PAIR_CONSENT_LEAD
        for staff_id in (plan.mentor.pk, plan.mentee.pk):
            consent = _seed_consent(
                plan.organization, staff_id, ConsentKind.PAIR_DUTIES, when, recorders, TEXTS
            )
            consent.pair = pair
            new.append(consent)
    Consent.objects.bulk_create(new, batch_size=5000)
    Consent.objects.bulk_update(earlier, ["given_at"], batch_size=2000)
    return pairs


def _recorders(org_ids: set[int]) -> dict[int, int]:
    """Who records consents in each organization: its curator, else its admin, else anyone."""
    recorders: dict[int, int] = {}
    for ra in RoleAssignment.objects.filter(
        organization_id__in=org_ids, role__in=[Role.CURATOR, Role.ADMIN]
    ).order_by("role"):
        recorders.setdefault(ra.organization_id, ra.user_id)
    fallback = User.objects.order_by("pk").values_list("pk", flat=True).first()
    return {org_id: recorders.get(org_id, fallback) for org_id in org_ids}


def _seed_consent(org, staff_id: int, kind: str, when, recorders, texts):
    from mentoring.models import Consent, ConsentKind

    version, _template = texts[kind]
    return Consent(
        organization=org,
        staff_id=staff_id,
        kind=kind,
        text_version=version,
        text=f"{ConsentKind(kind).label} (редакция {version}).",
        given_at=when,
        recorded_by_id=recorders[org.pk],
    )
