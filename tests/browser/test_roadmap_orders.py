"""In chromium: the curator drafts and sends, the director signs, the QR URL verifies."""

import pytest

from mentoring.seeding import seed_demo
from roadmap.models import Order, OrderKind, OrderStatus
from tests.browser.conftest import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _curator_sends_the_draft(page, kind_label):
    page.get_by_role("link", name="Приказы").first.click()
    page.get_by_role("link", name="Подготовить приказ").click()
    page.get_by_label("Вид приказа").select_option(label=kind_label)
    page.get_by_role("button", name="Создать проект приказа").click()
    page.get_by_label("Заголовок").wait_for()
    page.get_by_role("button", name="Сохранить и отправить на подпись").click()
    page.get_by_text("Приказ отправлен руководителю на подпись.").wait_for()


def _director_signs(page, title_part):
    page.get_by_role("link", name="Открыть приказы на подпись").click()
    page.get_by_role("link", name=title_part).first.click()
    page.get_by_label("Ваш пароль").fill("director-2026")
    page.get_by_role("button", name="Подписать").click()
    page.get_by_text("Приказ подписан: №").wait_for()


def test_curator_drafts_director_signs_and_the_qr_url_verifies(
    new_page, live_server, settings, monkeypatch
):
    # The demo's people and logins only: its apps' data would sign orders, start from none.
    monkeypatch.setattr("mentoring.seeding._seed_apps", lambda organizations, rng: None)
    monkeypatch.setattr("mentoring.seeding.autodiscover", lambda module_name: ())
    seed_demo()
    settings.SITE_URL = live_server.url

    curator = new_page()
    login(curator, "curator", "curator-2026")
    _curator_sends_the_draft(
        curator, "Об утверждении Положения об использовании простой электронной подписи"
    )

    director = new_page()
    login(director, "director", "director-2026")
    _director_signs(director, "Об утверждении Положения об использовании")
    assert director.get_by_test_id("order-status").inner_text() == "Подписан"
    # The director acknowledges the e-signature regulation, then may sign other orders.
    director.get_by_role("button", name="Ознакомлена").click()
    director.get_by_text("Отмечено: вы ознакомились с приказом.").wait_for()

    _curator_sends_the_draft(curator, "Об утверждении Положения о системе наставничества")
    director.goto("/")
    _director_signs(director, "Об утверждении Положения о системе наставничества")
    order = Order.objects.get(kind=OrderKind.APPROVE_REGULATION)
    assert order.status == OrderStatus.SIGNED and order.number_text == "2-од"

    verify_url = director.get_by_test_id("verify-link").inner_text()
    assert verify_url == f"{live_server.url}/verify/{order.verify_code}/"
    visitor = new_page()
    visitor.goto(verify_url)
    assert "Приказ действителен" in visitor.get_by_test_id("verify-valid").inner_text()
    assert visitor.get_by_test_id("verify-number").inner_text() == "2-од"
