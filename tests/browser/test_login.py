"""Every demo user logs in through chromium and lands on their home page."""

import pytest

from core.models import Role
from mentoring.seeding import DEMO_USERS, seed_demo
from tests.browser.conftest import login, open_menu

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ROLE_LABELS = dict(Role.choices)


def test_every_demo_user_logs_in_and_sees_their_home(new_page):
    seed_demo()
    for demo in DEMO_USERS:
        page = new_page()
        login(page, demo.username, demo.password)
        assert page.locator("h1").inner_text().startswith("Здравствуйте")
        assert str(ROLE_LABELS[demo.role]) in page.get_by_test_id("roles").inner_text()
        assert page.get_by_test_id("home-cards").is_visible()
        page.get_by_test_id("user-menu").click()
        page.get_by_role("button", name="Выйти").click()
        page.wait_for_url("**/accounts/login/")


def test_wrong_password_is_explained_in_russian(new_page):
    seed_demo()
    page = new_page()
    page.goto("/accounts/login/")
    page.get_by_label("Имя пользователя").fill("curator")
    page.get_by_label("Пароль").fill("не тот пароль")
    page.get_by_role("button", name="Войти").click()
    assert "правильные имя пользователя и пароль" in page.locator(".alert-danger").inner_text()


def test_curator_searches_staff_in_russian(new_page):
    seed_demo()
    page = new_page()
    login(page, "curator", "curator-2026")
    open_menu(page, "Сотрудники")
    page.get_by_label("Поиск по ФИО").fill("соколова")
    page.locator("#staff-table").get_by_text("Найдено: 1", exact=True).wait_for()
    assert "Соколова Арина Сергеевна" in page.locator("#staff-table").inner_text()
    assert "Петрова" not in page.locator("#staff-table").inner_text()
