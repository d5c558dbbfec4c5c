"""The municipality's figures are the sums of each ДОУ's own monitoring-page figures."""

import io
import random

import pytest
from openpyxl import load_workbook

from core.models import Municipality, Organization
from mentoring.seeding import seed_region
from monitoring import dashboard
from monitoring.forms import FilterForm
from monitoring.periods import current_year
from region import selectors
from region.summaries import summaries_refresh
from tests.jobs import file_via_job


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    """Four seeded ДОУ (banks, pairs, programs, surveys) in one municipality, with summaries."""
    with django_db_blocker.unblock():
        random.seed(7)
        seed_region(orgs=4, staff_per_org=24, seed=7)
        summaries_refresh()
        yield Municipality.objects.get(slug="region-mun-01")
        from django.core.management import call_command

        call_command("flush", "--noinput")


def _own_cards(organization):
    """What the ДОУ's own monitoring page shows by default."""
    filters = FilterForm(None, organization=organization).filters()
    return {card["key"]: card for card in dashboard.build(organization, filters)["cards"]}


@pytest.mark.django_db
def test_each_doo_row_shows_its_own_monitoring_figures(seeded):
    rows = selectors.summaries(seeded, current_year().start_year)
    assert len(rows) == 4
    for row in rows:
        cards = _own_cards(row.organization)
        assert row.teachers_percent == cards["teachers"]["value"]
        assert row.young_percent == cards["young"]["value"]
        assert row.satisfaction_mentee == cards["satisfaction_mentee"]["value"]
        assert row.satisfaction_mentor == cards["satisfaction_mentor"]["value"]


@pytest.mark.django_db
def test_municipality_totals_are_the_sums_of_the_doo_figures(seeded):
    from monitoring import indicators

    rows = list(selectors.summaries(seeded, current_year().start_year))
    totals = selectors.totals(rows)
    parts = teachers = young_parts = young = 0
    mentee_sum = mentee_answers = 0.0
    for organization in Organization.objects.filter(municipality=seeded):
        filters = FilterForm(None, organization=organization).filters()
        shares = indicators.mentee_shares(organization, filters)
        parts, teachers = parts + shares[0].part, teachers + shares[0].total
        young_parts, young = young_parts + shares[1].part, young + shares[1].total
        level = indicators.satisfaction_of_mentees(organization, filters)
        if level.percent is not None:
            mentee_sum += level.percent * level.answers
            mentee_answers += level.answers
    assert (totals["teachers_part"], totals["teachers_total"]) == (parts, teachers)
    assert (totals["young_part"], totals["young_total"]) == (young_parts, young)
    assert totals["teachers_percent"] == round(100 * parts / teachers, 1)
    assert mentee_answers > 0, "the seed should have satisfaction answers"
    assert totals["satisfaction_mentee"] == round(mentee_sum / mentee_answers, 1)
    assert totals["pairs"] == sum(r.pairs for r in rows) > 0


@pytest.mark.django_db
def test_the_overview_page_shows_the_totals_row(seeded, client):
    from core.models import MunicipalCoordinator

    client.force_login(MunicipalCoordinator.objects.get(municipality=seeded).user)
    page = client.get(f"/region/{seeded.slug}/").content.decode()
    totals = selectors.totals(list(selectors.summaries(seeded, current_year().start_year)))
    assert "Итого (4 ДОУ)" in page
    assert f"{totals['teachers_part']} из {totals['teachers_total']}" in page


@pytest.mark.django_db
def test_the_exported_rollup_is_each_doos_own_figures_and_their_sums(seeded, client):
    """The XLSX the coordinator downloads, made by the background job, read back."""
    from core.models import MunicipalCoordinator
    from monitoring import indicators

    client.force_login(MunicipalCoordinator.objects.get(municipality=seeded).user)
    response = file_via_job(
        client, f"/region/{seeded.slug}/export/", {"format": "xlsx"}, method="post"
    )
    header, *doo, total = load_workbook(io.BytesIO(response.content)).active.iter_rows(
        values_only=True
    )
    column = {name: index for index, name in enumerate(header)}
    assert total[0] == "Итого по муниципалитету (4 ДОУ)"
    by_name = {row[0]: row for row in doo}
    parts = teachers = 0
    for organization in Organization.objects.filter(municipality=seeded):
        row = by_name[organization.short_name]
        cards = _own_cards(organization)
        assert row[column["Доля педагогов-наставляемых, %"]] == cards["teachers"]["value"]
        filters = FilterForm(None, organization=organization).filters()
        shares = indicators.mentee_shares(organization, filters)
        assert row[column["Педагогов-наставляемых"]] == shares[0].part
        parts, teachers = parts + shares[0].part, teachers + shares[0].total
    assert (total[column["Педагогов-наставляемых"]], total[column["Педагогов всего"]]) == (
        parts,
        teachers,
    )
    assert total[column["Доля педагогов-наставляемых, %"]] == round(100 * parts / teachers, 1)
    for name in ("Наставников", "Пар и групп", "Программ реализуется", "Подписанных приказов"):
        assert total[column[name]] == sum(row[column[name]] for row in doo), name
