"""Background jobs survive a dead worker and a dead broker: never stuck, never run twice."""

import datetime as dt
from unittest import mock

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from config.celery import app
from core import jobs
from core.jobs import JobFile, job_kind, job_run, job_start, jobs_sweep
from core.models import BackgroundJob, JobStatus, ServiceBeat
from core.tasks import run_job, sweep_jobs

pytestmark = pytest.mark.django_db

RUNS: list[int] = []


@job_kind("tests.counted")
def _counted(job, progress):
    RUNS.append(job.pk)
    progress(10, "Собираем показатели отчёта")
    return JobFile("otchet.txt", "text/plain", b"report")


@pytest.fixture(autouse=True)
def _runs():
    RUNS.clear()


def _start(org, users, **params):
    return job_start(
        organization=org,
        user=users["curator"],
        kind="tests.counted",
        title="Итоговый отчёт",
        params=params or {"year": 2025},
    )


def _killed_mid_job(job, *, minutes_ago=10):
    """What a worker killed with -9 at 10 % leaves behind: running, its heartbeat old."""
    moment = timezone.now() - dt.timedelta(minutes=minutes_ago)
    BackgroundJob.objects.filter(pk=job.pk).update(
        status=JobStatus.RUNNING,
        progress=10,
        message="Собираем показатели отчёта",
        started_at=moment,
        heartbeat_at=moment,
    )


def test_the_sweep_fails_a_job_whose_worker_died_and_the_page_offers_to_try_again(
    org, users, client_for, django_capture_on_commit_callbacks
):
    job = _start(org, users)
    _killed_mid_job(job)
    assert sweep_jobs() == {"stalled": 1, "requeued": 0}
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED
    assert ServiceBeat.objects.get(name="sweep_jobs").at is not None
    client = client_for("curator")
    page = client.get(reverse("jobs:detail", args=[job.pk])).content.decode()
    assert "Подготовка файла прервалась: обработчик задач перестал отвечать." in page
    assert "Попробовать ещё раз" in page
    assert "Готово 10%" not in page

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("jobs:retry", args=[job.pk]))
    again = BackgroundJob.objects.latest("pk")
    assert again.pk != job.pk
    assert response["Location"] == f"/jobs/{again.pk}/"
    again.refresh_from_db()
    assert (again.status, again.params, again.title) == (
        JobStatus.DONE,
        {"year": 2025},
        "Итоговый отчёт",
    )
    assert client.get(reverse("jobs:download", args=[again.pk])).content == b"report"
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED  # the old one stays as the person saw it


def test_a_job_that_keeps_moving_is_not_swept(org, users):
    job = _start(org, users)
    _killed_mid_job(job, minutes_ago=1)
    assert jobs_sweep()["stalled"] == 0
    job.refresh_from_db()
    assert job.status == JobStatus.RUNNING


def test_asking_again_for_a_stalled_job_gives_a_new_one_not_the_stuck_one(org, users):
    stuck = _start(org, users)
    _killed_mid_job(stuck)
    fresh = _start(org, users)
    assert fresh.pk != stuck.pk
    assert fresh.status == JobStatus.QUEUED
    stuck.refresh_from_db()
    assert (stuck.status, stuck.message) == (JobStatus.FAILED, jobs.STALLED_MESSAGE)


def test_asking_again_after_a_failure_gives_a_new_job(org, users):
    failed = _start(org, users)
    BackgroundJob.objects.filter(pk=failed.pk).update(status=JobStatus.FAILED)
    assert _start(org, users).pk != failed.pk


def test_a_message_delivered_twice_runs_the_job_once(org, users):
    job = _start(org, users)
    assert job_run(job_id=job.pk).status == JobStatus.DONE
    finished_at = BackgroundJob.objects.get(pk=job.pk).finished_at
    assert job_run(job_id=job.pk).status == JobStatus.DONE
    assert [job.pk] == RUNS
    assert BackgroundJob.objects.get(pk=job.pk).finished_at == finished_at


