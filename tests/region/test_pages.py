"""The overview's queries do not grow with the ДОУ; sorting, filtering and the deadlines page."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from core.models import Organization
from monitoring.periods import current_year
from region import selectors
from region.models import OrganizationSummary
from region.summaries import late_rows_store
from region.views import PER_PAGE
from tests.factories import OrganizationFactory


def _seed(municipality, count):
    """``count`` ДОУ with stored summaries (the page reads only these)."""
    year = current_year().start_year
    stored = []
    for n in range(count):
        organization = OrganizationFactory(
            short_name=f"МБДОУ «Детский сад №{100 + n}»",
            slug=f"ds{100 + n}",
            municipality=municipality,
        )
        summary = OrganizationSummary.objects.create(
            organization=organization,
            start_year=year,
            stage_number=1 + n % 7,
            stage_title="Этап",
            roadmap_percent=10 * n % 100,
            teachers_part=n,
            teachers_total=20,
            stalled_pairs=n % 3,
            late_stages=[
                {
                    "number": 1,
                    "title": "Подготовка условий",
                    "ends_on": "2026-09-30",
                    "days_late": n + 1,
                    "percent": 50,
                    "missing": ["Утверждена дорожная карта"],
                }
            ]
            if n % 2
            else [],
            late_count=n % 2,
            impact=[
                {"measure": "motivation", "before": 50.0, "after": 70.0, "delta": 20.0, "paired": 2}
            ],
            refreshed_at=timezone.now(),
        )
        stored.append(summary)
    late_rows_store(summaries=stored)  # the deadlines' rows, as the refresh writes them


def _seed_many(municipality, count):
    """``count`` ДОУ with summaries, in bulk (the paging and query tests' hundreds)."""
    year = current_year().start_year
    organizations = Organization.objects.bulk_create(
        Organization(
            full_name=f"Детский сад №{1000 + n}",
            short_name=f"МБДОУ «Детский сад №{1000 + n}»",
            slug=f"ds{1000 + n}",
            municipality=municipality,
        )
        for n in range(count)
    )
    stored = OrganizationSummary.objects.bulk_create(
        OrganizationSummary(
            organization=organization,
            start_year=start_year,
            stage_number=1 + n % 7,
            teachers_part=n % 20,
            teachers_total=20,
            satisfaction_mentee=50.0 + n % 50,
            satisfaction_mentee_answers=1 + n % 4,
            late_count=n % 2,
            late_stages=[
                {
                    "number": 2,
                    "title": "Этап",
                    "ends_on": "2026-10-31",
                    "days_late": n + 1,
                    "percent": 50,
                    "missing": [],
                }
            ]
            if n % 2
            else [],
            impact=[
                {
                    "measure": "motivation",
                    "before": 50.0,
                    "after": 60.0 + n % 5,
                    "delta": 1.0,
                    "paired": 1 + n % 3,
                }
            ],
            refreshed_at=timezone.now(),
        )
        for n, organization in enumerate(organizations)
        for start_year in (year - 1, year)
    )
    late_rows_store(summaries=stored)
    return organizations


@pytest.mark.parametrize("count", [30, 240])
def test_overview_queries_do_not_grow_with_the_number_of_doo(
    coordinator_client, municipality, count, django_assert_max_num_queries
):
    _seed_many(municipality, count)
    url = reverse("region:overview", kwargs={"municipality": municipality.slug})
    with django_assert_max_num_queries(10):
        response = coordinator_client.get(url + "?sort=stalled&desc=on")
    assert response.status_code == 200
    page = response.content.decode()
    assert page.count('href="/region/ivanovo/doo/ds1') == min(count, PER_PAGE)
    assert f"Итого ({count + 1} ДОУ)" in page or f"Итого ({count} ДОУ)" in page
    deadlines = reverse("region:deadlines", kwargs={"municipality": municipality.slug})
    with django_assert_max_num_queries(7):
        assert coordinator_client.get(deadlines).status_code == 200


def test_overview_pages_through_the_doo_with_the_totals_of_all(coordinator_client, municipality):
    _seed_many(municipality, 120)
    url = reverse("region:overview", kwargs={"municipality": municipality.slug})
    first = coordinator_client.get(url).content.decode()
    third = coordinator_client.get(url + "?page=3").content.decode()
    assert first.count("/doo/ds1") == PER_PAGE and third.count("/doo/ds1") == 120 - 2 * PER_PAGE
    assert "№1000»" in first and "№1000»" not in third
    assert "на странице 101–120" in third and "Страница 3 из 3" in third
    assert "Итого (120 ДОУ)" in first and "Итого (120 ДОУ)" in third
    assert "page=2" in first  # the next page's link keeps nothing else
    late = coordinator_client.get(url + "?problem=late&page=2").content.decode()
    assert "Найдено ДОУ: 60" in late and late.count("/doo/ds1") == 10


def test_the_database_totals_are_the_python_totals(municipality):
    _seed_many(municipality, 45)
    year = current_year().start_year
    rows = selectors.summaries(municipality, year)
    totals = selectors.totals_of(rows)
    assert totals.pop("stages") == {
        n: sum(1 for i in range(45) if 1 + i % 7 == n) for n in range(1, 8)
    }
    assert totals == selectors.totals(list(rows))
    trend = selectors.trend_of(municipality)
    assert [item["year"] for item in trend] == [year - 1, year]
    for item in trend:
        item.pop("stages")
    assert trend == selectors.trend(municipality)


def test_deadlines_page_through_the_late_stages(coordinator_client, municipality):
    _seed_many(municipality, 130)  # 65 late, the longest first
    url = reverse("region:deadlines", kwargs={"municipality": municipality.slug})
    first = coordinator_client.get(url).content.decode()
    second = coordinator_client.get(url + "?page=2").content.decode()
    assert first.index("№1129") < first.index("№1127")
    assert first.count("/doo/ds1") == PER_PAGE and second.count("/doo/ds1") == 15


def test_overview_sorts_by_a_column_descending(coordinator_client, municipality):
    _seed(municipality, 4)
    url = reverse("region:overview", kwargs={"municipality": municipality.slug})
    page = coordinator_client.get(url + "?sort=teachers&desc=on").content.decode()
    assert page.index("№103") < page.index("№102") < page.index("№101") < page.index("№100")


def test_overview_filter_keeps_only_doo_with_stalled_pairs(coordinator_client, municipality):
    _seed(municipality, 4)  # stalled pairs: 0, 1, 2, 0
    url = reverse("region:overview", kwargs={"municipality": municipality.slug})
    page = coordinator_client.get(url + "?problem=stalled").content.decode()
    assert "№101" in page and "№102" in page
    assert "№100»" not in page and "№103»" not in page
    assert "Итого (4 ДОУ)" in page  # totals stay those of the whole municipality


def test_overview_names_doo_without_a_summary_yet(coordinator_client, municipality, org):
    url = reverse("region:overview", kwargs={"municipality": municipality.slug})
    page = coordinator_client.get(url).content.decode()
    assert "Показатели ещё не подсчитаны для: МБДОУ «Детский сад №20»" in page


def test_deadlines_list_who_is_late_with_which_stage_longest_first(
    coordinator_client, municipality, django_assert_max_num_queries
):
    _seed(municipality, 10)
    url = reverse("region:deadlines", kwargs={"municipality": municipality.slug})
    with django_assert_max_num_queries(6):
        page = coordinator_client.get(url).content.decode()
    assert page.count("1. Подготовка условий") == 5
    assert page.index("№109") < page.index("№101")


def test_charts_get_their_data_as_json_and_no_inline_script(coordinator_client, municipality):
    _seed(municipality, 3)
    page = coordinator_client.get(
        reverse("region:overview", kwargs={"municipality": municipality.slug})
    ).content.decode()
    assert 'id="region-charts" type="application/json"' in page
    assert "/static/region/region.js" in page
    assert "<script>" not in page


def test_refresh_recomputes_one_doo_on_demand(coordinator_client, municipality, org):
    url = reverse(
        "region:organization-refresh", kwargs={"municipality": municipality.slug, "slug": org.slug}
    )
    coordinator_client.post(url)
    summary = OrganizationSummary.objects.get(organization=org)
    assert summary.refreshed_at > timezone.now() - dt.timedelta(minutes=1)


def test_search_folds_cyrillic_case_and_the_totals_sum_the_late_stages(
    coordinator_client, municipality
):
    _seed(municipality, 4)  # two of them late with one stage each
    url = reverse("region:overview", kwargs={"municipality": municipality.slug})
    found = coordinator_client.get(url, {"q": "детский сад №101"}).content.decode()
    assert "Детский сад №101" in found and "Детский сад №102" not in found
    page = coordinator_client.get(url).content.decode()
    totals = page.split("Итого (")[1].split("</tr>")[0]
    late_cell = totals.split('<td class="text-end">')[1].split("</td>")[0]
    assert late_cell == "2"
