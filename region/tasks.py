"""Thin entry points for the worker; the lead wires them to Celery (``@shared_task``).

Each only calls a plain function, so the same work runs from a command, a test or a thread.
"""

from region.jobs import job_run
from region.summaries import summaries_refresh, summary_refresh


def run_job(job_id: int) -> None:
    job_run(job_id)


def refresh_region_summaries(years: int = 1) -> int:
    return summaries_refresh(years=years)


def refresh_organization_summary(organization_id: int) -> None:
    from mentoring.models import Organization

    summary_refresh(organization=Organization.objects.get(pk=organization_id))
