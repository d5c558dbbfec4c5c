"""Consents: versioned texts, giving and withdrawing, and the filter every other app uses.

A withdrawal of the personal-data consent takes the person out of every bank, list, export and
reminder at once: other apps filter their querysets with ``without_withdrawn`` (or
``active_staff``) and register what must be unpublished with ``@on_withdrawal``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.html import strip_tags

from core.audit import log_action
from core.models import User
from mentoring.models import (
    Consent,
    ConsentKind,
    MenteeProfile,
    MenteeStatus,
    MentorProfile,
    MentorStatus,
    Pair,
    StaffMember,
)

# The current text of each kind: (version, template). A new wording gets a new version and a
# new template; consents already given keep the text they were given with.
TEXTS: dict[str, tuple[str, str]] = {
    # 2026-2 names processing on the operator's behalf (152-FZ art. 9 part 4 item 6).
    ConsentKind.PERSONAL_DATA: ("2026-2", "mentoring/consents/personal_data_2026_2.html"),
    ConsentKind.PUBLICATION: ("2026-1", "mentoring/consents/publication_2026_1.html"),
    ConsentKind.MENTOR_DUTIES: ("2026-1", "mentoring/consents/mentor_duties_2026_1.html"),
    ConsentKind.PAIR_DUTIES: ("2026-1", "mentoring/consents/pair_duties_2026_1.html"),
}

_withdrawal_handlers: list[Callable[[Consent], None]] = []


def on_withdrawal(fn: Callable[[Consent], None]) -> Callable[[Consent], None]:
    """Register ``fn(consent)``, called inside every withdrawal's transaction.

    Higher apps register in ``<app>/consent_effects.py`` (found by discovery) to take down
    what the withdrawn consent allowed, e.g. a published case.
    """
    if fn not in _withdrawal_handlers:
        _withdrawal_handlers.append(fn)
    return fn


def without_withdrawn(queryset: QuerySet, path: str = "") -> QuerySet:
    """Leave out people who withdrew their personal-data consent.

    ``path`` leads from the queryset's model to StaffMember: "" for StaffMember itself,
    "staff" for profiles, "author" for requests…
    """
    field = f"{path}__personal_data_withdrawn_at" if path else "personal_data_withdrawn_at"
    return queryset.filter(**{f"{field}__isnull": True})


def active_staff(organization) -> QuerySet[StaffMember]:
    """Working staff of the organization whose data may be processed."""
    return without_withdrawn(StaffMember.objects.filter(organization=organization, is_active=True))


def consent_text(*, kind: str, staff: StaffMember, for_paper: bool = False) -> str:
    """The HTML of the current text of a consent for this person."""
    version, template = TEXTS[kind]
    return render_to_string(
        template,
        {
            "staff": staff,
            "organization": staff.organization,
            "version": version,
            "for_paper": for_paper,
            "kind_label": ConsentKind(kind).label,
        },
    )


def has_consent(staff: StaffMember, kind: str, pair: Pair | None = None) -> bool:
    """True when the person has an active consent of that kind (for that pair)."""
    qs = Consent.objects.active().filter(staff=staff, kind=kind)
    qs = qs.filter(pair=pair) if kind == ConsentKind.PAIR_DUTIES else qs
    return qs.exists()


def missing_publication_consents(pair: Pair) -> list[StaffMember]:
    """Participants of the pair without an active consent to publication."""
    people = [*pair.mentors.all(), *pair.mentees.all()]
    consented = set(
        Consent.objects.active()
        .filter(staff__in=people, kind=ConsentKind.PUBLICATION)
        .values_list("staff_id", flat=True)
    )
    return [p for p in people if p.pk not in consented]


def missing_consents(pair: Pair) -> list[tuple[StaffMember, str]]:
    """Who in the pair still lacks which consent: personal data, mentor duties, pair duties."""
    people = [(s, True) for s in pair.mentors.all()] + [(s, False) for s in pair.mentees.all()]
    ids = [s.pk for s, _ in people]
    given = set(
        Consent.objects.active()
        .filter(staff_id__in=ids)
        .exclude(kind=ConsentKind.PAIR_DUTIES, pair__isnull=False)
        .values_list("staff_id", "kind")
    ) | set(
        Consent.objects.active()
        .filter(staff_id__in=ids, kind=ConsentKind.PAIR_DUTIES, pair=pair)
        .values_list("staff_id", "kind")
    )
    missing = []
    for staff, is_mentor in people:
        needed = [ConsentKind.PERSONAL_DATA]
        if is_mentor:
            needed.append(ConsentKind.MENTOR_DUTIES)
        needed.append(ConsentKind.PAIR_DUTIES)
        missing += [(staff, str(kind)) for kind in needed if (staff.pk, str(kind)) not in given]
    return missing


def missing_consents_text(pair: Pair) -> list[str]:
    """The same, as Russian sentences for a page or an order's pre-check."""
    labels = dict(ConsentKind.choices)
    return [
        f"Нет согласия: {staff.full_name} — «{labels[kind]}»."
        for staff, kind in missing_consents(pair)
    ]


