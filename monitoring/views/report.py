"""The final report: conclusions, sending, approval, its PDF; the statistics exports."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from core.access import MANAGING_ROLES, access, get_object_in_org
from core.jobs import job_start
from core.models import Role
from core.signing.views import signing_response
from monitoring import jobs, report_signing, services
from monitoring.forms import (
    ConclusionsForm,
)
from monitoring.models import (
    CycleReport,
    ReportStatus,
)
from monitoring.rules import (
    EXPORTERS,
    can_export_monitoring,
    can_write_conclusions,
)
from monitoring.views.common import CURATOR, error_text, filters_of

# --- final report and statistics -------------------------------------------------------------


@access(*MANAGING_ROLES)
def report_detail(request):
    form, filters = filters_of(request)
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
    form, filters = filters_of(request)
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
            messages.error(request, error_text(error))
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
    _form, filters = filters_of(request)
    title = f"Итоговый аналитический отчёт за {filters.year.label} (PDF)"
    return _start_job(request, jobs.REPORT_PDF, title)


@require_POST
@access(*CURATOR)
def report_send(request):
    """The curator sends the year's report to the director for approval."""
    _form, filters = filters_of(request)
    try:
        report_signing.report_send(
            organization=request.organization,
            year_start=filters.year.start_year,
            actor=request.user,
        )
        messages.success(request, "Отчёт отправлен руководителю на утверждение.")
    except ValidationError as error:
        messages.error(request, error_text(error))
    return redirect(reverse("monitoring:report-detail") + "?" + request.GET.urlencode())


@require_POST
@access(Role.DIRECTOR)
def report_approve(request, pk: int):
    """The director approves the sent report with her password (simple e-signature)."""
    report = get_object_in_org(request, CycleReport, pk=pk)
    return signing_response(
        request,
        lambda: report_signing.report_approve(
            report=report,
            signer=request.user,
            password=request.POST.get("password", ""),
            request=request,
        ),
        success=lambda report: f"Итоговый отчёт утверждён {report.approved_at:%d.%m.%Y}.",
        back=reverse("monitoring:report-detail") + f"?year={report.year_start}",
    )


def _export(request, fmt: str):
    _form, filters = filters_of(request)
    title = f"Статистика наставничества за {filters.year.label} ({fmt.upper()})"
    return _start_job(request, jobs.STATISTICS, title, fmt=fmt)


@access(*EXPORTERS)
def export_xlsx(request):
    return _export(request, "xlsx")


@access(*EXPORTERS)
def export_csv(request):
    return _export(request, "csv")
