"""Background tasks: sending letters and the periodic jobs that Celery beat runs.

This ground app names no app above it: the daily reminders of the apps (plan deadlines,
surveys) come from their ``reminders.py`` through the plugin hook. Without a broker every task
runs in-process (CELERY_TASK_ALWAYS_EAGER).
"""

import datetime as dt
import logging
from smtplib import SMTPException

from celery import shared_task
from django.core.management import call_command
from django.utils import timezone

from core.models import EmailStatus, OutgoingEmail
from core.notifications import email_deliver, email_mark_failed, queue_emails
from core.plugins import autodiscover

logger = logging.getLogger(__name__)

MAX_RETRIES = 5


@shared_task(
    bind=True,
    autoretry_for=(SMTPException, OSError),
    retry_backoff=30,  # 30 s, 60 s, 120 s, 240 s, 480 s (with jitter)
    retry_backoff_max=60 * 30,
    retry_jitter=True,
    max_retries=MAX_RETRIES,
)
def send_email(self, email_id: int) -> str:
    """Send one queued letter; on a mail error retry with backoff, at the end mark it failed."""
    email = OutgoingEmail.objects.filter(pk=email_id).first()
    if email is None or email.status != EmailStatus.QUEUED:
        return "skipped"
    try:
        email_deliver(email=email)
    except (SMTPException, OSError):
        if self.request.retries >= MAX_RETRIES:
            email_mark_failed(email=email)
            logger.warning("E-mail %s failed after %s attempts", email_id, email.attempts)
            return "failed"
        raise  # autoretry_for schedules the next attempt
    return "sent"


@shared_task
def requeue_stuck_emails() -> int:
    """Queue again letters left queued for 15 minutes (the broker was down when they were made)."""
    cutoff = timezone.now() - dt.timedelta(minutes=15)
    ids = list(
        OutgoingEmail.objects.filter(
            status=EmailStatus.QUEUED, attempts=0, created_at__lt=cutoff
        ).values_list("pk", flat=True)[:500]
    )
    queue_emails(ids)
    return len(ids)


@shared_task
def anonymize_withdrawn() -> None:
    """Nightly: anonymize people whose consent was withdrawn, or who left, 30+ days ago."""
    call_command("anonymize_withdrawn")


@shared_task
def clear_sessions() -> None:
    """Nightly: delete expired sessions."""
    call_command("clearsessions")


@shared_task
def deadline_reminders(today: str | None = None) -> int:
    """Daily: every ``REMINDERS`` function of the apps' ``reminders.py`` (plan rows due in three
    days from programs, surveys due within three days from monitoring); returns the number of
    letters queued."""
    day = dt.date.fromisoformat(today) if today else timezone.localdate()
    queued = 0
    for module in autodiscover("reminders"):
        for remind in module.REMINDERS:
            queued += remind(today=day)
    logger.info("deadline_reminders: %s letters queued for %s", queued, day)
    return queued


@shared_task(soft_time_limit=60 * 15, acks_late=True)
def run_job(job_id: int) -> str:
    """Run one background job (an export, a long PDF); its state is stored on the row."""
    from core.jobs import job_run

    job = job_run(job_id=job_id)
    return job.status if job is not None else "missing"
