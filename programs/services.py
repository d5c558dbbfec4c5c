"""Writes and life cycles of programs: the note, plan rows, agreement, approval, changes, case."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone

from mentoring.lifecycle import TransitionError, check_transition
from mentoring.models import Pair, PairStatus, StaffMember, User
from programs import wording
from programs.models import (
    NOTE_FIELDS,
    AgreementKind,
    Case,
    ChangeKind,
    ChangeStatus,
    EndReason,
    Meeting,
    PlanRow,
    Program,
    ProgramAgreement,
    ProgramChange,
    ProgramStatus,
    ProgramTemplate,
    RowStatus,
)
from programs.requests import mentee_requests

# The life cycle of a program.
ALLOWED = {
    ProgramStatus.DRAFT: {ProgramStatus.AGREED},
    ProgramStatus.AGREED: {ProgramStatus.REVIEWED, ProgramStatus.DRAFT},
    ProgramStatus.REVIEWED: {
        ProgramStatus.APPROVED,
        ProgramStatus.IN_PROGRESS,
        ProgramStatus.DRAFT,
    },
    ProgramStatus.APPROVED: {ProgramStatus.IN_PROGRESS, ProgramStatus.ENDED_EARLY},
    ProgramStatus.IN_PROGRESS: {ProgramStatus.COMPLETED, ProgramStatus.ENDED_EARLY},
}

# The life cycle of a change after approval.
CHANGE_ALLOWED = {
    ChangeStatus.PROPOSED: {ChangeStatus.AGREED, ChangeStatus.REJECTED},
    ChangeStatus.AGREED: {ChangeStatus.ACCEPTED, ChangeStatus.APPLIED, ChangeStatus.REJECTED},
    ChangeStatus.ACCEPTED: {ChangeStatus.APPLIED},
}

PROGRAM_SNAPSHOT_FIELDS = ("title", "starts_on", "ends_on", *NOTE_FIELDS)
ROW_PLAN_FIELDS = ("direction", "event", "event_form", "deadline", "expected_result")
ROW_REPORT_FIELDS = ("status", "deadline", "actual_result", "evidence_url")

EVIDENCE_EXTENSIONS = {
    ".pdf",
    ".doc",
    ".docx",
    ".xls",
    ".xlsx",
    ".ppt",
    ".pptx",
    ".jpg",
    ".jpeg",
    ".png",
}
EVIDENCE_MAX_BYTES = 10 * 1024 * 1024
# What a file of each kind starts with: a renamed program is refused by its content.
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP = b"PK\x03\x04"
EVIDENCE_SIGNATURES = {
    ".pdf": (b"%PDF",),
    ".doc": (_OLE,),
    ".xls": (_OLE,),
    ".ppt": (_OLE,),
    ".docx": (_ZIP,),
    ".xlsx": (_ZIP,),
    ".pptx": (_ZIP,),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".png": (b"\x89PNG\r\n\x1a\n",),
}

MIN_MONTHS, MAX_MONTHS = 3, 12


# --- helpers ----------------------------------------------------------------------------------


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` later (the last day of a shorter month)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for candidate in range(day.day, 27, -1):
        try:
            return dt.date(year, month, candidate)
        except ValueError:
            continue
    return dt.date(year, month, min(day.day, 28))


def validate_dates(starts_on: dt.date, ends_on: dt.date, *, allow_longer: bool = False) -> None:
    """A program lasts from three months to one year (longer only through an extension)."""
    if ends_on <= starts_on:
        raise ValidationError(
            {"ends_on": "Дата окончания должна быть позже даты начала."}, code="end_before_start"
        )
    if ends_on < add_months(starts_on, MIN_MONTHS):
        raise ValidationError(
            {"ends_on": "Программа длится не меньше 3 месяцев: перенесите дату окончания."},
            code="too_short",
        )
    if not allow_longer and ends_on > add_months(starts_on, MAX_MONTHS):
        raise ValidationError(
            {
                "ends_on": "Программа длится не больше 1 года; дольше — только через продление "
                "после утверждения."
            },
            code="too_long",
        )


def validate_deadline(program: Program, deadline: dt.date) -> None:
    if not (program.starts_on <= deadline <= program.ends_on):
        raise ValidationError(
            {
                "deadline": f"Срок должен быть в пределах программы: с "
                f"{program.starts_on:%d.%m.%Y} по {program.ends_on:%d.%m.%Y}."
            },
            code="deadline_outside",
        )


def validate_evidence(upload) -> None:
    """Only office documents, PDF and pictures up to 10 MB."""
    if upload is None:
        return
    suffix = Path(upload.name).suffix.lower()
    if suffix not in EVIDENCE_EXTENSIONS:
        raise ValidationError(
            {
                "evidence_file": "Такой файл загрузить нельзя: подойдут PDF, DOC, DOCX, XLS, XLSX, "
                "PPT, PPTX, JPG или PNG."
            },
            code="evidence_type",
        )
    if upload.size > EVIDENCE_MAX_BYTES:
        raise ValidationError(
            {"evidence_file": "Файл больше 10 МБ: сожмите его или дайте ссылку на него."},
            code="evidence_size",
        )
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if not head.startswith(EVIDENCE_SIGNATURES[suffix]):
        raise ValidationError(
            {
                "evidence_file": f"Файл называется «{upload.name}», но внутри не "
                f"{suffix[1:].upper()}: сохраните документ заново в нужном формате или дайте "
                "ссылку на него."
            },
            code="evidence_content",
        )


def staff_of(user: User, program: Program) -> StaffMember | None:
    return StaffMember.objects.filter(user=user, organization_id=program.organization_id).first()


def participant_role(user: User, program: Program) -> str:
    """'mentor', 'mentee' or '' for this user in this program's pair."""
    if program.pair.mentors.filter(user=user).exists():
        return "mentor"
    if program.pair.mentees.filter(user=user).exists():
        return "mentee"
    return ""