def test_a_message_delivered_while_another_worker_runs_the_job_leaves_it_alone(org, users):
    job = _start(org, users)
    _killed_mid_job(job, minutes_ago=0)  # alive: its heartbeat is fresh
    assert job_run(job_id=job.pk).status == JobStatus.RUNNING
    assert RUNS == []


def test_the_broker_redelivering_a_stalled_jobs_message_runs_it_to_the_end(org, users):
    job = _start(org, users)
    _killed_mid_job(job)
    assert job_run(job_id=job.pk).status == JobStatus.DONE
    job.refresh_from_db()
    assert (RUNS, job.attempts, job.progress) == ([job.pk], 1, 100)


def test_a_job_that_finishes_after_the_sweep_failed_it_stays_failed(org, users):
    job = _start(org, users)

    @job_kind("tests.swept-meanwhile")
    def swept(job, progress):
        jobs_sweep(now=timezone.now() + dt.timedelta(hours=1))
        return JobFile("late.txt", "text/plain", b"late")

    BackgroundJob.objects.filter(pk=job.pk).update(kind="tests.swept-meanwhile")
    finished = job_run(job_id=job.pk)
    assert (finished.status, finished.message) == (JobStatus.FAILED, jobs.STALLED_MESSAGE)


def test_a_job_asked_for_while_the_broker_is_down_waits_and_is_handed_over_later(
    org, users, django_capture_on_commit_callbacks
):
    with (
        mock.patch.object(run_job, "delay", side_effect=ConnectionRefusedError("redis")),
        django_capture_on_commit_callbacks(execute=True),
    ):
        job = _start(org, users)
    job.refresh_from_db()
    assert (job.status, job.enqueued_at) == (JobStatus.QUEUED, None)
    assert jobs_sweep()["requeued"] == 0  # just asked: not handed over twice at once
    with mock.patch.object(run_job, "delay") as delay:
        assert jobs_sweep(now=timezone.now() + dt.timedelta(minutes=2))["requeued"] == 1
    delay.assert_called_once_with(job.pk)
    job.refresh_from_db()
    assert job.status == JobStatus.QUEUED and job.enqueued_at is not None
    job_run(job_id=job.pk)
    assert BackgroundJob.objects.get(pk=job.pk).status == JobStatus.DONE


def test_a_queued_job_whose_message_the_broker_lost_is_handed_over_again(org, users):
    job = _start(org, users)
    BackgroundJob.objects.filter(pk=job.pk).update(
        enqueued_at=timezone.now() - dt.timedelta(seconds=settings.JOB_REQUEUE_SECONDS + 1)
    )
    with mock.patch.object(run_job, "delay") as delay:
        assert jobs_sweep()["requeued"] == 1
    delay.assert_called_once_with(job.pk)


def test_a_job_is_acknowledged_only_after_it_ran_and_the_broker_waits_longer_than_it_may_run():
    assert run_job.acks_late and run_job.reject_on_worker_lost
    assert run_job.time_limit > run_job.soft_time_limit == settings.JOB_TIME_LIMIT
    visibility = app.conf.broker_transport_options["visibility_timeout"]
    assert visibility > run_job.time_limit
    assert visibility > 30 * 60  # and longer than a letter's longest wait between attempts
    schedule = settings.CELERY_BEAT_SCHEDULE
    assert schedule["sweep-jobs"]["task"] == "core.tasks.sweep_jobs"
    assert schedule["sweep-emails"]["task"] == "core.tasks.sweep_emails"


def test_only_a_failed_job_is_tried_again(org, users, client_for):
    job = _start(org, users)
    response = client_for("curator").post(reverse("jobs:retry", args=[job.pk]), follow=True)
    assert "Эта задача не завершилась ошибкой" in response.content.decode()
    assert BackgroundJob.objects.count() == 1
