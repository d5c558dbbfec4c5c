"""Monitoring's heavy files as background jobs: the statistics export and the final report."""

from __future__ import annotations

from django.http import QueryDict

from core.jobs import CSV, PDF, XLSX, JobFile, Progress, job_kind
from core.models import BackgroundJob
from monitoring import exports
from monitoring.forms import FilterForm

STATISTICS = "monitoring.statistics"
REPORT_PDF = "monitoring.report_pdf"


def _filters(job: BackgroundJob):
    """The page's filters, read again from the query string the job was asked with."""
    query = QueryDict(job.params.get("query", ""))
    return FilterForm(query or None, organization=job.organization).filters()


@job_kind(STATISTICS)
def statistics(job: BackgroundJob, progress: Progress) -> JobFile:
    fmt = job.params["fmt"]
    filters = _filters(job)
    progress(10, "Считаем участников и анкеты")
    content = exports.statistics_file([job.organization_id], filters.year, fmt=fmt)
    return JobFile(
        f"statistika-{filters.year.start_year}.{fmt}", XLSX if fmt == "xlsx" else CSV, content
    )


@job_kind(REPORT_PDF)
def report_pdf(job: BackgroundJob, progress: Progress) -> JobFile:
    filters = _filters(job)
    progress(10, "Собираем показатели отчёта")
    content = exports.report_pdf(job.organization, filters)
    year = filters.year.start_year
    return JobFile(f"monitoring-{year}-{year + 1}.pdf", PDF, content)