def _display(obj, field: str) -> str:
    value = getattr(obj, field)
    getter = getattr(obj, f"get_{field}_display", None)
    if getter is not None:
        return str(getter())
    if isinstance(value, dt.date):
        return f"{value:%d.%m.%Y}"
    if hasattr(value, "name") and field.startswith("evidence_file"):
        return Path(value.name).name if value else ""
    return "" if value is None else str(value)


@dataclass(frozen=True)
class FieldChange:
    label: str
    old: str
    new: str


class ConflictError(ValidationError):
    """A save over a newer version: what the other person changed, and the current object."""

    def __init__(self, *, current, changes: list[FieldChange], by: User | None):
        who = (by.short_name if by else "другой участник") or "другой участник"
        super().__init__(
            f"Пока вы редактировали, {who} уже сохранил(а) изменения. Ваши данные не потеряны: "
            "они остались в форме. Сверьте их с изменениями ниже и сохраните ещё раз.",
            code="stale_version",
        )
        self.current = current
        self.changes = changes
        self.by = by


def _changes_since(obj, loaded_version: int, fields: tuple[str, ...]) -> list[FieldChange]:
    """Field by field, what differs between the version the user loaded and now."""
    snapshot = obj.history.filter(version=loaded_version).order_by("-history_date").first()
    result = []
    for field in fields:
        new = _display(obj, field)
        old = _display(snapshot, field) if snapshot is not None else ""
        if snapshot is None or old != new:
            label = str(obj._meta.get_field(field).verbose_name)
            result.append(FieldChange(label[:1].upper() + label[1:], old, new))
    return result


def _bump_revision(program_id: int) -> None:
    Program.objects.filter(pk=program_id).update(revision=F("revision") + 1)


def _require_draft(program: Program) -> None:
    if program.status != ProgramStatus.DRAFT:
        raise ValidationError(
            "Программу можно править только в черновике. После утверждения изменения вносятся "
            "через «Предложить изменение».",
            code="not_draft",
        )


# --- creating and editing ---------------------------------------------------------------------


