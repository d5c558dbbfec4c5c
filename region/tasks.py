"""Thin Celery entry points of the region's periodic work; each only calls a plain function, so
the same work runs from a command or a test. The roll-up export is a ``core.jobs`` kind
(``region/jobs.py``), run by ``core.tasks.run_job``."""

from celery import shared_task

from region.summaries import summaries_refresh_stale, summary_refresh

# One incremental refresh at a time: a run that outlasts the ten minutes of beat's schedule (the
# first of a day recomputes every ДОУ) makes the next one a no-op instead of a second runner.
LOCK = "region:refresh-summaries:lock"
LOCK_SECONDS = 60 * 60


@shared_task
def refresh_region_summaries() -> int:
    """Recompute the ДОУ written since their summary (``summaries_refresh_stale``)."""
    from django.core.cache import cache

    if not cache.add(LOCK, 1, LOCK_SECONDS):
        return 0
    try:
        return summaries_refresh_stale()
    finally:
        cache.delete(LOCK)


@shared_task
def refresh_organization_summary(organization_id: int) -> None:
    from core.models import Organization

    summary_refresh(organization=Organization.objects.get(pk=organization_id))


@shared_task
def send_weekly_digest() -> None:
    from django.core.management import call_command

    call_command("send_weekly_digest")
