"""The pages as people use them: home cards, signing and acknowledging through the views."""

import pytest
from django.urls import reverse

from roadmap.models import Order, OrderKind, OrderPerson, OrderStatus
from tests.factories import PASSWORD
from tests.roadmap.factories import draft, sent, signed, staff_of

pytestmark = pytest.mark.django_db


def test_the_director_sees_what_waits_for_a_signature(org, users, client_for):
    sent(org, users["curator"])
    page = client_for("director").get(reverse("home")).content.decode()
    assert "Приказы на подпись" in page and "Ждут вашей подписи: 1." in page
    assert "ждёт вашего утверждения" in page


def test_the_director_signs_through_the_page(org, users, esign, client_for):
    order = sent(org, users["curator"])
    response = client_for("director").post(
        reverse("roadmap:order-sign", args=[order.pk]), {"password": PASSWORD}, follow=True
    )
    assert "Приказ подписан: № 2-од" in response.content.decode()
    order.refresh_from_db()
    assert order.status == OrderStatus.SIGNED and order.signed_ip == "127.0.0.1"


def test_a_wrong_password_on_the_page_says_so_and_signs_nothing(org, users, esign, client_for):
    order = sent(org, users["curator"])
    response = client_for("director").post(
        reverse("roadmap:order-sign", args=[order.pk]), {"password": "x"}, follow=True
    )
    assert "Пароль введён неверно" in response.content.decode()
    order.refresh_from_db()
    assert order.status == OrderStatus.SENT


def test_the_curator_cannot_sign_through_the_url(org, users, esign, client_for):
    order = sent(org, users["curator"])
    response = client_for("curator").post(
        reverse("roadmap:order-sign", args=[order.pk]), {"password": PASSWORD}
    )
    assert response.status_code == 403
    order.refresh_from_db()
    assert order.status == OrderStatus.SENT


def test_sending_an_empty_order_through_the_edit_page_shows_the_message(org, users, client_for):
    order = draft(org, users["curator"])
    response = client_for("curator").post(
        reverse("roadmap:order-edit", args=[order.pk]), {"title": "", "body": "", "send": "1"}
    )
    page = response.content.decode()
    assert "Укажите заголовок." in page and "Текст приказа не может быть пустым." in page
    order.refresh_from_db()
    assert order.status == OrderStatus.DRAFT and order.title


def test_a_named_person_sees_the_order_on_the_home_page_and_acknowledges_it(
    org, users, esign, client_for
):
    mentee = staff_of(users["mentee"], org)
    order = signed(
        org, users["curator"], users["director"], OrderKind.ENCOURAGE_MENTORS, people=[mentee]
    )
    client = client_for("mentee")
    home = client.get(reverse("home")).content.decode()
    assert "Ознакомьтесь с приказом № 2-од" in home
    curator_view = client_for("curator").get(order.get_absolute_url()).content.decode()
    assert "ещё не ознакомлена" in curator_view
    response = client.post(reverse("roadmap:order-acknowledge", args=[order.pk]), follow=True)
    assert "Отмечено: вы ознакомились с приказом." in response.content.decode()
    assert OrderPerson.objects.get(order=order).acknowledged_at is not None
    assert "Ознакомьтесь с приказом" not in client.get(reverse("home")).content.decode()


def test_the_page_tells_a_person_to_read_the_esign_regulation_first(org, users, client_for):
    from tests.roadmap.factories import esign_in_force

    esign_in_force(org, users["curator"], users["director"])
    council = staff_of(users["council"], org)
    order = signed(
        org, users["curator"], users["director"], OrderKind.ENCOURAGE_MENTORS, people=[council]
    )
    page = client_for("council").get(order.get_absolute_url()).content.decode()
    assert "только после ознакомления с Положением об использовании простой электронной" in page
    assert "приказ № 1-од" in page


def test_the_curator_drafts_from_the_page(org, users, client_for):
    curator = staff_of(users["curator"], org)
    council = staff_of(users["council"], org)
    response = client_for("curator").post(
        reverse("roadmap:order-create"),
        {"kind": OrderKind.INTRODUCE_MODEL, "curator": curator.pk, "people": [council.pk]},
    )
    assert response.status_code == 302
    order = Order.objects.get()
    assert f"наставничества — {curator.name_in('acc')}" in order.body
    assert f"– {council.name_in('gen')}" in order.body
    response = client_for("curator").post(
        reverse("roadmap:order-create"), {"kind": OrderKind.APPOINT_MENTORS}
    )
    assert "Для этого приказа выберите наставников." in response.content.decode()


@pytest.mark.parametrize(
    ("name", "persona", "data"),
    [
        ("roadmap:order-send", "curator", {}),
        ("roadmap:order-return", "director", {"comment": "Исправьте"}),
        ("roadmap:order-sign", "director", {"password": PASSWORD}),
        ("roadmap:order-edit", "curator", {"title": "X", "body": "Y"}),
    ],
)
def test_no_url_changes_a_signed_order(org, users, esign, client_for, name, persona, data):
    order = signed(org, users["curator"], users["director"])
    before = (order.title, order.body, order.status, order.number, order.pdf_sha256)
    response = client_for(persona).post(reverse(name, args=[order.pk]), data, follow=True)
    page = response.content.decode()
    assert any(
        text in page
        for text in ("Подписанный приказ нельзя изменить", "уже подписан", "нельзя изменить")
    )
    order.refresh_from_db()
    assert (order.title, order.body, order.status, order.number, order.pdf_sha256) == before


def test_a_pairs_order_waiting_for_the_regulation_says_so_and_links_to_it(
    org, users, client_for, esign
):
    from tests.roadmap.factories import draft, regulation_in_force

    order = draft(org, users["curator"], OrderKind.FIX_PAIRS)
    client = client_for("curator")
    page = client.get(order.get_absolute_url()).content.decode()
    assert "Сначала подпишите приказ «Об утверждении Положения о системе наставничества»" in page
    assert reverse("roadmap:order-create") + "?kind=approve_regulation" in page
    regulation = draft(org, users["curator"], OrderKind.APPROVE_REGULATION)
    page = client.get(order.get_absolute_url()).content.decode()
    assert reverse("roadmap:order-detail", args=[regulation.pk]) in page
    response = client.post(reverse("roadmap:order-send", args=[order.pk]), follow=True)
    assert "Сначала подпишите приказ" in response.content.decode()
    regulation.delete()
    regulation_in_force(org, users["curator"], users["director"])
    page = client.get(order.get_absolute_url()).content.decode()
    assert 'data-testid="regulation-first"' not in page