@transaction.atomic
def program_create(
    *,
    pair: Pair,
    author: User,
    starts_on: dt.date,
    ends_on: dt.date,
    template: ProgramTemplate | None = None,
    title: str = "",
) -> Program:
    """A draft program for a fixed pair, optionally started from a template."""
    if pair.status not in (PairStatus.FIXED, PairStatus.ACTIVE):
        raise ValidationError(
            "Программу пишут для пары, закреплённой приказом. Эта пара ещё не закреплена.",
            code="pair_not_fixed",
        )
    if Program.objects.filter(pair=pair).exists():
        raise ValidationError("У этой пары уже есть программа.", code="program_exists")
    validate_dates(starts_on, ends_on)
    program = Program(
        organization_id=pair.organization_id,
        pair=pair,
        template=template,
        title=title or (template.title if template else ""),
        starts_on=starts_on,
        ends_on=ends_on,
        created_by=author,
        updated_by=author,
    )
    if template is not None:
        for field in NOTE_FIELDS:
            setattr(program, field, getattr(template, field))
    program.full_clean()
    program.save()
    if template is not None:
        rows = []
        for n, trow in enumerate(template.rows.all(), start=1):
            deadline = min(starts_on + dt.timedelta(weeks=trow.week), ends_on)
            rows.append(
                PlanRow(
                    program=program,
                    position=n,
                    direction=trow.direction,
                    event=trow.event,
                    event_form=trow.event_form,
                    deadline=deadline,
                    expected_result=trow.expected_result,
                    updated_by=author,
                )
            )
        for row in rows:  # save() one by one so the audit records each row
            row.save()
    return program


@transaction.atomic
def program_note_save(*, program: Program, data: dict, loaded_version: int, user: User) -> Program:
    """Save the note and dates if nobody saved since ``loaded_version``; else ConflictError."""
    current = Program.objects.select_for_update().get(pk=program.pk)
    _require_draft(current)
    if current.version != loaded_version:
        raise ConflictError(
            current=current,
            changes=_changes_since(current, loaded_version, PROGRAM_SNAPSHOT_FIELDS),
            by=current.updated_by,
        )
    validate_dates(data["starts_on"], data["ends_on"])
    outside = current.rows.exclude(deadline__range=(data["starts_on"], data["ends_on"])).count()
    if outside:
        raise ValidationError(
            {
                "ends_on": f"Сроки {outside} мероприятий плана выходят за новые даты программы: "
                "сначала поправьте их."
            },
            code="rows_outside",
        )
    for field in PROGRAM_SNAPSHOT_FIELDS:
        setattr(current, field, data[field])
    current.version += 1
    current.revision += 1
    current.updated_by = user
    current.full_clean()
    current.save()
    return current


@transaction.atomic
def plan_row_add(*, program: Program, data: dict, user: User) -> PlanRow:
    current = Program.objects.select_for_update().get(pk=program.pk)
    _require_draft(current)
    validate_deadline(current, data["deadline"])
    last = current.rows.aggregate(m=Max("position"))["m"] or 0
    row = PlanRow(program=current, position=last + 1, updated_by=user)
    for field in ROW_PLAN_FIELDS:
        setattr(row, field, data[field])
    row.full_clean()
    row.save()
    _bump_revision(current.pk)
    return row