def consent_give(
    *,
    staff: StaffMember,
    kind: str,
    recorded_by: User,
    pair: Pair | None = None,
    given_at: dt.datetime | None = None,
) -> Consent:
    """Record a consent with the current text version; one active consent per kind (and pair)."""
    if kind == ConsentKind.PAIR_DUTIES and pair is None:
        raise ValidationError("Для согласия участника пары укажите пару.", code="pair_required")
    if kind != ConsentKind.PAIR_DUTIES:
        pair = None
    if staff.anonymized_at is not None:
        raise ValidationError(
            "Данные этого сотрудника обезличены: согласие внести нельзя.", code="anonymized"
        )
    version, _template = TEXTS[kind]
    with transaction.atomic():
        staff = StaffMember.objects.select_for_update().get(pk=staff.pk)
        if has_consent(staff, kind, pair):
            raise ValidationError(
                f"У сотрудника {staff.full_name} уже есть действующее согласие этого вида.",
                code="already_given",
            )
        consent = Consent.objects.create(
            organization=staff.organization,
            staff=staff,
            kind=kind,
            pair=pair,
            text_version=version,
            text=strip_tags(consent_text(kind=kind, staff=staff)).strip(),
            given_at=given_at or timezone.now(),
            recorded_by=recorded_by,
        )
        log_action(consent, "consent.given", actor=recorded_by, version=version)
        if kind == ConsentKind.PERSONAL_DATA and staff.personal_data_withdrawn_at:
            staff.personal_data_withdrawn_at = None
            staff.save(update_fields=["personal_data_withdrawn_at"])
    return consent


def consent_withdraw(*, consent: Consent, by: User) -> Consent:
    """Withdraw a consent; for personal data, take the person out of everything at once."""
    with transaction.atomic():
        consent = Consent.objects.select_for_update().get(pk=consent.pk)
        if consent.withdrawn_at is not None:
            raise ValidationError("Это согласие уже отозвано.", code="already_withdrawn")
        now = timezone.now()
        consent.withdrawn_at, consent.withdrawn_by = now, by
        consent.save(update_fields=["withdrawn_at", "withdrawn_by"])
        log_action(consent, "consent.withdrawn", actor=by)
        if consent.kind == ConsentKind.PERSONAL_DATA:
            _withdraw_personal_data(staff=consent.staff, when=now, by=by)
        for handler in _withdrawal_handlers:
            handler(consent)
    return consent


def _withdraw_personal_data(*, staff: StaffMember, when: dt.datetime, by: User) -> None:
    # The bank services import this module (has_consent): import them at call time.
    from mentoring.services.banks import mentee_leave, mentor_release

    staff = StaffMember.objects.select_for_update().get(pk=staff.pk)
    staff.personal_data_withdrawn_at = when
    staff.save(update_fields=["personal_data_withdrawn_at"])
    reason = "отозвано согласие на обработку персональных данных"
    for profile in MenteeProfile.objects.filter(staff=staff).exclude(status=MenteeStatus.LEFT):
        mentee_leave(profile=profile, actor=by, reason=reason)
    for profile in MentorProfile.objects.filter(staff=staff).exclude(status=MentorStatus.RELEASED):
        mentor_release(profile=profile, actor=by, reason=reason)
