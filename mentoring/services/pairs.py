"""Pairs and groups: forming, the life cycle by hand and by order, closing and what it frees."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from core.audit import log_action, status_data
from core.lifecycle import check_transition
from core.models import NotificationKind, Organization, User
from core.notifications import notify, staff_users
from core.plugins import Registry, year_start_now
from mentoring.consents import missing_consents_text
from mentoring.matching.scoring import OPEN_PAIR_STATUSES
from mentoring.models import (
    MenteeProfile,
    MenteeStatus,
    MentoringForm,
    MentorProfile,
    MentorStatus,
    Pair,
    PairForm,
    PairStatus,
    ParticipantsForm,
    Partner,
    StaffMember,
)
from mentoring.services.banks import mentee_move

PAIR_ALLOWED = {
    PairStatus.PROPOSED: {PairStatus.AGREED, PairStatus.CLOSED},
    PairStatus.AGREED: {PairStatus.PROPOSED, PairStatus.CLOSED},
    PairStatus.FIXED: {PairStatus.ACTIVE, PairStatus.CLOSED},
    PairStatus.ACTIVE: {PairStatus.CLOSED},
    PairStatus.CLOSED: set(),
}
# The curator may move a pair by hand; «закреплена» comes only from the signed order.
PAIR_FIX_ALLOWED = {PairStatus.AGREED: {PairStatus.FIXED}}
# fn(pair) -> list[str]: why a higher app refuses to close this pair now, in Russian (programs:
# an approved program still runs). Filled from ``<app>/pair_effects.py``.
pair_close_blockers = Registry("pair_close_blockers")


def mentor_load(staff: StaffMember, *, exclude_pair: Pair | None = None) -> int:
    qs = Pair.objects.filter(mentors=staff, status__in=OPEN_PAIR_STATUSES)
    if exclude_pair is not None:
        qs = qs.exclude(pk=exclude_pair.pk)
    return StaffMember.objects.filter(pairs_as_mentee__in=qs).distinct().count()


def pair_create(
    *,
    organization: Organization,
    mentors: Sequence[StaffMember],
    mentees: Sequence[StaffMember],
    forms: Sequence[str],
    created_by: User,
    participants_form: str = ParticipantsForm.TEACHER_TEACHER,
    partner: Partner | None = None,
    role_model: str = "",
    request_text: str = "",
    match_reasons: dict | None = None,
) -> Pair:
    """Form a pair or group (proposed); checks capacities, banks and duplicates."""
    if not mentors or not mentees:
        raise ValidationError(
            "В паре должен быть хотя бы один наставник и хотя бы один наставляемый.",
            code="empty_pair",
        )
    if not forms:
        raise ValidationError("Выберите хотя бы одну форму наставничества.", code="no_forms")
    network = MentoringForm.NETWORK in forms
    if network and partner is None:
        raise ValidationError(
            "Сетевая форма наставничества: выберите организацию-партнёра.",
            code="network_without_partner",
        )
    if partner is not None and (not network or partner.organization_id != organization.pk):
        raise ValidationError(
            "Организация-партнёр указывается для сетевой формы наставничества, и только "
            "из реестра партнёров своего детского сада.",
            code="partner_without_network",
        )
    if any(s.is_external for s in mentees):
        raise ValidationError(
            "Внешний наставник не может быть наставляемым.", code="external_mentee"
        )
    if {s.pk for s in mentors} & {s.pk for s in mentees}:
        raise ValidationError(
            "Один и тот же человек не может быть наставником и наставляемым в одной паре.",
            code="same_person",
        )
    with transaction.atomic():
        mentor_profiles = {
            p.staff_id: p
            for p in MentorProfile.objects.select_for_update()
            .select_related("staff")
            .filter(staff__in=mentors, organization=organization)
        }
        mentee_profiles = {
            p.staff_id: p
            for p in MenteeProfile.objects.select_for_update()
            .select_related("staff")
            .filter(staff__in=mentees, organization=organization)
        }
        problems = []
        for staff in mentors:
            profile = mentor_profiles.get(staff.pk)
            if profile is None or staff.personal_data_withdrawn_at is not None:
                problems.append(f"{staff.full_name} нет в банке наставников.")
                continue
            if profile.status in (MentorStatus.CANDIDATE, MentorStatus.RELEASED, MentorStatus.LEFT):
                problems.append(
                    f"{staff.full_name}: статус «{profile.get_status_display()}», наставником "
                    "может быть только отобранный, обученный или назначенный наставник."
                )
            free = profile.capacity - mentor_load(staff)
            if free < len(mentees):
                problems.append(
                    f"У наставника {staff.full_name} нет свободных мест: может взять ещё "
                    f"{max(free, 0)}, а в паре {len(mentees)} наставляемых."
                )
        for staff in mentees:
            profile = mentee_profiles.get(staff.pk)
            if (
                profile is None
                or staff.personal_data_withdrawn_at is not None
                or profile.status == MenteeStatus.LEFT
            ):
                problems.append(f"{staff.full_name} нет в банке наставляемых.")
            elif Pair.objects.filter(mentees=staff, status__in=OPEN_PAIR_STATUSES).exists():
                problems.append(f"{staff.full_name} уже состоит в паре или группе.")
        if problems:
            raise ValidationError(" ".join(problems), code="cannot_form_pair")
        pair = Pair.objects.create(
            organization=organization,
            # The academic year it begins in: the organization's current one (may be the next
            # year, opened early), from the roadmap app through core.plugins.
            year_start=year_start_now(organization.pk),
            participants_form=participants_form,
            partner=partner,
            role_model=role_model,
            request_text=request_text,
            match_reasons=match_reasons or {},
            created_by=created_by,
        )
        pair.mentors.set(mentors)
        pair.mentees.set(mentees)
        PairForm.objects.bulk_create([PairForm(pair=pair, form=f) for f in dict.fromkeys(forms)])
        log_action(pair, "pair.created", actor=created_by)
        _notify_participants(
            pair, NotificationKind.PAIR_PROPOSED, mentors, mentees, proposer=created_by
        )
        for profile in mentee_profiles.values():
            if profile.status != MenteeStatus.IN_PAIR:
                mentee_move(profile, MenteeStatus.IN_PAIR, actor=created_by, pair=pair.pk)
    return pair


def _notify_participants(
    pair: Pair, kind: str, mentors: Iterable[StaffMember], mentees: Iterable[StaffMember], **extra
) -> None:
    """Letters to the pair's participants; queued in the transaction, sent after it commits."""
    notify(
        users=staff_users([*mentors, *mentees]),
        kind=kind,
        organization=pair.organization,
        context={
            "pair": str(pair),
            "path": reverse("mentoring:pair-detail", args=[pair.pk]),
            **extra,
        },
    )


