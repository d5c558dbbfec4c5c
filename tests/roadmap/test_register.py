"""The register of orders: filters, Russian text search, bounded queries, exports."""

import io
import random

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from roadmap.models import Order, OrderKind, OrderPerson, OrderStatus
from roadmap.seeding import _seed_region
from tests.roadmap.factories import draft, signed

pytestmark = pytest.mark.django_db


@pytest.fixture
def register(org, users, esign):
    draft(
        org,
        users["curator"],
        OrderKind.APPOINT_MENTORS,
        people=[users["mentor"].staff_records.get()],
    )
    return signed(org, users["curator"], users["director"])


def _rows(response) -> str:
    return response.content.decode()


def test_the_register_lists_the_organizations_orders(register, client_for, other_org):
    response = client_for("curator").get(reverse("roadmap:order-list"))
    page = _rows(response)
    assert "Найдено: 3" in page and "2-од" in page and "О назначении наставников" in page


@pytest.mark.parametrize(
    ("params", "found"),
    [
        ({"kind": OrderKind.APPOINT_MENTORS}, 1),
        ({"status": OrderStatus.SIGNED}, 2),
        ({"status": OrderStatus.DRAFT}, 1),
        ({"q": "ПОЛОЖЕНИЯ О СИСТЕМЕ"}, 1),  # Cyrillic case folded also on SQLite
        ({"q": "2-од"}, 1),
        ({"q": "нет такого"}, 0),
    ],
)
def test_the_register_filters(register, client_for, params, found):
    response = client_for("director").get(reverse("roadmap:order-list"), params)
    assert f"Найдено: {found}" in _rows(response)


def test_the_register_filters_by_year_and_signer(register, client_for, users):
    params = {"year": register.journal_year, "signer": users["director"].pk}
    response = client_for("director").get(reverse("roadmap:order-list"), params)
    assert "Найдено: 2" in _rows(response)


def test_the_register_answers_htmx_with_the_table_only(register, client_for):
    response = client_for("curator").get(reverse("roadmap:order-list"), HTTP_HX_REQUEST="true")
    assert "<h1" not in _rows(response) and 'data-testid="order-table"' in _rows(response)


def test_the_register_runs_a_bounded_number_of_queries(
    org, users, client_for, django_assert_max_num_queries
):
    org.slug = "region-0001"
    org.save()
    _seed_region([org], random.Random(1))
    assert Order.objects.filter(organization=org).count() == 3000
    client = client_for("curator")
    with django_assert_max_num_queries(9):
        response = client.get(reverse("roadmap:order-list"), {"page": 3})
    assert response.status_code == 200 and "Найдено: 3000" in _rows(response)


def test_the_register_exports_xlsx_with_the_filter(register, client_for):
    response = client_for("curator").get(
        reverse("roadmap:order-export"), {"format": "xlsx", "status": "signed"}
    )
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "Номер" and len(rows) == 3
    assert {r[0] for r in rows[1:]} == {"1-од", "2-од"}


def test_the_register_exports_csv_safely(register, client_for, users):
    from roadmap import services

    order = Order.objects.get(status=OrderStatus.DRAFT)
    services.order_update(
        order=order, actor=users["curator"], title='=HYPERLINK("x")', body="Текст", annexes=""
    )
    response = client_for("curator").get(reverse("roadmap:order-export"), {"format": "csv"})
    text = response.content.decode("utf-8-sig")
    assert text.splitlines()[0].startswith("Номер;Дата;Вид")
    assert "'=HYPERLINK" in text


def test_the_register_xlsx_stores_dates_as_dates_and_counts_as_numbers(register, client_for):
    response = client_for("curator").get(
        reverse("roadmap:order-export"), {"format": "xlsx", "status": "signed"}
    )
    sheet = load_workbook(io.BytesIO(response.content)).active
    header = [c.value for c in sheet[1]]
    assert header == [
        "Номер",
        "Дата",
        "Вид",
        "Заголовок",
        "Статус",
        "Кто подписал",
        "Ознакомлены, чел.",
        "Должны ознакомиться, чел.",
        "SHA-256",
    ]
    by_number = {row[0].value: row for row in sheet.iter_rows(min_row=2)}
    row = by_number[register.number_text]
    date = row[1]
    assert date.is_date and date.number_format == "DD.MM.YYYY"
    assert date.value.date() == register.order_date
    done, total = row[6], row[7]
    assert done.data_type == "n" and total.data_type == "n"
    assert isinstance(done.value, int) and isinstance(total.value, int)
    assert 0 <= done.value <= total.value
    assert not any(isinstance(c.value, str) and " из " in c.value for c in row)
    # The counts are the order's people: every person named, and those who read it.
    named = OrderPerson.objects.filter(order=register)
    assert total.value == named.count()
    assert done.value == named.filter(acknowledged_at__isnull=False).count()


def test_the_register_csv_writes_the_date_as_russian_text_and_the_counts_apart(
    register, client_for
):
    response = client_for("curator").get(
        reverse("roadmap:order-export"), {"format": "csv", "status": "signed"}
    )
    lines = response.content.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("Номер;Дата;Вид;Заголовок;Статус;Кто подписал;Ознакомлены, чел.;")
    line = next(line for line in lines if line.startswith(register.number_text + ";"))
    assert f";{register.order_date:%d.%m.%Y};" in line
