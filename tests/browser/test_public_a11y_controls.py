"""The version for the visually impaired (ГОСТ Р 52872-2019, issue 27): the visitor chooses font
size, colours, images and letter spacing; her choice holds on the next pages; every scheme passes
axe at 390 px and on a desktop, and the Nu checker finds no error."""

from __future__ import annotations

import os

import pytest
from playwright.sync_api import expect

from tests.browser.axe import violations
from tests.browser.pages import PHONE, describe, vnu_errors
from tests.public.factories import document

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
DESKTOP = {"width": 1280, "height": 800}


def _style(page, prop: str) -> str:
    return page.evaluate(f"getComputedStyle(document.body).{prop}")


def test_a_visitor_sets_light_on_dark_large_type_and_wide_spacing_and_it_is_remembered(
    new_page, org, tmp_path
):
    document(org)
    page = new_page()
    page.goto(f"/public/{org.slug}/")
    page.get_by_test_id("a11y-toggle").click()
    panel = page.get_by_role("navigation", name="Настройки версии для слабовидящих")
    panel.get_by_role("link", name="Белым по чёрному").click()
    panel = page.get_by_role("navigation", name="Настройки версии для слабовидящих")
    panel.get_by_role("link", name="Очень крупный").click()
    page.get_by_role("navigation", name="Настройки версии для слабовидящих").get_by_role(
        "link", name="Большой", exact=True
    ).click()

    page.get_by_role("link", name="Документы").click()  # the next page remembers all three
    expect(page.get_by_test_id("a11y-scheme-wb")).to_have_attribute("aria-current", "true")
    assert _style(page, "backgroundColor") == "rgb(0, 0, 0)"
    assert _style(page, "color") == "rgb(255, 255, 255)"
    assert _style(page, "fontSize") == "36px"
    assert _style(page, "letterSpacing") == "3.6px"  # .1em of 36 px
    cookies = {c["name"]: c for c in page.context.cookies()}
    assert cookies["public_a11y_scheme"]["value"] == "wb"
    assert cookies["public_a11y_scheme"]["httpOnly"] is True

    problems, saved = [], []
    for scheme in ("bw", "wb", "blue"):
        page.get_by_test_id(f"a11y-scheme-{scheme}").click()
        for size in (PHONE, DESKTOP):
            page.set_viewport_size(size)
            page.reload()
            if shots := os.environ.get("SCREENSHOTS_DIR"):
                page.screenshot(path=f"{shots}/public-a11y-{scheme}-{size['width']}.png")
            if found := violations(page):
                problems.append(f"{scheme} {size['width']}: {describe(found)}")
        html = tmp_path / f"{scheme}.html"
        html.write_text(page.content(), encoding="utf-8")
        saved.append(html)
    problems += vnu_errors(saved)
    assert not problems, "\n".join(problems)

    page.get_by_test_id("a11y-toggle").click()  # back to the ordinary site
    assert "a11y-scheme" not in (page.locator("body").get_attribute("class") or "")