@transaction.atomic
def plan_row_save(*, row: PlanRow, data: dict, loaded_version: int, user: User) -> PlanRow:
    """Save one row: its plan in a draft, its status and result while the program runs."""
    current = PlanRow.objects.select_for_update().select_related("program").get(pk=row.pk)
    program = current.program
    if program.status == ProgramStatus.DRAFT:
        fields = ROW_PLAN_FIELDS
    elif program.status in (ProgramStatus.APPROVED, ProgramStatus.IN_PROGRESS):
        fields = ROW_REPORT_FIELDS
    else:
        raise ValidationError(
            "Программа на проверке или завершена: её план сейчас не правят.", code="row_locked"
        )
    if current.version != loaded_version:
        raise ConflictError(
            current=current,
            changes=_changes_since(current, loaded_version, (*fields, "evidence_file")),
            by=current.updated_by,
        )
    data = {**data}
    if data.get("deadline") is None:
        data["deadline"] = current.deadline  # a report may leave the deadline as it is
    validate_deadline(program, data["deadline"])
    for field in fields:
        setattr(current, field, data.get(field, getattr(current, field)))
    if fields is ROW_REPORT_FIELDS:
        upload = data.get("evidence_file")
        validate_evidence(upload)
        if upload:
            current.evidence_file = upload
        if current.status == RowStatus.DONE and not (
            current.actual_result or current.evidence_url or current.evidence_file or upload
        ):
            raise ValidationError(
                {"actual_result": "Чтобы отметить мероприятие выполненным, опишите результат."},
                code="result_required",
            )
    current.version += 1
    current.updated_by = user
    current.full_clean()
    current.save()
    if program.status == ProgramStatus.DRAFT:
        _bump_revision(program.pk)
    return current


@transaction.atomic
def plan_row_delete(*, row: PlanRow, user: User) -> None:
    program = Program.objects.select_for_update().get(pk=row.program_id)
    _require_draft(program)
    row.delete()
    _bump_revision(program.pk)


@transaction.atomic
def plan_fill_from_requests(*, program: Program, user: User) -> int:
    """Add a plan row for every request of the mentee not yet in the plan; returns how many."""
    current = Program.objects.select_for_update().get(pk=program.pk)
    _require_draft(current)
    existing = set(current.rows.values_list("event", flat=True))
    last = current.rows.aggregate(m=Max("position"))["m"] or 0
    deadline = min(add_months(current.starts_on, 2), current.ends_on)
    added = 0
    for item in mentee_requests(current.pair):
        event = f"Разбор запроса: {item.text}"[:500]
        if event in existing:
            continue
        last += 1
        PlanRow(
            program=current,
            position=last,
            direction=item.direction,
            event=event,
            event_form="Консультация наставника",
            deadline=deadline,
            expected_result="Затруднение наставляемого устранено.",
            updated_by=user,
        ).save()
        added += 1
    if added:
        _bump_revision(current.pk)
    return added


# --- the life cycle ---------------------------------------------------------------------------


def _move(program: Program, target: str) -> None:
    check_transition(ALLOWED, program.status, target, labels=ProgramStatus)
    program.status = target


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
    if agreement_state(current)["complete"]:
        _move(current, ProgramStatus.AGREED)
        current.curator_comment = ""
        current.save()
    return current


@transaction.atomic
def program_review(*, program: Program, user: User) -> Program:
    """The curator checked an agreed program; it waits for the director's approval order."""
    current = Program.objects.select_for_update().get(pk=program.pk)
    _move(current, ProgramStatus.REVIEWED)
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
    _move(current, ProgramStatus.DRAFT)
    current.curator_comment = comment.strip()
    current.revision += 1
    current.reviewed_by, current.reviewed_at = None, None
    current.save()
    return current


def _order_number(order) -> str:
    """«12-од»: the journal number with the organization's suffix when the order has one."""
    return str(getattr(order, "number_text", "") or getattr(order, "number", "") or "")


def _order_date(order) -> dt.date:
    signed = getattr(order, "signed_at", None) or timezone.now()
    return timezone.localdate(signed) if isinstance(signed, dt.datetime) else signed


@transaction.atomic
def programs_approve(*, order, programs) -> list[Program]:
    """The order «об утверждении персонализированных программ» is signed: reviewed → approved.

    A program whose start date has come goes straight on to «в работе».
    """
    result = []
    today = timezone.localdate()
    for program in programs:
        current = Program.objects.select_for_update().get(pk=program.pk)
        _move(current, ProgramStatus.APPROVED)
        current.approval_order_number = _order_number(order)
        current.approval_order_date = _order_date(order)
        if current.starts_on <= today:
            _move(current, ProgramStatus.IN_PROGRESS)
            current.started_at = timezone.now()
        current.save()
        Pair.objects.filter(pk=current.pair_id, status=PairStatus.FIXED).update(
            status=PairStatus.ACTIVE
        )
        result.append(current)
    return result


