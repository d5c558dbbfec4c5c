"""An activity record: entered → confirmed, or returned with a reason and entered again."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from core.audit import log_action, register_actions
from core.lifecycle import check_transition
from core.models import User
from mentoring.models import StaffMember
from programs.models import Activity, ActivityStatus, Program
from programs.services.common import validate_evidence

register_actions(
    {
        "activity.submitted": "Запись об активности внесена",
        "activity.resubmitted": "Запись об активности исправлена и отправлена снова",
        "activity.confirmed": "Запись об активности подтверждена куратором",
        "activity.returned": "Запись об активности возвращена: {reason}",
    }
)

ALLOWED = {
    ActivityStatus.SUBMITTED: {ActivityStatus.CONFIRMED, ActivityStatus.RETURNED},
    ActivityStatus.RETURNED: {ActivityStatus.SUBMITTED},
}
FIELDS = ("kind", "title", "happened_on", "level", "result")


def _validate(data: dict, evidence, *, required: bool) -> None:
    if evidence is None and required:
        raise ValidationError(
            {"evidence_file": "Приложите подтверждающий документ: сертификат, диплом, приказ."},
            code="evidence_missing",
        )
    if data["happened_on"] > timezone.localdate():
        raise ValidationError(
            {"happened_on": "Дата ещё не наступила: внесите запись, когда событие состоится."},
            code="activity_future",
        )
    validate_evidence(evidence)


@transaction.atomic
def activity_submit(
    *, program: Program, staff: StaffMember, data: dict, evidence, user: User
) -> Activity:
    """A participant records her own activity; it waits for the curator."""
    _validate(data, evidence, required=True)
    activity = Activity(
        organization_id=program.organization_id,
        program=program,
        staff=staff,
        created_by=user,
        evidence_file=evidence,
        **{field: data[field] for field in FIELDS},
    )
    activity.full_clean()
    activity.save()
    log_action(activity, "activity.submitted", actor=user)
    return activity


@transaction.atomic
def activity_resubmit(*, activity: Activity, data: dict, evidence, user: User) -> Activity:
    """The author corrects a returned record and sends it again (the file may stay)."""
    current = Activity.objects.select_for_update().get(pk=activity.pk)
    check_transition(ALLOWED, current.status, ActivityStatus.SUBMITTED, labels=ActivityStatus)
    _validate(data, evidence, required=False)
    for field in FIELDS:
        setattr(current, field, data[field])
    if evidence is not None:
        current.evidence_file = evidence
    current.status = ActivityStatus.SUBMITTED
    current.full_clean()
    current.save()
    log_action(current, "activity.resubmitted", actor=user)
    return current


@transaction.atomic
def activity_confirm(*, activity: Activity, user: User) -> Activity:
    current = Activity.objects.select_for_update().get(pk=activity.pk)
    check_transition(ALLOWED, current.status, ActivityStatus.CONFIRMED, labels=ActivityStatus)
    current.status = ActivityStatus.CONFIRMED
    current.return_reason = ""
    current.reviewed_by, current.reviewed_at = user, timezone.now()
    current.save()
    log_action(current, "activity.confirmed", actor=user)
    return current


@transaction.atomic
def activity_return(*, activity: Activity, user: User, reason: str) -> Activity:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(
            "Напишите, что исправить: причину возврата увидит автор записи.",
            code="reason_missing",
        )
    current = Activity.objects.select_for_update().get(pk=activity.pk)
    check_transition(ALLOWED, current.status, ActivityStatus.RETURNED, labels=ActivityStatus)
    current.status = ActivityStatus.RETURNED
    current.return_reason = reason
    current.reviewed_by, current.reviewed_at = user, timezone.now()
    current.save()
    log_action(current, "activity.returned", actor=user, reason=reason)
    return current
