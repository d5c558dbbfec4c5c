"""A region of any size: the coordinator's pages run the same queries for 30 ДОУ or 300, the
deadlines read stored late-stage rows in the order the summaries' lists gave, and the worker's
refresh leaves the municipality's totals ready for the next page."""

import datetime as dt

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from core.models import Organization
from monitoring.periods import current_year
from region import selectors
from region.models import LateStage, OrganizationSummary
from region.summaries import late_rows_store, municipality_totals_keep, summaries_refresh_stale
from region.views import PER_PAGE
from tests.factories import StaffMemberFactory

STAGES = [
    (1, "Подготовка условий", "2026-09-30"),
    (2, "Формирование банка наставляемых", "2026-10-15"),
    (4, "Отбор и обучение наставников", "2026-11-15"),
]


def _late(n: int) -> list[dict]:
    """0 to 3 late stages; ДОУ share delays (the order then goes by name, then stage)."""
    return [
        {
            "number": number,
            "title": title,
            "ends_on": ends_on,
            "days_late": 10 * (3 - i) + n % 4,
            "percent": (n * 7 + i) % 100,
            "missing": [f"Пункт {n}-{i}"] if n % 3 else [],
        }
        for i, (number, title, ends_on) in enumerate(STAGES[: n % 4])
    ]


def _region(municipality, count: int) -> list[Organization]:
    """``count`` ДОУ with summaries of two years, names not in the order of their ids."""
    year = current_year().start_year
    organizations = Organization.objects.bulk_create(
        Organization(
            full_name=f"Детский сад №{n}",
            short_name=f"МБДОУ «Детский сад №{(n * 37) % count + 1000}»",
            slug=f"ds{1000 + n}",
            municipality=municipality,
            is_active=n % 11 != 5,  # a few closed ДОУ: in no figure
        )
        for n in range(count)
    )
    summaries = OrganizationSummary.objects.bulk_create(
        OrganizationSummary(
            organization=organization,
            start_year=start_year,
            stage_number=1 + n % 7,
            pairs=n % 9,
            stalled_pairs=n % 3,
            teachers_part=n % 20,
            teachers_total=20,
            satisfaction_mentee=None if n % 5 == 0 else 40.0 + n % 50,
            satisfaction_mentee_answers=n % 4,
            late_stages=_late(n) if start_year == year else [],
            late_count=len(_late(n)) if start_year == year else 0,
            impact=[
                {
                    "measure": "motivation",
                    "before": 50.0 + n % 3,
                    "after": 60.0 + n % 5,
                    "delta": 1.0,
                    "paired": n % 4,
                }
            ],
            refreshed_at=timezone.now(),
        )
        for n, organization in enumerate(organizations)
        for start_year in (year - 1, year)
    )
    late_rows_store(summaries=summaries)
    return organizations


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


PAGES = [  # (a page past the end shows the last one, for 30 ДОУ or 300)
    ("region:overview", ""),
    ("region:overview", "?sort=pairs&desc=on"),
    ("region:overview", "?problem=stalled&sort=teachers"),
    ("region:overview", "?page=999"),
    ("region:deadlines", ""),
    ("region:deadlines", "?page=999"),
]


@pytest.mark.parametrize(("name", "query"), PAGES)
def test_the_pages_run_the_same_queries_for_30_doo_and_for_300(
    coordinator_client, municipality, name, query
):
    url = reverse(name, kwargs={"municipality": municipality.slug}) + query
    counted = {}
    for count in (30, 300):
        Organization.objects.filter(slug__startswith="ds1").delete()
        _region(municipality, count)
        cache.clear()  # built afresh (the figures of the other size are under another stamp)
        counted[count] = _queries(coordinator_client, url)
    assert counted[30] == counted[300]


def _old_late_stages(municipality, year) -> list[tuple]:
    """What the deadlines page listed before the rows were stored: every summary's list."""
    items = selectors.late_stages(selectors.summaries(municipality, year).filter(late_count__gt=0))
    return [
        (
            item["organization"].slug,
            item["number"],
            item["title"],
            item["ends_on"],
            item["days_late"],
            item["percent"],
            item["missing"],
        )
        for item in items
    ]


def test_the_stored_late_stages_are_the_summaries_lists_in_the_same_order(municipality):
    _region(municipality, 120)
    year = current_year().start_year
    rows = selectors.late_stage_rows(municipality, year)
    page, count = selectors.page_and_count(rows, 0, 10_000)
    stored = [
        (
            row.organization.slug,
            row.number,
            row.title,
            row.ends_on.isoformat(),
            row.days_late,
            row.percent,
            row.missing,
        )
        for row in page
    ]
    old = _old_late_stages(municipality, year)
    assert count == len(old) == len(stored) > PER_PAGE
    assert stored == old
    second, count = selectors.page_and_count(rows, PER_PAGE, 2 * PER_PAGE)
    assert [(r.organization.slug, r.number) for r in second] == [
        item[:2] for item in old[PER_PAGE : 2 * PER_PAGE]
    ]


