"""Playwright with Debian's chromium against pytest-django's live server; never skipped."""

import os
import shutil

import pytest

from tests.browser.axe import axe  # noqa: F401  (the fixture every browser test may use)
from tests.browser.lighthouse import lighthouse_server  # noqa: F401  (a fixture)

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not shutil.which(CHROMIUM) and not os.path.exists(CHROMIUM):
        pytest.fail(f"Chromium is not installed at {CHROMIUM}: run `apt-get install -y chromium`.")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def new_page(browser, live_server):
    """Open a fresh browser context (its own cookies) and return a page factory."""
    contexts = []

    def make():
        context = browser.new_context(base_url=live_server.url, locale="ru-RU")
        context.set_default_timeout(10_000)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


def login(page, username: str, password: str) -> None:
    page.goto("/accounts/login/")
    page.get_by_label("Имя пользователя").fill(username)
    page.get_by_label("Пароль").fill(password)
    page.get_by_role("button", name="Войти").click()
    page.wait_for_url("**/")


def open_menu(page, label: str, group: str = "Банки и пары") -> None:
    """Open a page from a dropdown group of the top menu."""
    page.locator("#mainNav").get_by_role("button", name=group).click()
    page.locator("#mainNav").get_by_role("link", name=label, exact=True).click()


def pytest_collection_modifyitems(config, items):
    """Tests marked slow run only when asked for by name: `pytest -m slow`."""
    if "slow" in (config.option.markexpr or ""):
        return
    slow = [item for item in items if item.get_closest_marker("slow")]
    if slow:
        config.hook.pytest_deselected(items=slow)
        items[:] = [item for item in items if not item.get_closest_marker("slow")]
