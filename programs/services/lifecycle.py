"""The program's life cycle: agreement, review, approval by order, start, completion, early end."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from core.audit import log_action, status_data
from core.lifecycle import check_transition
from core.models import User
from mentoring.models import PairStatus
from mentoring.services.pairs import pair_activate, pair_close
from programs.models import (
    AgreementKind,
    EndReason,
    Program,
    ProgramAgreement,
    ProgramStatus,
    RowStatus,
)
from programs.services.cases import case_prefill
from programs.services.common import ALLOWED, participant_role
from programs.services.notices import notify_program_agreed

PROGRAM_ACTIONS = {
    ProgramStatus.DRAFT: "program.returned",
    ProgramStatus.AGREED: "program.agreed",
    ProgramStatus.REVIEWED: "program.reviewed",
    ProgramStatus.APPROVED: "program.approved",
    ProgramStatus.IN_PROGRESS: "program.started",
    ProgramStatus.COMPLETED: "program.completed",
    ProgramStatus.ENDED_EARLY: "program.ended_early",
}


def _move(program: Program, target: str, *, actor: User | None, action: str = "", **data) -> None:
    """Check the table, set the status and log it; the caller saves the locked program."""
    old = program.status
    check_transition(ALLOWED, old, target, labels=ProgramStatus)
    program.status = target
    log_action(
        program,
        action or PROGRAM_ACTIONS[target],
        actor=actor,
        **status_data(old, target, ProgramStatus),
        **data,
    )


@transaction.atomic
def program_end_on_withdrawal(*, program: Program, actor: User | None) -> Program:
    """A participant withdrew consent to processing: the program ends early at once.

    The law leaves no waiting for an order here (152-ФЗ, ст. 9 ч. 2); the curator drafts the
    order on the early end afterwards. No case is prepared: its participant withdrew.
    """
    current = Program.objects.select_for_update().get(pk=program.pk)
    _move(current, ProgramStatus.ENDED_EARLY, actor=actor, action="program.ended_on_withdrawal")
    current.end_reason = EndReason.PARTICIPANT
    current.finished_at = timezone.now()
    current.save()
    _close_pair(current, actor=actor)
    return current


@transaction.atomic
def program_end_on_leaving(*, program: Program, actor: User | None, who: str) -> Program:
    """A participant left the kindergarten: the program ends early at once, its pair closes.

    The order on the early end is drafted by the caller (``programs.leaving_effects``) and
    recorded on the program when it is signed. No case is prepared: the work broke off.
    """
    current = Program.objects.select_for_update().get(pk=program.pk)
    _move(
        current, ProgramStatus.ENDED_EARLY, actor=actor, action="program.ended_on_leaving", who=who
    )
    current.end_reason = EndReason.PARTICIPANT
    current.finished_at = timezone.now()
    current.save()
    _close_pair(current, actor=actor)
    return current


def _close_pair(program: Program, *, actor: User | None) -> None:
    """A finished program closes its pair through the pair's life cycle, where it allows."""
    pair_close(pair=program.pair, actor=actor, reason=program.get_status_display().lower())


def agreement_state(program: Program) -> dict:
    """Who agreed with the current revision: mentors, mentees, and whether it is enough."""
    agreements = [a for a in program.agreements.all() if a.revision == program.revision]
    agreed_ids = {a.staff_id for a in agreements}
    mentors = list(program.pair.mentors.all())
    mentees = list(program.pair.mentees.all())
    mentor_ok = any(m.pk in agreed_ids for m in mentors)
    mentees_ok = bool(mentees) and all(m.pk in agreed_ids for m in mentees)
    return {
        "agreements": agreements,
        "agreed_ids": agreed_ids,
        "complete": mentor_ok and mentees_ok,
        "mentor_ok": mentor_ok,
        "mentees_ok": mentees_ok,
        "mentors": mentors,
        "mentees": mentees,
    }


@transaction.atomic
def program_agree(*, program: Program, user: User) -> Program:
    """Record one participant's agreement; when mentor and every mentee agreed, it is agreed.

    A mentee agreeing with a draft the mentor has agreed to acknowledges it («ознакомлен»).
    """
    current = Program.objects.select_for_update().get(pk=program.pk)
    if current.status != ProgramStatus.DRAFT:
        check_transition(ALLOWED, current.status, ProgramStatus.AGREED, labels=ProgramStatus)
    role = participant_role(user, current)
    if not role:
        raise ValidationError(
            "Согласовать программу могут только наставник и наставляемый этой пары.",
            code="not_participant",
        )
    if not current.rows.exists():
        raise ValidationError(
            "В плане нет ни одного мероприятия: добавьте их перед согласованием.",
            code="empty_plan",
        )
    staff = (current.pair.mentors if role == "mentor" else current.pair.mentees).get(user=user)
    state = agreement_state(current)
    if staff.pk in state["agreed_ids"]:
        raise ValidationError("Вы уже согласовали эту редакцию программы.", code="already_agreed")
    kind = AgreementKind.AGREED
    if role == "mentee" and state["mentor_ok"] and current.updated_by_id != user.pk:
        kind = AgreementKind.ACKNOWLEDGED
    ProgramAgreement.objects.create(
        program=current,
        staff=staff,
        as_mentor=role == "mentor",
        kind=kind,
        revision=current.revision,
    )
    log_action(
        current,
        "program.agreement_given",
        actor=user,
        who=staff.short_name,
        revision=current.revision,
        kind=kind,
    )
    if agreement_state(current)["complete"]:
        _move(current, ProgramStatus.AGREED, actor=user)
        current.curator_comment = ""
        current.save()
        notify_program_agreed(current)
    return current


