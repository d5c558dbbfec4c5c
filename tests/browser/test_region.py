"""The municipal coordinator opens her municipality and downloads the roll-up in chromium."""

import pytest

from mentoring.seeding import seed_demo
from tests.browser.conftest import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_coordinator_opens_her_municipality_and_downloads_the_rollup(new_page):
    seed_demo()
    page = new_page()
    login(page, "municipal", "municipal-2026")
    page.get_by_test_id("home-cards").get_by_role("link", name="Открыть").click()
    page.wait_for_url("**/region/ivanovo/")
    assert "МБДОУ «Детский сад №20»" in page.get_by_test_id("region-table").inner_text()
    assert page.locator("#chart-stages").is_visible()
    page.get_by_role("button", name="Свод в CSV").click()
    page.wait_for_url("**/region/ivanovo/jobs/*/")
    page.get_by_text("Файл готов").wait_for()
    with page.expect_download() as download:
        page.get_by_role("link", name="Скачать файл").click()
    assert download.value.suggested_filename.startswith("svod-ivanovo-")
    assert download.value.suggested_filename.endswith(".csv")