@transaction.atomic
def program_start(*, program: Program, user: User) -> Program:
    current = Program.objects.select_for_update().get(pk=program.pk)
    _move(current, ProgramStatus.IN_PROGRESS)
    current.started_at = timezone.now()
    current.save()
    return current


@transaction.atomic
def program_complete(*, program: Program, user: User) -> Program:
    """Completed in full (seed 002, 8.1, first case); the case is prefilled."""
    current = Program.objects.select_for_update().get(pk=program.pk)
    open_rows = current.rows.filter(status__in=(RowStatus.PLANNED, RowStatus.MOVED)).count()
    if open_rows:
        raise ValidationError(
            f"В плане остались невыполненные мероприятия ({open_rows}): отметьте их выполненными "
            "или отменёнными, либо завершите программу досрочно через изменение.",
            code="plan_not_done",
        )
    _move(current, ProgramStatus.COMPLETED)
    current.end_reason = EndReason.PLAN_DONE
    current.finished_at = timezone.now()
    current.save()
    case_prefill(program=current)
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
    _move(current, ProgramStatus.ENDED_EARLY)
    current.end_reason = reason
    current.end_order_number = _order_number(order)
    current.finished_at = timezone.now()
    current.save()
    case_prefill(program=current)
    return current


# --- changes after approval (seed 002, 8.2) ---------------------------------------------------


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
    return change


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
    return current


@transaction.atomic
def change_accept(*, change: ProgramChange, user: User, comment: str = "") -> ProgramChange:
    """The curator accepts: plan and form changes are applied; dates and early end need an order."""
    current = ProgramChange.objects.select_for_update().select_related("program").get(pk=change.pk)
    target = ChangeStatus.ACCEPTED if current.needs_order else ChangeStatus.APPLIED
    check_transition(CHANGE_ALLOWED, current.status, target, labels=ChangeStatus)
    current.status = target
    current.accepted_by, current.accepted_at = user, timezone.now()
    current.decision_comment = comment.strip()
    if target == ChangeStatus.APPLIED:
        current.applied_at = timezone.now()
        _apply_content_change(current)
    current.save()
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
    current = ProgramChange.objects.select_for_update().get(pk=change.pk)
    check_transition(CHANGE_ALLOWED, current.status, ChangeStatus.REJECTED, labels=ChangeStatus)
    current.status = ChangeStatus.REJECTED
    current.decision_comment = comment.strip()
    current.accepted_by, current.accepted_at = user, timezone.now()
    current.save()
    return current


@transaction.atomic
def program_change_apply(*, order, change: ProgramChange) -> ProgramChange:
    """The order on the change is signed: move the end date or end the program early."""
    current = ProgramChange.objects.select_for_update().get(pk=change.pk)
    check_transition(CHANGE_ALLOWED, current.status, ChangeStatus.APPLIED, labels=ChangeStatus)
    program = Program.objects.select_for_update().get(pk=current.program_id)
    if current.kind in (ChangeKind.EXTEND, ChangeKind.SHORTEN):
        if current.kind == ChangeKind.SHORTEN:
            later = program.rows.filter(deadline__gt=current.new_ends_on).exclude(
                status__in=(RowStatus.DONE, RowStatus.CANCELLED)
            )
            later.update(deadline=current.new_ends_on, version=F("version") + 1)
        program.ends_on = current.new_ends_on
        program.version += 1
        program.save()
    elif current.kind == ChangeKind.END:
        program_end(order=order, program=program, reason=current.end_reason)
    current.status = ChangeStatus.APPLIED
    current.applied_at = timezone.now()
    current.order_number = _order_number(order)
    current.save()
    return current


# --- meetings ---------------------------------------------------------------------------------


