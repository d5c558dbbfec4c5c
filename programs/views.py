"""Pages of the programs app: list, program page, inline plan rows, meetings, changes, case."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.views.decorators.http import require_POST

from mentoring.access import MANAGING_ROLES, access, get_object_in_org, public, require
from mentoring.cache import org_cached
from mentoring.jobs import job_start
from mentoring.models import Role
from programs import calendar, selectors, services
from programs.forms import (
    CaseForm,
    ChangeForm,
    DecisionForm,
    MeetingForm,
    NoteForm,
    ProgramCreateForm,
    ProgramFilterForm,
    ReturnForm,
    RowPlanForm,
    RowReportForm,
    TemplateForm,
    TemplateRowFormSet,
)
from programs.models import Case, Meeting, PlanRow, Program, ProgramChange, ProgramTemplate
from programs.orders import (
    draft_approval_order,
    pending_approval_order,
    programs_waiting_for_an_order,
)
from programs.rules import (
    can_create_program,
    can_curate_program,
    can_edit_program,
    can_report_program,
    can_start_program,
    can_view_program,
    is_program_participant,
)
from roadmap.selectors import orders_about
from roadmap.views.orders import draft_message

PARTICIPANTS = (Role.MENTOR, Role.MENTEE)
ANYONE = (*MANAGING_ROLES, *PARTICIPANTS)


def _errors(error: ValidationError) -> str:
    return " ".join(error.messages)


def _load_program(request, pk: int, rule=can_view_program, *, plan: bool = True) -> Program:
    program = get_object_in_org(
        request,
        selectors.program_for_page(Program.objects.all(), plan=plan),
        pk=pk,
        rule=can_view_program,
    )
    if rule is not can_view_program:
        require(rule, request.user, program)
    return program


def _load_row(request, pk: int) -> PlanRow:
    row = get_object_in_org(request, PlanRow.objects.select_related("program__pair"), pk=pk)
    if not can_view_program(request.user, row.program):
        raise Http404
    return row


@access(*ANYONE)
def program_list(request):
    """Programs with progress and overdue events: all for managers, their own for participants."""
    form = ProgramFilterForm(request.GET or None, organization=request.organization)
    status, mentor = "", None
    if form.is_valid():
        status, mentor = form.cleaned_data["status"], form.cleaned_data["mentor"]
    qs = selectors.program_list(
        user=request.user,
        organization=request.organization,
        roles=request.roles,
        status=status,
        mentor=mentor,
    )
    page = selectors.program_page(
        qs, organization=request.organization, number=request.GET.get("page")
    )
    # The rows (progress, people, headings in the genitive) are rendered once per change of
    # the organization's data and kept in its cache.
    pks = page.object_list
    rows = org_cached(
        request.organization.pk,
        f"programs:rows:{pks}",  # a long name is digested by the cache
        lambda: render_to_string(
            "programs/partials/program_rows.html", {"programs": selectors.decorate_page(pks)}
        ),
    )
    context = {
        "form": form,
        "page": page,
        "rows": rows,
        "can_create": can_create_program(request.user, request.organization),
    }
    if request.roles & MANAGING_ROLES:
        context["counts"] = selectors.organization_counts(organization=request.organization)
    template = "programs/partials/program_table.html" if request.htmx else "programs/list.html"
    return render(request, template, context)


@access(Role.MENTOR, Role.CURATOR, Role.COUNCIL)
def program_create(request):
    pairs = selectors.pairs_without_program(
        organization=request.organization, user=request.user, roles=request.roles
    )
    templates = ProgramTemplate.objects.filter(organization=request.organization)
    form = ProgramCreateForm(request.POST or None, pairs=pairs, templates=templates)
    if request.method == "POST" and form.is_valid():
        try:
            program = services.program_create(author=request.user, **form.cleaned_data)
        except ValidationError as error:
            _attach(form, error)
        else:
            messages.success(request, "Черновик программы создан. Заполните записку и план.")
            return redirect(program)
    return render(request, "programs/create.html", {"form": form, "has_pairs": pairs.exists()})


def _attach(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errs in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errs)
    else:
        form.add_error(None, error.messages)


def _tables(program: Program, *, can_edit: bool, can_report: bool) -> dict:
    """The plan and the meeting log rendered, with the progress they give."""
    rows = list(program.rows.all())
    today = selectors.timezone.localdate()
    for row in rows:
        row.is_overdue = selectors.row_is_overdue(row, today, running=program.is_running)
    meetings = list(Meeting.objects.filter(program=program))
    plan_context = {"rows": rows, "can_edit": can_edit, "can_report": can_report}
    return {
        "progress": selectors.progress_of(rows, running=program.is_running),
        "meetings_count": len(meetings),
        "plan_rows": render_to_string("programs/partials/plan_rows.html", plan_context),
        "meeting_rows": render_to_string(
            "programs/partials/meeting_rows.html", {"meetings": meetings}
        ),
    }


def _blank_fields(name: str, form_class, program: Program) -> str:
    return org_cached(
        program.organization_id,
        f"program-form:{name}",
        lambda: render_to_string(
            f"programs/partials/{name}_fields.html", {f"{name}_form": form_class()}
        ),
    )


def _page_context(request, program: Program) -> dict:
    state = services.agreement_state(program)
    user_staff_ids = {
        m.pk
        for m in [*program.pair.mentors.all(), *program.pair.mentees.all()]
        if m.user_id == request.user.pk
    }
    can_edit = can_edit_program(request.user, program)
    can_report = can_report_program(request.user, program)
    # The two long tables (60 events, 100 meetings) are rendered once per change of the
    # organization's data, for each combination of the buttons they show.
    tables = org_cached(
        program.organization_id,
        f"program:{program.pk}:tables:{can_edit:d}{can_report:d}",
        lambda: _tables(program, can_edit=can_edit, can_report=can_report),
    )
    return {
        "program": program,
        **tables,
        "agreement": state,
        "i_agreed": bool(user_staff_ids & state["agreed_ids"]),
        "is_participant": is_program_participant(request.user, program),
        "can_edit": can_edit,
        "can_report": can_report,
        "can_curate": can_curate_program(request.user, program),
        "meeting_form": MeetingForm(),
        "change_form": ChangeForm(),
        # Blank forms look the same on every program page: their fields are rendered once.
        "meeting_fields": _blank_fields("meeting", MeetingForm, program),
        "change_fields": _blank_fields("change", ChangeForm, program),
        "return_form": ReturnForm(),
        "row_form": RowPlanForm(prefix="add"),
        "case": Case.objects.filter(program=program).first() if program.is_finished else None,
        "orders": list(orders_about(program)),
    }


@access(*ANYONE)
def program_detail(request, pk: int):
    program = _load_program(request, pk, plan=False)  # the plan comes from the cache
    return render(request, "programs/detail.html", _page_context(request, program))


@access(*ANYONE)
def program_edit(request, pk: int):
    """The note; a save carries the version it was loaded at."""
    program = _load_program(request, pk, rule=can_edit_program)
    conflict = None
    if request.method == "POST":
        form = NoteForm(request.POST, instance=Program(pk=program.pk, pair=program.pair))
        if form.is_valid():
            try:
                services.program_note_save(
                    program=program,
                    data=form.cleaned_data,
                    loaded_version=form.cleaned_data["version"],
                    user=request.user,
                )
            except services.ConflictError as error:
                conflict = error
                form = _merged_form(NoteForm, request.POST, error)
            except ValidationError as error:
                _attach(form, error)
            else:
                messages.success(request, "Пояснительная записка сохранена.")
                return redirect(program)
    else:
        form = NoteForm(instance=program, initial={"version": program.version})
    return render(
        request, "programs/edit.html", {"program": program, "form": form, "conflict": conflict}
    )


def _merged_form(form_class, data, error, **kwargs):
    """The form again, merged with the saved version; the hidden version becomes the current one.

    Fields the other person changed and this one did not take the saved values, so saving the
    form as it is never reverts their change; this person's own changes stay.
    """
    data = data.copy()
    for field, value in error.merged.items():
        data[field] = value.isoformat() if hasattr(value, "isoformat") else value or ""
    data["version"] = str(error.current.version)
    return form_class(data, **kwargs)


@require_POST
@access(*ANYONE)
def row_add(request, pk: int):
    program = _load_program(request, pk, rule=can_edit_program)
    form = RowPlanForm(request.POST, prefix="add")
    if form.is_valid():
        try:
            row = services.plan_row_add(program=program, data=form.cleaned_data, user=request.user)
        except ValidationError as error:
            _attach(form, error)
        else:
            if request.htmx:
                return render(
                    request,
                    "programs/partials/row.html",
                    {"row": row, "program": program, "can_edit": True, "created": True},
                )
            messages.success(request, "Мероприятие добавлено в план.")
            return redirect(program)
    context = _page_context(request, program)
    context["row_form"] = form
    return render(request, "programs/detail.html", context, status=422)


def _row_form(row: PlanRow, data=None, files=None):
    form_class = RowPlanForm if row.program.is_draft else RowReportForm
    auto_id = f"row{row.pk}_%s"
    if data is None:
        return form_class(instance=row, initial={"version": row.version}, auto_id=auto_id)
    return form_class(data, files, instance=PlanRow.objects.get(pk=row.pk), auto_id=auto_id)


@access(*ANYONE)
def row_edit(request, pk: int):
    """The row as an inline form (an htmx fragment)."""
    row = _load_row(request, pk)
    _require_row_write(request, row)
    return render(request, "programs/partials/row_form.html", {"row": row, "form": _row_form(row)})


def _require_row_write(request, row: PlanRow) -> None:
    program = row.program
    if not (can_edit_program(request.user, program) or can_report_program(request.user, program)):
        raise PermissionDenied


@access(*ANYONE)
def row_show(request, pk: int):
    row = _load_row(request, pk)
    row.is_overdue = selectors.row_is_overdue(row, running=row.program.is_running)
    return render(
        request,
        "programs/partials/row.html",
        {"row": row, "program": row.program, **_row_rights(request, row.program)},
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
    _require_row_write(request, row)
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
            form = _merged_form(
                type(form),
                request.POST,
                error,
                instance=error.current,
                auto_id=f"row{row.pk}_%s",
            )
        except ValidationError as error:
            _attach(form, error)
        else:
            saved.is_overdue = selectors.row_is_overdue(saved, running=saved.program.is_running)
            if not request.htmx:
                messages.success(request, "Мероприятие сохранено.")
                return redirect(row.program)
            program = saved.program
            rights = _row_rights(request, program)
            row_html = render_to_string(
                "programs/partials/row.html",
                {"row": saved, "program": program, **rights},
                request=request,
            )
            # The progress box above the plan counts this row too: swapped out of band.
            progress_html = render_to_string(
                "programs/partials/progress.html",
                {
                    "progress": selectors.progress_of(
                        list(program.rows.all()), running=program.is_running
                    ),
                    "meetings_count": Meeting.objects.filter(program=program).count(),
                    "oob": True,
                },
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
        messages.error(request, _errors(error))
    if request.htmx:
        return HttpResponse("")
    return redirect(row.program)


@access(*ANYONE)
def row_evidence(request, pk: int):
    row = _load_row(request, pk)
    if not row.evidence_file:
        raise Http404
    return FileResponse(row.evidence_file.open("rb"), as_attachment=True)


@require_POST
@access(*ANYONE)
def fill_from_requests(request, pk: int):
    program = _load_program(request, pk, rule=can_edit_program)
    try:
        added = services.plan_fill_from_requests(program=program, user=request.user)
    except ValidationError as error:
        messages.error(request, _errors(error))
    else:
        if added:
            messages.success(request, f"В план добавлено мероприятий по запросам: {added}.")
        else:
            messages.info(request, "Новых запросов наставляемого нет: план уже их учитывает.")
    return redirect(program)


def _transition(request, pk: int, rule, action, success: str, **kwargs):
    program = _load_program(request, pk, rule=rule)
    try:
        action(program=program, user=request.user, **kwargs)
    except ValidationError as error:
        messages.error(request, _errors(error))
    else:
        messages.success(request, success)
    return redirect(program)


@require_POST
@access(*ANYONE)
def program_agree(request, pk: int):
    return _transition(
        request, pk, is_program_participant, services.program_agree, "Ваше согласие записано."
    )


@require_POST
@access(*ANYONE)
def program_review(request, pk: int):
    return _transition(
        request,
        pk,
        can_curate_program,
        services.program_review,
        "Программа проверена и ждёт приказа руководителя об утверждении.",
    )


@require_POST
@access(*ANYONE)
def program_return(request, pk: int):
    form = ReturnForm(request.POST)
    comment = form.data.get("comment", "")
    return _transition(
        request,
        pk,
        can_curate_program,
        services.program_return,
        "Программа возвращена участникам с замечаниями.",
        comment=comment,
    )


@require_POST
@access(*ANYONE)
def program_start(request, pk: int):
    return _transition(
        request, pk, can_start_program, services.program_start, "Работа по программе начата."
    )


@require_POST
@access(*ANYONE)
def program_complete(request, pk: int):
    return _transition(
        request,
        pk,
        can_curate_program,
        services.program_complete,
        "Программа завершена. Кейс заполнен по программе: проверьте его.",
    )


@require_POST
@access(Role.CURATOR)
def approval_order_prepare(request):
    """The curator prepares the director's order approving all reviewed programs."""
    reviewed = Program.objects.filter(organization=request.organization, status="reviewed")
    programs = list(
        programs_waiting_for_an_order(reviewed)
        .select_related("pair")
        .prefetch_related("pair__mentors", "pair__mentees")
    )
    if not programs:
        pending = pending_approval_order(request.organization)
        if pending is not None:
            messages.info(request, "Все проверенные программы уже включены в проект приказа.")
            return redirect(pending.get_absolute_url())
        messages.error(request, "Нет проверенных программ: утверждать пока нечего.")
        return redirect("programs:program-list")
    try:
        order = draft_approval_order(
            organization=request.organization, programs=programs, author=request.user
        )
    except ValidationError as error:
        messages.error(request, _errors(error))
        return redirect("programs:program-list")
    draft_message(request, order, f"Проект приказа подготовлен: программ в нём — {len(programs)}.")
    return redirect(order.get_absolute_url())


