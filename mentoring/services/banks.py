"""The banks of mentees and mentors: profiles, status moves, appointment and training."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from django.core.exceptions import ValidationError
from django.db import transaction

from core.audit import log_action, status_data
from core.lifecycle import TransitionError, check_transition
from core.models import User
from mentoring.consents import has_consent
from mentoring.models import (
    ConsentKind,
    MenteeProfile,
    MenteeRequest,
    MenteeStatus,
    MentorProfile,
    MentorStatus,
    PairStatus,
    StaffMember,
)
from mentoring.role_effects import mentor_role_end

# Moves of a mentee in the bank: by a pair (in pair / without pair), by hand, by a withdrawal.
MENTEE_ALLOWED = {
    MenteeStatus.NEW: {MenteeStatus.IN_PAIR, MenteeStatus.WITHOUT_PAIR, MenteeStatus.LEFT},
    MenteeStatus.IN_PAIR: {MenteeStatus.WITHOUT_PAIR, MenteeStatus.LEFT},
    MenteeStatus.WITHOUT_PAIR: {MenteeStatus.IN_PAIR, MenteeStatus.NEW, MenteeStatus.LEFT},
    MenteeStatus.LEFT: {MenteeStatus.NEW},
}


def mentee_move(
    profile: MenteeProfile, target: str, *, actor: User | None, **data
) -> MenteeProfile:
    """Check the table, set the status, save and log; ``profile`` is locked by the caller."""
    old = profile.status
    check_transition(MENTEE_ALLOWED, old, target, labels=MenteeStatus)
    profile.status = target
    profile.save(update_fields=["status", "updated_at"])
    log_action(
        profile,
        "mentee.status_changed",
        actor=actor,
        **status_data(old, target, MenteeStatus),
        **data,
    )
    return profile


def mentee_profile_save(
    *,
    staff: StaffMember,
    category: str,
    desired_forms: Sequence[str],
    mode: str,
    portrait: str,
    requests: Sequence[tuple[str, str]],
    status: str | None = None,
    actor: User | None = None,
) -> MenteeProfile:
    """Create or update a mentee's bank entry and replace their requests, in one transaction."""
    if staff.personal_data_withdrawn_at is not None:
        raise ValidationError(
            "Сотрудник отозвал согласие на обработку персональных данных: внести его в банк "
            "нельзя.",
            code="withdrawn",
        )
    if not requests:
        raise ValidationError(
            "Запишите хотя бы один профессиональный запрос или затруднение.", code="no_requests"
        )
    with transaction.atomic():
        profile = MenteeProfile.objects.select_for_update().filter(staff=staff).first()
        if profile is None:
            profile = MenteeProfile(organization=staff.organization, staff=staff)
        profile.category = category
        profile.desired_forms = list(desired_forms)
        profile.mode = mode
        profile.portrait = portrait
        profile.renew_for_year = None  # saved: renewed for the year, if it was asked
        profile.save()
        profile.requests.all().delete()
        MenteeRequest.objects.bulk_create(
            [MenteeRequest(profile=profile, direction=d, text=t) for d, t in requests]
        )
        log_action(profile, "mentee.saved", actor=actor)
        if status and status != profile.status:
            mentee_move(profile, status, actor=actor)
    return profile


# --- bank of mentors ------------------------------------------------------------------------

# What the curator may do by hand; «назначен» comes only from the signed order.
MENTOR_ALLOWED = {
    MentorStatus.CANDIDATE: {MentorStatus.SELECTED, MentorStatus.RELEASED},
    MentorStatus.SELECTED: {MentorStatus.TRAINED, MentorStatus.CANDIDATE, MentorStatus.RELEASED},
    MentorStatus.TRAINED: {MentorStatus.SELECTED, MentorStatus.RELEASED},
    MentorStatus.ACTIVE: {MentorStatus.RELEASED},
    MentorStatus.RELEASED: {MentorStatus.CANDIDATE},
}
# What the signed order «о назначении наставников» does.
MENTOR_APPOINT_ALLOWED = {
    MentorStatus.SELECTED: {MentorStatus.ACTIVE},
    MentorStatus.TRAINED: {MentorStatus.ACTIVE},
}


def _mentees_taken(staff: StaffMember) -> int:
    """Mentees of the mentor's agreed, fixed and working pairs (what her places hold)."""
    return (
        StaffMember.objects.filter(
            pairs_as_mentee__mentors=staff,
            pairs_as_mentee__status__in=(PairStatus.AGREED, PairStatus.FIXED, PairStatus.ACTIVE),
        )
        .distinct()
        .count()
    )


def mentor_profile_save(
    *, staff: StaffMember, actor: User | None = None, **fields
) -> MentorProfile:
    """Create or update the questionnaire of a (potential) mentor."""
    if staff.personal_data_withdrawn_at is not None:
        raise ValidationError(
            "Сотрудник отозвал согласие на обработку персональных данных: внести его в банк "
            "нельзя.",
            code="withdrawn",
        )
    with transaction.atomic():
        profile = MentorProfile.objects.select_for_update().filter(staff=staff).first()
        if profile is None:
            profile = MentorProfile(organization=staff.organization, staff=staff)
        for name, value in fields.items():
            setattr(profile, name, value)
        if profile.pk and "capacity" in fields:
            taken = _mentees_taken(staff)
            if fields["capacity"] is not None and fields["capacity"] < taken:
                raise ValidationError(
                    f"Наставляемых у наставника в согласованных и закреплённых парах: {taken}. "
                    "Мест не может быть меньше.",
                    code="capacity_below_taken",
                )
        profile.renew_for_year = None  # saved: renewed for the year, if it was asked
        profile.full_clean()
        profile.save()
        log_action(profile, "mentor.saved", actor=actor)
    return profile


