"""Background jobs: queued by a page, run by the worker, polled, downloaded by their owner."""

import datetime as dt
import io

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from pypdf import PdfReader

from core import jobs
from core.jobs import JobFile, job_kind, job_run, job_start
from core.models import BackgroundJob, JobStatus, Municipality
from programs.jobs import SYNC_ROWS
from programs.models import PlanRow, ProgramStatus
from tests.jobs import file_via_job
from tests.programs.factories import fixed_pair, make_program

pytestmark = pytest.mark.django_db


@job_kind("tests.echo")
def _echo(job, progress):
    progress(50, "Половина")
    if job.params.get("fail"):
        raise RuntimeError("boom")
    return JobFile("echo.txt", "text/plain", job.params["text"].encode())


def test_a_started_job_runs_after_the_commit_and_keeps_the_file(
    org, users, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        job = job_start(
            organization=org,
            user=users["curator"],
            kind="tests.echo",
            title="Эхо",
            params={"text": "готово"},
        )
        assert BackgroundJob.objects.get(pk=job.pk).status == JobStatus.QUEUED
    job.refresh_from_db()
    assert (job.status, job.progress, job.filename) == (JobStatus.DONE, 100, "echo.txt")
    assert bytes(job.result) == "готово".encode()
    assert job.finished_at is not None
    assert [h.status for h in job.history.order_by("history_date")] == ["queued", "running", "done"]


def test_a_failing_job_is_marked_failed_with_a_russian_message(org, users):
    job = job_start(
        organization=org,
        user=users["curator"],
        kind="tests.echo",
        title="Эхо",
        params={"text": "x", "fail": True},
    )
    job = job_run(job_id=job.pk)
    assert job.status == JobStatus.FAILED
    assert job.message == jobs.FAILED_MESSAGE
    assert job.result is None


def test_asking_twice_while_it_runs_gives_the_same_job(org, users):
    first = job_start(
        organization=org,
        user=users["curator"],
        kind="tests.echo",
        title="Эхо",
        params={"text": "a"},
    )
    again = job_start(
        organization=org,
        user=users["curator"],
        kind="tests.echo",
        title="Эхо",
        params={"text": "a"},
    )
    other = job_start(
        organization=org,
        user=users["curator"],
        kind="tests.echo",
        title="Эхо",
        params={"text": "b"},
    )
    assert again.pk == first.pk and other.pk != first.pk


def test_a_job_belongs_to_an_organization_or_a_municipality_never_both_nor_neither(org, users):
    municipality = Municipality.objects.create(name="Городской округ Иваново", slug="ivanovo")
    for owners in ({}, {"organization": org, "municipality": municipality}):
        with pytest.raises(ValueError):
            job_start(user=users["curator"], kind="tests.echo", title="Эхо", **owners)
        with pytest.raises(IntegrityError), transaction.atomic():
            BackgroundJob.objects.create(kind="tests.echo", title="Эхо", **owners)


def test_asking_again_finds_the_unfinished_job_of_the_same_owner_only(org, users):
    municipality = Municipality.objects.create(name="Городской округ Иваново", slug="ivanovo")
    asked = {"user": users["curator"], "kind": "tests.echo", "title": "Эхо", "params": {"t": 1}}
    of_org = job_start(organization=org, **asked)
    of_municipality = job_start(municipality=municipality, **asked)
    assert of_municipality.pk != of_org.pk
    assert job_start(municipality=municipality, **asked).pk == of_municipality.pk
    assert (of_municipality.organization, of_municipality.municipality) == (None, municipality)


def test_a_municipalitys_job_is_not_served_under_the_organizations_job_pages(
    org, users, client_for
):
    municipality = Municipality.objects.create(name="Городской округ Иваново", slug="ivanovo")
    job = job_start(
        municipality=municipality,
        user=users["curator"],
        kind="tests.echo",
        title="Эхо",
        params={"text": "свод"},
    )
    job_run(job_id=job.pk)
    curator = client_for("curator")
    for name in ("jobs:detail", "jobs:progress", "jobs:download"):
        assert curator.get(reverse(name, args=[job.pk])).status_code == 404


def test_the_progress_fragment_polls_every_second_until_the_file_is_ready(org, users, client_for):
    job = job_start(
        organization=org,
        user=users["curator"],
        kind="tests.echo",
        title="Эхо",
        params={"text": "a"},
    )
    BackgroundJob.objects.filter(pk=job.pk).update(status=JobStatus.RUNNING, progress=40)
    client = client_for("curator")
    running = client.get(reverse("jobs:progress", args=[job.pk])).content.decode()
    assert f'data-hx-get="/jobs/{job.pk}/progress/"' in running
    assert 'data-hx-trigger="every 1s"' in running
    assert 'value="40"' in running and "Готово 40%" in running
    assert "<script" not in running and "style=" not in running
    BackgroundJob.objects.filter(pk=job.pk).update(status=JobStatus.QUEUED, progress=0)
    job_run(job_id=job.pk)
    done = client.get(reverse("jobs:progress", args=[job.pk])).content.decode()
    assert "data-hx-get" not in done
    assert f'href="/jobs/{job.pk}/download/"' in done


def test_a_file_that_is_not_ready_is_not_offered(org, users, client_for):
    job = job_start(
        organization=org,
        user=users["curator"],
        kind="tests.echo",
        title="Эхо",
        params={"text": "a"},
    )
    response = client_for("curator").get(reverse("jobs:download", args=[job.pk]))
    assert response.status_code == 404


def test_another_organizations_job_is_a_404(org, other_org, users, client_for):
    job = job_start(
        organization=other_org,
        user=users["outsider"],
        kind="tests.echo",
        title="Эхо",
        params={"text": "секрет"},
    )
    job_run(job_id=job.pk)
    curator = client_for("curator")
    for name in ("jobs:detail", "jobs:progress", "jobs:download"):
        assert curator.get(reverse(name, args=[job.pk])).status_code == 404
    assert client_for("outsider").get(reverse("jobs:download", args=[job.pk])).content == (
        "секрет".encode()
    )


def test_the_statistics_export_is_made_in_the_background_and_downloaded(client_for):
    response = file_via_job(client_for("curator"), reverse("monitoring:export-csv"))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="statistika-' in response["Content-Disposition"]
    assert response.content.decode("utf-8").startswith("\ufeffРоль;")


def test_a_short_program_pdf_comes_at_once_and_a_long_one_through_a_job(org, users, client_for):
    program = make_program(
        fixed_pair(org, users["mentor"], users["mentee"]), status=ProgramStatus.APPROVED
    )
    client = client_for("mentee")
    url = reverse("programs:program-pdf", args=[program.pk])
    assert client.get(url)["Content-Type"] == "application/pdf"
    last = program.rows.order_by("position").last()
    PlanRow.objects.bulk_create(
        PlanRow(
            program=program,
            position=10 + n,
            direction=last.direction,
            event=f"Дополнительное мероприятие {n}",
            deadline=last.deadline + dt.timedelta(days=n % 20),
        )
        for n in range(SYNC_ROWS)
    )
    response = file_via_job(client, url)
    assert response["Content-Type"] == "application/pdf"
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
    assert f"Дополнительное мероприятие {SYNC_ROWS - 1}" in " ".join(text.split())