def test_the_overview_pages_are_the_sorted_summaries(municipality):
    _region(municipality, 90)
    year = current_year().start_year
    for values in ({}, {"sort": "pairs", "descending": True}, {"problem": "stalled"}):
        rows = selectors.summaries(municipality, year, **values)
        everything = [row.pk for row in rows]
        page, count = selectors.page_and_count(rows, 40, 80)
        assert count == len(everything)
        assert [row.pk for row in page] == everything[40:80]


def test_the_deadlines_page_shows_the_stored_rows(coordinator_client, municipality):
    _region(municipality, 30)
    page = coordinator_client.get(
        reverse("region:deadlines", kwargs={"municipality": municipality.slug})
    ).content.decode()
    first = selectors.late_stage_rows(municipality, current_year().start_year).first()
    assert f"{first.number}. {first.title}" in page
    assert first.ends_on.strftime("%d.%m.%Y") in page  # a date, as the ISO text was shown


def test_a_refreshed_summary_replaces_its_late_stage_rows(org, municipality):
    summaries_refresh_stale()
    summary = OrganizationSummary.objects.get(organization=org)
    assert LateStage.objects.filter(summary=summary).count() == summary.late_count
    summary.late_stages = _late(3)
    late_rows_store(summaries=[summary])
    assert list(LateStage.objects.filter(summary=summary).values_list("number", flat=True)) == [
        1,
        2,
        4,
    ]
    summary.late_stages = []
    late_rows_store(summaries=[summary])
    assert not LateStage.objects.filter(summary=summary).exists()


def test_the_municipality_figures_are_the_trend_and_the_doo_without_a_summary(municipality, org):
    _region(municipality, 45)
    year = current_year().start_year
    figures = selectors.municipality_figures(municipality, year)
    assert figures["trend"] == selectors.trend_of(municipality)
    assert figures["missing"] == [org.short_name]  # the one ДОУ not in _region
    for item in figures["trend"]:
        item.pop("stages")
    assert figures["trend"] == selectors.trend(municipality)  # the Python computation's totals
    unfiltered = selectors.summaries(municipality, year)
    assert figures["trend"][-1]["organizations"] == unfiltered.count()  # the overview's count


def test_the_stamp_moves_with_any_summary_written_or_deleted(municipality, other_municipality):
    _region(municipality, 3)
    stamp = selectors.written_stamp()
    summary = OrganizationSummary.objects.first()
    OrganizationSummary.objects.filter(pk=summary.pk).update(
        refreshed_at=timezone.now() + dt.timedelta(seconds=1)
    )
    assert selectors.written_stamp() != stamp
    stamp = selectors.written_stamp()
    OrganizationSummary.objects.exclude(pk=summary.pk).first().delete()
    assert selectors.written_stamp() != stamp


@pytest.mark.django_db(transaction=True)  # parts are kept only once their rows are committed
def test_after_the_refresh_the_overview_finds_the_totals_ready(
    coordinator_client, municipality, org, neighbour_org
):
    url = reverse("region:overview", kwargs={"municipality": municipality.slug})
    summaries_refresh_stale()  # the worker: summaries, then the municipality's totals
    ready = _queries(coordinator_client, url)
    StaffMemberFactory(organization=org)
    OrganizationSummary.objects.filter(organization=org).update(
        refreshed_at=timezone.now() + dt.timedelta(seconds=1)  # written, not by the worker
    )
    assert _queries(coordinator_client, url) == ready + 3  # the trend's two, the missing ДОУ
    OrganizationSummary.objects.filter(organization=org).update(
        refreshed_at=timezone.now() + dt.timedelta(seconds=2)
    )
    municipality_totals_keep()
    assert _queries(coordinator_client, url) == ready


def test_the_incremental_refresh_recomputes_only_the_written_doo_among_many(
    municipality, monkeypatch
):
    from region import summaries

    organizations = _region(municipality, 40)
    active = [o for o in organizations if o.is_active]
    OrganizationSummary.objects.update(refreshed_at=timezone.now())
    cache.clear()
    summaries_refresh_stale()  # a lost cache: everything once
    written = active[3::10]
    for organization in written:
        StaffMemberFactory(organization=organization)
    seen = []
    monkeypatch.setattr(
        summaries,
        "summary_refresh",
        lambda *, organization, **kwargs: seen.append(organization.pk),
    )
    assert summaries_refresh_stale() == len(written) == 4
    assert seen == [o.pk for o in written]


def test_the_migration_stores_the_rows_of_the_summaries_already_there(municipality):
    import importlib

    from django.apps import apps

    _region(municipality, 30)
    written = sorted(LateStage.objects.values_list("summary", "number", "ends_on", "days_late"))
    LateStage.objects.all().delete()  # as before the migration: only the lists
    migration = importlib.import_module("region.migrations.0002_late_stage_rows")
    migration.rows_from_summaries(apps, None)
    assert (
        sorted(LateStage.objects.values_list("summary", "number", "ends_on", "days_late"))
        == written
    )
    assert len(written) == sum(OrganizationSummary.objects.values_list("late_count", flat=True))
