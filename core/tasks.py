"""Background tasks: sending letters and the periodic jobs that Celery beat runs.

This ground app names no app above it: the daily reminders of the apps (plan deadlines,
surveys) come from their ``reminders.py`` through the plugin hook. Without a broker every task
runs in-process (CELERY_TASK_ALWAYS_EAGER).
"""

import datetime as dt
import logging
from smtplib import SMTPException

from celery import shared_task
from django.conf import settings
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from core.models import EmailStatus, OutgoingEmail, ServiceBeat
from core.notifications import (
    MAX_ATTEMPTS,
    email_deliver,
    email_mark_failed,
    emails_overdue_requeue,
    queue_emails,
)
from core.plugins import autodiscover

logger = logging.getLogger(__name__)

MAX_RETRIES = MAX_ATTEMPTS - 1


def retry_delay(attempts: int) -> dt.timedelta:
    """The wait after the ``attempts``-th failed attempt: doubling from EMAIL_RETRY_SECONDS
    (30 s, 60 s, 120 s, 240 s, 480 s by default), at most 30 minutes."""
    base = settings.EMAIL_RETRY_SECONDS
    return dt.timedelta(seconds=min(base * 2 ** max(attempts - 1, 0), 60 * 30))


@shared_task(bind=True)
def send_email(self, email_id: int) -> str:
    """Try one queued letter whose attempt is due; the row, not the message, holds the state.

    The row is locked while the mail server answers, so two messages for one letter (the sweep
    handed it over again, or the broker delivered twice) never send it twice. On a mail error
    the attempt and the error are stored with the time of the next try, which is scheduled; after
    the last attempt the letter is marked undelivered.
    """
    with transaction.atomic():
        email = (
            OutgoingEmail.objects.select_for_update(skip_locked=True).filter(pk=email_id).first()
        )
        if email is None or email.status != EmailStatus.QUEUED:
            return "skipped"
        due = email.next_attempt_at is None or email.next_attempt_at <= timezone.now() + SLACK
        if not due and not self.request.is_eager:
            return "not due"
        try:
            email_deliver(email=email)
        except (SMTPException, OSError):
            if email.attempts > MAX_RETRIES:
                email_mark_failed(email=email)
                logger.warning("E-mail %s failed after %s attempts", email_id, email.attempts)
                return "failed"
            wait = retry_delay(email.attempts)
            email.next_attempt_at = timezone.now() + wait
            email.save(update_fields=["next_attempt_at", "updated_at"])
            transaction.on_commit(lambda: queue_emails([email_id], countdown=wait))
            return "retry"
    return "sent"


SLACK = dt.timedelta(seconds=2)


def _beat(name: str) -> None:
    ServiceBeat.objects.update_or_create(name=name, defaults={"at": timezone.now()})


@shared_task
def sweep_emails() -> int:
    """Every minute: hand to the worker again the queued letters whose attempt is overdue (the
    broker was down when they were made, or lost their messages on a restart)."""
    _beat("sweep_emails")
    return len(emails_overdue_requeue())


@shared_task
def sweep_jobs() -> dict:
    """Every minute: fail jobs that stopped moving, hand over the queued ones again."""
    _beat("sweep_jobs")
    from core.jobs import jobs_sweep

    return jobs_sweep()


@shared_task(acks_late=True, reject_on_worker_lost=True)
def render_signed_pdf(kind: str, pk: int) -> str:
    """Right after a signature commits: lay out the signed text as the document's PDF."""
    from core.signing.pdfs import signed_pdf_render

    return signed_pdf_render(kind=kind, pk=pk)


@shared_task
def sweep_signed_pdfs() -> int:
    """Every minute: hand over again the signed documents still waiting for their PDF."""
    _beat("sweep_signed_pdfs")
    from core.signing.pdfs import signed_pdfs_sweep

    return signed_pdfs_sweep()


@shared_task
def expire_job_results() -> int:
    """Hourly: delete the files of background jobs kept past their seven days."""
    _beat("expire_job_results")
    from core.job_results import job_results_expire

    return job_results_expire()


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


@shared_task(
    acks_late=True,
    reject_on_worker_lost=True,
    soft_time_limit=settings.JOB_TIME_LIMIT,
    time_limit=settings.JOB_TIME_LIMIT + 60,
)
def run_job(job_id: int) -> str:
    """Run one background job (an export, a long PDF); its state is stored on the row."""
    from core.jobs import job_run

    job = job_run(job_id=job_id)
    return job.status if job is not None else "missing"