PAIR_ACTIONS = {
    PairStatus.PROPOSED: "pair.proposed",
    PairStatus.AGREED: "pair.agreed",
    PairStatus.FIXED: "pair.fixed",
    PairStatus.ACTIVE: "pair.activated",
    PairStatus.CLOSED: "pair.closed",
}


def pair_transition(
    *, pair: Pair, target: str, actor: User | None = None, reason: str = "", **data
) -> Pair:
    """Agree, send back, start or close a pair; a closed pair leaves its mentees searching."""
    with transaction.atomic():
        pair = Pair.objects.select_for_update().get(pk=pair.pk)
        old = pair.status
        check_transition(PAIR_ALLOWED, old, target, labels=PairStatus)
        if target == PairStatus.CLOSED:
            problems = [text for fn in pair_close_blockers for text in fn(pair)]
            if problems:
                raise ValidationError(" ".join(problems), code="pair_in_use")
        pair.status = target
        fields = ["status"]
        if target == PairStatus.CLOSED:
            pair.closed_at = timezone.now()
            fields.append("closed_at")
        pair.save(update_fields=fields)
        log_action(
            pair,
            PAIR_ACTIONS[target],
            actor=actor,
            reason=f": {reason}" if reason else "",
            **status_data(old, target, PairStatus),
            **data,
        )
        if target == PairStatus.CLOSED:
            _release_mentees(pair, actor=actor)
    return pair


