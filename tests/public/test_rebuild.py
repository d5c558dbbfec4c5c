"""Rebuilding the public section's parts is cheap and changes nothing the visitor sees.

The shown cases, the program lists and the counts come from fewer, simpler queries than before;
each test here compares them with what the old queries (kept below as they were) give on a
varied fixture, or counts the queries. The caching tests commit for real (``transaction=True``):
a part built inside a transaction that has written is never kept (``core.cache``).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest
from django.db import connection
from django.db.models import Count, Exists, OuterRef, Q, Subquery
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from core import compiled
from core.cache import scoped_to
from core.cache_tables import groups_in
from core.models import Municipality, Role
from mentoring.consents import consent_give
from mentoring.models import (
    Consent,
    ConsentKind,
    Direction,
    MentoringForm,
    PairForm,
    StaffMember,
)
from programs.models import Case, PlanRow, Program, ProgramStatus
from programs.services import case_prefill
from public import selectors
from public.models import FileKind, FinalEvent, PublicFile
from public.selectors import cases as case_selectors
from public.selectors.site import FINISHED
from roadmap.models import Cycle
from tests.factories import OrganizationFactory, member
from tests.programs.factories import fixed_pair, make_program
from tests.public.factories import news, shown_cases

# --- the old queries, as they were before the parts were made cheap ---------------------------


def old_published_cases():
    without_consent = Consent.objects.active().filter(
        staff=OuterRef("pk"), kind=ConsentKind.PUBLICATION
    )
    refusing = StaffMember.objects.filter(
        Q(personal_data_withdrawn_at__isnull=False) | ~Exists(without_consent)
    )
    return Case.objects.filter(program__status__in=FINISHED, is_published=True).exclude(
        Exists(refusing.filter(pairs_as_mentor__program=OuterRef("program_id")))
        | Exists(refusing.filter(pairs_as_mentee__program=OuterRef("program_id")))
    )


def old_program_cards(org_id: int, statuses, start: int, stop: int) -> tuple:
    shown_case = (
        old_published_cases()
        .filter(program__organization_id=org_id, program_id=OuterRef("pk"))
        .values("pk")[:1]
    )
    rows = list(
        Program.objects.filter(organization_id=org_id, status__in=statuses)
        .select_related("pair")
        .only("starts_on", "ends_on", "status", "pair__participants_form", "pair__role_model")
        .annotate(
            mentors_n=Count("pair__mentors", distinct=True),
            mentees_n=Count("pair__mentees", distinct=True),
            case_id=Subquery(shown_case),
        )
        .order_by("-starts_on", "-pk")[start:stop]
    )
    directions: dict[int, set[str]] = {}
    for program_id, direction in (
        PlanRow.objects.filter(program_id__in=[p.pk for p in rows])
        .values_list("program_id", "direction")
        .distinct()
    ):
        directions.setdefault(program_id, set()).add(direction)
    forms: dict[int, list[str]] = {}
    for pair_id, form in PairForm.objects.filter(pair_id__in=[p.pair_id for p in rows]).values_list(
        "pair_id", "form"
    ):
        forms.setdefault(pair_id, []).append(str(MentoringForm(form).label))
    return tuple(
        selectors.ProgramCard(
            kind="Пара" if p.mentors_n == 1 and p.mentees_n == 1 else "Группа",
            participants_form=p.pair.get_participants_form_display(),
            forms=tuple(sorted(forms.get(p.pair_id, []))),
            role_model=p.pair.role_model.strip('«»" '),
            directions=tuple(
                str(label)
                for value, label in Direction.choices
                if value in directions.get(p.pk, ())
            ),
            starts_on=p.starts_on,
            ends_on=p.ends_on,
            stage=p.get_status_display(),
            case_id=p.case_id,
        )
        for p in rows
    )


# --- a varied section --------------------------------------------------------------------------


def _people(org, tag: str, n: int, role=Role.MENTEE) -> list:
    return [member(org, role, username=f"{tag}-{i}") for i in range(n)]


def _staff(user, org) -> StaffMember:
    return user.staff_records.get(organization=org)


def _finished(org, mentors, mentees, *, status=ProgramStatus.COMPLETED, day: dt.date, shown=True):
    pair = fixed_pair(org, mentors[0], mentees[0])
    for extra in mentors[1:]:
        pair.mentors.add(_staff(extra, org))
    for extra in mentees[1:]:
        pair.mentees.add(_staff(extra, org))
    program = make_program(pair, status=status, starts_on=day - dt.timedelta(days=182), rows=2)
    Program.objects.filter(pk=program.pk).update(ends_on=day)
    case = case_prefill(program=program)
    Case.objects.filter(pk=case.pk).update(is_published=shown)
    return case


@pytest.fixture
def section(org, other_org, users):
    """Two kindergartens' cases shown and not, for every reason the rule knows.

    Consents are given and withdrawn as the people do it; the states a withdrawal would not
    leave by itself (a case still marked shown) are written straight to the tables, since the
    rule must hold whatever the tables say.
    """
    curator = users["curator"]
    mentors = _people(org, "mentor", 6, Role.MENTOR)
    mentees = _people(org, "mentee", 9)
    everyone = mentors + mentees
    for user in everyone:
        consent_give(staff=_staff(user, org), kind=ConsentKind.PUBLICATION, recorded_by=curator)
    day = dt.date(2026, 5, 31)
    cases = {
        "shown": _finished(org, mentors[:1], mentees[:1], day=day),
        "same day": _finished(org, mentors[1:2], mentees[1:2], day=day),
        "ended early": _finished(
            org,
            mentors[2:3],
            mentees[2:3],
            status=ProgramStatus.ENDED_EARLY,
            day=dt.date(2026, 5, 1),
        ),
        "group": _finished(org, mentors[3:5], mentees[3:6], day=dt.date(2026, 4, 30)),
        "not shown": _finished(
            org, mentors[5:6], mentees[6:7], day=dt.date(2026, 3, 31), shown=False
        ),
        "running": _finished(
            org,
            mentors[:1],
            mentees[7:8],
            status=ProgramStatus.IN_PROGRESS,
            day=dt.date(2026, 2, 28),
        ),
        "no consent": _finished(org, mentors[1:2], mentees[8:9], day=dt.date(2026, 1, 31)),
        "withdrawn data": _finished(org, mentors[2:3], mentees[4:5], day=dt.date(2026, 5, 15)),
    }
    # A mentor of many pairs gives a consent to duties in each: never one to publication.
    for case in (cases["shown"], cases["running"]):
        consent_give(
            staff=_staff(mentors[0], org),
            kind=ConsentKind.PAIR_DUTIES,
            pair=case.program.pair,
            recorded_by=curator,
        )
    Consent.objects.filter(staff=_staff(mentees[8], org), kind=ConsentKind.PUBLICATION).update(
        withdrawn_at=timezone.now()
    )
    StaffMember.objects.filter(pk=_staff(mentees[4], org).pk).update(
        personal_data_withdrawn_at=timezone.now()
    )  # also a mentee of the group: it goes down with them
    # Withdrawn and given again: shown.
    again = _staff(mentees[1], org)
    Consent.objects.filter(staff=again, kind=ConsentKind.PUBLICATION).update(
        withdrawn_at=timezone.now()
    )
    consent_give(staff=again, kind=ConsentKind.PUBLICATION, recorded_by=curator)
    PairForm.objects.create(pair=cases["group"].program.pair, form=MentoringForm.NETWORK)
    other_cases = shown_cases(other_org, 2, tag="other")
    return {"org": org, "other": other_org, "cases": cases, "other_cases": other_cases}


def test_the_shown_cases_are_those_the_old_rule_showed(section):
    org, other = section["org"], section["other"]
    old = list(
        old_published_cases()
        .filter(program__organization_id__in=[org.pk, other.pk])
        .order_by("-program__ends_on", "-pk")
        .values_list("pk", flat=True)
    )
    cases = section["cases"]
    expected = {cases[k].pk for k in ("shown", "same day", "ended early")}
    assert set(old) == expected | {c.pk for c in section["other_cases"]}
    assert [c.id for c in case_selectors.shown_cases([org.pk, other.pk])] == old
    assert set(selectors.published_cases().values_list("pk", flat=True)) == set(old)
    assert {c.id for c in case_selectors.shown_in(org.pk)} == expected
    assert all(c.organization_id == org.pk for c in case_selectors.shown_in(org.pk))


def test_the_program_lists_show_what_the_old_queries_showed(section):
    org = section["org"]
    site = selectors.site_for_slug(org.slug)
    for which, statuses in selectors.PROGRAM_LISTS.items():
        paged = selectors.programs_page(site, which, 1)
        assert paged.items == old_program_cards(org.pk, statuses, 0, 25)
        assert paged.count == Program.objects.filter(organization=org, status__in=statuses).count()
    cards = selectors.programs_page(site, "finished", 1).items
    assert {c.kind for c in cards} == {"Пара", "Группа"}
    assert sum(1 for c in cards if c.case_id) == 3


def test_a_statement_compiled_once_gives_the_querysets_rows_as_the_data_change(section):
    """``compiled.rows_of``: the rows ``values_list`` gives (dates and flags converted), from a
    statement made the first time only; it reads the tables anew at every call."""
    org = section["org"]
    ids = (org.pk, section["other"].pk)
    key = ("test:shown", ids)
    compiled._compiled.pop(key, None)
    built = []

    def queryset():
        built.append(1)
        return case_selectors._shown_rows(ids)

    first = compiled.rows_of(key, queryset)
    assert first == list(case_selectors._shown_rows(ids))
    assert all(isinstance(row[3], dt.date) for row in first)
    Case.objects.filter(pk=section["cases"]["shown"].pk).update(is_published=False)
    again = compiled.rows_of(key, queryset)
    assert again == list(case_selectors._shown_rows(ids)) != first
    assert built == [1]
    assert compiled.rows_of(("test:none",), lambda: Case.objects.none().values_list("pk")) == []


def test_the_counts_and_the_practices_are_the_old_ones(section):
    org = section["org"]
    site = selectors.site_for_slug(org.slug)
    about = selectors.about(site)
    programs = Program.objects.filter(organization=org)
    assert about.programs_finished == programs.filter(status__in=FINISHED).count() == 7
    assert about.programs_running == programs.filter(status=ProgramStatus.IN_PROGRESS).count()
    assert about.cases == old_published_cases().filter(program__organization=org).count() == 3
    cases = section["cases"]
    # Newest program first; of two programs that ended the same day, the older case first.
    assert [c.id for c in selectors.practices(site).cases] == [
        cases["shown"].pk,
        cases["same day"].pk,
        cases["ended early"].pk,
    ]
    # The cards from values rows are those the model instances made.
    shown = [cases[k] for k in ("shown", "same day", "ended early")]
    Case.objects.filter(pk=shown[0].pk).update(stage_3="Третий этап", who_needed="Кому")
    old_cards = [
        case_selectors._case_card(c)
        for c in Case.objects.select_related("program").filter(pk__in=[c.pk for c in shown])
    ]
    assert set(selectors.practices(site).cases) == set(old_cards)


def test_the_municipality_counts_and_lists_what_the_old_queries_did(section):
    org, other = section["org"], section["other"]
    municipality = Municipality.objects.create(name="Городской округ Иваново", slug="ivanovo")
    for o in (org, other):
        o.municipality = municipality
        o.save(update_fields=["municipality"])
    area = selectors.area_for_slug("ivanovo")
    old = old_published_cases().filter(program__organization__in=[org, other])
    counts = Counter(old.values_list("program__organization_id", flat=True))
    kindergartens = selectors.area_kindergartens(area)
    assert {k.id: k.cases for k in kindergartens} == {org.pk: 3, other.pk: 2} == dict(counts)
    listed = selectors.area_cases_page(area, 1, kindergartens=kindergartens)
    assert [c.id for c in listed.items] == list(
        old.order_by("-program__ends_on", "-pk").values_list("pk", flat=True)
    )
    assert listed.count == 5
    ours = next(k for k in kindergartens if k.id == org.pk)
    only = selectors.area_cases_page(area, 1, kindergartens=kindergartens, kindergarten=ours)
    assert [c.id for c in only.items] == [c.id for c in case_selectors.shown_in(org.pk)]


# --- queries: a bounded number whatever the number of rows -------------------------------------


def _queries(url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert Client().get(url).status_code == 200
    return len(captured)


def _event(org, cycle_start: dt.date, files: int) -> FinalEvent:
    cycle = Cycle.objects.create(
        organization=org,
        title=f"{cycle_start.year}/{cycle_start.year + 1} учебный год",
        starts_on=cycle_start,
        ends_on=cycle_start.replace(year=cycle_start.year + 1) - dt.timedelta(days=1),
    )
    event = FinalEvent.objects.create(
        organization=org, cycle=cycle, kind="round_table", title="Итоги", held_on=cycle.ends_on
    )
    for n in range(files):
        PublicFile.objects.create(
            organization=org,
            kind=FileKind.EVENT,
            final_event=event,
            title=f"Материал {n}",
            url="https://example.ru/m.pdf",
            published_at=timezone.now(),
        )
    return event


def test_a_section_with_more_rows_is_built_in_as_many_queries(org, users):
    shown_cases(org, 1, tag="few")
    make_program(fixed_pair(org, users["mentor"], users["mentee"]), status=ProgramStatus.APPROVED)
    _event(org, dt.date(2024, 9, 1), files=1)
    urls = [
        reverse(f"public:{name}", args=[org.slug])
        for name in ("about", "programs", "practices", "documents")
    ]
    few = [_queries(url) for url in urls]
    shown_cases(org, 6, tag="many")
    for _ in range(3):
        pair = fixed_pair(org, users["mentor"], users["mentee"])
        make_program(pair, status=ProgramStatus.IN_PROGRESS, rows=4)
    _event(org, dt.date(2025, 9, 1), files=3)
    assert [_queries(url) for url in urls] == few
    assert few[1] <= 12 and few[2] <= 7  # programs: site, counts, two lists; practices


# --- stale only after a write to what a part reads ----------------------------------------------


@pytest.fixture
def two_areas(org, other_org):
    """Иваново with ``org`` and a neighbour, Кинешма with ``other_org``; a shown case each."""
    ivanovo = Municipality.objects.create(name="Городской округ Иваново", slug="ivanovo")
    kineshma = Municipality.objects.create(name="Кинешемский район", slug="kineshma")
    neighbour = OrganizationFactory(short_name="МБДОУ «Детский сад №3»", slug="ds3")
    for o, m in ((org, ivanovo), (neighbour, ivanovo), (other_org, kineshma)):
        o.municipality = m
        o.save(update_fields=["municipality"])
        shown_cases(o, 1)
    return {"ivanovo": ivanovo, "kineshma": kineshma, "neighbour": neighbour}


def _save_plan_row(org) -> None:
    """A curator saves a row of a plan, as the program page does (one write, in its scope)."""
    row = PlanRow.objects.filter(program__organization=org).order_by("pk").first()
    with scoped_to(org.pk):
        row.save(update_fields=["expected_result"])


def _urls(org) -> dict[str, str]:
    return {
        name: reverse(f"public:{name}", args=[org.slug])
        for name in ("about", "programs", "practices", "documents", "materials", "news", "partners")
    }


@pytest.mark.django_db(transaction=True)
def test_a_plan_row_saved_in_one_kindergarten_rebuilds_no_other_municipalitys_pages(
    org, other_org, two_areas
):
    ours = reverse("public:municipality", args=["ivanovo"])
    theirs = reverse("public:municipality", args=["kineshma"])
    elsewhere = _urls(other_org)
    for url in (ours, theirs, *elsewhere.values()):
        _queries(url)  # every part is kept now
    _save_plan_row(org)
    assert _queries(theirs) == 0
    assert {name: _queries(url) for name, url in elsewhere.items()} == dict.fromkeys(elsewhere, 0)
    assert _queries(ours) > 0  # its own municipality shows its cases: rebuilt


@pytest.mark.django_db(transaction=True)
def test_a_kindergartens_parts_go_stale_only_with_what_they_read(org, two_areas):
    urls = _urls(org)
    for url in urls.values():
        _queries(url)
    _save_plan_row(org)
    rebuilt = {name for name, url in urls.items() if _queries(url)}
    # The plan's directions are on «Программы»; «О наставничестве» shows the roadmap, which
    # reads everything; the cases are the programs' rows.
    assert rebuilt == {"about", "programs", "practices"}
    news(org, "Круглый стол наставников")  # in the organization's scope (its id is in the row)
    rebuilt = {name for name, url in urls.items() if _queries(url)}
    # The section's own tables are one group: the files and the final event's page with it.
    assert rebuilt == {"about", "news", "documents", "materials", "practices"}


def test_every_part_reads_only_the_groups_it_names(section, monkeypatch):
    """Built with an empty cache, each part's queries name only the tables of its groups (the
    parts it takes from another part included)."""
    import core.cache as core_cache
    import public.selectors.area as area_module
    import public.selectors.site as site_module

    wrong = []

    def checked(original, at: int):
        """``original`` with its build (the argument at ``at``) checked against its reads."""

        def cached(*args, reads=core_cache.EVERYTHING, **kwargs):
            args = list(args)
            part, build = args[at - 1], args[at]

            def build_checked():
                with CaptureQueriesContext(connection) as captured:
                    value = build()
                if set(reads) < set(core_cache.EVERYTHING):
                    for query in captured:
                        groups = groups_in(query["sql"])
                        if groups is None or not set(groups) <= set(reads):
                            wrong.append((part, reads, groups, query["sql"][:300]))
                return value

            args[at] = build_checked
            return original(*args, reads=reads, **kwargs)

        return cached

    monkeypatch.setattr(site_module, "org_cached", checked(core_cache.org_cached, 2))
    monkeypatch.setattr(site_module, "shared_cached", checked(core_cache.shared_cached, 1))
    monkeypatch.setattr(area_module, "shared_cached", checked(core_cache.shared_cached, 1))
    monkeypatch.setattr(area_module, "orgs_cached", checked(core_cache.orgs_cached, 2))
    org = section["org"]
    municipality = Municipality.objects.create(name="Городской округ Иваново", slug="ivanovo")
    org.municipality = municipality
    org.save(update_fields=["municipality"])
    _event(org, dt.date(2025, 9, 1), files=1)
    news(org)
    client = Client()
    for url in (
        *_urls(org).values(),
        reverse("public:documents", args=[org.slug]) + "?page=1",
        reverse("public:case-detail", args=[org.slug, section["cases"]["shown"].pk]),
        reverse("public:municipality", args=["ivanovo"]),
        reverse("public:municipalities"),
    ):
        assert client.get(url).status_code == 200
    assert not wrong


def test_a_best_practice_no_longer_shown_leaves_the_final_events_check_open(org, users):
    from public import roadmap_progress
    from public.services import final_event_save
    from roadmap.selectors import current_cycle as make_cycle

    (case,) = shown_cases(org, 1)
    cycle = make_cycle(org)
    final_event_save(
        organization=org,
        cycle=cycle,
        user=users["curator"],
        data={
            "kind": "round_table",
            "title": "Лучшие практики",
            "held_on": timezone.localdate(),
            "format": "in_person",
            "participants_count": 12,
        },
        best_cases=[case],
    )
    assert [c.done for c in roadmap_progress.final_event(org, cycle)] == [True, True]
    Consent.objects.filter(staff__pairs_as_mentee=case.program.pair).update(
        withdrawn_at=timezone.now()
    )  # as the tables say it, without the handler that would hide the case
    held, best = roadmap_progress.final_event(org, cycle)
    assert held.done and not best.done
    assert best.detail == "отметьте опубликованные кейсы как лучшие"


def test_the_final_events_list_the_best_cases_shown_as_before(section):
    """The events' best cases come from the link table, in the order they were chosen, and the
    page lists only those it shows; as the prefetched cases gave them."""
    org, cases = section["org"], section["cases"]
    event = _event(org, dt.date(2025, 9, 1), files=2)
    chosen = [cases["ended early"], cases["not shown"], cases["shown"]]
    for case in chosen:
        event.best_cases.add(case)
    site = selectors.site_for_slug(org.slug)
    (card,) = selectors.practices(site).events
    shown = {c.id for c in selectors.practices(site).cases}
    old = [c.pk for c in FinalEvent.objects.get(pk=event.pk).best_cases.order_by("pk")]
    assert sorted(card.best_case_ids) == [pk for pk in old if pk in shown]
    assert card.best_case_ids == (cases["ended early"].pk, cases["shown"].pk)
    assert [f.title for f in card.materials] == ["Материал 0", "Материал 1"]
    assert card.cycle_title == "2025/2026 учебный год"


@pytest.mark.django_db(transaction=True)
def test_a_write_to_the_programs_keeps_the_final_events(org, monkeypatch):
    """The final events read the section's tables and the cycles only: a write to the programs
    keeps them, an event saved makes them stale."""
    event = _event(org, dt.date(2025, 9, 1), files=0)
    assert [e.title for e in case_selectors.final_events(org.pk)] == ["Итоги"]
    built = []
    original = case_selectors._build_final_events
    monkeypatch.setattr(
        case_selectors, "_build_final_events", lambda org_id: built.append(1) or original(org_id)
    )
    with scoped_to(org.pk):
        Case.objects.filter(program__organization=org).update(is_published=False)
    assert [e.title for e in case_selectors.final_events(org.pk)] == ["Итоги"]
    assert built == []
    with scoped_to(org.pk):
        FinalEvent.objects.filter(pk=event.pk).update(title="Итоги года")
    assert [e.title for e in case_selectors.final_events(org.pk)] == ["Итоги года"]
    assert built == [1]
