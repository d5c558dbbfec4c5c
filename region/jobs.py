"""Background jobs with progress: create in the request, run outside it, poll from the page.

``job_run`` is a plain function: tests and the command line call it synchronously; ``enqueue``
hands it to a thread now and to the Celery worker once ``region.tasks`` is wired to it
(setting ``REGION_JOB_RUNNER``: "thread" by default, "sync" in tests, "celery" later).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from django.conf import settings
from django.db import connections, transaction
from django.utils import timezone

from mentoring.exports import to_csv, to_xlsx
from mentoring.models import Municipality, User
from monitoring.periods import current_year
from region.exports import rollup_rows
from region.models import Job, JobStatus

logger = logging.getLogger(__name__)

EXPORT_KIND = "rollup_export"
FORMATS = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
}


def export_job_create(*, municipality: Municipality, fmt: str, actor: User) -> Job:
    """Queue the roll-up export; it starts after the transaction commits."""
    if fmt not in FORMATS:
        raise ValueError(f"Unknown format: {fmt}")
    job = Job.objects.create(
        kind=EXPORT_KIND,
        params={"format": fmt, "start_year": current_year().start_year},
        municipality=municipality,
        created_by=actor,
    )
    transaction.on_commit(lambda: enqueue(job.pk))
    return job


def _progress(job_id: int) -> Callable[[int, int], None]:
    def report(done: int, total: int) -> None:
        Job.objects.filter(pk=job_id).update(done=done, total=total)

    return report


def _run_export(job: Job) -> None:
    fmt, year = job.params["format"], job.params["start_year"]
    header, rows = rollup_rows(job.municipality, year, progress=_progress(job.pk))
    content = to_xlsx({"Свод по ДОУ": (header, rows)}) if fmt == "xlsx" else to_csv(header, rows)
    job.refresh_from_db(fields=["done", "total"])
    job.result = content
    job.content_type = FORMATS[fmt]
    job.file_name = f"svod-{job.municipality.slug}-{year}.{fmt}"


RUNNERS = {EXPORT_KIND: _run_export}


def job_run(job_id: int) -> Job:
    """Run a queued job to the end, recording failure with a message the page shows."""
    job = Job.objects.select_related("municipality").get(pk=job_id)
    if job.status != JobStatus.QUEUED:
        return job
    job.status = JobStatus.RUNNING
    job.save(update_fields=["status"])
    try:
        RUNNERS[job.kind](job)
    except Exception:
        logger.exception("Job %s failed", job_id)
        job.status = JobStatus.FAILED
        job.error = "Не удалось подготовить файл. Попробуйте ещё раз или сообщите администратору."
    else:
        job.status = JobStatus.DONE
    job.finished_at = timezone.now()
    job.save()
    return job


def _in_thread(job_id: int) -> None:
    try:
        job_run(job_id)
    finally:
        connections.close_all()  # this thread's own connections


def enqueue(job_id: int) -> None:
    """Start the job outside the request, as ``REGION_JOB_RUNNER`` says."""
    runner = getattr(settings, "REGION_JOB_RUNNER", "thread")
    if runner == "sync":
        job_run(job_id)
    elif runner == "celery":
        from region.tasks import run_job

        run_job.delay(job_id)
    else:
        threading.Thread(target=_in_thread, args=(job_id,), daemon=True).start()