def pair_activate(*, pair: Pair, actor: User | None = None, **data) -> Pair:
    """A fixed pair starts working (its program is approved); an active one stays so."""
    with transaction.atomic():
        pair = Pair.objects.select_for_update().get(pk=pair.pk)
        if pair.status == PairStatus.ACTIVE:
            return pair
        return pair_transition(pair=pair, target=PairStatus.ACTIVE, actor=actor, **data)


def pair_close(*, pair: Pair, actor: User | None = None, reason: str = "", **data) -> Pair:
    """Close a pair whose table allows it (a program ended); a closed one stays so."""
    with transaction.atomic():
        pair = Pair.objects.select_for_update().get(pk=pair.pk)
        if PairStatus.CLOSED not in PAIR_ALLOWED.get(pair.status, ()):
            return pair
        return pair_transition(
            pair=pair, target=PairStatus.CLOSED, actor=actor, reason=reason, **data
        )


def _release_mentees(pair: Pair, *, actor: User | None = None) -> None:
    """Mentees of a closed pair with no other open pair: without a pair, support and search."""
    for staff in pair.mentees.all():
        if Pair.objects.filter(mentees=staff, status__in=OPEN_PAIR_STATUSES).exists():
            continue
        for profile in MenteeProfile.objects.select_for_update().filter(
            staff=staff, status__in=(MenteeStatus.IN_PAIR, MenteeStatus.NEW)
        ):
            mentee_move(profile, MenteeStatus.WITHOUT_PAIR, actor=actor, pair=pair.pk)


def mentee_mark_without_pair(*, profile: MenteeProfile, actor: User | None = None) -> MenteeProfile:
    """Flag a mentee left without a pair: support continues and the search goes on."""
    with transaction.atomic():
        profile = MenteeProfile.objects.select_for_update().get(pk=profile.pk)
        if profile.status not in (MenteeStatus.NEW, MenteeStatus.WITHOUT_PAIR):
            raise ValidationError(
                "Отметить «без пары» можно только наставляемого, который ещё не в паре.",
                code="not_searching",
            )
        if profile.status != MenteeStatus.WITHOUT_PAIR:
            mentee_move(profile, MenteeStatus.WITHOUT_PAIR, actor=actor)
    return profile


def pairs_fix_problems(pairs: Iterable[Pair]) -> list[str]:
    """Why these pairs can't be fixed by order, in Russian; empty when they can."""
    problems = []
    for pair in pairs:
        if pair.status != PairStatus.AGREED:
            problems.append(
                f"{pair}: статус «{pair.get_status_display()}», закрепить приказом можно "
                "только согласованную пару."
            )
        problems += [f"{pair}: {text}" for text in missing_consents_text(pair)]
    return problems


def pairs_fix(*, order, pairs: Iterable[Pair], actor: User | None = None) -> list[Pair]:
    """The effect of a signed order «о закреплении пар/групп»: agreed → fixed."""
    with transaction.atomic():
        locked = list(Pair.objects.select_for_update().filter(pk__in=[p.pk for p in pairs]))
        problems = pairs_fix_problems(locked)
        if problems:
            raise ValidationError(" ".join(problems), code="cannot_fix")
        now = timezone.now()
        for pair in locked:
            old = pair.status
            check_transition(PAIR_FIX_ALLOWED, old, PairStatus.FIXED, labels=PairStatus)
            pair.status, pair.fixed_at = PairStatus.FIXED, now
            pair.save(update_fields=["status", "fixed_at"])
            log_action(
                pair,
                "pair.fixed",
                actor=actor,
                order=order.reference if order is not None else "",
                order_id=order.pk if order is not None else None,
                **status_data(old, PairStatus.FIXED, PairStatus),
            )
            _notify_participants(
                pair,
                NotificationKind.PAIR_FIXED,
                pair.mentors.select_related("user"),
                pair.mentees.select_related("user"),
                reference=order.reference if order is not None else "",
            )
    return locked
