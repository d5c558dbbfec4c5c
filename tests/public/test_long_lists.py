"""«Программы» and «Документы» of a big kindergarten come a page at a time, in the old order."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.test import Client
from django.urls import reverse

from programs.models import Program, ProgramStatus
from roadmap.models import Order, OrderKind, OrderStatus
from tests.programs.factories import fixed_pair, make_program
from tests.public.factories import document


@pytest.fixture
def visitor():
    return Client()


@pytest.fixture
def many_programs(org, users):
    """30 completed programs starting on 30 different days, 3 running ones."""
    for n in range(30):
        pair = fixed_pair(org, users["mentor"], users["mentee"])
        make_program(
            pair,
            status=ProgramStatus.COMPLETED,
            rows=1,
            starts_on=dt.date(2024, 1, 1) + dt.timedelta(days=7 * n),
        )
    for _ in range(3):
        pair = fixed_pair(org, users["mentor"], users["mentee"])
        make_program(pair, status=ProgramStatus.IN_PROGRESS, rows=1)
    finished = Program.objects.filter(organization=org, status=ProgramStatus.COMPLETED)
    return [f"{p.starts_on:%d.%m.%Y}" for p in finished.order_by("-starts_on", "-pk")]


@pytest.fixture
def many_acts(org, users):
    """60 local acts signed in the system on 60 different days."""
    kinds = (OrderKind.APPROVE_REGULATION, OrderKind.ESIGN_REGULATION, OrderKind.INTRODUCE_MODEL)
    for n in range(60):
        Order.objects.create(
            organization=org,
            kind=kinds[n % 3],
            title="Приказ",
            body="Текст приказа.",
            author=users["curator"],
            status=OrderStatus.SIGNED,
            number=n + 1,
            journal_year=2026,
            number_text=f"{n + 1}-од",
            pdf_sha256="0" * 64,
            order_date=dt.date(2026, 12, 31) - dt.timedelta(days=n),
            verify_code=f"CODE-{n:04d}",
        )
    document(org)
    acts = Order.objects.filter(organization=org).order_by("order_date", "pk")
    return [f"№ {o.number_text} от {o.order_date:%d.%m.%Y}" for o in acts]


def _finished_starts(text: str) -> list[str]:
    return re.findall(r"Сроки: (\d\d\.\d\d\.\d{4})", text.split('id="finished-h"')[1])


def _acts(text: str) -> list[str]:
    return re.findall(r"Приказ (№ \d+-од от \d\d\.\d\d\.\d{4}) «", text)


def test_finished_programs_come_25_a_page_in_the_same_order_as_before(visitor, org, many_programs):
    url = reverse("public:programs", args=[org.slug])
    first = visitor.get(url).content.decode()
    second = visitor.get(url + "?finished_page=2").content.decode()
    assert _finished_starts(first) + _finished_starts(second) == many_programs
    assert len(_finished_starts(first)) == 25
    assert first.count("· Реализуется") == second.count("· Реализуется") == 3
    assert '<nav aria-label="Страницы списка завершённых программ">' in first
    assert "Страницы списка реализуемых программ" not in first  # three fit on one page


def test_a_program_page_past_the_end_is_the_last_and_the_other_list_keeps_its_page(
    visitor, org, many_programs
):
    url = reverse("public:programs", args=[org.slug])
    last = visitor.get(url + "?finished_page=2").content.decode()
    assert _finished_starts(visitor.get(url + "?finished_page=99").content.decode()) == (
        _finished_starts(last)
    )
    assert (
        _finished_starts(visitor.get(url + "?finished_page=x").content.decode())
        == (many_programs[:25])
    )
    text = visitor.get(url + "?running_page=1&finished_page=2").content.decode()
    assert 'href="?running_page=1&amp;finished_page=1" aria-label="Страница 1"' in text


def test_local_acts_come_50_a_page_oldest_first_beside_the_other_documents(visitor, org, many_acts):
    url = reverse("public:documents", args=[org.slug])
    first = visitor.get(url).content.decode()
    second = visitor.get(url + "?page=2").content.decode()
    assert _acts(first) + _acts(second) == many_acts
    assert len(_acts(first)) == 50
    assert _acts(visitor.get(url + "?page=99").content.decode()) == _acts(second)
    for text in (first, second):
        assert "Федеральный закон № 273-ФЗ" in text
    assert '<nav aria-label="Страницы списка локальных актов">' in second


def test_long_lists_build_in_a_bounded_number_of_queries(
    visitor, org, many_programs, many_acts, django_assert_max_num_queries
):
    for name, query, limit in (
        ("programs", "", 12),
        ("programs", "?finished_page=2&running_page=9", 12),
        ("documents", "", 6),
        ("documents", "?page=2", 6),
    ):
        with django_assert_max_num_queries(limit):
            response = visitor.get(reverse(f"public:{name}", args=[org.slug]) + query)
            assert response.status_code == 200
