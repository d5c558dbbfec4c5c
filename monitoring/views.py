"""Pages of the monitoring app: questionnaires, assignments, filling in, indicators, report."""

from __future__ import annotations

from datetime import timedelta

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from core.access import MANAGING_ROLES, access, get_object_in_org, public
from core.jobs import job_start
from core.models import Role
from core.text import plural
from monitoring import dashboard, jobs, report_signing, selectors, services
from monitoring.forms import (
    AssignmentForm,
    ConclusionsForm,
    FilterForm,
    QuestionForm,
    SurveyTemplateForm,
)
from monitoring.models import (
    CycleReport,
    Question,
    ReportStatus,
    SurveyAssignment,
    SurveyResponse,
    SurveyTemplate,
    SurveyVersion,
)
from monitoring.periods import AcademicYear
from monitoring.rules import (
    EXPORTERS,
    can_assign_surveys,
    can_edit_question,
    can_edit_survey_template,
    can_export_monitoring,
    can_fill_response,
    can_manage_assignment,
    can_view_individual_answers,
    can_view_response,
    can_write_conclusions,
)

CURATOR = (Role.CURATOR,)


def _error_text(error: ValidationError) -> str:
    return " ".join(error.messages)


# --- questionnaires ---------------------------------------------------------------------------


@access(*MANAGING_ROLES)
def template_list(request):
    """The organization's questionnaires; the shipped ones appear on first visit."""
    services.survey_templates_ensure(organization=request.organization)
    templates = selectors.survey_templates(organization=request.organization)
    return render(request, "monitoring/template_list.html", {"templates": templates})


@access(*CURATOR)
def template_create(request):
    form = SurveyTemplateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        template = services.survey_template_create(
            organization=request.organization, **form.cleaned_data
        )
        messages.success(request, "Анкета создана. Добавьте в неё вопросы.")
        return redirect("monitoring:template-detail", pk=template.pk)
    return render(request, "monitoring/template_form.html", {"form": form})


def _template_page(request, template, *, form=None, question_form=None, status=200):
    context = {
        "template": template,
        "questions": template.questions.all(),
        "versions": template.versions.all(),
        "can_edit": can_edit_survey_template(request.user, template),
        "form": form or SurveyTemplateForm(instance=template),
        "question_form": question_form or QuestionForm(),
    }
    return render(request, "monitoring/template_detail.html", context, status=status)


@access(*MANAGING_ROLES)
def template_detail(request, pk: int):
    template = get_object_in_org(request, SurveyTemplate, pk=pk)
    return _template_page(request, template)


@require_POST
@access(*CURATOR)
def template_update(request, pk: int):
    template = get_object_in_org(request, SurveyTemplate, pk=pk, rule=can_edit_survey_template)
    form = SurveyTemplateForm(request.POST, instance=SurveyTemplate.objects.get(pk=template.pk))
    if not form.is_valid():
        return _template_page(request, template, form=form, status=400)
    services.survey_template_update(template=template, **form.cleaned_data)
    messages.success(request, "Название и пояснение анкеты сохранены.")
    return redirect("monitoring:template-detail", pk=template.pk)


@require_POST
@access(*CURATOR)
def question_create(request, pk: int):
    template = get_object_in_org(request, SurveyTemplate, pk=pk, rule=can_edit_survey_template)
    form = QuestionForm(request.POST)
    if not form.is_valid():
        return _template_page(request, template, question_form=form, status=400)
    services.question_add(template=template, **form.cleaned_data)
    messages.success(request, "Вопрос добавлен.")
    return redirect("monitoring:template-detail", pk=template.pk)


@access(*CURATOR)
def question_update(request, pk: int):
    question = get_object_in_org(
        request, Question.objects.select_related("template"), pk=pk, rule=can_edit_question
    )
    form = QuestionForm(request.POST or None, instance=Question.objects.get(pk=pk))
    if request.method == "POST" and form.is_valid():
        services.question_update(question=question, **form.cleaned_data)
        messages.success(request, "Вопрос сохранён.")
        return redirect("monitoring:template-detail", pk=question.template_id)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "monitoring/question_form.html",
        {"form": form, "question": question},
        status=status,
    )


