"""The early end of a mentor's agreement (ТК РФ ст. 351.8): writes.

The article lets the mentor refuse the mentoring early and the employer withdraw the
assignment, telling the other side in writing at least three working days ahead. Here each is
a signed document (``AgreementEnding``, kind «agreement_ending» of ``core.signing``):

- the mentor signs her refusal on the agreement's page («Отказаться от наставничества»);
- the director signs the withdrawal («Отменить поручение»).

The notice is dated the day it is signed; the mentoring ends on the third working day after it
(``working_days``). That day ``endings_apply`` (the daily run of ``roadmap/reminders.py``)
closes the pairs of the agreement through their life cycle, takes the role «Наставник» away
through ``core.roles.role_revoke`` with the document as the basis and releases her from the
active mentors of the bank, unless another agreement of hers is still in force. The other side
gets a letter when the notice is signed.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.http import HttpRequest
from django.utils import timezone

from core.access import has_role
from core.audit import log_action, register_actions
from core.models import Role, User
from core.notifications import notify, role_holders, staff_users
from core.roles import role_revoke
from core.signing.services import (
    Step,
    document_sign,
    qr_data_uri,
    signing_password_check,
    verify_url,
)
from mentoring.matching import OPEN_PAIR_STATUSES
from mentoring.models import MentorProfile, MentorStatus, Pair
from mentoring.services import mentor_status_change, pair_close
from roadmap.esign import esign_check
from roadmap.models import AgreementEnding, AgreementStatus, EndingKind, MentorAgreement
from roadmap.working_days import add_working_days

NOTICE_WORKING_DAYS = 3
REASON_MAX = 2000

register_actions(
    {
        "agreement.refused": (
            "[actor:Подписал|Подписала] досрочный отказ от наставничества по соглашению "
            "№ {number}; наставничество прекращается {effective}"
        ),
        "agreement.withdrawn": (
            "[actor:Подписал|Подписала] отмену поручения о наставничестве по соглашению "
            "№ {number}; наставничество прекращается {effective}"
        ),
        "agreement.ended": "Наставничество по соглашению № {number} прекращено: {outcome}",
    }
)

WHAT = {
    EndingKind.REFUSAL: "досрочный отказ от наставничества",
    EndingKind.WITHDRAWAL: "отмена поручения о наставничестве",
}


def effective_on(notice_on: dt.date) -> dt.date:
    """The day the mentoring ends: the third working day after the notice."""
    return add_working_days(notice_on, NOTICE_WORKING_DAYS)


def basis_label(ending: AgreementEnding) -> str:
    """«досрочный отказ от наставничества от 07.12.2026 (дополнительное соглашение № 3)»."""
    return (
        f"{WHAT[ending.kind]} от {ending.notice_on:%d.%m.%Y} "
        f"(дополнительное соглашение № {ending.agreement.number})"
    )


def can_end(agreement: MentorAgreement, user: User, kind: str) -> bool:
    """The mentor refuses her own signed agreement; the director withdraws any signed one."""
    if agreement.status != AgreementStatus.SIGNED or _has_ending(agreement):
        return False
    if kind == EndingKind.REFUSAL:
        return agreement.mentor.user_id == user.pk
    return has_role(user, agreement.organization_id, Role.DIRECTOR)


def _has_ending(agreement: MentorAgreement) -> bool:
    return AgreementEnding.objects.filter(agreement=agreement).exists()


def ending_sign(
    *,
    agreement: MentorAgreement,
    kind: str,
    signer: User,
    password: str,
    reason: str = "",
    request: HttpRequest | None = None,
    today: dt.date | None = None,
) -> AgreementEnding:
    """Write and sign the refusal or the withdrawal in one step; a wrong password writes nothing."""
    not_done = "Отказ не подписан" if kind == EndingKind.REFUSAL else "Отмена не подписана"
    if kind not in EndingKind.values:
        raise ValidationError("Неизвестный вид прекращения наставничества.", code="bad_kind")
    reason = "".join(ch for ch in (reason or "") if ch.isprintable() or ch in "\n\t").strip()
    if len(reason) > REASON_MAX:
        raise ValidationError(
            f"Причина слишком длинная: не больше {REASON_MAX} знаков.", code="reason_long"
        )
    # The password first, outside the transaction: a wrong one is counted and nothing is written.
    signing_password_check(signer=signer, password=password, not_done=not_done, request=request)
    notice_on = today or timezone.localdate()
    with transaction.atomic():
        agreement = MentorAgreement.objects.select_for_update().get(pk=agreement.pk)
        _check(agreement, kind=kind, signer=signer)
        ending = AgreementEnding.objects.create(
            organization_id=agreement.organization_id,
            agreement=agreement,
            kind=kind,
            reason=reason,
            notice_on=notice_on,
            effective_on=effective_on(notice_on),
        )
        ending = document_sign(
            kind="agreement_ending",
            document=ending,
            signer=signer,
            password=password,
            request=request,
            not_done=not_done,
            prepare=lambda current, now: _signature(current, signer),
        )
        _notify_other_side(ending)
    return ending


def _check(agreement: MentorAgreement, *, kind: str, signer: User) -> None:
    if agreement.status != AgreementStatus.SIGNED:
        raise ValidationError(
            "Досрочно прекратить можно только соглашение, подписанное обеими сторонами.",
            code="not_signed",
        )
    if _has_ending(agreement):
        raise ValidationError(
            "По этому соглашению уже подписано досрочное прекращение наставничества.",
            code="already_ended",
        )
    esign_check(user=signer, organization=agreement.organization)
    if kind == EndingKind.REFUSAL and agreement.mentor.user_id != signer.pk:
        raise ValidationError(
            "Отказаться от наставничества может только сам наставник.", code="not_mentor"
        )
    if kind == EndingKind.WITHDRAWAL and not has_role(
        signer, agreement.organization_id, Role.DIRECTOR
    ):
        raise ValidationError(
            "Отменить поручение о наставничестве может только руководитель.", code="not_director"
        )


def _signature(ending: AgreementEnding, signer: User) -> Step:
    ending.signed_by = signer
    ending.signer_name = signer.full_name or str(signer)
    action = "agreement.refused" if ending.is_refusal else "agreement.withdrawn"
    return Step(
        action,
        data={
            "number": ending.agreement.number,
            "effective": f"{ending.effective_on:%d.%m.%Y}",
        },
    )


def _notify_other_side(ending: AgreementEnding) -> None:
    """The refusal goes to the director (and the curator); the withdrawal to the mentor."""
    agreement = ending.agreement
    if ending.is_refusal:
        users = role_holders(agreement.organization, Role.DIRECTOR, Role.CURATOR)
    else:
        users = staff_users([agreement.mentor])
    notify(
        users=users,
        kind="agreement_ending",
        organization=agreement.organization,
        context={
            "ending": ending,
            "agreement": agreement,
            "mentor": agreement.mentor,
            "path": agreement.get_absolute_url(),
        },
    )


# --- on the effective date ---------------------------------------------------------------------


def endings_apply(*, today: dt.date | None = None) -> int:
    """End the mentoring of every signed notice whose date has come; returns how many."""
    day = today or timezone.localdate()
    due = AgreementEnding.objects.filter(
        applied_at__isnull=True, verify_code__isnull=False, effective_on__lte=day
    ).order_by("effective_on", "pk")
    done = 0
    for ending in due:
        ending_apply(ending=ending)
        done += 1
    return done


def ending_apply(*, ending: AgreementEnding, actor: User | None = None) -> AgreementEnding:
    """Close the agreement's pairs, take the mentor's role away, release her from the bank."""
    with transaction.atomic():
        ending = (
            AgreementEnding.objects.select_for_update(of=("self",))
            .select_related("agreement__mentor__user", "agreement__organization")
            .get(pk=ending.pk)
        )
        if ending.applied_at is not None:
            return ending
        agreement = ending.agreement
        mentor = agreement.mentor
        label = basis_label(ending)
        lines = _close_pairs(agreement, actor=actor, label=label)
        if _other_agreement_in_force(agreement):
            lines.append("роль «Наставник» сохранена: действует другое соглашение")
        else:
            if mentor.user_id is not None and role_revoke(
                user=mentor.user,
                organization=agreement.organization,
                role=Role.MENTOR,
                actor=actor,
                basis_label=label,
            ):
                lines.append("роль «Наставник» снята")
            profile = MentorProfile.objects.filter(staff=mentor, status=MentorStatus.ACTIVE).first()
            if profile is not None:
                mentor_status_change(
                    profile=profile, target=MentorStatus.RELEASED, actor=actor, reason=label
                )
                lines.append("наставник освобождён от обязанностей в банке наставников")
        ending.applied_at = timezone.now()
        ending.outcome = "; ".join(lines) or "действующих пар по соглашению не было"
        AgreementEnding.objects.filter(pk=ending.pk).update(
            applied_at=ending.applied_at, outcome=ending.outcome
        )
        log_action(
            agreement,
            "agreement.ended",
            actor=actor,
            number=agreement.number,
            outcome=ending.outcome,
        )
    return ending


def _close_pairs(agreement: MentorAgreement, *, actor: User | None, label: str) -> list[str]:
    """Her open pairs with the agreement's mentees close; a pair the table keeps is named."""
    mentees = list(agreement.mentees.values_list("pk", flat=True))
    pairs = (
        Pair.objects.filter(status__in=OPEN_PAIR_STATUSES, mentors=agreement.mentor)
        .filter(mentees__in=mentees)
        .distinct()
        .order_by("pk")
    )
    lines = []
    for pair in pairs:
        try:
            with transaction.atomic():
                closed = pair_close(pair=pair, actor=actor, reason=label)
        except ValidationError as error:
            lines.append(f"не закрыта пара ({pair.participants_line}): {' '.join(error.messages)}")
            continue
        if closed.status in OPEN_PAIR_STATUSES:
            lines.append(
                f"не закрыта пара ({pair.participants_line}): закройте её на странице пары"
            )
        else:
            lines.append(f"закрыта пара ({pair.participants_line})")
    return lines


def _other_agreement_in_force(agreement: MentorAgreement) -> bool:
    """Another signed agreement of the same mentor with no early end, not yet expired."""
    return (
        MentorAgreement.objects.filter(
            mentor=agreement.mentor,
            status=AgreementStatus.SIGNED,
            ends_on__gte=timezone.localdate(),
        )
        .exclude(pk=agreement.pk)
        .filter(Q(ending__isnull=True))
        .exists()
    )


def ending_pdf_context(ending: AgreementEnding) -> dict:
    from roadmap.services import initials_first

    agreement = ending.agreement
    organization = agreement.organization
    context = {
        "ending": ending,
        "agreement": agreement,
        "organization": organization,
        "mentor": agreement.mentor,
        "director_short": initials_first(
            ending.signer_name if not ending.is_refusal else organization.director_name
        ),
        "signed_local": ending.signed_at and timezone.localtime(ending.signed_at),
    }
    if ending.verify_code:
        url = verify_url(ending.verify_code)
        context.update({"verify_url": url, "qr": qr_data_uri(url)})
    return context
