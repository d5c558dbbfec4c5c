"""Keyboard and screen readers (issue 27): the focus ring, a plan row with an error, a survey.

The ring is measured from computed styles: its colour against the colour behind the control must
be at least 3:1. The paths use the keyboard only where a keyboard user would.
"""

import os
from pathlib import Path

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from monitoring.models import ResponseStatus, SurveyResponse
from tests.browser.keyboard import focus_ring
from tests.browser.pages import PHONE, describe, log_in, main_pages, serious_violations, vnu_errors

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
DESKTOP = {"width": 1366, "height": 800}
SHOTS = os.environ.get("SCREENSHOTS_DIR")  # set it to look at the pages yourself


def _active(page, script: str):
    return page.evaluate(f"(() => {{ const el = document.activeElement; return {script}; }})()")


def test_the_curators_menu_shows_a_3_to_1_focus_ring_and_fits_one_line_at_1366(new_page):
    main_pages()
    page = new_page()
    page.set_viewport_size(DESKTOP)
    log_in(page, "curator")
    tops = page.locator("#mainNav .nav-link").evaluate_all(
        "links => links.map(a => Math.round(a.getBoundingClientRect().top))"
    )
    assert len(set(tops)) == 1, f"the menu wraps: link tops {tops}"

    page.locator("body").focus()
    seen = []
    for _ in range(12):
        page.keyboard.press("Tab")
        if not _active(page, "!!el.closest('.navbar')"):
            continue
        ring = focus_ring(page)
        seen.append(ring["name"])
        assert ring["contrast"] >= 3, f"«{ring['name']}»: ring {ring}"
    assert {"Главная", "Программы", "Банки и пары", "Уведомления"} <= set(seen), seen

    # Into a dropdown of the menu: white items, the ring dark.
    page.locator("#mainNav").get_by_role("button", name="Банки и пары").focus()
    page.keyboard.press("Enter")
    page.keyboard.press("ArrowDown")
    ring = focus_ring(page)
    assert _active(page, "el.classList.contains('dropdown-item')")
    assert ring["contrast"] >= 3, ring
    page.keyboard.press("Escape")


def test_escape_closes_the_phone_menu_and_gives_focus_back_to_its_button(new_page):
    main_pages()
    page = new_page()
    page.set_viewport_size(PHONE)
    log_in(page, "curator")
    toggler = page.get_by_role("button", name="Меню")
    toggler.click()
    page.wait_for_selector("#mainNav.collapse.show")  # opened, the animation over
    page.locator("#mainNav").get_by_role("link", name="Главная").focus()
    page.keyboard.press("Escape")
    expect(page.locator("#mainNav")).to_be_hidden()
    assert _active(page, "el.getAttribute('aria-label')") == "Меню"


def test_a_plan_row_with_an_error_by_keyboard(new_page):
    main_pages()
    page = new_page()
    page.set_viewport_size(DESKTOP)
    log_in(page, "mentee")
    page.get_by_role("link", name="Открыть мою программу").click()
    row_id = page.get_by_test_id("plan-row").first.get_attribute("id")
    page.get_by_test_id("plan-row").first.get_by_role("button", name="Отметить").focus()
    page.keyboard.press("Enter")

    form = page.get_by_test_id("plan-row-form")
    # Help texts are on the page, and the ids the fields point at exist.
    expect(form.get_by_text("Для выполненного: когда. Пусто — сегодня.")).to_be_visible()
    done_on = form.get_by_label("Дата выполнения")
    for ref in done_on.get_attribute("aria-describedby").split():
        assert page.locator(f"#{ref}").count() == 1, ref

    # Done, but no result described: the server refuses.
    form.get_by_label("Статус").select_option(label="Выполнено")
    form.get_by_role("button", name="Сохранить строку").focus()
    page.keyboard.press("Enter")

    wrong = page.get_by_test_id("plan-row-form").get_by_label("Фактический результат")
    expect(wrong).to_have_attribute("aria-invalid", "true")
    page.wait_for_function("document.activeElement.name === 'actual_result'")
    error_id = wrong.get_attribute("aria-describedby").split()[-1]
    expect(page.locator(f"#{error_id}")).to_have_text(
        "Чтобы отметить мероприятие выполненным, опишите результат."
    )
    expect(page.locator("#a11y-live")).to_have_text(
        "Не сохранено: исправьте поле «Фактический результат»."
    )
    if SHOTS:
        page.screenshot(path=str(Path(SHOTS) / "plan-row-error-1366.png"))

    # Escape closes the form; focus returns to the row's button.
    page.keyboard.press("Escape")
    expect(page.get_by_test_id("plan-row-form")).to_have_count(0)
    page.wait_for_function("document.activeElement.textContent === 'Отметить'")
    assert _active(page, "el.closest('tr').id") == row_id
    found = serious_violations(page)
    assert not found, describe(found)


def test_a_survey_by_keyboard_says_what_the_scale_ends_mean_and_is_valid(new_page, tmp_path):
    main_pages()
    response = (
        SurveyResponse.objects.filter(staff__user__username="mentee")
        .exclude(status=ResponseStatus.SUBMITTED)
        .first()
    )
    page = new_page()
    log_in(page, "mentee")
    url = reverse("monitoring:response-fill", args=[response.pk])
    problems = []
    for size in (PHONE, DESKTOP):
        page.set_viewport_size(size)
        page.goto(url)
        html = tmp_path / f"survey-{size['width']}.html"
        html.write_text(page.content(), encoding="utf-8")
        if SHOTS:
            page.screenshot(path=str(Path(SHOTS) / f"survey-{size['width']}.png"), full_page=True)
        if found := serious_violations(page):
            problems.append(f"{size['width']}: {describe(found)}")
    problems += vnu_errors([html])
    assert not problems, "\n".join(problems)

    scale = page.get_by_role("radiogroup").first
    ends = page.get_by_test_id("scale-ends").first
    expect(ends).to_contain_text("1 — наименьшая оценка")
    expect(ends).to_contain_text("5 — наивысшая")
    assert scale.get_attribute("aria-describedby") == ends.get_attribute("id")
    required = page.locator("[aria-required=true]")
    assert required.count() >= 1
    first_required = required.first.locator("xpath=ancestor::fieldset").locator("legend")
    assert "(обязательный вопрос)" in first_required.inner_text()

    # Keyboard: into the first scale, the arrow picks the next value, it is saved.
    scale.get_by_role("radio").first.focus()
    page.keyboard.press("Space")
    page.keyboard.press("ArrowRight")
    question = scale.locator("xpath=ancestor::fieldset")
    expect(question.get_by_text("Сохранено")).to_be_visible()
    assert scale.get_by_role("radio", name="2").is_checked()