@require_POST
@access(*ANYONE)
def meeting_add(request, pk: int):
    program = _load_program(request, pk, rule=is_program_participant)
    form = MeetingForm(request.POST)
    if form.is_valid():
        try:
            services.meeting_log(program=program, data=form.cleaned_data, user=request.user)
        except ValidationError as error:
            _attach(form, error)
        else:
            messages.success(request, "Встреча записана в журнал.")
            return redirect(program.get_absolute_url() + "#meetings")
    context = _page_context(request, program)
    context["meeting_form"] = form
    return render(request, "programs/detail.html", context, status=422)


@access(*ANYONE)
def meeting_ics(request, pk: int):
    meeting = get_object_in_org(request, Meeting.objects.select_related("program__pair"), pk=pk)
    if not can_view_program(request.user, meeting.program):
        raise Http404
    response = HttpResponse(
        calendar.meeting_ics(meeting), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="meeting-{meeting.pk}.ics"'
    return response


@access(*ANYONE)
def calendar_settings(request):
    """The person's private subscription URL for meetings and plan deadlines."""
    token = calendar.calendar_token_get(user=request.user)
    return render(request, "programs/calendar.html", {"feed_url": calendar.feed_url(token)})


@require_POST
@access(*ANYONE)
def calendar_reset(request):
    calendar.calendar_token_reset(user=request.user)
    messages.success(
        request,
        "Создана новая ссылка. Старая больше не работает: подпишитесь на календарь заново.",
    )
    return redirect("programs:calendar-settings")


@public
def calendar_feed(request, token: str):
    """The subscription itself: calendar programs poll it without a login, by the secret."""
    from programs.models import CalendarToken

    found = CalendarToken.objects.select_related("user").filter(token=token).first()
    if found is None or not found.user.is_active:
        raise Http404
    response = HttpResponse(
        calendar.feed_ics(found.user), content_type="text/calendar; charset=utf-8"
    )
    response["Cache-Control"] = "private, max-age=900"
    return response


@require_POST
@access(*ANYONE)
def change_propose(request, pk: int):
    program = _load_program(request, pk)
    if not (
        is_program_participant(request.user, program) or can_curate_program(request.user, program)
    ):
        raise PermissionDenied
    form = ChangeForm(request.POST)
    if form.is_valid():
        try:
            services.change_propose(program=program, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            _attach(form, error)
        else:
            messages.success(
                request, "Изменение предложено. Его должен согласовать второй участник."
            )
            return redirect(program)
    context = _page_context(request, program)
    context["change_form"] = form
    return render(request, "programs/detail.html", context, status=422)


def _change_action(request, pk: int, rule, action, success: str, **kwargs):
    change = get_object_in_org(request, ProgramChange.objects.select_related("program"), pk=pk)
    if not can_view_program(request.user, change.program):
        raise Http404
    require(rule, request.user, change.program)
    try:
        action(change=change, user=request.user, **kwargs)
    except ValidationError as error:
        messages.error(request, _errors(error))
    else:
        messages.success(request, success)
    return redirect(change.program)


@require_POST
@access(*ANYONE)
def change_agree(request, pk: int):
    return _change_action(
        request, pk, is_program_participant, services.change_agree, "Вы согласовали изменение."
    )


@require_POST
@access(*ANYONE)
def change_accept(request, pk: int):
    form = DecisionForm(request.POST)
    form.is_valid()
    return _change_action(
        request,
        pk,
        can_curate_program,
        services.change_accept,
        "Изменение принято. Сроки и досрочное завершение вступят в силу после приказа "
        "руководителя: его проект подготовлен, он в разделе «Приказы».",
        comment=form.cleaned_data.get("comment", ""),
    )


@require_POST
@access(*ANYONE)
def change_reject(request, pk: int):
    form = DecisionForm(request.POST)
    form.is_valid()
    return _change_action(
        request,
        pk,
        can_curate_program,
        services.change_reject,
        "Изменение отклонено.",
        comment=form.cleaned_data.get("comment", ""),
    )


@access(*ANYONE)
def program_pdf(request, pk: int):
    """A short plan is rendered at once; a long one by the worker, behind a progress page."""
    from programs.jobs import PROGRAM_PDF, SYNC_ROWS
    from programs.pdf import program_pdf as build

    program = _load_program(request, pk)
    if program.rows.count() > SYNC_ROWS:
        job = job_start(
            organization=request.organization,
            user=request.user,
            kind=PROGRAM_PDF,
            title=f"Программа наставничества в PDF: {program.heading}",
            params={"program": program.pk},
            back_url=program.get_absolute_url(),
        )
        return redirect(job)
    response = HttpResponse(build(program), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="program-{program.pk}.pdf"'
    return response


def _load_case(request, pk: int) -> Case:
    case = get_object_in_org(request, Case.objects.select_related("program__pair"), pk=pk)
    if not can_view_program(request.user, case.program):
        raise Http404
    return case


@access(*ANYONE)
def case_detail(request, pk: int):
    from mentoring.consents import missing_publication_consents

    case = _load_case(request, pk)
    return render(
        request,
        "programs/case.html",
        {
            "case": case,
            "program": case.program,
            "missing_consents": missing_publication_consents(case.program.pair),
            "can_curate": can_curate_program(request.user, case.program),
        },
    )


@access(*ANYONE)
def case_edit(request, pk: int):
    case = _load_case(request, pk)
    require(can_curate_program, request.user, case.program)
    form = CaseForm(request.POST or None, instance=case)
    if request.method == "POST" and form.is_valid():
        services.case_save(case=case, data=form.cleaned_data, user=request.user)
        messages.success(request, "Кейс сохранён.")
        return redirect("programs:case-detail", pk=case.pk)
    return render(request, "programs/case_edit.html", {"case": case, "form": form})


@require_POST
@access(*ANYONE)
def case_publish(request, pk: int):
    case = _load_case(request, pk)
    require(can_curate_program, request.user, case.program)
    publish = request.POST.get("publish", "1") == "1"
    try:
        services.case_publish(case=case, user=request.user, publish=publish)
    except ValidationError as error:
        messages.error(request, _errors(error))
    else:
        messages.success(
            request, "Кейс отмечен к публикации." if publish else "Кейс снят с публикации."
        )
    return redirect("programs:case-detail", pk=case.pk)


@access(*ANYONE)
def case_pdf(request, pk: int):
    from programs.pdf import case_pdf as build

    case = _load_case(request, pk)
    response = HttpResponse(build(case), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="case-{case.pk}.pdf"'
    return response


@access(*MANAGING_ROLES, *PARTICIPANTS)
def template_list(request):
    templates = ProgramTemplate.objects.filter(organization=request.organization).annotate(
        rows_count=selectors.Count("rows")
    )
    return render(request, "programs/template_list.html", {"templates": templates})


@access(Role.CURATOR, Role.COUNCIL)
def template_edit(request, pk: int | None = None):
    template = (
        get_object_in_org(request, ProgramTemplate, pk=pk)
        if pk
        else ProgramTemplate(organization=request.organization)
    )
    form = TemplateForm(request.POST or None, instance=template)
    rows = TemplateRowFormSet(request.POST or None, instance=template, prefix="rows")
    if request.method == "POST" and form.is_valid() and rows.is_valid():
        saved = form.save()
        rows.instance = saved
        rows.save()
        messages.success(request, "Шаблон сохранён.")
        return redirect("programs:template-list")
    return render(
        request, "programs/template_edit.html", {"form": form, "rows": rows, "template": template}
    )
