"""Every main page of every role on a 390 px phone and a 1024 px tablet (issue 14).

axe-core finds nothing serious or critical, nothing is wider than the screen, and the Nu HTML
checker finds no error in the page as the browser holds it. Set SCREENSHOTS_DIR to keep a
full-page screenshot of each page at both widths.
"""

import datetime as dt
import os
from pathlib import Path

import pytest
from django.utils import timezone

from programs.models import Meeting, PlanRow, RowStatus
from tests.browser.pages import (
    PHONE,
    TABLET,
    describe,
    log_in,
    main_pages,
    overflow,
    serious_violations,
    vnu_errors,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_every_main_page_passes_axe_fits_a_phone_and_a_tablet_and_is_valid_html(new_page, tmp_path):
    pages = main_pages()
    shots = os.environ.get("SCREENSHOTS_DIR")
    problems, saved = [], []
    for persona, urls in pages.items():
        page = new_page()
        if persona:
            log_in(page, persona)
        for url in urls:
            for size in (PHONE, TABLET):
                page.set_viewport_size(size)
                page.goto(url)
                if size is PHONE:  # the page as the browser holds it, before axe is injected
                    html = tmp_path / f"{len(saved):02d}{url.replace('/', '_')}.html"
                    html.write_text(page.content(), encoding="utf-8")
                    saved.append(html)
                name = f"{persona or 'anonymous'}{url.replace('/', '_')}_{size['width']}"
                if shots:
                    page.screenshot(path=str(Path(shots) / f"{name}.png"), full_page=True)
                if wider := overflow(page):
                    problems.append(f"{persona} {url} at {size['width']} px: {wider} px cut off")
                # axe once per page, on the phone: contrast and names do not change with width.
                if size is PHONE and (found := serious_violations(page)):
                    problems.append(f"{persona} {url} at {size['width']} px:\n{describe(found)}")
    problems += vnu_errors(saved)
    assert not problems, "\n".join(problems)


def test_mentee_edits_and_saves_a_plan_row_on_a_phone(new_page):
    main_pages()
    page = new_page()
    page.set_viewport_size(PHONE)
    log_in(page, "mentee")
    page.get_by_role("link", name="Открыть мою программу").click()
    row = page.get_by_test_id("plan-row").first
    row.get_by_role("button", name="Отметить").click()

    form = page.get_by_test_id("plan-row-form")
    status = form.get_by_label("Статус")
    assert status.evaluate("el => el === document.activeElement"), "focus stays behind"
    status.select_option(label="Выполнено")
    form.get_by_label("Дата выполнения").fill(timezone.localdate().isoformat())
    form.get_by_label("Фактический результат").fill("Посетила два занятия, записала приёмы")
    save = form.get_by_role("button", name="Сохранить строку")
    save.scroll_into_view_if_needed()
    box = save.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    assert overflow(page) == 0
    save.focus()
    page.keyboard.press("Enter")

    row = page.get_by_test_id("plan-row").first
    row.get_by_text("Выполнено").wait_for()
    page.wait_for_function("document.activeElement.closest('[data-testid=plan-row]') !== null")
    assert page.evaluate("document.activeElement.textContent") == "Отметить"
    assert page.evaluate("document.activeElement.closest('tr').id") == row.get_attribute("id")
    stored = (
        PlanRow.objects.filter(program__pair__mentees__user__username="mentee")
        .order_by("position")
        .first()
    )
    assert stored.status == RowStatus.DONE
    assert stored.actual_result == "Посетила два занятия, записала приёмы"


def test_mentor_logs_a_meeting_on_a_phone(new_page):
    main_pages()
    page = new_page()
    page.set_viewport_size(PHONE)
    log_in(page, "mentor")
    page.get_by_role("link", name="Открыть мою программу").click()
    form = page.get_by_test_id("meeting-form")
    day = timezone.localdate() - dt.timedelta(days=1)
    form.get_by_label("Дата", exact=True).fill(day.isoformat())
    form.get_by_label("Тема").fill("Разбор занятия по развитию речи")
    button = form.get_by_role("button", name="Записать встречу")
    button.scroll_into_view_if_needed()
    assert button.bounding_box()["x"] + button.bounding_box()["width"] <= PHONE["width"]
    button.click()
    page.get_by_text("Встреча записана в журнал.").wait_for()
    meeting = page.get_by_test_id("meeting").first
    assert "Разбор занятия по развитию речи" in meeting.inner_text()
    assert meeting.is_visible() and overflow(page) == 0
    stored = Meeting.objects.get(
        program__pair__mentors__user__username="mentor", topic="Разбор занятия по развитию речи"
    )
    assert (stored.held_on, stored.topic) == (day, "Разбор занятия по развитию речи")
