"""In chromium: the council's order makes its members, a meeting's protocol is signed by the
chair and verified by its typed code."""

import datetime as dt

import pytest

from core.models import Role, RoleAssignment, User
from mentoring.seeding import seed_demo
from roadmap import services
from roadmap.models import CouncilMeeting, Order, OrderKind, OrderStatus
from roadmap.selectors import esign_regulation
from tests.browser.conftest import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _open_council(page):
    page.get_by_role("button", name="Банки и пары").click()
    page.get_by_role("link", name="Методический совет").click()
    page.get_by_role("heading", name="Методический совет наставников").wait_for()


def test_council_order_meeting_protocol_signed_by_the_chair_and_verified(
    new_page, live_server, settings, monkeypatch
):
    # The demo without its own council: this test forms one.
    monkeypatch.setattr("roadmap.demo.seed_demo", lambda organization: None)
    org = seed_demo()
    settings.SITE_URL = live_server.url
    chair = User.objects.get(username="council")
    services.order_acknowledge(order=esign_regulation(organization=org), user=chair, ip=None)
    chair_name = chair.full_name

    curator = new_page()
    login(curator, "curator", "curator-2026")
    _open_council(curator)
    curator.get_by_role("link", name="Подготовить приказ о составе совета").click()
    curator.get_by_label("Председатель совета").select_option(label=chair_name)
    curator.get_by_label("Волкова Наталья Петровна").check()
    curator.get_by_role("button", name="Создать проект приказа").click()
    curator.get_by_role("button", name="Сохранить и отправить на подпись").click()
    curator.get_by_text("Приказ отправлен руководителю на подпись.").wait_for()

    director = new_page()
    login(director, "director", "director-2026")
    director.get_by_role("link", name="Открыть приказы на подпись").click()
    director.get_by_role("link", name="Об утверждении состава методического совета").first.click()
    director.get_by_label("Ваш пароль").fill("director-2026")
    director.get_by_role("button", name="Подписать").click()
    director.get_by_text("Приказ подписан: №").wait_for()
    order = Order.objects.get(kind=OrderKind.COUNCIL_COMPOSITION)
    assert order.status == OrderStatus.SIGNED
    held = RoleAssignment.objects.get(user=chair, organization=org, role=Role.COUNCIL)
    assert held.basis_id == order.pk

    _open_council(curator)
    members = curator.get_by_test_id("council-members").inner_text()
    assert chair_name in members and "Волкова Наталья Петровна" in members
    curator.get_by_role("link", name="Записать заседание").click()
    curator.get_by_label("Дата заседания").fill(dt.date.today().isoformat())
    curator.get_by_label("Повестка").fill("О плане работы совета")
    curator.get_by_label(chair_name).check()
    curator.get_by_label("Волкова Наталья Петровна").check()
    curator.get_by_label("Решили").fill("Утвердить план работы совета.")
    curator.get_by_role("button", name="Сохранить").click()
    curator.get_by_text("Заседание записано: протокол № 1.").wait_for()

    council = new_page()
    login(council, "council", "council-2026")
    _open_council(council)
    council.get_by_role("link", name="№ 1").click()
    council.get_by_label("Подписать протокол простой электронной подписью: ваш пароль").fill(
        "council-2026"
    )
    council.get_by_role("button", name="Подписать протокол").click()
    council.get_by_text("Протокол № 1 подписан.").wait_for()
    assert "подписала протокол" in council.get_by_test_id("signed-by").inner_text()
    meeting = CouncilMeeting.objects.get()

    visitor = new_page()
    visitor.goto("/verify/")
    visitor.get_by_label("Код проверки из штампа").fill(meeting.verify_code)
    visitor.get_by_role("button", name="Проверить", exact=True).click()
    assert "Протокол действителен" in visitor.get_by_test_id("protocol-valid").inner_text()
