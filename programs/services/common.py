"""Shared pieces of the program services: transition tables, date and evidence checks, conflicts."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db.models import F

from core.audit import register_actions
from core.files import FILE_SIGNATURES, content_matches
from core.grammar import agree_with
from core.models import User
from mentoring.models import StaffMember
from programs.models import (
    NOTE_FIELDS,
    ChangeStatus,
    Program,
    ProgramStatus,
)

register_actions(
    {
        "program.created": "Программа создана",
        "program.agreement_given": "[actor:Согласовал|Согласовала] редакцию {revision}",
        "program.agreed": "Программа согласована участниками",
        "program.reviewed": "Программа проверена куратором",
        "program.returned": "Программа возвращена на доработку",
        "program.approved": "Программа утверждена приказом {order}",
        "program.started": "Программа в работе",
        "program.completed": "Программа выполнена",
        "program.ended_early": "Программа завершена досрочно приказом {order}",
        "program.ended_on_withdrawal": "Программа завершена досрочно: участник отозвал согласие "
        "на обработку персональных данных (приказ оформляется после)",
        "program.ended_on_leaving": "Программа завершена досрочно: {who}; проект приказа о "
        "досрочном завершении подготовлен",
        "program.end_order_recorded": "Досрочное завершение оформлено приказом {order}",
        "program.end_date_moved": "Срок программы изменён приказом {order}: до {ends_on}",
        "program_change.proposed": "Предложено изменение: {kind}",
        "program_change.agreed": "Изменение согласовано вторым участником",
        "program_change.accepted": "Изменение принято куратором",
        "program_change.applied": "Изменение применено{order}",
        "program_change.rejected": "Изменение отклонено",
        "plan_row.deadline_moved": "Срок мероприятия перенесён на {deadline}",
    }
)

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
ROW_REPORT_FIELDS = ("status", "deadline", "done_on", "actual_result", "evidence_url")

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
EVIDENCE_SIGNATURES = {ext: FILE_SIGNATURES[ext] for ext in EVIDENCE_EXTENSIONS}

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
    content = upload.read()
    upload.seek(0)
    if not content_matches(content, suffix):
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


@dataclass(frozen=True)
class FieldConflict:
    """A field both people changed: what is saved now and what this person typed."""

    field: str
    label: str
    saved: str
    mine: str


class ConflictError(ValidationError):
    """A save over a newer version, merged field by field and waiting for this person's check.

    ``merged`` is the form data to show again: fields this person did not change carry the
    other person's saved values, fields only she changed keep her input, and fields both changed
    carry the saved value (so saving the form as it is never reverts the other person's change)
    with her own value shown beside it in ``conflicts``.
    """

    def __init__(
        self,
        *,
        current,
        changes: list[FieldChange],
        by: User | None,
        merged: dict | None = None,
        conflicts: list[FieldConflict] = (),
    ):
        who = (by.short_name if by else "другой участник") or "другой участник"
        saved = agree_with(by, "сохранил", "сохранила")
        their = agree_with(by, "его", "её")
        if conflicts:
            text = (
                f"Пока вы редактировали, {who} уже {saved} изменения. {their.capitalize()} "
                "правки перенесены в "
                "форму, ваши тоже. Поля, которые изменили вы оба, показаны ниже рядом: выберите "
                "вариант и сохраните ещё раз."
            )
        else:
            text = (
                f"Пока вы редактировали, {who} уже {saved} изменения. Ваши данные не "
                f"потеряны: форма объединяет {their} правки с вашими. Проверьте и сохраните ещё "
                "раз."
            )
        super().__init__(text, code="stale_version")
        self.current = current
        self.changes = changes
        self.by = by
        self.merged = merged or {}
        self.conflicts = list(conflicts)


def _snapshot(obj, loaded_version: int):
    """The object as this person loaded it, from its history."""
    return obj.history.filter(version=loaded_version).order_by("-history_date").first()


def _changes_since(obj, loaded_version: int, fields: tuple[str, ...]) -> list[FieldChange]:
    """Field by field, what differs between the version the user loaded and now."""
    snapshot = _snapshot(obj, loaded_version)
    result = []
    for field in fields:
        new = _display(obj, field)
        old = _display(snapshot, field) if snapshot is not None else ""
        if snapshot is None or old != new:
            result.append(FieldChange(_label(obj, field), old, new))
    return result


def _label(obj, field: str) -> str:
    label = str(obj._meta.get_field(field).verbose_name)
    return label[:1].upper() + label[1:]


def _same(a, b) -> bool:
    """Equal as a person sees them: None and "" are both empty, text ignores trailing spaces."""
    a = "" if a is None else a
    b = "" if b is None else b
    if isinstance(a, str) and isinstance(b, str):
        return a.strip().replace("\r\n", "\n") == b.strip().replace("\r\n", "\n")
    return a == b


def stale_save_conflict(
    *, current, loaded_version: int, data: dict, fields: tuple[str, ...]
) -> ConflictError:
    """Merge this person's edit of an old version with the saved one (a three-way merge)."""
    base = _snapshot(current, loaded_version)
    merged, conflicts = {}, []
    for field in fields:
        saved = getattr(current, field)
        mine = data.get(field, saved)
        original = getattr(base, field) if base is not None else saved
        if _same(mine, original) or _same(mine, saved):
            merged[field] = saved  # she left it, or typed what is saved: nothing to revert
        elif _same(saved, original):
            merged[field] = mine  # only she changed it
        else:
            merged[field] = saved  # both changed it: the saved value stays until she chooses
            conflicts.append(
                FieldConflict(
                    field, _label(current, field), _display(current, field), _as_text(mine)
                )
            )
    return ConflictError(
        current=current,
        changes=_changes_since(current, loaded_version, fields),
        by=current.updated_by,
        merged=merged,
        conflicts=conflicts,
    )


def _as_text(value) -> str:
    if isinstance(value, dt.date):
        return f"{value:%d.%m.%Y}"
    return "" if value is None else str(value)


def _bump_revision(program_id: int) -> None:
    Program.objects.filter(pk=program_id).update(revision=F("revision") + 1)


def _require_draft(program: Program) -> None:
    if program.status != ProgramStatus.DRAFT:
        raise ValidationError(
            "Программу можно править только в черновике. После утверждения изменения вносятся "
            "через «Предложить изменение».",
            code="not_draft",
        )
