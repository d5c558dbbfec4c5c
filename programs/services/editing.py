"""Creating and editing a program: the note and the plan rows, with optimistic concurrency."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from core.audit import log_action
from core.models import User
from core.plugins import year_start_now
from mentoring.models import Pair, PairStatus
from programs.models import (
    NOTE_FIELDS,
    PlanRow,
    Program,
    ProgramStatus,
    ProgramTemplate,
    RowStatus,
)
from programs.requests import mentee_requests
from programs.services.common import (
    PROGRAM_SNAPSHOT_FIELDS,
    ROW_PLAN_FIELDS,
    ROW_REPORT_FIELDS,
    _bump_revision,
    _require_draft,
    add_months,
    stale_save_conflict,
    validate_dates,
    validate_deadline,
    validate_evidence,
)


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
        # The academic year it begins in: the organization's current one (which may be the next
        # year, opened early).
        year_start=year_start_now(pair.organization_id),
        template=template,
        title=title or (template.title if template else ""),
        starts_on=starts_on,
        ends_on=ends_on,
        created_by=author,
        updated_by=author,
        note_changed_by=author,
        note_changed_at=timezone.now(),
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
    log_action(program, "program.created", actor=author)
    return program


@transaction.atomic
def program_note_save(*, program: Program, data: dict, loaded_version: int, user: User) -> Program:
    """Save the note and dates if nobody saved since ``loaded_version``; else ConflictError."""
    current = Program.objects.select_for_update().get(pk=program.pk)
    _require_draft(current)
    if current.version != loaded_version:
        raise stale_save_conflict(
            current=current,
            loaded_version=loaded_version,
            data=data,
            fields=PROGRAM_SNAPSHOT_FIELDS,
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
    changed = [f for f in PROGRAM_SNAPSHOT_FIELDS if getattr(current, f) != data[f]]
    for field in PROGRAM_SNAPSHOT_FIELDS:
        setattr(current, field, data[field])
    if changed:
        current.note_changed_at, current.note_changed_by = timezone.now(), user
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
        raise stale_save_conflict(
            current=current, loaded_version=loaded_version, data=data, fields=fields
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
    if current.status == RowStatus.DONE:
        current.done_on = current.done_on or timezone.localdate()
        if current.done_on > timezone.localdate():
            raise ValidationError(
                {"done_on": "Дата выполнения не может быть позже сегодняшнего дня."},
                code="done_in_future",
            )
    else:
        current.done_on = None
    current.version += 1
    current.updated_by = user
    # The program is locked above and the user is signed in: asking the database whether
    # they exist would be two more queries on every save.
    current.full_clean(exclude=["program", "updated_by"])
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
