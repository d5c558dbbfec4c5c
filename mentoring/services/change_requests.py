"""Requests of participants (seed 002, 5.1 and 6.1): another mentor, or a mentor's release."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from core.audit import log_action, status_data
from core.models import NotificationKind, Role, User
from core.notifications import notify, role_holders
from mentoring.models import (
    ChangeRequest,
    ChangeRequestKind,
    ChangeRequestStatus,
    MentorProfile,
    Pair,
    PairStatus,
    StaffMember,
)
from mentoring.services.banks import mentor_release
from mentoring.services.pairs import pair_transition

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
