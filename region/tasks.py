"""Thin Celery entry points of the region's periodic work; each only calls a plain function, so
the same work runs from a command or a test. The roll-up export is a ``core.jobs`` kind
(``region/jobs.py``), run by ``core.tasks.run_job``."""

from celery import shared_task

from region.summaries import summaries_refresh, summary_refresh


@shared_task
def refresh_region_summaries(years: int = 1) -> int:
    return summaries_refresh(years=years)


@shared_task
def refresh_organization_summary(organization_id: int) -> None:
    from core.models import Organization

    summary_refresh(organization=Organization.objects.get(pk=organization_id))


@shared_task
def send_weekly_digest() -> None:
    from django.core.management import call_command

    call_command("send_weekly_digest")