def mentor_needs_training(status: str, *, trained: bool) -> bool:
    """True when a mentor could become «обучен» but attended no training session yet."""
    return MentorStatus.TRAINED in MENTOR_ALLOWED.get(status, ()) and not trained


def mentor_targets(status: str, *, trained: bool) -> list[str]:
    """The statuses a mentor may be moved to by hand, in their order; «обучен» only after a
    training session she attended (``trained``)."""
    allowed = MENTOR_ALLOWED.get(status, ())
    return [
        target
        for target in MentorStatus.values
        if target in allowed and (trained or target != MentorStatus.TRAINED)
    ]


def mentor_status_change(
    *, profile: MentorProfile, target: str, actor: User | None = None, **data
) -> MentorProfile:
    """Move a mentor through the bank: candidate → selected → trained …, released."""
    with transaction.atomic():
        profile = MentorProfile.objects.select_for_update().get(pk=profile.pk)
        old = profile.status
        check_transition(MENTOR_ALLOWED, old, target, labels=MentorStatus)
        if target == MentorStatus.TRAINED and not profile.trainings.exists():
            raise TransitionError(
                "Обученным наставник становится после установочной сессии. Отметьте его "
                "участие на странице «Обучение наставников».",
                code="no_training",
            )
        profile.status = target
        profile.save(update_fields=["status", "updated_at"])
        if target == MentorStatus.RELEASED:
            mentor_role_end(staff=profile.staff, actor=actor, reason=data.get("reason", ""))
        log_action(
            profile,
            "mentor.status_changed",
            actor=actor,
            **status_data(old, target, MentorStatus),
            **data,
        )
    return profile


def mentor_release(*, profile: MentorProfile, actor: User | None = None, reason: str) -> None:
    """Release a mentor from the bank (own request, withdrawn consent); released stays so."""
    with transaction.atomic():
        profile = MentorProfile.objects.select_for_update().get(pk=profile.pk)
        if profile.status in (MentorStatus.RELEASED, MentorStatus.LEFT):
            return
        mentor_status_change(profile=profile, target=MentorStatus.RELEASED, actor=actor)
        log_action(profile, "mentor.released", actor=actor, reason=reason)


def mentee_leave(*, profile: MenteeProfile, actor: User | None = None, reason: str) -> None:
    """Take a mentee out of the bank (withdrawn consent); one who left stays so."""
    with transaction.atomic():
        profile = MenteeProfile.objects.select_for_update().get(pk=profile.pk)
        if profile.status == MenteeStatus.LEFT:
            return
        mentee_move(profile, MenteeStatus.LEFT, actor=actor)
        log_action(profile, "mentee.left", actor=actor, reason=reason)


def mentors_appoint_problems(mentors: Iterable[MentorProfile]) -> list[str]:
    """Why these mentors can't be appointed by order, in Russian; empty when they can."""
    problems = []
    for profile in mentors:
        name = profile.staff.full_name
        if profile.status not in MENTOR_APPOINT_ALLOWED:
            problems.append(
                f"{name}: статус «{profile.get_status_display()}», назначить можно только "
                "отобранного или обученного наставника."
            )
        if not has_consent(profile.staff, ConsentKind.MENTOR_DUTIES):
            problems.append(f"{name}: нет согласия на выполнение обязанностей наставника.")
        if not has_consent(profile.staff, ConsentKind.PERSONAL_DATA):
            problems.append(f"{name}: нет согласия на обработку персональных данных.")
    return problems


def mentors_appoint(
    *, order, mentors: Iterable[MentorProfile], actor: User | None = None
) -> list[MentorProfile]:
    """The effect of a signed order «о назначении наставников»: selected/trained → active."""
    with transaction.atomic():
        locked = list(
            MentorProfile.objects.select_for_update()
            .select_related("staff")
            .filter(pk__in=[m.pk for m in mentors])
        )
        problems = mentors_appoint_problems(locked)
        if problems:
            raise ValidationError(" ".join(problems), code="cannot_appoint")
        for profile in locked:
            old = profile.status
            check_transition(MENTOR_APPOINT_ALLOWED, old, MentorStatus.ACTIVE, labels=MentorStatus)
            profile.status = MentorStatus.ACTIVE
            profile.save(update_fields=["status", "updated_at"])
            log_action(
                profile,
                "mentor.appointed",
                actor=actor,
                order=order.reference if order is not None else "",
                order_id=order.pk if order is not None else None,
                **status_data(old, MentorStatus.ACTIVE, MentorStatus),
            )
    return locked


def training_attendance_set(
    *, session, mentors: Iterable[MentorProfile], actor: User | None = None
) -> None:
    """Record who attended a training session; attendees who were selected become trained."""
    with transaction.atomic():
        mentors = list(mentors)
        session.attendees.set(mentors)
        log_action(session, "training.attendance_set", actor=actor, count=len(mentors))
        for profile in mentors:
            log_action(profile, "mentor.trained", actor=actor, session=session.title)
            if profile.status == MentorStatus.SELECTED:
                mentor_status_change(profile=profile, target=MentorStatus.TRAINED, actor=actor)
