"""The worker's refresh recomputes only the ДОУ written since their summary was computed."""

import datetime as dt

import pytest
from django.core.cache import cache
from django.core.management import call_command

from core.cache import bump, scoped_to
from core.models import Organization
from region import summaries
from region.models import OrganizationSummary
from region.summaries import stale_organizations, summaries_refresh_stale
from region.tasks import LOCK, refresh_region_summaries
from tests.factories import StaffMemberFactory


@pytest.fixture
def refreshed(org, other_org):
    """Both ДОУ with a summary computed just now."""
    assert summaries_refresh_stale() == 2
    assert stale_organizations() == []
    return {
        pk: at for pk, at in OrganizationSummary.objects.values_list("organization", "refreshed_at")
    }


def _recomputed(monkeypatch) -> list[str]:
    seen = []
    real = summaries.summary_refresh

    def spy(*, organization, **kwargs):
        seen.append(organization.slug)
        return real(organization=organization, **kwargs)

    monkeypatch.setattr(summaries, "summary_refresh", spy)
    return seen


def test_a_write_in_one_doo_recomputes_that_doo_and_not_the_other(
    org, other_org, refreshed, monkeypatch
):
    StaffMemberFactory(organization=org)  # a row of org: org's write, not other_org's
    assert stale_organizations() == [org.pk]
    seen = _recomputed(monkeypatch)
    assert summaries_refresh_stale() == 1
    assert seen == ["ds20"]
    after = dict(OrganizationSummary.objects.values_list("organization", "refreshed_at"))
    assert after[other_org.pk] == refreshed[other_org.pk]
    assert after[org.pk] > refreshed[org.pk]
    assert stale_organizations() == []


def test_nothing_written_recomputes_nothing(org, other_org, refreshed, monkeypatch):
    seen = _recomputed(monkeypatch)
    assert summaries_refresh_stale() == 0
    assert seen == []


@pytest.mark.django_db(transaction=True)  # the bump of a committed write, as in real use
def test_a_write_of_unknown_organization_makes_every_doo_stale(org, other_org, refreshed):
    with scoped_to(None):
        Organization.objects.update(city="г. Иваново")  # no organization named: anyone's
    assert stale_organizations() == [org.pk, other_org.pk]


def test_a_write_during_the_computation_is_caught_by_the_next_run(
    org, other_org, refreshed, monkeypatch
):
    real = summaries.indicator_figures

    def writing_meanwhile(organization, filters):
        figures = real(organization, filters)
        bump(organization.pk)  # someone saves in this ДОУ while its figures are read
        return figures

    StaffMemberFactory(organization=org)
    monkeypatch.setattr(summaries, "indicator_figures", writing_meanwhile)
    summaries_refresh_stale()
    assert stale_organizations() == [org.pk]


def test_a_summary_computed_yesterday_is_stale(org, other_org, refreshed):
    OrganizationSummary.objects.filter(organization=org).update(
        refreshed_at=refreshed[org.pk] - dt.timedelta(days=1)
    )
    assert stale_organizations() == [org.pk]


def test_a_lost_cache_counts_as_a_write_and_a_new_doo_has_no_summary(org, other_org, refreshed):
    cache.clear()
    assert stale_organizations() == [org.pk, other_org.pk]
    summaries_refresh_stale()
    third = Organization.objects.create(full_name="Третий", short_name="ДОУ №3", slug="ds3")
    assert stale_organizations() == [third.pk]


def test_the_refresh_goes_in_chunks_with_progress(org, other_org):
    steps = []
    assert (
        summaries_refresh_stale(chunk=1, progress=lambda done, total: steps.append((done, total)))
        == 2
    )
    assert steps == [(1, 2), (2, 2)]


def test_the_task_skips_while_another_run_holds_the_lock(org, other_org):
    cache.add(LOCK, 1, 60)
    assert refresh_region_summaries() == 0
    cache.delete(LOCK)
    assert refresh_region_summaries() == 2
    assert refresh_region_summaries() == 0


def test_the_command_refreshes_only_what_changed_unless_asked_for_all(
    org, other_org, refreshed, capsys
):
    call_command("refresh_region_summaries")
    assert "Обновлено ДОУ: 0" in capsys.readouterr().out
    call_command("refresh_region_summaries", everything=True)
    assert "Обновлено ДОУ: 2" in capsys.readouterr().out
