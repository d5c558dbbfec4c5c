"""In chromium: the curator keeps a partner, drafts an agreement, the director signs it, the
partner's scan completes it, anyone verifies it by code, and the site shows the joint event."""

import datetime as dt

import pytest

from core.models import User
from mentoring.seeding import seed_demo
from roadmap import services
from roadmap.models import CooperationAgreement, CooperationStatus, OrderKind
from tests.browser.conftest import login, open_menu
from tests.roadmap.cooperation_factories import SCAN

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _esign_in_force(organization):
    curator = User.objects.get(username="curator")
    director = User.objects.get(username="director")
    order = services.order_draft(
        organization=organization, kind=OrderKind.ESIGN_REGULATION, author=curator
    )
    services.order_send(order=order, actor=curator)
    services.order_sign(order=order, signer=director, password="director-2026", ip=None)


def test_a_partner_agreement_from_the_register_to_the_public_page(
    new_page, live_server, settings, monkeypatch
):
    monkeypatch.setattr("mentoring.seeding._seed_apps", lambda organizations, rng: None)
    monkeypatch.setattr("mentoring.seeding.autodiscover", lambda module_name: ())
    seed_demo()
    settings.SITE_URL = live_server.url
    organization = User.objects.get(username="director").role_assignments.get().organization
    _esign_in_force(organization)

    curator = new_page()
    login(curator, "curator", "curator-2026")
    open_menu(curator, "Организации-партнёры")
    curator.get_by_role("link", name="Добавить партнёра").click()
    curator.get_by_label("Полное наименование").fill(
        "Государственное автономное учреждение «Институт развития образования»"
    )
    curator.get_by_label("Краткое наименование").fill("ГАУ ИРО")
    curator.get_by_label("ИНН").fill("7707083894")
    curator.get_by_role("button", name="Сохранить").click()
    curator.get_by_text("Контрольная цифра ИНН не сходится").wait_for()
    curator.get_by_label("ИНН").fill("7707083893")
    curator.get_by_role("button", name="Сохранить").click()
    curator.get_by_text("добавлена в реестр партнёров").wait_for()

    curator.get_by_role("link", name="Подготовить договор").click()
    curator.get_by_label("Предмет договора").fill("Наставничество молодых педагогов")
    curator.get_by_label("Действует с").fill("2026-09-01")
    curator.get_by_label("Действует по").fill("2027-08-31")
    curator.get_by_role("button", name="Сохранить проект").click()
    curator.get_by_text("Проект договора готов").wait_for()
    agreement = CooperationAgreement.objects.get()

    director = new_page()
    login(director, "director", "director-2026")
    director.goto(f"/roadmap/cooperation/{agreement.pk}/")
    director.get_by_label("Подписать простой электронной подписью: ваш пароль").fill(
        "director-2026"
    )
    director.get_by_role("button", name="Подписать").click()
    director.get_by_text("Договор № 1 подписан: ждёт подписи партнёра.").wait_for()
    assert director.get_by_test_id("cooperation-status").inner_text() == "подписан нами"

    curator.reload()
    curator.get_by_label("Дата подписи партнёра").fill(dt.date.today().isoformat())
    curator.get_by_label("Скан подписанного экземпляра").set_input_files(
        files=[{"name": "dogovor-skan.pdf", "mimeType": "application/pdf", "buffer": SCAN}]
    )
    curator.get_by_role("button", name="Загрузить скан").click()
    curator.get_by_text("Скан загружен: договор подписан сторонами.").wait_for()
    assert curator.get_by_test_id("cooperation-status").inner_text() == "подписан сторонами"
    agreement.refresh_from_db()
    assert agreement.status == CooperationStatus.SIGNED

    visitor = new_page()
    visitor.goto("/verify/")
    visitor.get_by_label("Код проверки").fill(agreement.verify_code)
    visitor.keyboard.press("Enter")
    visitor.get_by_test_id("cooperation-valid").wait_for()

    open_menu(curator, "Совместные мероприятия")
    curator.get_by_role("link", name="Добавить мероприятие").click()
    curator.get_by_label("Организация-партнёр").select_option(label="ГАУ ИРО")
    curator.get_by_label("Дата").fill((dt.date.today() + dt.timedelta(days=7)).isoformat())
    curator.get_by_label("Название").fill("Семинар «Первые шаги молодого педагога»")
    curator.get_by_label("Участники").fill("молодые педагоги и наставники")
    curator.get_by_role("button", name="Сохранить").click()
    curator.get_by_text("Совместное мероприятие сохранено.").wait_for()

    visitor.goto(f"/public/{organization.slug}/partners/")
    assert "Институт развития образования" in visitor.get_by_test_id("public-partners").inner_text()
    upcoming = visitor.get_by_test_id("public-upcoming-events").inner_text()
    assert "Семинар «Первые шаги молодого педагога»" in upcoming
