"""The roll-up export as a background job, and a new ДОУ with its invited director."""

import csv
import io

from django.contrib.auth import authenticate
from django.test import RequestFactory
from django.urls import reverse
from openpyxl import load_workbook

from mentoring.models import Organization, Role, RoleAssignment, StaffMember
from region.models import Job, JobStatus
from region.summaries import summary_refresh


def _start(client, municipality, fmt, capture):
    url = reverse("region:export-start", kwargs={"municipality": municipality.slug})
    with capture(execute=True):
        response = client.post(url, {"format": fmt})
    return response, Job.objects.get()


def test_export_starts_a_job_and_redirects_to_its_progress(
    coordinator_client, municipality, org, django_capture_on_commit_callbacks
):
    summary_refresh(organization=org)
    response, job = _start(
        coordinator_client, municipality, "csv", django_capture_on_commit_callbacks
    )
    assert response["Location"] == reverse(
        "region:export-status", kwargs={"municipality": municipality.slug, "pk": job.pk}
    )
    assert job.status == JobStatus.DONE and (job.done, job.total) == (1, 1)


def test_csv_rollup_has_one_row_per_doo_and_the_totals(
    coordinator_client, municipality, org, neighbour_org, django_capture_on_commit_callbacks
):
    summary_refresh(organization=org)
    summary_refresh(organization=neighbour_org)
    _, job = _start(coordinator_client, municipality, "csv", django_capture_on_commit_callbacks)
    url = reverse(
        "region:export-download", kwargs={"municipality": municipality.slug, "pk": job.pk}
    )
    response = coordinator_client.get(url)
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert [r[0] for r in rows] == [
        "ДОУ",
        "МБДОУ «Детский сад №20»",
        "МБДОУ «Детский сад №3»",
        "Итого по муниципалитету (2 ДОУ)",
    ]


def test_xlsx_rollup_opens_with_the_same_rows(
    coordinator_client, municipality, org, django_capture_on_commit_callbacks
):
    summary_refresh(organization=org)
    _, job = _start(coordinator_client, municipality, "xlsx", django_capture_on_commit_callbacks)
    url = reverse(
        "region:export-download", kwargs={"municipality": municipality.slug, "pk": job.pk}
    )
    sheet = load_workbook(io.BytesIO(coordinator_client.get(url).content)).active
    assert [row[0] for row in sheet.iter_rows(values_only=True)] == [
        "ДОУ",
        "МБДОУ «Детский сад №20»",
        "Итого по муниципалитету (1 ДОУ)",
    ]


def test_progress_page_polls_while_the_job_waits(coordinator_client, municipality, coordinator):
    job = Job.objects.create(
        kind="rollup_export", municipality=municipality, created_by=coordinator, done=5, total=20
    )
    url = reverse("region:export-status", kwargs={"municipality": municipality.slug, "pk": job.pk})
    page = coordinator_client.get(url).content.decode()
    assert 'hx-trigger="every 1s"' in page
    assert 'value="25"' in page and "5 из 20 ДОУ" in page


def test_coordinator_adds_a_doo_and_its_director_gets_an_invitation(
    coordinator_client, municipality, mailoutbox, django_capture_on_commit_callbacks
):
    url = reverse("region:organization-create", kwargs={"municipality": municipality.slug})
    data = {
        "full_name": "МБДОУ детский сад общеразвивающего вида «Детский сад №42»",
        "short_name": "МБДОУ «Детский сад №42»",
        "slug": "ds42",
        "city": "г. Иваново",
        "director_last_name": "Соколова",
        "director_first_name": "Ирина",
        "director_middle_name": "Павловна",
        "director_email": "Sokolova@ds42.example",
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator_client.post(url, data)
    assert response.status_code == 302
    organization = Organization.objects.get(slug="ds42")
    assert organization.municipality == municipality
    assignment = RoleAssignment.objects.get(organization=organization)
    assert assignment.role == Role.DIRECTOR
    assert StaffMember.objects.get(organization=organization).user == assignment.user
    assert len(mailoutbox) == 1 and mailoutbox[0].to == ["sokolova@ds42.example"]
    password = mailoutbox[0].body.split("Временный пароль: ")[1].split()[0]
    request = RequestFactory().post("/accounts/login/")
    assert (
        authenticate(request, username="sokolova@ds42.example", password=password)
        == assignment.user
    )


def test_a_taken_address_is_refused_with_a_sentence(coordinator_client, municipality, org):
    url = reverse("region:organization-create", kwargs={"municipality": municipality.slug})
    response = coordinator_client.post(
        url,
        {
            "full_name": "Детский сад",
            "short_name": "Детский сад",
            "slug": org.slug,
            "city": "г. Иваново",
            "director_last_name": "Соколова",
            "director_first_name": "Ирина",
            "director_email": "s@ds.example",
        },
    )
    assert "Такой адрес страницы уже занят." in response.content.decode()
    assert not Organization.objects.filter(short_name="Детский сад").exists()
