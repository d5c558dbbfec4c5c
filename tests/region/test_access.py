"""The coordinator (the ninth persona) sees her municipality's ДОУ, only as aggregates."""

import pytest
from django.urls import reverse

from region.summaries import summary_refresh
from tests.monitoring.factories import staff


def _url(name, municipality="ivanovo", **kwargs):
    return reverse(name, kwargs={"municipality": municipality, **kwargs})


@pytest.fixture
def summaries(org, other_org, municipality, other_municipality, neighbour_org):
    for organization in (org, other_org, neighbour_org):
        summary_refresh(organization=organization)


def test_coordinator_index_leads_to_her_municipality(coordinator_client):
    response = coordinator_client.get(reverse("region:index"))
    assert response.status_code == 302
    assert response["Location"] == _url("region:overview")


def test_coordinator_sees_every_doo_of_her_municipality_and_none_of_another(
    coordinator_client, summaries
):
    page = coordinator_client.get(_url("region:overview")).content.decode()
    assert "МБДОУ «Детский сад №20»" in page
    assert "МБДОУ «Детский сад №3»" in page
    assert "МБДОУ «Детский сад №7»" not in page


def test_another_municipality_answers_404(coordinator_client, other_municipality):
    assert coordinator_client.get(_url("region:overview", "kineshma")).status_code == 404
    assert coordinator_client.get(_url("region:deadlines", "kineshma")).status_code == 404


def test_a_doo_of_another_municipality_answers_404_under_hers(
    coordinator_client, summaries, other_org
):
    response = coordinator_client.get(_url("region:organization", slug=other_org.slug))
    assert response.status_code == 404


def test_the_doo_page_shows_aggregates_and_no_person(coordinator_client, org, summaries):
    staff(org, last_name="Уникальнова", first_name="Зинаида")
    summary_refresh(organization=org)
    response = coordinator_client.get(_url("region:organization", slug=org.slug))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Дорожная карта" in page
    assert "Уникальнова" not in page


def test_coordinator_is_no_member_of_the_doo(coordinator_client, org):
    assert coordinator_client.get(reverse("monitoring:dashboard")).status_code == 404
    assert coordinator_client.get(reverse("mentoring:staff-list")).status_code == 404


def test_home_page_offers_the_coordinator_her_municipality(coordinator_client, municipality):
    page = coordinator_client.get(reverse("home")).content.decode()
    assert "Муниципалитет: Городской округ Иваново" in page
    assert _url("region:overview") in page


@pytest.mark.parametrize(
    ("name", "kwargs", "method", "expected"),
    [
        ("region:overview", {}, "get", 200),
        ("region:deadlines", {}, "get", 200),
        ("region:organization-create", {}, "get", 200),
        ("region:organization", {"slug": "ds20"}, "get", 200),
        ("region:organization-refresh", {"slug": "ds20"}, "post", 302),
        ("region:export-start", {}, "post", 302),
    ],
)
def test_every_region_page_answers_the_coordinator(
    coordinator_client, summaries, name, kwargs, method, expected
):
    data = {"format": "csv"} if name == "region:export-start" else {}
    response = getattr(coordinator_client, method)(_url(name, **kwargs), data)
    assert response.status_code == expected


def _finished_rollup(municipality, user):
    from core.jobs import job_run
    from region.jobs import rollup_start

    job = rollup_start(municipality=municipality, user=user, fmt="csv")
    return job_run(job_id=job.pk)


def test_the_coordinator_opens_and_downloads_her_own_rollup(coordinator_client, coordinator):
    job = _finished_rollup(coordinator.municipal_assignments.get().municipality, coordinator)
    assert coordinator_client.get(_url("region:job", pk=job.pk)).status_code == 200
    response = coordinator_client.get(_url("region:job-download", pk=job.pk))
    assert response.status_code == 200 and response.content.startswith("\ufeffДОУ;".encode())


def test_a_rollup_asked_by_someone_else_answers_404(coordinator_client, municipality, users):
    from core.models import MunicipalCoordinator

    colleague = users["director"]
    MunicipalCoordinator.objects.create(user=colleague, municipality=municipality)
    job = _finished_rollup(municipality, colleague)
    assert coordinator_client.get(_url("region:job", pk=job.pk)).status_code == 404
    assert coordinator_client.get(_url("region:job-download", pk=job.pk)).status_code == 404


def test_the_coordinator_of_another_municipality_gets_404_on_the_job_and_its_file(
    coordinator_client, other_municipality
):
    from core.models import MunicipalCoordinator
    from tests.factories import UserFactory

    neighbour = UserFactory(username="kineshma", email="kineshma@example.ru")
    MunicipalCoordinator.objects.create(user=neighbour, municipality=other_municipality)
    job = _finished_rollup(other_municipality, neighbour)
    for name in ("region:job", "region:job-download"):
        assert coordinator_client.get(_url(name, "kineshma", pk=job.pk)).status_code == 404
        assert coordinator_client.get(_url(name, pk=job.pk)).status_code == 404
    assert coordinator_client.get(reverse("jobs:detail", args=[job.pk])).status_code == 404


def test_an_organizations_job_is_not_served_under_the_municipality(
    coordinator_client, coordinator, org
):
    from core.jobs import job_start

    job = job_start(
        organization=org,
        user=coordinator,
        kind="monitoring.statistics",
        title="Статистика",
        params={"fmt": "csv"},
    )
    assert coordinator_client.get(_url("region:job", pk=job.pk)).status_code == 404
