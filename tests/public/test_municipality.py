"""The municipality's public page: the best cases of all its kindergartens, for a visitor.

The caching tests commit for real (``transaction=True``): a part built inside a transaction that
has written is never kept (``core.cache``).
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.test import Client
from django.urls import reverse

from core import cache
from core.models import Municipality, Role
from mentoring.consents import consent_withdraw
from mentoring.models import Consent, ConsentKind
from programs.models import Program
from public.services import case_show
from tests.factories import OrganizationFactory
from tests.public.factories import shown_cases


@pytest.fixture
def visitor():
    return Client()


@pytest.fixture
def ivanovo(org):
    municipality = Municipality.objects.create(name="Городской округ Иваново", slug="ivanovo")
    org.municipality = municipality
    org.save(update_fields=["municipality"])
    return municipality


@pytest.fixture
def kineshma(other_org):
    municipality = Municipality.objects.create(name="Кинешемский район", slug="kineshma")
    other_org.municipality = municipality
    other_org.save(update_fields=["municipality"])
    return municipality


@pytest.fixture
def neighbour(ivanovo):
    return OrganizationFactory(
        short_name="МБДОУ «Детский сад №3»", slug="ds3", municipality=ivanovo
    )


def ends_on(case, day: dt.date) -> None:
    Program.objects.filter(pk=case.program_id).update(
        starts_on=day - dt.timedelta(days=180), ends_on=day
    )


def case_url(case):
    return reverse("public:case-detail", args=[case.program.organization.slug, case.pk])


def page(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_the_page_shows_the_cases_of_its_kindergartens_and_not_another_municipalitys(
    visitor, org, ivanovo, neighbour, other_org, kineshma
):
    (ours,) = shown_cases(org)
    (neighbours,) = shown_cases(neighbour)
    (theirs,) = shown_cases(other_org)
    text = page(visitor, reverse("public:municipality", args=["ivanovo"]))
    assert "<h1>Городской округ Иваново: наставничество в детских садах</h1>" in text
    for case in (ours, neighbours):
        assert f'href="{case_url(case)}"' in text  # the case's own page
    assert f'href="/public/{org.slug}/">МБДОУ «Детский сад №20»</a>' in text
    assert 'href="/public/ds3/">МБДОУ «Детский сад №3»</a>' in text
    assert case_url(theirs) not in text
    assert f"/public/{other_org.slug}/" not in text
    assert visitor.get(case_url(neighbours)).status_code == 200


def test_a_kindergarten_without_cases_is_listed_and_the_counts_agree(
    visitor, org, ivanovo, neighbour
):
    shown_cases(org, 2)
    text = page(visitor, reverse("public:municipality", args=["ivanovo"]))
    assert "2 кейса" in text and "Найдено: 2 кейса." in text
    assert 'МБДОУ «Детский сад №3»</a>\n      <span class="file-meta">— кейсов пока нет' in text


def test_the_visitor_narrows_the_cases_to_one_kindergarten(visitor, org, ivanovo, neighbour):
    (ours,) = shown_cases(org)
    (neighbours,) = shown_cases(neighbour)
    url = reverse("public:municipality", args=["ivanovo"])
    text = page(visitor, url + "?doo=ds3")
    assert case_url(neighbours) in text and case_url(ours) not in text
    assert '<option value="ds3" selected>' in text
    assert case_url(ours) in page(visitor, url + "?doo=no-such-kindergarten")


@pytest.mark.django_db(transaction=True)
def test_a_withdrawn_consent_takes_the_case_off_the_cached_page(
    visitor, org, ivanovo, neighbour, django_assert_num_queries
):
    (case,) = shown_cases(neighbour)
    url = reverse("public:municipality", args=["ivanovo"])
    assert case_url(case) in page(visitor, url)
    with django_assert_num_queries(0):  # cached now
        page(visitor, url)
    mentee = case.program.pair.mentees.get()
    consent = Consent.objects.active().get(staff=mentee, kind=ConsentKind.PUBLICATION)
    with cache.scoped_to(neighbour.pk):  # as the mentee's page in the kindergarten does it
        consent_withdraw(consent=consent, by=mentee.user)
    text = page(visitor, url)
    assert case_url(case) not in text and "Опубликованных кейсов пока нет." in text


@pytest.mark.django_db(transaction=True)
def test_a_hidden_case_leaves_the_cached_page(visitor, org, ivanovo, neighbour):
    hidden, kept = shown_cases(neighbour, 2)
    url = reverse("public:municipality", args=["ivanovo"])
    assert case_url(hidden) in page(visitor, url)
    curator = neighbour.role_assignments.get(role=Role.CURATOR).user
    case_show(case=hidden, user=curator, show=False)
    text = page(visitor, url)
    assert case_url(hidden) not in text and case_url(kept) in text


@pytest.mark.django_db(transaction=True)
def test_a_kindergarten_that_changes_municipality_moves_between_the_cached_pages(
    visitor, org, ivanovo, neighbour, other_org, kineshma
):
    (case,) = shown_cases(neighbour)
    ivanovo_url = reverse("public:municipality", args=["ivanovo"])
    kineshma_url = reverse("public:municipality", args=["kineshma"])
    assert case_url(case) in page(visitor, ivanovo_url)
    assert case_url(case) not in page(visitor, kineshma_url)
    neighbour.municipality = kineshma
    neighbour.save()  # as the administrator does it
    assert "/public/ds3/" not in page(visitor, ivanovo_url)
    assert case_url(case) in page(visitor, kineshma_url)


@pytest.fixture
def many_cases(org, ivanovo, neighbour):
    """45 shown cases of three kindergartens, programs ending on 45 different days."""
    third = OrganizationFactory(short_name="МБДОУ «Детский сад №12»", slug="ds12")
    third.municipality = ivanovo
    third.save()
    cases = [c for o in (org, neighbour, third) for c in shown_cases(o, 15)]
    for n, case in enumerate(cases):
        ends_on(case, dt.date(2026, 5, 31) - dt.timedelta(days=n))
    return cases  # newest program end first


def _case_links(text: str) -> list[str]:
    return re.findall(r'<p class="h6 mb-1"><a href="(/public/[^"]+/practices/\d+/)"', text)


def test_the_cases_come_twenty_a_page_newest_first_and_a_page_past_the_end_is_the_last(
    visitor, many_cases
):
    url = reverse("public:municipality", args=["ivanovo"])
    pages = [_case_links(page(visitor, f"{url}?page={n}")) for n in (1, 2, 3)]
    assert [len(p) for p in pages] == [20, 20, 5]
    assert sum(pages, []) == [case_url(c) for c in many_cases]
    assert _case_links(page(visitor, f"{url}?page=99")) == pages[2]
    assert _case_links(page(visitor, f"{url}?page=abc")) == pages[0]
    second = page(visitor, f"{url}?page=2")
    assert '<nav aria-label="Страницы списка кейсов">' in second
    assert 'aria-label="Страница 2" aria-current="page"' in second
    assert 'href="?page=1" aria-label="Предыдущая страница"' in second
    assert 'href="?page=3" aria-label="Следующая страница"' in second
    assert "Найдено: 45 кейсов, страница 2 из 3." in second


def test_a_filtered_list_keeps_its_filter_in_the_page_links(visitor, many_cases):
    url = reverse("public:municipality", args=["ivanovo"])
    text = page(visitor, f"{url}?doo=ds12")
    assert "Найдено: 15 кейсов." in text and "Страницы списка кейсов" not in text
    text = page(visitor, f"{url}?doo=ds20&page=1")
    assert len(_case_links(text)) == 15


def test_the_first_build_of_the_page_runs_a_bounded_number_of_queries(
    visitor, many_cases, django_assert_max_num_queries
):
    url = reverse("public:municipality", args=["ivanovo"])
    for query in ("", "?page=3", "?doo=ds3&page=1", "?page=99"):
        with django_assert_max_num_queries(7):
            assert visitor.get(url + query).status_code == 200


def test_the_only_municipality_is_shown_at_the_sections_address(visitor, org, ivanovo):
    (case,) = shown_cases(org)
    text = page(visitor, reverse("public:municipalities"))
    assert "Городской округ Иваново: наставничество в детских садах" in text
    assert case_url(case) in text and "Все муниципалитеты" not in text


def test_with_several_municipalities_the_sections_address_lists_them(
    visitor, org, ivanovo, other_org, kineshma
):
    Municipality.objects.create(name="Шуйский район", slug="shuya")  # no kindergarten yet
    text = page(visitor, reverse("public:municipalities"))
    assert 'href="/public/mo/ivanovo/">Городской округ Иваново</a>' in text
    assert 'href="/public/mo/kineshma/">Кинешемский район</a>' in text
    assert "(детских садов: 1)" in text and "Шуйский район" not in text
    assert "Все муниципалитеты" in page(visitor, reverse("public:municipality", args=["ivanovo"]))


def test_the_sitemap_lists_the_municipalities_pages(visitor, org, ivanovo):
    assert "/public/mo/ivanovo/" in page(visitor, reverse("public:sitemap"))


def test_without_municipalities_the_sections_address_says_so(visitor, org):
    assert "Муниципалитеты пока не подключены." in page(visitor, reverse("public:municipalities"))


def test_an_unknown_or_empty_municipality_answers_404(visitor, org, ivanovo):
    Municipality.objects.create(name="Шуйский район", slug="shuya")
    assert visitor.get("/public/mo/no-such-place/").status_code == 404
    assert visitor.get("/public/mo/shuya/").status_code == 404
    assert visitor.get("/public/mo/").status_code == 404
    org.is_active = False
    org.save()
    assert visitor.get("/public/mo/ivanovo/").status_code == 404


def test_a_kindergartens_pages_link_to_its_municipality(visitor, org, other_org, ivanovo):
    for name in ("about", "programs", "news"):
        text = page(visitor, reverse(f"public:{name}", args=[org.slug]))
        assert '<a href="/public/mo/ivanovo/">Наставничество в муниципалитете</a>' in text
    assert "Наставничество в муниципалитете" not in page(
        visitor, reverse("public:about", args=[other_org.slug])
    )


def test_a_renamed_municipality_moves_its_link_and_its_page(visitor, org, ivanovo):
    about = reverse("public:about", args=[org.slug])
    page(visitor, "/public/mo/ivanovo/")
    page(visitor, about)
    ivanovo.slug = "ivanovo-go"
    ivanovo.save()
    assert visitor.get("/public/mo/ivanovo/").status_code == 404
    assert "/public/mo/ivanovo-go/" in page(visitor, about)
    assert "Городской округ Иваново" in page(visitor, "/public/mo/ivanovo-go/")


def test_a_case_older_than_the_practices_list_still_has_its_page(
    visitor, org, ivanovo, monkeypatch
):
    from public.selectors import cases

    monkeypatch.setattr(cases, "LIST_LIMIT", 1)  # the «Лучшие практики» list
    older, newer = shown_cases(org, 2)
    ends_on(older, dt.date(2025, 5, 31))
    text = page(visitor, reverse("public:municipality", args=["ivanovo"]))
    assert case_url(older) in text
    assert visitor.get(case_url(older)).status_code == 200
