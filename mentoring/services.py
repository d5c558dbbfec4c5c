"""Writes and life cycles of banks, pairs and participants' requests."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from core.audit import log_action, status_data
from core.lifecycle import TransitionError, check_transition
from core.models import NotificationKind, Organization, Role, User
from core.notifications import notify, role_holders, staff_users
from core.plugins import Registry
from mentoring.consents import has_consent, missing_consents_text
from mentoring.matching import OPEN_PAIR_STATUSES
from mentoring.models import (
    ChangeRequest,
    ChangeRequestKind,
    ChangeRequestStatus,
    ConsentKind,
    MenteeProfile,
    MenteeRequest,
    MenteeStatus,
    MentorProfile,
    MentorStatus,
    Pair,
    PairForm,
    PairStatus,
    ParticipantsForm,
    StaffMember,
)
from mentoring.role_effects import mentor_role_end

# --- bank of mentees ------------------------------------------------------------------------

# Moves of a mentee in the bank: by a pair (in pair / without pair), by hand, by a withdrawal.
MENTEE_ALLOWED = {
    MenteeStatus.NEW: {MenteeStatus.IN_PAIR, MenteeStatus.WITHOUT_PAIR, MenteeStatus.LEFT},
    MenteeStatus.IN_PAIR: {MenteeStatus.WITHOUT_PAIR, MenteeStatus.LEFT},
    MenteeStatus.WITHOUT_PAIR: {MenteeStatus.IN_PAIR, MenteeStatus.NEW, MenteeStatus.LEFT},
    MenteeStatus.LEFT: {MenteeStatus.NEW},
}


def _mentee_move(
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
        profile.save()
        profile.requests.all().delete()
        MenteeRequest.objects.bulk_create(
            [MenteeRequest(profile=profile, direction=d, text=t) for d, t in requests]
        )
        log_action(profile, "mentee.saved", actor=actor)
        if status and status != profile.status:
            _mentee_move(profile, status, actor=actor)
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
        profile.full_clean()
        profile.save()
        log_action(profile, "mentor.saved", actor=actor)
    return profile


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
        if profile.status == MentorStatus.RELEASED:
            return
        mentor_status_change(profile=profile, target=MentorStatus.RELEASED, actor=actor)
        log_action(profile, "mentor.released", actor=actor, reason=reason)


def mentee_leave(*, profile: MenteeProfile, actor: User | None = None, reason: str) -> None:
    """Take a mentee out of the bank (withdrawn consent); one who left stays so."""
    with transaction.atomic():
        profile = MenteeProfile.objects.select_for_update().get(pk=profile.pk)
        if profile.status == MenteeStatus.LEFT:
            return
        _mentee_move(profile, MenteeStatus.LEFT, actor=actor)
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


# --- pairs and groups -----------------------------------------------------------------------

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
            if profile.status in (MentorStatus.CANDIDATE, MentorStatus.RELEASED):
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
            if profile is None or staff.personal_data_withdrawn_at is not None:
                problems.append(f"{staff.full_name} нет в банке наставляемых.")
            elif Pair.objects.filter(mentees=staff, status__in=OPEN_PAIR_STATUSES).exists():
                problems.append(f"{staff.full_name} уже состоит в паре или группе.")
        if problems:
            raise ValidationError(" ".join(problems), code="cannot_form_pair")
        pair = Pair.objects.create(
            organization=organization,
            participants_form=participants_form,
            role_model=role_model,
            request_text=request_text,
            match_reasons=match_reasons or {},
            created_by=created_by,
        )
        pair.mentors.set(mentors)
        pair.mentees.set(mentees)
        PairForm.objects.bulk_create([PairForm(pair=pair, form=f) for f in dict.fromkeys(forms)])
        log_action(pair, "pair.created", actor=created_by)
        _notify_participants(pair, NotificationKind.PAIR_PROPOSED, mentors, mentees)
        for profile in mentee_profiles.values():
            if profile.status != MenteeStatus.IN_PAIR:
                _mentee_move(profile, MenteeStatus.IN_PAIR, actor=created_by, pair=pair.pk)
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
            _mentee_move(profile, MenteeStatus.WITHOUT_PAIR, actor=actor, pair=pair.pk)


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
            _mentee_move(profile, MenteeStatus.WITHOUT_PAIR, actor=actor)
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


# --- requests of participants (seed 002, 5.1 and 6.1) ---------------------------------------


# A request is decided once.
CHANGE_REQUEST_ALLOWED = {
    ChangeRequestStatus.PENDING: {ChangeRequestStatus.APPROVED, ChangeRequestStatus.DECLINED},
}


REQUEST_KINDS = {
    ChangeRequestKind.CHANGE_MENTOR: NotificationKind.MENTOR_CHANGE_REQUESTED,
    ChangeRequestKind.RELEASE_MENTOR: NotificationKind.RELEASE_REQUESTED,
}


def change_request_create(
    *, author: StaffMember, kind: str, reason: str, pair: Pair | None = None
) -> ChangeRequest:
    """A mentee asks for another mentor, or a mentor asks to be released."""
    if not reason.strip():
        raise ValidationError("Напишите, почему вы об этом просите.", code="no_reason")
    if kind == ChangeRequestKind.CHANGE_MENTOR and (
        pair is None or not pair.mentees.filter(pk=author.pk).exists()
    ):
        raise ValidationError(
            "Просить о замене наставника может только наставляемый этой пары.", code="not_mentee"
        )
    if (
        kind == ChangeRequestKind.RELEASE_MENTOR
        and not MentorProfile.objects.filter(staff=author).exists()
    ):
        raise ValidationError(
            "Заявление о сложении обязанностей подаёт наставник из банка наставников.",
            code="not_mentor",
        )
    with transaction.atomic():
        if ChangeRequest.objects.filter(
            author=author, kind=kind, pair=pair, status=ChangeRequestStatus.PENDING
        ).exists():
            raise ValidationError(
                "Такое заявление уже подано и ждёт решения.", code="already_pending"
            )
        request = ChangeRequest.objects.create(
            organization=author.organization, kind=kind, author=author, pair=pair, reason=reason
        )
        log_action(request, "change_request.created", actor=author.user)
        notify(
            users=role_holders(author.organization, Role.CURATOR, Role.DIRECTOR),
            kind=REQUEST_KINDS[kind],
            organization=author.organization,
            context={
                "author": author.full_name,
                "reason": reason.strip(),
                "path": reverse("mentoring:change-request-list"),
            },
        )
    return request


def change_request_decide(
    *, request: ChangeRequest, by: User, approve: bool, comment: str = ""
) -> ChangeRequest:
    """The curator or director decides; approving closes the pair or releases the mentor."""
    with transaction.atomic():
        request = ChangeRequest.objects.select_for_update().get(pk=request.pk)
        target = ChangeRequestStatus.APPROVED if approve else ChangeRequestStatus.DECLINED
        if target not in CHANGE_REQUEST_ALLOWED.get(request.status, ()):
            raise ValidationError("По этому заявлению уже принято решение.", code="decided")
        if not approve and not comment.strip():
            raise ValidationError("Объясните в комментарии, почему заявление отклонено.", code="c")
        request.status = target
        request.decided_by, request.decided_at = by, timezone.now()
        request.decision_comment = comment
        request.save()
        log_action(
            request,
            "change_request.approved" if approve else "change_request.declined",
            actor=by,
            comment=comment.strip(),
            **status_data(ChangeRequestStatus.PENDING, request.status, ChangeRequestStatus),
        )
        if approve:
            reason = request.get_kind_display().lower()
            if request.pair is not None and request.pair.status != PairStatus.CLOSED:
                pair_transition(
                    pair=request.pair, target=PairStatus.CLOSED, actor=by, reason=reason
                )
            if request.kind == ChangeRequestKind.RELEASE_MENTOR:
                profile = MentorProfile.objects.get(staff=request.author)
                mentor_release(profile=profile, actor=by, reason=reason)
    return request
