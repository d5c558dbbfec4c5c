"""The roadmap keeps each app's checks apart (roadmap/stages.py ``checks_of``): a write rebuilds
only the checks of the apps that read the written group (their ``READS``), every app reads only
what it names, and the stages are the same as when every app's checks are built together."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from core import cache
from core.cache_tables import GROUPS, PROJECT_TABLE_PREFIXES, group_of
from core.plugins import autodiscover
from mentoring.seeding import seed_demo
from public.models import EventKind, FinalEvent
from public.selectors.cases import visible_cases
from roadmap import selectors, stages


def _modules():
    return [m for m in autodiscover("roadmap_progress") if getattr(m, "PROGRESS", None)]


def _reads(module) -> set[str]:
    return set(getattr(module, "READS", GROUPS))


def _groups_read(queries) -> set[str]:
    tables = {n.lower() for q in queries for n in re.findall(r'"(\w+)"', q["sql"])}
    return {group_of(t, "") for t in tables if t.startswith(PROJECT_TABLE_PREFIXES)} - {None}


def _demo_with_final_event():
    organization = seed_demo()
    cycle = selectors.current_cycle(organization)
    event = FinalEvent.objects.filter(organization=organization, cycle_id=cycle.pk).first()
    if event is None:
        event = FinalEvent.objects.create(
            organization=organization,
            cycle_id=cycle.pk,
            kind=EventKind.values[0],
            title="Итоговая конференция",
            held_on=timezone.localdate(),
        )
    event.best_cases.add(*visible_cases(organization.pk)[:1])
    return organization, cycle


def _counting(monkeypatch) -> list[str]:
    """The names of the apps whose checks are built, as they are built."""
    built: list[str] = []
    for module in _modules():

        def counted(fn, name=module.__name__):
            def check(organization, cycle):
                built.append(name)
                return fn(organization, cycle)

            return check

        wrapped = {n: counted(fn) for n, fn in module.PROGRESS.items()}
        monkeypatch.setattr(module, "PROGRESS", wrapped)
    return built


@pytest.mark.django_db
def test_every_apps_checks_read_only_the_groups_they_name():
    organization, cycle = _demo_with_final_event()
    for module in _modules():
        cache.bump(None)
        with CaptureQueriesContext(connection) as queries:
            stages.checks_of(module, organization, cycle)
        assert queries.captured_queries
        read = _groups_read(queries.captured_queries)
        assert read <= _reads(module), (module.__name__, read - _reads(module))


@pytest.mark.django_db
def test_the_stages_are_the_same_as_with_every_apps_checks_built_together():
    """The checks of each app built alone (their own counts) equal the checks built in one go
    from every app's counts in one query, as before."""
    organization, cycle = _demo_with_final_event()
    cache.bump(None)
    progress = stages.roadmap_progress(organization, cycle)
    token = stages._memo.set({})
    try:
        together = {
            (n, m.__name__): list(fn(organization, cycle))
            for m in _modules()
            for n, fn in m.PROGRESS.items()
        }
    finally:
        stages._memo.reset(token)
    assert sum(len(p.checks) for p in progress) >= 25
    for p in progress:
        expected = [c for m in _modules() for c in together.get((p.stage.number, m.__name__), [])]
        assert p.checks[: len(expected)] == expected


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("group", GROUPS)
def test_a_write_to_a_group_rebuilds_exactly_the_checks_that_read_it(group, monkeypatch):
    organization, cycle = _demo_with_final_event()
    built = _counting(monkeypatch)
    first = stages.roadmap_progress(organization, cycle)
    built.clear()
    assert stages.roadmap_progress(organization, cycle) == first
    assert built == []
    cache.bump(organization.pk, (group,))
    assert stages.roadmap_progress(organization, cycle) == first
    assert set(built) == {m.__name__ for m in _modules() if group in _reads(m)}


@pytest.mark.django_db(transaction=True)
def test_saving_a_plan_row_rebuilds_only_the_checks_that_read_the_programs(monkeypatch):
    from programs.models import PlanRow

    organization, cycle = _demo_with_final_event()
    built = _counting(monkeypatch)
    first = stages.roadmap_progress(organization, cycle)
    built.clear()
    PlanRow.objects.filter(program__organization=organization).first().save()
    assert stages.roadmap_progress(organization, cycle) == first
    assert set(built) == {m.__name__ for m in _modules() if "programs" in _reads(m)}
    assert "roadmap.roadmap_progress" not in built