@require_POST
@access(*CURATOR)
def question_delete(request, pk: int):
    question = get_object_in_org(
        request, Question.objects.select_related("template"), pk=pk, rule=can_edit_question
    )
    services.question_delete(question=question)
    messages.success(request, "Вопрос удалён. Уже полученные ответы остались в прежней версии.")
    return redirect("monitoring:template-detail", pk=question.template_id)


@require_POST
@access(*CURATOR)
def question_move(request, pk: int):
    """Move a question up or down; htmx gets the refreshed list alone."""
    question = get_object_in_org(
        request, Question.objects.select_related("template"), pk=pk, rule=can_edit_question
    )
    services.question_move(question=question, up=request.POST.get("direction") == "up")
    template = question.template
    if request.htmx:
        return render(
            request,
            "monitoring/partials/question_list.html",
            {"template": template, "questions": template.questions.all(), "can_edit": True},
        )
    return redirect("monitoring:template-detail", pk=template.pk)


@access(*MANAGING_ROLES)
def version_detail(request, pk: int):
    version = get_object_in_org(request, SurveyVersion.objects.select_related("template"), pk=pk)
    return render(request, "monitoring/version_detail.html", {"version": version})


# --- assignments ------------------------------------------------------------------------------


@access(*MANAGING_ROLES)
def assignment_list(request):
    rows = selectors.assignments(organization=request.organization)
    page = Paginator(rows, 25).get_page(request.GET.get("page"))
    return render(
        request,
        "monitoring/assignment_list.html",
        {"page": page, "can_assign": can_assign_surveys(request.user, request.organization)},
    )


