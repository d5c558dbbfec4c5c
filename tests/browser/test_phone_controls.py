"""Phone items of issue 27 at 390 px: the calendar's «Добавить в календарь» and «Скопировать
ссылку», meetings before the meeting form, whole status badges, the deadlines' key column in view,
and Russian file controls. Set SCREENSHOTS_DIR to keep the screenshots."""

import os
from pathlib import Path

import pytest
from django.urls import reverse

from tests.browser.conftest import login
from tests.browser.pages import PHONE, log_in, main_pages

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _shot(page, name: str) -> None:
    if shots := os.environ.get("SCREENSHOTS_DIR"):
        page.screenshot(path=str(Path(shots) / f"{name}.png"), full_page=True)


def _inside_screen(page, locator) -> bool:
    box = locator.bounding_box()
    return box is not None and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"] + 0.5


def test_phone_controls_at_390_px(new_page):
    pages = main_pages()
    program_url = next(
        u for u in pages["mentor"] if u.startswith("/programs/") and u != "/programs/"
    )

    page = new_page()
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.set_viewport_size(PHONE)
    log_in(page, "mentor")

    # The calendar: a webcal:// button and a copy button that is a plain link without JS.
    page.goto(reverse("programs:calendar-settings"))
    add = page.get_by_role("link", name="Добавить в календарь")
    feed = page.locator("#feed-url").input_value()
    assert add.get_attribute("href") == "webcal://" + feed.split("://", 1)[1]
    copy = page.get_by_role("link", name="Скопировать ссылку")
    assert copy.get_attribute("href") == feed
    assert _inside_screen(page, add) and _inside_screen(page, copy)
    _shot(page, "calendar_390")
    copy.click()
    page.get_by_role("link", name="Ссылка скопирована").wait_for()
    assert page.url.endswith(reverse("programs:calendar-settings"))  # JS copied, no navigation
    assert page.evaluate("navigator.clipboard.readText()") == feed

    # The program page: the meetings list comes before the seven-field form.
    page.goto(program_url)
    list_top = page.get_by_test_id("meeting-list").bounding_box()["y"]
    form_top = page.get_by_test_id("meeting-form").bounding_box()["y"]
    assert list_top < form_top
    _shot(page, "program_390")

    # The curator's orders: every status badge whole and on the screen.
    curator = new_page()
    curator.set_viewport_size(PHONE)
    log_in(curator, "curator")
    curator.goto(reverse("roadmap:order-list"))
    badges = curator.get_by_test_id("order-table").locator(".badge")
    assert badges.count() > 0
    for i in range(badges.count()):
        badge = badges.nth(i)
        assert _inside_screen(curator, badge), badge.inner_text()
        assert badge.evaluate("b => b.scrollWidth <= b.clientWidth + 1"), badge.inner_text()
    _shot(curator, "orders_390")

    # Staff import: a Russian labelled control instead of «Choose File», the file's name shown.
    curator.goto(reverse("mentoring:staff-import"))
    pick = curator.locator(".file-pick").first
    button = pick.locator("label.btn")
    assert button.inner_text().startswith("Выбрать файл") and button.is_visible()
    assert pick.locator(".file-pick-name").inner_text() == "Файл не выбран"
    assert not pick.locator("input[type=file]").is_visible() or (
        pick.locator("input[type=file]").bounding_box()["width"] <= 1
    )
    pick.locator("input[type=file]").set_input_files(
        {"name": "shtat.csv", "mimeType": "text/csv", "buffer": "Фамилия;Имя\n".encode()}
    )
    assert pick.locator(".file-pick-name").inner_text() == "shtat.csv"
    _shot(curator, "staff_import_390")

    # The coordinator's deadlines: the kindergarten column stays in view as the table scrolls.
    coordinator = new_page()
    coordinator.set_viewport_size(PHONE)
    login(coordinator, "municipal", "municipal-2026")
    coordinator.goto(reverse("region:deadlines", args=["ivanovo"]))
    table = coordinator.get_by_test_id("deadlines")
    table.locator("xpath=..").evaluate("frame => { frame.scrollLeft = frame.scrollWidth; }")
    key = table.locator("thead th").first
    assert key.inner_text() == "ДОУ"
    assert _inside_screen(coordinator, key)
    first_cell = table.locator("tbody tr td").first
    assert _inside_screen(coordinator, first_cell)
    _shot(coordinator, "deadlines_390")
    # The coordinator's menu is there too, behind the phone's menu button.
    coordinator.get_by_role("button", name="Меню").click()
    coordinator.locator("#mainNav").get_by_role("link", name="Детские сады").click()
    coordinator.wait_for_url("**/region/ivanovo/")
