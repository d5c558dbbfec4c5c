"""Thin Celery entry points; each only calls a plain function, so the same work runs from a
command, a test or a thread."""

from celery import shared_task

from region.jobs import job_run
from region.summaries import summaries_refresh, summary_refresh


@shared_task
def run_job(job_id: int) -> None:
    job_run(job_id)


@shared_task
def refresh_region_summaries(years: int = 1) -> int:
    return summaries_refresh(years=years)


@shared_task
def refresh_organization_summary(organization_id: int) -> None:
    from mentoring.models import Organization

    summary_refresh(organization=Organization.objects.get(pk=organization_id))


@shared_task
def send_weekly_digest() -> None:
    from django.core.management import call_command

    call_command("send_weekly_digest")