@access(*CURATOR)
def assignment_create(request):
    services.survey_templates_ensure(organization=request.organization)
    initial = {
        "template": request.GET.get("template"),
        "moment": request.GET.get("moment"),
        "deadline": timezone.localdate() + timedelta(days=14),
    }
    form = AssignmentForm(request.POST or None, organization=request.organization, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            assignment = services.assignment_create(
                template=data["template"],
                moment=data["moment"],
                deadline=data["deadline"],
                pairs=list(data["pairs"]),
                roles=data["roles"] or services.default_roles(data["template"].kind),
                author=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            count = assignment.responses.count()
            who = plural(count, "участник увидит", "участника увидят", "участников увидят")
            messages.success(request, f"Анкета назначена: {count} {who} её на главной.")
            return redirect("monitoring:assignment-detail", pk=assignment.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "monitoring/assignment_form.html", {"form": form}, status=status)


@access(*MANAGING_ROLES)
def assignment_detail(request, pk: int):
    assignment = get_object_in_org(
        request, SurveyAssignment.objects.select_related("version", "created_by"), pk=pk
    )
    return render(
        request,
        "monitoring/assignment_detail.html",
        {
            "assignment": assignment,
            "responses": selectors.assignment_responses(assignment=assignment),
            "can_read": can_view_individual_answers(request.user, request.organization),
            "can_remind": can_manage_assignment(request.user, assignment),
            "is_open": assignment.deadline >= timezone.localdate(),
        },
    )


@require_POST
@access(*CURATOR)
def assignment_remind(request, pk: int):
    assignment = get_object_in_org(request, SurveyAssignment, pk=pk, rule=can_manage_assignment)
    sent = services.reminders_send(assignment=assignment)
    if sent:
        messages.success(request, f"Напоминания отправлены: {sent}.")
    else:
        messages.info(request, "Напоминать некому: все ответили, срок истёк или нет адресов.")
    return redirect("monitoring:assignment-detail", pk=assignment.pk)


# --- filling in -------------------------------------------------------------------------------


@access()
def my_surveys(request):
    responses = selectors.own_responses(user=request.user, organization=request.organization)
    return render(
        request,
        "monitoring/my_surveys.html",
        {"responses": responses, "today": timezone.localdate()},
    )


def _response(request, pk: int, rule):
    return get_object_in_org(
        request,
        SurveyResponse.objects.select_related("assignment__version", "staff", "pair"),
        pk=pk,
        rule=rule,
    )


def _fill_page(request, response, *, errors=None, posted=None, status=200):
    return render(
        request,
        "monitoring/response_fill.html",
        {
            "response": response,
            "items": dashboard.response_items(response, posted=posted, errors=errors or {}),
            "is_open": not response.is_submitted
            and response.assignment.deadline >= timezone.localdate(),
        },
        status=status,
    )


@access()
def response_fill(request, pk: int):
    """The participant's own survey: a form that saves as they go, or their sent answers."""
    response = _response(request, pk, can_fill_response)
    return _fill_page(request, response)


def _posted(request, response) -> dict[int, list[str]]:
    return {
        q["key"]: request.POST.getlist(f"q{q['key']}")
        for q in response.assignment.version.questions
    }


@require_POST
@access()
def answer_save(request, pk: int):
    """Autosave of one answer (htmx): the status line under the question."""
    response = _response(request, pk, can_fill_response)
    try:
        key = int(request.POST.get("question", ""))
    except ValueError:
        raise Http404 from None
    error = ""
    try:
        services.answer_save(
            response=response, question_key=key, raw=request.POST.getlist(f"q{key}")
        )
    except ValidationError as exc:
        error = _error_text(exc)
    return render(
        request,
        "monitoring/partials/answer_status.html",
        {"error": error, "saved_at": timezone.localtime()},
    )


@require_POST
@access()
def response_submit(request, pk: int):
    response = _response(request, pk, can_fill_response)
    posted = _posted(request, response)
    try:
        services.response_submit(response=response, data=posted)
    except ValidationError as error:
        if hasattr(error, "error_dict"):
            messages.error(
                request,
                "Анкета не отправлена: ответьте на отмеченные вопросы. Остальные ответы сохранены.",
            )
            errors = {
                k: " ".join(v.messages if hasattr(v, "messages") else v)
                for k, v in error.message_dict.items()
            }
            response.refresh_from_db()
            return _fill_page(request, response, errors=errors, posted=posted, status=400)
        messages.error(request, _error_text(error))
        return redirect("monitoring:response-fill", pk=response.pk)
    messages.success(request, "Спасибо! Анкета отправлена.")
    return redirect("monitoring:my-surveys")


@access(Role.CURATOR, Role.DIRECTOR, Role.MENTOR, Role.MENTEE)
def response_detail(request, pk: int):
    """Individual answers: for the curator, the director and the participant themself."""
    response = _response(request, pk, can_view_response)
    return render(
        request,
        "monitoring/response_detail.html",
        {"response": response, "items": dashboard.response_items(response, posted=None, errors={})},
    )


# --- indicators -------------------------------------------------------------------------------


def _filters(request):
    form = FilterForm(request.GET or None, organization=request.organization)
    return form, form.filters()


@access(*MANAGING_ROLES)
def dashboard_view(request):
    """The monitoring page: indicators, before/after, process measures, with charts."""
    form, filters = _filters(request)
    context = dashboard.build(request.organization, filters)
    return render(
        request,
        "monitoring/dashboard.html",
        {**context, "form": form, "query": request.GET.urlencode()},
    )


@access(*MANAGING_ROLES)
def breakdown(request):
    """The people or pairs behind one number of the monitoring page."""
    form, filters = _filters(request)
    what = request.GET.get("what", "")
    context = dashboard.breakdown(
        request.organization,
        filters,
        what=what,
        measure=request.GET.get("measure", ""),
        pair_id=request.GET.get("pair", ""),
    )
    if context is None:
        raise Http404
    page = Paginator(context.pop("rows"), 50).get_page(request.GET.get("page"))
    return render(
        request,
        "monitoring/breakdown.html",
        {
            **context,
            "page": page,
            "form": form,
            "what": what,
            "filters": filters,
            "can_read": can_view_individual_answers(request.user, request.organization),
        },
    )


# --- final report and statistics -------------------------------------------------------------


@access(*MANAGING_ROLES)
def report_detail(request):
    form, filters = _filters(request)
    report = CycleReport.objects.filter(
        organization=request.organization, year_start=filters.year.start_year
    ).first()
    conclusions = ConclusionsForm(initial={"conclusions": report.conclusions if report else ""})
    return render(
        request,
        "monitoring/report_detail.html",
        {
            "form": form,
            "filters": filters,
            "report": report,
            "conclusions_form": conclusions,
            "can_write": can_write_conclusions(request.user, request.organization),
            "can_export": can_export_monitoring(request.user, request.organization),
            "can_send": Role.CURATOR in request.roles
            and not (report and report.status != ReportStatus.DRAFT),
            "can_approve": Role.DIRECTOR in request.roles
            and report is not None
            and report.status == ReportStatus.SENT,
            "query": request.GET.urlencode(),
        },
    )


@require_POST
@access(*CURATOR)
def report_save(request):
    form, filters = _filters(request)
    conclusions = ConclusionsForm(request.POST)
    if conclusions.is_valid():
        try:
            services.report_conclusions_save(
                organization=request.organization,
                year_start=filters.year.start_year,
                conclusions=conclusions.cleaned_data["conclusions"],
                author=request.user,
            )
            messages.success(request, "Выводы сохранены; они войдут в итоговый отчёт.")
        except ValidationError as error:
            messages.error(request, _error_text(error))
    else:
        messages.error(request, "Выводы не сохранены: текст слишком длинный.")
    return redirect(reverse("monitoring:report-detail") + "?" + request.GET.urlencode())


def _start_job(request, kind: str, title: str, **params):
    """Heavy files are made by the worker: queue a job and show its progress page."""
    job = job_start(
        organization=request.organization,
        user=request.user,
        kind=kind,
        title=title,
        params={"query": request.GET.urlencode(), **params},
        back_url=reverse("monitoring:report-detail") + "?" + request.GET.urlencode(),
    )
    return redirect(job)


@access(*MANAGING_ROLES)
def report_pdf(request):
    _form, filters = _filters(request)
    title = f"Итоговый аналитический отчёт за {filters.year.label} (PDF)"
    return _start_job(request, jobs.REPORT_PDF, title)


@require_POST
@access(*CURATOR)
def report_send(request):
    """The curator sends the year's report to the director for approval."""
    _form, filters = _filters(request)
    try:
        report_signing.report_send(
            organization=request.organization,
            year_start=filters.year.start_year,
            actor=request.user,
        )
        messages.success(request, "Отчёт отправлен руководителю на утверждение.")
    except ValidationError as error:
        messages.error(request, _error_text(error))
    return redirect(reverse("monitoring:report-detail") + "?" + request.GET.urlencode())


@require_POST
@access(Role.DIRECTOR)
def report_approve(request, pk: int):
    """The director approves the sent report with her password (simple e-signature)."""
    report = get_object_in_org(request, CycleReport, pk=pk)
    try:
        report = report_signing.report_approve(
            report=report,
            signer=request.user,
            password=request.POST.get("password", ""),
            ip=request.META.get("REMOTE_ADDR") or None,
        )
        messages.success(request, f"Итоговый отчёт утверждён {report.approved_at:%d.%m.%Y}.")
    except ValidationError as error:
        messages.error(request, _error_text(error))
    return redirect(reverse("monitoring:report-detail") + f"?year={report.year_start}")


@access(*MANAGING_ROLES)
def report_signed_pdf(request, pk: int):
    """The approved report, exactly as stored at approval."""
    report = get_object_in_org(request, CycleReport.objects.all(), pk=pk)
    if not report.is_approved:
        raise Http404("Not approved yet.")
    response = HttpResponse(bytes(report.pdf), content_type="application/pdf")
    name = f"otchet-{report.year_start}-{report.year_start + 1}-utverzhden.pdf"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@public
def report_verify(request, code: str):
    """Anyone with the QR code confirms that the report was approved and by whom."""
    from roadmap.services import VERIFY_CODE_RE

    well_formed = bool(VERIFY_CODE_RE.match(code))
    report = (
        CycleReport.objects.select_related("organization")
        .defer("pdf")
        .filter(verify_code=code if well_formed else "-", status=ReportStatus.APPROVED)
        .first()
    )
    if report is None:
        return render(request, "roadmap/verify_unknown.html", status=404)
    return render(
        request,
        "monitoring/report_verify.html",
        {"report": report, "year": AcademicYear(report.year_start)},
    )


def _export(request, fmt: str):
    _form, filters = _filters(request)
    title = f"Статистика наставничества за {filters.year.label} ({fmt.upper()})"
    return _start_job(request, jobs.STATISTICS, title, fmt=fmt)


@access(*EXPORTERS)
def export_xlsx(request):
    return _export(request, "xlsx")


@access(*EXPORTERS)
def export_csv(request):
    return _export(request, "csv")
