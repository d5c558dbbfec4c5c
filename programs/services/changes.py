"""Changes after approval (seed 002, 8.2): proposed, agreed, accepted, applied by order."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from core.audit import log_action, status_data
from core.lifecycle import check_transition
from core.models import User
from programs.models import (
    ChangeKind,
    ChangeStatus,
    EndReason,
    PlanRow,
    Program,
    ProgramChange,
    ProgramStatus,
    RowStatus,
)
from programs.services.common import (
    CHANGE_ALLOWED,
    participant_role,
    validate_dates,
    validate_deadline,
)
from programs.services.lifecycle import program_end
from programs.services.notices import notify_change_agreed, notify_change_proposed


@transaction.atomic
def change_propose(
    *,
    program: Program,
    user: User,
    kind: str,
    reason: str,
    description: str = "",
    new_ends_on: dt.date | None = None,
    end_reason: str = "",
    new_direction: str = "",
    new_event: str = "",
    new_deadline: dt.date | None = None,
    new_mode: str = "",
) -> ProgramChange:
    """One participant (or the curator, for an early end) proposes a change."""
    current = Program.objects.select_for_update().get(pk=program.pk)
    if not current.is_running:
        raise ValidationError(
            "Изменения предлагают для утверждённой программы, которая ещё не завершена.",
            code="not_running",
        )
    if not reason.strip():
        raise ValidationError({"reason": "Объясните, зачем нужно изменение."}, code="no_reason")
    if current.changes.filter(
        status__in=(ChangeStatus.PROPOSED, ChangeStatus.AGREED, ChangeStatus.ACCEPTED)
    ).exists():
        raise ValidationError(
            "По программе уже есть незавершённое изменение: дождитесь решения по нему.",
            code="change_pending",
        )
    if kind in (ChangeKind.EXTEND, ChangeKind.SHORTEN):
        if new_ends_on is None:
            raise ValidationError(
                {"new_ends_on": "Укажите новую дату окончания."}, code="no_new_end"
            )
        if kind == ChangeKind.EXTEND and new_ends_on <= current.ends_on:
            raise ValidationError(
                {"new_ends_on": "При продлении новая дата окончания должна быть позже нынешней."},
                code="not_longer",
            )
        if kind == ChangeKind.SHORTEN:
            if new_ends_on >= current.ends_on:
                raise ValidationError(
                    {"new_ends_on": "При сокращении новая дата должна быть раньше нынешней."},
                    code="not_shorter",
                )
            validate_dates(current.starts_on, new_ends_on)
    if kind == ChangeKind.END and end_reason not in (EndReason.PARTICIPANT, EndReason.CURATOR):
        raise ValidationError(
            {"end_reason": "Выберите основание досрочного завершения."}, code="no_end_reason"
        )
    if kind in (ChangeKind.PLAN, ChangeKind.FORM) and not description.strip():
        raise ValidationError(
            {"description": "Опишите, что именно меняется в плане или форме."},
            code="no_description",
        )
    if kind == ChangeKind.PLAN and new_event.strip():
        if not new_direction or new_deadline is None:
            raise ValidationError(
                {"new_deadline": "Для нового мероприятия укажите направление и срок."},
                code="new_event_incomplete",
            )
        validate_deadline(current, new_deadline)
    role = participant_role(user, current)
    status = ChangeStatus.PROPOSED
    if not role:
        if kind != ChangeKind.END or end_reason != EndReason.CURATOR:
            raise ValidationError(
                "Изменение предлагает наставник или наставляемый; куратор может только "
                "предложить досрочное завершение по своей инициативе.",
                code="not_participant",
            )
        status = ChangeStatus.AGREED
    change = ProgramChange(
        program=current,
        kind=kind,
        reason=reason.strip(),
        description=description.strip(),
        new_ends_on=new_ends_on,
        end_reason=end_reason,
        proposed_by=user,
        status=status,
        new_direction=new_direction if kind == ChangeKind.PLAN else "",
        new_event=new_event.strip() if kind == ChangeKind.PLAN else "",
        new_deadline=new_deadline if kind == ChangeKind.PLAN else None,
        new_mode=new_mode if kind == ChangeKind.FORM else "",
    )
    change.full_clean()
    change.save()
    log_action(change, "program_change.proposed", actor=user, kind=change.get_kind_display())
    log_action(current, "program_change.proposed", actor=user, kind=change.get_kind_display())
    if status == ChangeStatus.AGREED:
        _log_change(change, ChangeStatus.PROPOSED, ChangeStatus.AGREED, actor=user)
    else:
        notify_change_proposed(change, by=user)
    return change


CHANGE_ACTIONS = {
    ChangeStatus.AGREED: "program_change.agreed",
    ChangeStatus.ACCEPTED: "program_change.accepted",
    ChangeStatus.APPLIED: "program_change.applied",
    ChangeStatus.REJECTED: "program_change.rejected",
}


def _log_change(change: ProgramChange, old: str, new: str, *, actor: User | None, **data) -> None:
    """The change's move, on the change and on its program's page."""
    details = {**status_data(old, new, ChangeStatus), "change": change.pk, **data}
    log_action(change, CHANGE_ACTIONS[new], actor=actor, **details)
    log_action(change.program, CHANGE_ACTIONS[new], actor=actor, **details)


@transaction.atomic
def change_agree(*, change: ProgramChange, user: User) -> ProgramChange:
    """The other participant agrees."""
    current = ProgramChange.objects.select_for_update().select_related("program").get(pk=change.pk)
    check_transition(CHANGE_ALLOWED, current.status, ChangeStatus.AGREED, labels=ChangeStatus)
    role = participant_role(user, current.program)
    proposer_role = participant_role(current.proposed_by, current.program)
    if not role or role == proposer_role or user.pk == current.proposed_by_id:
        raise ValidationError(
            "Изменение согласует второй участник: если предложил наставник — наставляемый, "
            "и наоборот.",
            code="not_other_participant",
        )
    current.status = ChangeStatus.AGREED
    current.agreed_by, current.agreed_at = user, timezone.now()
    current.save()
    _log_change(current, ChangeStatus.PROPOSED, ChangeStatus.AGREED, actor=user)
    notify_change_agreed(current)
    return current


@transaction.atomic
def change_accept(*, change: ProgramChange, user: User, comment: str = "") -> ProgramChange:
    """The curator accepts: plan and form changes are applied; dates and early end need an order."""
    current = ProgramChange.objects.select_for_update().select_related("program").get(pk=change.pk)
    target = ChangeStatus.ACCEPTED if current.needs_order else ChangeStatus.APPLIED
    old = current.status
    check_transition(CHANGE_ALLOWED, old, target, labels=ChangeStatus)
    current.status = target
    current.accepted_by, current.accepted_at = user, timezone.now()
    current.decision_comment = comment.strip()
    if target == ChangeStatus.APPLIED:
        current.applied_at = timezone.now()
        _apply_content_change(current)
    current.save()
    _log_change(current, old, target, actor=user, comment=current.decision_comment)
    if current.needs_order:
        from programs.orders import draft_change_order

        draft_change_order(change=current, author=user)
    return current


def _apply_content_change(change: ProgramChange) -> None:
    """A change of plan adds its event; a change of form switches the mode of work."""
    program = Program.objects.select_for_update().get(pk=change.program_id)
    if change.kind == ChangeKind.PLAN and change.new_event:
        last = program.rows.aggregate(m=Max("position"))["m"] or 0
        PlanRow(
            program=program,
            position=last + 1,
            direction=change.new_direction,
            event=change.new_event,
            event_form="",
            deadline=change.new_deadline,
            expected_result=change.description,
            updated_by=change.accepted_by,
        ).save()
    if change.kind == ChangeKind.FORM and change.new_mode:
        program.mode = change.new_mode
        program.version += 1
        program.save()


@transaction.atomic
def change_reject(*, change: ProgramChange, user: User, comment: str) -> ProgramChange:
    current = ProgramChange.objects.select_for_update().select_related("program").get(pk=change.pk)
    old = current.status
    check_transition(CHANGE_ALLOWED, old, ChangeStatus.REJECTED, labels=ChangeStatus)
    current.status = ChangeStatus.REJECTED
    current.decision_comment = comment.strip()
    current.accepted_by, current.accepted_at = user, timezone.now()
    current.save()
    _log_change(current, old, ChangeStatus.REJECTED, actor=user, comment=current.decision_comment)
    return current


@transaction.atomic
def program_change_apply(*, order, change: ProgramChange) -> ProgramChange:
    """The order on the change is signed: move the end date or end the program early."""
    current = ProgramChange.objects.select_for_update().select_related("program").get(pk=change.pk)
    old = current.status
    check_transition(CHANGE_ALLOWED, old, ChangeStatus.APPLIED, labels=ChangeStatus)
    program = Program.objects.select_for_update().get(pk=current.program_id)
    actor = order.signed_by
    if current.kind in (ChangeKind.EXTEND, ChangeKind.SHORTEN):
        if current.kind == ChangeKind.SHORTEN:
            later = (
                program.rows.select_for_update()
                .filter(deadline__gt=current.new_ends_on)
                .exclude(status__in=(RowStatus.DONE, RowStatus.CANCELLED))
            )
            for row in later:  # one save per row: each keeps its history
                row.deadline = current.new_ends_on
                row.version += 1
                row.save(update_fields=["deadline", "version", "updated_at"])
                log_action(
                    row,
                    "plan_row.deadline_moved",
                    actor=actor,
                    deadline=f"{row.deadline:%d.%m.%Y}",
                )
        program.ends_on = current.new_ends_on
        program.version += 1
        program.save()
        log_action(
            program,
            "program.end_date_moved",
            actor=actor,
            order=order.reference,
            ends_on=f"{program.ends_on:%d.%m.%Y}",
        )
    elif current.kind == ChangeKind.END and program.status == ProgramStatus.ENDED_EARLY:
        # Ended at once when a participant left or withdrew consent: the order records it.
        program.end_order_number = order.number_text
        program.save(update_fields=["end_order_number"])
        log_action(program, "program.end_order_recorded", actor=actor, order=order.reference)
    elif current.kind == ChangeKind.END:
        program_end(order=order, program=program, reason=current.end_reason)
    current.status = ChangeStatus.APPLIED
    current.applied_at = timezone.now()
    current.order_number = order.number_text
    current.save()
    _log_change(
        current, old, ChangeStatus.APPLIED, actor=actor, order=f" приказом {order.reference}"
    )
    return current