@transaction.atomic
def meeting_log(*, program: Program, data: dict, user: User) -> Meeting:
    if program.status in (ProgramStatus.COMPLETED, ProgramStatus.ENDED_EARLY):
        raise ValidationError("Программа завершена: встречи больше не вносятся.", code="finished")
    if data["held_on"] < program.starts_on - dt.timedelta(days=31):
        raise ValidationError(
            {"held_on": "Дата встречи задолго до начала программы: проверьте её."},
            code="meeting_too_early",
        )
    if data["held_on"] > program.ends_on:
        raise ValidationError(
            {
                "held_on": f"Программа заканчивается {program.ends_on:%d.%m.%Y}: встреча позже "
                "этой даты не входит в неё. Если программа продлевается, сначала оформите "
                "продление."
            },
            code="meeting_after_end",
        )
    meeting = Meeting(program=program, logged_by=user, **data)
    meeting.full_clean()
    meeting.save()
    return meeting


# --- the case (seed 004) ----------------------------------------------------------------------


def _portrait(staff: StaffMember) -> str:
    return wording.portrait(staff)


def case_prefill(*, program: Program) -> Case:
    """Create the case of a finished program from what the program knows (idempotent)."""
    existing = Case.objects.filter(program=program).first()
    if existing is not None:
        return existing
    pair = program.pair
    forms = ", ".join(str(f.get_form_display()) for f in pair.forms.all())
    role_model = pair.role_model or "—"
    rows = list(program.rows.all())
    done = [r for r in rows if r.status == RowStatus.DONE]
    meetings = program.meetings.count()
    results = "\n".join(f"{r.event}: {r.actual_result}" for r in done if r.actual_result)
    mentors, mentees = list(pair.mentors.all()), list(pair.mentees.all())
    requests = "; ".join(line.strip() for line in pair.request_text.splitlines() if line.strip())
    reason = program.get_end_reason_display() or "план мероприятий выполнен"
    return Case.objects.create(
        program=program,
        form_and_role_model=f"{pair.get_participants_form_display()}"
        + (f" ({forms})" if forms else "")
        + f" / {role_model}",
        given="\n".join(_portrait(m) for m in pair.mentees.all()) + "\n" + program.problem,
        need=f"{program.goal}\n{program.planned_results}".strip(),
        who_needed="\n".join(_portrait(m) for m in pair.mentors.all()),
        results=results or program.planned_results,
        stage_1="Педагогический коллектив проинформирован о программе наставничества, "
        "определены её цели и участники.",
        stage_2=wording.included(mentees, "в банк наставляемых")
        + (f" с запросом: {requests}." if requests else "."),
        stage_3=wording.included(mentors, "в банк наставников") + ".",
        stage_4="Наставник отобран по анкете и опыту, ознакомлен с Положением о наставничестве.",
        stage_5=f"Сформирована пара {role_model}, закреплена приказом руководителя.",
        stage_6=f"Программа с {program.starts_on:%d.%m.%Y} по {program.ends_on:%d.%m.%Y}: "
        f"выполнено {len(done)} из {len(rows)} мероприятий плана, проведено встреч: {meetings}.",
        stage_7=f"{program.get_status_display()}: {reason[:1].lower() + reason[1:]}.",
    )


@transaction.atomic
def case_save(*, case: Case, data: dict, user: User) -> Case:
    current = Case.objects.select_for_update().get(pk=case.pk)
    for field, value in data.items():
        setattr(current, field, value)
    current.updated_by = user
    current.full_clean()
    current.save()
    return current


@transaction.atomic
def case_publish(*, case: Case, user: User, publish: bool = True) -> Case:
    """Mark the case publishable only when every participant consented to publication."""
    from programs.consents import missing_publication_consents

    current = Case.objects.select_for_update().select_related("program__pair").get(pk=case.pk)
    if publish:
        missing = missing_publication_consents(current.program.pair)
        if missing:
            raise ValidationError(
                "Кейс нельзя опубликовать: нет согласия на публикацию "
                + wording.at_people(missing)
                + ".",
                code="no_publication_consent",
            )
    current.is_published = publish
    current.updated_by = user
    current.save()
    return current


__all__ = ["ConflictError", "TransitionError"]
