"""Heavy work as background jobs: a registry of kinds, starting a job, running it in the worker.

An app registers a kind in its ``<app>/jobs.py`` (found by ``autodiscover("jobs")``)::

    @job_kind("monitoring.statistics")
    def statistics(job: BackgroundJob, progress: Progress) -> JobFile:
        progress(30, "Считаем сводку…")
        return JobFile("statistika.xlsx", XLSX, content)

A view calls ``job_start(organization=…)`` (or ``municipality=…`` for the coordinator's jobs)
and redirects to the job's page: it polls the progress and offers the file. The web request
only writes one row; the worker (or, without a broker, the same process after the commit) runs
the kind.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from core.audit import log_action, register_actions, status_data
from core.lifecycle import check_transition
from core.models import BackgroundJob, JobStatus, Municipality, Organization, User
from core.plugins import autodiscover

logger = logging.getLogger(__name__)

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV = "text/csv; charset=utf-8"
PDF = "application/pdf"

ALLOWED = {
    JobStatus.QUEUED: {JobStatus.RUNNING, JobStatus.FAILED},
    JobStatus.RUNNING: {JobStatus.DONE, JobStatus.FAILED},
}
FAILED_MESSAGE = (
    "Не удалось подготовить файл. Попробуйте ещё раз; если не выйдет — сообщите администратору."
)

register_actions(
    {
        "job.queued": "Запрошено: {title}",
        "job.done": "Файл готов: {title}",
        "job.failed": "Не удалось подготовить: {title}",
    }
)


@dataclass(frozen=True)
class JobFile:
    filename: str
    content_type: str
    content: bytes


Progress = Callable[[int, str], None]
Runner = Callable[[BackgroundJob, Progress], JobFile]

_KINDS: dict[str, Runner] = {}


def job_kind(name: str) -> Callable[[Runner], Runner]:
    """Register the function that does the work of jobs of this kind."""

    def register(fn: Runner) -> Runner:
        if name in _KINDS and _KINDS[name] is not fn:
            raise ValueError(f"Job kind {name!r} registered twice.")
        _KINDS[name] = fn
        return fn

    return register


def runner_for(kind: str) -> Runner:
    autodiscover("jobs")
    return _KINDS[kind]


def job_start(
    *,
    organization: Organization | None = None,
    municipality: Municipality | None = None,
    user: User,
    kind: str,
    title: str,
    params: dict | None = None,
    back_url: str = "",
) -> BackgroundJob:
    """Queue a job of an organization or of a municipality (exactly one of them), or return the
    same person's unfinished one with the same parameters; raises ValueError without an owner."""
    if (organization is None) == (municipality is None):
        raise ValueError("A job belongs to an organization or to a municipality, exactly one.")
    params = params or {}
    runner_for(kind)  # an unknown kind fails here, in the request, not in the worker
    with transaction.atomic():
        for job in BackgroundJob.objects.defer("result").filter(
            organization=organization,
            municipality=municipality,
            requested_by=user,
            kind=kind,
            status__in=(JobStatus.QUEUED, JobStatus.RUNNING),
        ):
            if job.params == params:
                return job
        job = BackgroundJob.objects.create(
            organization=organization,
            municipality=municipality,
            requested_by=user,
            kind=kind,
            title=title[:300],
            params=params,
            back_url=back_url[:500],
        )
        log_action(job, "job.queued", actor=user, title=job.title)
        transaction.on_commit(lambda: job_enqueue(job.pk))
    return job


def job_enqueue(job_id: int) -> None:
    """Hand the job to the worker; a broker that is down fails the job with a message."""
    from core.tasks import run_job

    try:
        run_job.delay(job_id)
    except Exception:
        logger.exception("Could not queue background job %s", job_id)
        job = BackgroundJob.objects.defer("result").get(pk=job_id)
        _finish(job, JobStatus.FAILED, message="Очередь задач недоступна. Попробуйте позже.")


def _set_progress(job_id: int) -> Progress:
    def progress(percent: int, message: str = "") -> None:
        BackgroundJob.objects.filter(pk=job_id).update(
            progress=max(0, min(int(percent), 99)), message=message[:500]
        )

    return progress


def _finish(job: BackgroundJob, target: str, *, message: str, file: JobFile | None = None):
    with transaction.atomic():
        current = BackgroundJob.objects.defer("result").select_for_update().get(pk=job.pk)
        old = current.status
        check_transition(ALLOWED, old, target, labels=JobStatus)
        current.status, current.message = target, message
        current.finished_at = timezone.now()
        fields = ["status", "message", "finished_at"]
        if file is not None:
            current.result, current.filename = file.content, file.filename
            current.content_type, current.progress = file.content_type, 100
            fields += ["result", "filename", "content_type", "progress"]
        current.save(update_fields=fields)
        action = "job.done" if target == JobStatus.DONE else "job.failed"
        log_action(current, action, title=current.title, **status_data(old, target, JobStatus))
    return current


def job_run(*, job_id: int) -> BackgroundJob | None:
    """Run one queued job (the worker's task calls this); failures are stored, never raised."""
    with transaction.atomic():
        job = BackgroundJob.objects.defer("result").select_for_update().filter(pk=job_id).first()
        if job is None or job.status != JobStatus.QUEUED:
            return job
        check_transition(ALLOWED, job.status, JobStatus.RUNNING, labels=JobStatus)
        job.status, job.started_at = JobStatus.RUNNING, timezone.now()
        job.save(update_fields=["status", "started_at"])
    try:
        file = runner_for(job.kind)(job, _set_progress(job.pk))
    except Exception:
        logger.exception("Background job %s (%s) failed", job.pk, job.kind)
        return _finish(job, JobStatus.FAILED, message=FAILED_MESSAGE)
    return _finish(job, JobStatus.DONE, message="Файл готов.", file=file)
