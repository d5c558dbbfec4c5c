"""Consents to publication, read directly; the banks branch's ``has_consent`` can replace this."""

from __future__ import annotations

from mentoring.models import Consent, ConsentKind, Pair, StaffMember


def has_publication_consent(staff: StaffMember) -> bool:
    return Consent.objects.active().filter(staff=staff, kind=ConsentKind.PUBLICATION).exists()


def missing_publication_consents(pair: Pair) -> list[StaffMember]:
    """Participants of the pair without an active consent to publication."""
    people = [*pair.mentors.all(), *pair.mentees.all()]
    consented = set(
        Consent.objects.active()
        .filter(staff__in=people, kind=ConsentKind.PUBLICATION)
        .values_list("staff_id", flat=True)
    )
    return [p for p in people if p.pk not in consented]
