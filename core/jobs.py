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

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from core.audit import log_action, register_actions, status_data
from core.lifecycle import TransitionError, check_transition
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

# A job's file holds personal data: it is kept this long, then deleted (``core.job_results``).
RESULT_KEPT = dt.timedelta(days=7)

STALLED_MESSAGE = (
    "Подготовка файла прервалась: обработчик задач перестал отвечать. Нажмите «Попробовать ещё "
    "раз»; если снова не выйдет — сообщите администратору."
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
    same person's unfinished one with the same parameters; raises ValueError without an owner.

    A job that stopped moving is failed here, not handed back: the person gets a new one.
    """
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
            if job.params != params:
                continue
            if job_is_stalled(job):
                _finish(job, JobStatus.FAILED, message=STALLED_MESSAGE)
                continue
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


def job_retry(*, job: BackgroundJob, user: User) -> BackgroundJob:
    """«Попробовать ещё раз»: a new job with the same owner, kind and parameters as a failed one
    (the failed one stays as it was); raises ValueError for a job that has not failed."""
    if job.status != JobStatus.FAILED:
        raise ValueError("Only a failed job is tried again.")
    return job_start(
        organization=job.organization,
        municipality=job.municipality,
        user=user,
        kind=job.kind,
        title=job.title,
        params=job.params,
        back_url=job.back_url,
    )


def stall_after() -> dt.timedelta:
    """How long a running job may go without a heartbeat before it counts as stalled."""
    return dt.timedelta(seconds=settings.JOB_STALL_SECONDS)


def job_is_stalled(job: BackgroundJob, *, now: dt.datetime | None = None) -> bool:
    """A running job whose worker stopped touching it (killed, lost) for ``stall_after()``."""
    if job.status != JobStatus.RUNNING:
        return False
    last = job.heartbeat_at or job.started_at or job.created_at
    return last < (now or timezone.now()) - stall_after()


def job_enqueue(job_id: int) -> None:
    """Hand the job to the worker; a broker that is down leaves it queued in the database, and
    the beat's sweep (``jobs_sweep``) hands it over when the broker is back."""
    from core.tasks import run_job

    try:
        run_job.delay(job_id)
    except Exception:
        logger.warning("Broker unavailable: background job %s waits in the database", job_id)
        return
    BackgroundJob.objects.filter(pk=job_id, status=JobStatus.QUEUED).update(
        enqueued_at=timezone.now()
    )


def _set_progress(job_id: int) -> Progress:
    def progress(percent: int, message: str = "") -> None:
        BackgroundJob.objects.filter(pk=job_id).update(
            progress=max(0, min(int(percent), 99)),
            message=message[:500],
            heartbeat_at=timezone.now(),
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
            current.kept_until = current.finished_at + RESULT_KEPT
            fields += ["result", "filename", "content_type", "progress", "kept_until"]
        current.save(update_fields=fields)
        action = "job.done" if target == JobStatus.DONE else "job.failed"
        log_action(current, action, title=current.title, **status_data(old, target, JobStatus))
    return current


def _claim(job_id: int) -> tuple[BackgroundJob | None, bool]:
    """Lock the job and mark it running when it is this message's to run: queued, or running
    but stalled (its worker died and the broker delivered the message again). Anything else —
    done, failed, or running with a live heartbeat elsewhere — is left alone."""
    with transaction.atomic():
        job = BackgroundJob.objects.defer("result").select_for_update().filter(pk=job_id).first()
        if job is None:
            return None, False
        if job.status == JobStatus.RUNNING and job_is_stalled(job):
            logger.warning("Background job %s was stalled; running it again", job.pk)
        elif job.status != JobStatus.QUEUED:
            return job, False
        else:
            check_transition(ALLOWED, job.status, JobStatus.RUNNING, labels=JobStatus)
        now = timezone.now()
        job.status, job.started_at, job.heartbeat_at = JobStatus.RUNNING, now, now
        job.attempts += 1
        job.save(update_fields=["status", "started_at", "heartbeat_at", "attempts"])
    return job, True


def job_run(*, job_id: int) -> BackgroundJob | None:
    """Run one queued job (the worker's task calls this); failures are stored, never raised.

    Safe to call twice for the same job (a message delivered again): only the call that claims
    it runs the kind; a job that another call finished or failed meanwhile keeps its state.
    """
    job, mine = _claim(job_id)
    if not mine:
        return job
    try:
        file = runner_for(job.kind)(job, _set_progress(job.pk))
    except Exception:
        logger.exception("Background job %s (%s) failed", job.pk, job.kind)
        return _finish_unless_done(job, JobStatus.FAILED, message=FAILED_MESSAGE)
    return _finish_unless_done(job, JobStatus.DONE, message="Файл готов.", file=file)


def _finish_unless_done(job: BackgroundJob, target: str, **kwargs) -> BackgroundJob:
    """Finish a job this call ran, unless the sweeper failed it meanwhile (then it stays failed:
    the person was already told and may have asked again)."""
    try:
        return _finish(job, target, **kwargs)
    except TransitionError:
        logger.warning("Background job %s finished after it was failed as stalled", job.pk)
        return BackgroundJob.objects.defer("result").get(pk=job.pk)


def jobs_sweep(*, now: dt.datetime | None = None) -> dict[str, int]:
    """Beat's sweep: fail running jobs that stopped moving, hand queued ones the broker never got
    (or lost) to the worker again. Returns how many of each."""
    now = now or timezone.now()
    stalled = 0
    for job in BackgroundJob.objects.defer("result").filter(
        status=JobStatus.RUNNING,
        heartbeat_at__lt=now - stall_after(),
    ):
        try:
            _finish(job, JobStatus.FAILED, message=STALLED_MESSAGE)
        except TransitionError:
            continue  # it finished in the meantime
        stalled += 1
    again = now - dt.timedelta(seconds=settings.JOB_REQUEUE_SECONDS)
    waiting = list(
        BackgroundJob.objects.filter(status=JobStatus.QUEUED)
        .filter(
            # a job asked for less than a sweep ago is still being handed over by its request
            Q(
                enqueued_at__isnull=True,
                created_at__lt=now - dt.timedelta(seconds=settings.SWEEP_SECONDS),
            )
            | Q(enqueued_at__lt=again)
        )
        .order_by("created_at")
        .values_list("pk", flat=True)[:200]
    )
    for pk in waiting:
        job_enqueue(pk)
    return {"stalled": stalled, "requeued": len(waiting)}
