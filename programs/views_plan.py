"""The program's plan, row by row: inline forms (htmx), saving with conflicts, evidence."""

from __future__ import annotations

import copy
from pathlib import Path

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.views.decorators.http import require_POST

from core.access import access, get_object_in_org, require
from core.files import file_response
from programs import selectors, services, tables
from programs.forms import RowPlanForm, RowReportForm
from programs.models import PlanRow
from programs.rules import can_edit_program, can_report_program, can_view_program
from programs.views import (
    ANYONE,
    attach_errors,
    error_text,
    load_program,
    merged_form,
    program_page_context,
)


def _load_row(request, pk: int) -> PlanRow:
    row = get_object_in_org(request, PlanRow.objects.select_related("program__pair"), pk=pk)
    if not can_view_program(request.user, row.program):
        raise Http404
    return row


@require_POST
@access(*ANYONE)
def row_add(request, pk: int):
    program = load_program(request, pk, rule=can_edit_program, page=False)
    form = RowPlanForm(request.POST, prefix="add")
    if form.is_valid():
        try:
            row = services.plan_row_add(program=program, data=form.cleaned_data, user=request.user)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            if request.htmx:
                return render(
                    request,
                    "programs/partials/row.html",
                    {
                        "rows": tables.plan_rows(
                            [row], running=program.is_running, can_edit=True, can_report=False
                        )
                    },
                )
            messages.success(request, "Мероприятие добавлено в план.")
            return redirect(program)
    context = program_page_context(request, program)
    context["row_form"] = form
    return render(request, "programs/detail.html", context, status=422)


def _row_form(row: PlanRow, data=None, files=None):
    form_class = RowPlanForm if row.program.is_draft else RowReportForm
    auto_id = f"row{row.pk}_%s"
    if data is None:
        return form_class(instance=row, initial={"version": row.version}, auto_id=auto_id)
    # A copy takes the input, so the row the page shows again on an error keeps its values.
    return form_class(data, files, instance=copy.copy(row), auto_id=auto_id)


@access(*ANYONE)
def row_edit(request, pk: int):
    """The row as an inline form (an htmx fragment)."""
    row = _load_row(request, pk)
    _require_row_write(request, row)
    return render(request, "programs/partials/row_form.html", {"row": row, "form": _row_form(row)})


def _require_row_write(request, row: PlanRow) -> dict:
    """The user's rights on the row's program (``_row_rights``); 403 when she may not write."""
    rights = _row_rights(request, row.program)
    if not (rights["can_edit"] or rights["can_report"]):
        raise PermissionDenied
    return rights


@access(*ANYONE)
def row_show(request, pk: int):
    row = _load_row(request, pk)
    return render(
        request,
        "programs/partials/row.html",
        {
            "rows": tables.plan_rows(
                [row], running=row.program.is_running, **_row_rights(request, row.program)
            )
        },
    )


def _row_rights(request, program) -> dict:
    return {
        "can_edit": can_edit_program(request.user, program),
        "can_report": can_report_program(request.user, program),
    }


@require_POST
@access(*ANYONE)
def row_save(request, pk: int):
    """Save one row; a stale save answers the conflict fragment with the user's input kept."""
    row = _load_row(request, pk)
    rights = _require_row_write(request, row)
    form = _row_form(row, request.POST, request.FILES)
    conflict = None
    if form.is_valid():
        try:
            saved = services.plan_row_save(
                row=row,
                data=form.cleaned_data,
                loaded_version=form.cleaned_data.get("version") or 0,
                user=request.user,
            )
        except services.ConflictError as error:
            conflict = error
            form = merged_form(
                type(form),
                request.POST,
                error,
                instance=error.current,
                auto_id=f"row{row.pk}_%s",
            )
        except ValidationError as error:
            attach_errors(form, error)
        else:
            if not request.htmx:
                messages.success(request, "Мероприятие сохранено.")
                return redirect(row.program)
            # The rights the request was let in with: saving a row changes neither the
            # program's status nor its participants.
            row_html = render_to_string(
                "programs/partials/row.html",
                {"rows": tables.plan_rows([saved], running=saved.program.is_running, **rights)},
                request=request,
            )
            # The progress box above the plan counts this row too: swapped out of band.
            progress, meetings_count = selectors.program_progress(saved.program)
            progress_html = render_to_string(
                "programs/partials/progress.html",
                {"progress": progress, "meetings_count": meetings_count, "oob": True},
                request=request,
            )
            return HttpResponse(row_html + progress_html)
    context = {"row": row, "form": form, "conflict": conflict}
    if not request.htmx:
        return render(request, "programs/row_page.html", context, status=409 if conflict else 422)
    return render(request, "programs/partials/row_form.html", context)


@require_POST
@access(*ANYONE)
def row_delete(request, pk: int):
    row = _load_row(request, pk)
    require(can_edit_program, request.user, row.program)
    try:
        services.plan_row_delete(row=row, user=request.user)
    except ValidationError as error:
        messages.error(request, error_text(error))
    if request.htmx:
        return HttpResponse("")
    return redirect(row.program)


@access(*ANYONE)
def row_evidence(request, pk: int):
    row = _load_row(request, pk)
    if not row.evidence_file:
        raise Http404
    with row.evidence_file.open("rb") as stored:
        content = stored.read()
    return file_response(content, Path(row.evidence_file.name).name)


@require_POST
@access(*ANYONE)
def fill_from_requests(request, pk: int):
    program = load_program(request, pk, rule=can_edit_program)
    try:
        added = services.plan_fill_from_requests(program=program, user=request.user)
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        if added:
            messages.success(request, f"В план добавлено мероприятий по запросам: {added}.")
        else:
            messages.info(request, "Новых запросов наставляемого нет: план уже их учитывает.")
    return redirect(program)