@transaction.atomic
def program_review(*, program: Program, user: User) -> Program:
    """The curator checked an agreed program; it waits for the director's approval order."""
    current = Program.objects.select_for_update().get(pk=program.pk)
    _move(current, ProgramStatus.REVIEWED, actor=user)
    current.reviewed_by, current.reviewed_at = user, timezone.now()
    current.save()
    return current


@transaction.atomic
def program_return(*, program: Program, user: User, comment: str) -> Program:
    """The curator returns the program to the draft with comments; agreements must be renewed."""
    if not comment.strip():
        raise ValidationError(
            {"comment": "Напишите, что нужно исправить: без замечаний вернуть нельзя."},
            code="comment_required",
        )
    current = Program.objects.select_for_update().get(pk=program.pk)
    _move(current, ProgramStatus.DRAFT, actor=user, comment=comment.strip())
    current.curator_comment = comment.strip()
    current.revision += 1
    current.reviewed_by, current.reviewed_at = None, None
    current.save()
    return current


@transaction.atomic
def programs_approve(*, order, programs) -> list[Program]:
    """The order «об утверждении персонализированных программ» is signed: reviewed → approved.

    A program whose start date has come goes straight on to «в работе».
    """
    result = []
    today = timezone.localdate()
    for program in programs:
        current = Program.objects.select_for_update().get(pk=program.pk)
        actor = order.signed_by
        _move(current, ProgramStatus.APPROVED, actor=actor, order=order.reference)
        current.approval_order_number = order.number_text
        current.approval_order_date = order.order_date
        if current.starts_on <= today:
            _move(current, ProgramStatus.IN_PROGRESS, actor=actor)
            current.started_at = timezone.now()
        current.save()
        if current.pair.status == PairStatus.FIXED:
            pair_activate(pair=current.pair, actor=actor, order=order.reference)
        result.append(current)
    return result


@transaction.atomic
def program_start(*, program: Program, user: User) -> Program:
    current = Program.objects.select_for_update().get(pk=program.pk)
    _move(current, ProgramStatus.IN_PROGRESS, actor=user)
    current.started_at = timezone.now()
    current.save()
    return current


@transaction.atomic
def program_complete(*, program: Program, user: User) -> Program:
    """Completed in full (seed 002, 8.1, first case); the case is prefilled."""
    current = Program.objects.select_for_update().get(pk=program.pk)
    if timezone.localdate() < current.starts_on:
        raise ValidationError(
            f"Программа начинается {current.starts_on:%d.%m.%Y}: завершить её раньше начала "
            "нельзя.",
            code="complete_before_start",
        )
    open_rows = current.rows.filter(status__in=(RowStatus.PLANNED, RowStatus.MOVED)).count()
    if open_rows:
        raise ValidationError(
            f"В плане остались невыполненные мероприятия ({open_rows}): отметьте их выполненными "
            "или отменёнными, либо завершите программу досрочно через изменение.",
            code="plan_not_done",
        )
    _move(current, ProgramStatus.COMPLETED, actor=user)
    current.end_reason = EndReason.PLAN_DONE
    current.finished_at = timezone.now()
    current.save()
    case_prefill(program=current)
    _close_pair(current, actor=user)
    return current


@transaction.atomic
def program_end(*, order, program: Program, reason: str) -> Program:
    """The order on early end is signed: the program ends with one of the reasons of 8.1."""
    if reason not in (EndReason.PARTICIPANT, EndReason.CURATOR):
        raise ValidationError(
            "Досрочно программу завершают по инициативе участников или куратора.",
            code="bad_reason",
        )
    current = Program.objects.select_for_update().get(pk=program.pk)
    _move(current, ProgramStatus.ENDED_EARLY, actor=order.signed_by, order=order.reference)
    current.end_reason = reason
    current.end_order_number = order.number_text
    current.finished_at = timezone.now()
    current.save()
    case_prefill(program=current)
    _close_pair(current, actor=order.signed_by)
    return current
