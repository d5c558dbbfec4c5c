"""The roll-up export as a background job, and a new ДОУ with its invited director."""

import csv
import io

from django.contrib.auth import authenticate
from django.contrib.contenttypes.models import ContentType
from django.test import Client, RequestFactory
from django.urls import reverse
from openpyxl import load_workbook

from core.models import AuditEntry, BackgroundJob, JobStatus, Organization, Role, RoleAssignment
from mentoring.models import StaffMember
from region.jobs import ROLLUP, rollup, rollup_start
from region.summaries import summary_refresh
from tests.jobs import file_via_job


def _start(client, municipality, fmt):
    url = reverse("region:export-start", kwargs={"municipality": municipality.slug})
    return client.post(url, {"format": fmt})


def _file(client, municipality, fmt):
    url = reverse("region:export-start", kwargs={"municipality": municipality.slug})
    return file_via_job(client, url, {"format": fmt}, method="post")


def test_export_starts_a_job_of_the_municipality_and_redirects_to_its_progress(
    coordinator_client, coordinator, municipality, org, django_capture_on_commit_callbacks
):
    summary_refresh(organization=org)
    with django_capture_on_commit_callbacks(execute=True):
        response = _start(coordinator_client, municipality, "csv")
    job = BackgroundJob.objects.get()
    assert response["Location"] == reverse(
        "region:job", kwargs={"municipality": municipality.slug, "pk": job.pk}
    )
    assert (job.kind, job.municipality, job.organization) == (ROLLUP, municipality, None)
    assert job.requested_by == coordinator
    assert (job.status, job.progress, job.message) == (JobStatus.DONE, 100, "Файл готов.")
    assert job.title == "Свод по ДОУ в CSV: Городской округ Иваново"
    entries = AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(BackgroundJob), object_id=job.pk
    )
    assert [entry.action for entry in entries.order_by("pk")] == ["job.queued", "job.done"]


def test_a_second_click_while_the_export_waits_opens_the_same_job(
    coordinator_client, municipality, org, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False):
        first = _start(coordinator_client, municipality, "xlsx")
        again = _start(coordinator_client, municipality, "xlsx")
        other = _start(coordinator_client, municipality, "csv")
    assert again["Location"] == first["Location"] != other["Location"]
    assert BackgroundJob.objects.count() == 2


def test_an_unknown_format_starts_nothing(coordinator_client, municipality):
    assert _start(coordinator_client, municipality, "pdf").status_code == 404
    assert not BackgroundJob.objects.exists()


def test_csv_rollup_has_one_row_per_doo_and_the_totals(
    coordinator_client, municipality, org, neighbour_org
):
    summary_refresh(organization=org)
    summary_refresh(organization=neighbour_org)
    response = _file(coordinator_client, municipality, "csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="svod-ivanovo-' in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert [r[0] for r in rows] == [
        "ДОУ",
        "МБДОУ «Детский сад №20»",
        "МБДОУ «Детский сад №3»",
        "Итого по муниципалитету (2 ДОУ)",
    ]


def test_xlsx_rollup_opens_with_the_same_rows(coordinator_client, municipality, org):
    summary_refresh(organization=org)
    response = _file(coordinator_client, municipality, "xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.title == "Свод по ДОУ"
    assert [row[0] for row in sheet.iter_rows(values_only=True)] == [
        "ДОУ",
        "МБДОУ «Детский сад №20»",
        "Итого по муниципалитету (1 ДОУ)",
    ]


def test_the_rollup_reports_its_progress_after_every_doo(
    coordinator, municipality, org, neighbour_org
):
    summary_refresh(organization=org)
    summary_refresh(organization=neighbour_org)
    job = rollup_start(municipality=municipality, user=coordinator, fmt="csv")
    reported = []
    rollup(job, lambda percent, message: reported.append((percent, message)))
    assert reported == [(50, "1 из 2 ДОУ"), (100, "2 из 2 ДОУ")]


def test_progress_page_polls_while_the_job_runs(coordinator_client, coordinator, municipality):
    job = rollup_start(municipality=municipality, user=coordinator, fmt="xlsx")
    BackgroundJob.objects.filter(pk=job.pk).update(
        status=JobStatus.RUNNING, progress=25, message="5 из 20 ДОУ"
    )
    url = reverse("region:job", kwargs={"municipality": municipality.slug, "pk": job.pk})
    page = coordinator_client.get(url).content.decode()
    assert '<h1 class="h3">Свод по ДОУ в XLSX: Городской округ Иваново</h1>' in page
    assert f'data-hx-get="{url}"' in page and 'data-hx-trigger="every 1s"' in page
    assert "<progress" in page and 'value="25"' in page
    assert "Готово 25%: 5 из 20 ДОУ" in page
    fragment = coordinator_client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert 'id="job-progress"' in fragment and "<h1" not in fragment
    assert 'value="25"' in fragment and "<script" not in fragment


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
    # The temporary password is changed at the first login.
    assert assignment.user.must_change_password
    # The director's own address is not published as the kindergarten's contact.
    assert organization.email == ""
    public_page = Client().get(reverse("public:about", args=["ds42"])).content.decode()
    assert "sokolova@ds42.example" not in public_page.lower()
    assert "Для МБДОУ «Детский сад №42» открыт доступ к системе наставничества" in (
        mailoutbox[0].body
    )


def test_the_same_doo_twice_is_refused(coordinator_client, municipality, org):
    url = reverse("region:organization-create", kwargs={"municipality": municipality.slug})
    response = coordinator_client.post(
        url,
        {
            "full_name": org.full_name,
            "short_name": org.short_name.lower(),  # Cyrillic case folded on every database
            "city": "г. Иваново",
            "director_last_name": "Соколова",
            "director_first_name": "Ирина",
            "director_email": "other@ds.example",
        },
    )
    assert "Такой ДОУ в муниципалитете уже есть." in response.content.decode()
    assert Organization.objects.filter(municipality=municipality).count() == 1


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
