"""No public page shows a person's name, except inside a consented, published case."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from core.models import Role
from mentoring.consents import consent_withdraw
from mentoring.models import Consent, ConsentKind
from programs.models import ProgramStatus
from public.services import case_show, news_save
from roadmap.models import Order, OrderKind, OrderStatus
from tests.programs.factories import fixed_pair, make_program
from tests.public.factories import document, finished_case, named_member, news

# Distinctive names that cannot appear in any template by chance.
CASE_PEOPLE = {
    "mentor": ("Зюзюкина", "Евлампия", "Феоктистовна"),
    "mentee": ("Пшеничникова", "Акулина", "Ксенофонтовна"),
}
OTHER_PEOPLE = {
    "running_mentor": ("Кукарекова", "Препедигна", "Аристарховна"),
    "running_mentee": ("Ворожейкина", "Голиндуха", "Никандровна"),
    "curator2": ("Тряпичкина", "Фотинья", "Евграфовна"),
}


@pytest.fixture
def people(org, users):
    made = {
        key: named_member(org, Role.MENTOR if "mentor" in key else Role.MENTEE, f"p-{key}", *names)
        for key, names in {**CASE_PEOPLE, **OTHER_PEOPLE}.items()
    }
    org.director_name = "Распутина Аглая Никодимовна"
    org.save()
    return made


@pytest.fixture
def section(org, users, people):
    """A running program, a finished one with a shown consented case, news, documents."""
    pair = fixed_pair(org, people["running_mentor"], people["running_mentee"])
    running = make_program(pair, status=ProgramStatus.IN_PROGRESS)
    running.title = "Программа Кукарековой и Ворожейкиной"
    running.save()
    case = finished_case(org, people["mentor"], people["mentee"], consent_by=users["curator"])
    case.program.title = "Программа Зюзюкиной и Пшеничниковой"
    case.program.save()
    case = case_show(case=case, user=users["curator"])
    news_save(
        organization=org,
        user=users["curator"],
        title="Итоги круглого стола",
        body="Наставники поделились опытом.",
    )
    item = news(org)
    document(org)
    Order.objects.create(
        organization=org,
        kind=OrderKind.APPROVE_REGULATION,
        title="Об утверждении Положения",
        body="Назначить куратором Тряпичкину Фотинью Евграфовну.",
        author=users["curator"],
        status=OrderStatus.SIGNED,
        number=3,
        journal_year=2026,
        number_text="3-од",
        pdf_sha256="0" * 64,
        order_date=dt.date(2026, 10, 1),
        verify_code="ABCD-EFGH-JKMN",
        signer_name="Распутина Аглая Никодимовна",
    )
    return {"case": case, "news": item}


def _pages(org, section) -> dict[str, str]:
    slug = org.slug
    urls = {
        name: reverse(f"public:{name}", args=[slug])
        for name in ("about", "programs", "practices", "documents", "materials", "news", "feed")
    }
    urls["case-detail"] = reverse("public:case-detail", args=[slug, section["case"].pk])
    urls["news-detail"] = reverse("public:news-detail", args=[slug, section["news"].pk])
    urls["sitemap"] = reverse("public:sitemap")
    pages = {}
    client = Client()
    for name, url in urls.items():
        for variant in ("", "?embed=1", "?a11y=1", "?a11y=1&embed=1"):
            response = client.get(url + variant)
            pages[name + variant] = response.content.decode() if response.status_code == 200 else ""
    return pages


def _tokens(names: dict) -> set[str]:
    return {part for triple in names.values() for part in triple}


def test_no_public_page_names_anyone_outside_the_consented_case(org, section):
    pages = _pages(org, section)
    forbidden = _tokens(OTHER_PEOPLE) | {"Распутина", "Аглая"}
    leaks = {name: t for name, html in pages.items() for t in forbidden if t in html}
    assert not leaks
    case_names = _tokens(CASE_PEOPLE)
    outside_case = {
        name: t
        for name, html in pages.items()
        if not name.startswith("case-detail")
        for t in case_names
        if t in html
    }
    assert not outside_case
    assert "Зюзюкина" in pages["case-detail"]  # the consented case is really shown
    assert "№ 3-од" in pages["documents"]  # and the signed local act with its verification


@pytest.mark.django_db(transaction=True)
def test_after_a_withdrawal_no_public_page_names_the_case_people(org, users, section):
    mentee_staff = section["case"].program.pair.mentees.get()
    consent = Consent.objects.active().get(staff=mentee_staff, kind=ConsentKind.PUBLICATION)
    _pages(org, section)  # every page is cached now
    consent_withdraw(consent=consent, by=users["curator"])
    pages = _pages(org, section)
    leaks = {name: t for name, html in pages.items() for t in _tokens(CASE_PEOPLE) if t in html}
    assert not leaks
    assert (
        Client().get(reverse("public:case-detail", args=[org.slug, section["case"].pk])).status_code
        == 404
    )
