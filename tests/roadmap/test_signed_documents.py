"""Orders drafted for people of the declension table, signed and read back from the PDF."""

import io

import pytest
from django.core.exceptions import ValidationError
from pypdf import PdfReader

from mentoring.models import Position
from roadmap import services
from roadmap.models import OrderFile, OrderKind
from tests.factories import PASSWORD, StaffMemberFactory
from tests.roadmap.factories import draft, signed, staff_of

pytestmark = pytest.mark.django_db


def person(org, full_name: str, position=Position.EDUCATOR):
    last, first, middle = (full_name.split() + [""])[:3]
    return StaffMemberFactory(
        organization=org, last_name=last, first_name=first, middle_name=middle, position=position
    )


def pages_of(order) -> list[str]:
    content = bytes(OrderFile.objects.get(order=order).content)
    return [" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(content)).pages]


def annex_mark(order, number: int, approved: str = "УТВЕРЖДЕНО") -> str:
    """The mark of a document the order approves, in the upper right corner (ГОСТ Р 7.0.97)."""
    return (
        f"Приложение {number} {approved} приказом {order.organization.name_in('gen', short=True)} "
        f"от {order.order_date:%d.%m.%Y} № {order.number_text}"
    )


def test_the_model_order_names_the_curator_in_the_accusative_and_annexes_the_roadmap(
    org, users, esign
):
    curator = person(org, "Кузнецова Елена Николаевна", Position.SENIOR_EDUCATOR)
    group = [person(org, "Толстой Лев Николаевич"), person(org, "Черных Анна Петровна")]
    order = signed(
        org,
        users["curator"],
        users["director"],
        OrderKind.INTRODUCE_MODEL,
        people=[curator, *group],
    )
    pages = pages_of(order)
    text = " ".join(pages)
    assert "— Кузнецову Елену Николаевну, старшего воспитателя." in text
    assert "– Толстого Льва Николаевича, воспитателя;" in text  # «в составе» + genitive
    assert "– Черных Анны Петровны, воспитателя." in text
    assert ".." not in text
    roadmap_pages = [p for p in pages if annex_mark(order, 1, "УТВЕРЖДЕНА") in p]
    assert roadmap_pages, "the roadmap annex is in the signed PDF"
    assert "Дорожная карта внедрения целевой модели наставничества" in roadmap_pages[0]
    assert "Формирование банка наставляемых" in " ".join(pages)


def test_the_appointment_order_puts_mentors_in_the_accusative(org, users, regulation):
    mentors = [
        person(org, "Лебедева Ирина Александровна", Position.SPEECH_THERAPIST),
        person(org, "Орлов Павел Ильич", Position.MUSIC),
        person(org, "Шмидт Анна Карловна"),
    ]
    order = signed(
        org, users["curator"], users["director"], OrderKind.APPOINT_MENTORS, people=mentors
    )
    text = " ".join(pages_of(order))
    assert "– Лебедеву Ирину Александровну, учителя-логопеда;" in text
    assert "– Орлова Павла Ильича, музыкального руководителя;" in text
    assert "– Шмидт Анну Карловну, воспитателя." in text
    assert ".." not in text


def test_the_thanks_order_puts_mentors_in_the_dative(org, users, esign):
    mentors = [
        person(org, "Петрова Валентина Анатольевна"),
        person(org, "Гоголь Николай Васильевич", Position.METHODIST),
        person(org, "Римская-Корсакова Надежда Николаевна"),
    ]
    order = signed(
        org, users["curator"], users["director"], OrderKind.ENCOURAGE_MENTORS, people=mentors
    )
    text = " ".join(pages_of(order))
    assert "Объявить благодарность наставникам:" in text
    assert "– Петровой Валентине Анатольевне, воспитателю;" in text
    assert "– Гоголю Николаю Васильевичу, методисту;" in text
    assert "– Римской-Корсаковой Надежде Николаевне, воспитателю." in text
    assert ".." not in text


def test_the_curators_own_forms_reach_the_signed_order(org, users, regulation):
    mentor = person(org, "Дюма Александр")
    mentor.gender, mentor.name_accusative = "m", "Дюма Александра"
    mentor.save()
    order = signed(
        org, users["curator"], users["director"], OrderKind.APPOINT_MENTORS, people=[mentor]
    )
    assert "– Дюма Александра, воспитателя." in " ".join(pages_of(order))


@pytest.mark.real_pdf
def test_the_regulation_order_carries_the_regulation_the_curator_edited(org, users, esign):
    order = draft(org, users["curator"], OrderKind.APPROVE_REGULATION)
    assert org.short_name in order.document_text
    assert order.document_text.startswith("# 1. Общие положения")
    services.order_update(
        order=order,
        actor=users["curator"],
        title=order.title,
        body=order.body,
        annexes=order.annexes,
        document_text=order.document_text + "\n10.3. Пункт, добавленный куратором.",
    )
    order = services.order_send(order=order, actor=users["curator"])
    order = services.order_sign(order=order, signer=users["director"], password=PASSWORD, ip=None)
    pages = pages_of(order)
    first = next(i for i, p in enumerate(pages) if annex_mark(order, 1) in p)
    assert first >= 1 and len(pages) > first + 2, "the Положение has its own pages"
    assert "Положение о системе наставничества педагогических работников" in pages[first]
    assert "10.3. Пункт, добавленный куратором." in " ".join(pages)
    assert "Приложение 1 к приказу" not in pages[0]


def test_a_signed_orders_document_cannot_be_changed(org, users, esign):
    order = signed(org, users["curator"], users["director"], OrderKind.APPROVE_REGULATION)
    with pytest.raises(ValidationError):
        services.order_update(
            order=order,
            actor=users["curator"],
            title=order.title,
            body=order.body,
            annexes="",
            document_text="Другое Положение",
        )
    order.refresh_from_db()
    assert "Другое Положение" not in order.document_text


@pytest.mark.real_pdf
def test_the_first_page_has_no_number_and_the_second_has_one(org, users, esign):
    order = signed(org, users["curator"], users["director"], OrderKind.APPROVE_REGULATION)
    pages = pages_of(order)
    assert not pages[0].rstrip().endswith(" 1")
    assert pages[1].rstrip().endswith("2")


@pytest.mark.real_pdf
def test_the_signature_never_stands_alone_on_a_page(org, users, regulation):
    curator = staff_of(users["curator"], org)
    many = [person(org, f"Иванова{n} Анна Петровна") for n in range(24)]
    order = signed(org, users["curator"], users["director"], OrderKind.APPOINT_MENTORS, people=many)
    pages = pages_of(order)
    signature_page = next(p for p in pages if "Документ подписан простой электронной" in p)
    assert "Контроль за исполнением настоящего приказа оставляю за собой." in signature_page
    assert curator  # the curator drafted it; the list made the order longer than a page
    assert pages.index(signature_page) >= 1


def test_the_curator_edits_the_regulation_on_the_order_page(org, users, client_for):
    from django.urls import reverse

    order = draft(org, users["curator"], OrderKind.APPROVE_REGULATION)
    client = client_for("curator")
    page = client.get(reverse("roadmap:order-edit", args=[order.pk])).content.decode()
    assert "Текст утверждаемого документа" in page and "# 1. Общие положения" in page
    response = client.post(
        reverse("roadmap:order-edit", args=[order.pk]),
        {
            "title": order.title,
            "body": order.body,
            "annexes": order.annexes,
            "document_text": "# 1. Общие положения\n1.1. Новый текст.",
            "save": "1",
        },
    )
    assert response.status_code == 302
    order.refresh_from_db()
    assert order.document_text == "# 1. Общие положения\n1.1. Новый текст."
