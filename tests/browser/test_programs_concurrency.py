"""Two people edit the same program at once in two browsers: nobody loses work."""

import pytest

from tests.browser.conftest import login
from tests.factories import PASSWORD
from tests.programs.factories import fixed_pair, make_program

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_second_save_of_the_note_shows_the_conflict_and_keeps_the_input(new_page, org, users):
    program = make_program(fixed_pair(org, users["mentor"], users["mentee"]))
    mentor, mentee = new_page(), new_page()
    login(mentor, "mentor", PASSWORD)
    login(mentee, "mentee", PASSWORD)
    for page in (mentor, mentee):
        page.goto(f"/programs/{program.pk}/edit/")

    mentor.get_by_label("Цель наставничества").fill("Цель от наставника")
    mentor.get_by_role("button", name="Сохранить").click()
    mentor.get_by_text("Пояснительная записка сохранена.").wait_for()

    mentee.get_by_label("Задачи наставничества").fill("Задачи от наставляемой")
    mentee.get_by_role("button", name="Сохранить").click()
    conflict = mentee.get_by_test_id("conflict")
    conflict.wait_for()
    assert "уже сохранила изменения" in conflict.inner_text()
    assert "Цель от наставника" in conflict.inner_text()
    assert mentee.get_by_label("Задачи наставничества").input_value() == "Задачи от наставляемой"

    # Merge: take the mentor's goal and save again.
    mentee.get_by_label("Цель наставничества").fill("Цель от наставника")
    mentee.get_by_role("button", name="Сохранить").click()
    mentee.get_by_text("Пояснительная записка сохранена.").wait_for()
    program.refresh_from_db()
    assert (program.goal, program.tasks) == ("Цель от наставника", "Задачи от наставляемой")


def test_the_same_plan_row_edited_inline_in_two_pages(new_page, org, users):
    program = make_program(fixed_pair(org, users["mentor"], users["mentee"]))
    row = program.rows.first()
    mentor, mentee = new_page(), new_page()
    login(mentor, "mentor", PASSWORD)
    login(mentee, "mentee", PASSWORD)
    for page in (mentor, mentee):
        page.goto(f"/programs/{program.pk}/")
        page.locator(f"#row-{row.pk}").get_by_role("button", name="Изменить").click()
        page.locator(f"#row{row.pk}_event").wait_for()

    mentor.locator(f"#row{row.pk}_event").fill("Семинар наставника")
    mentor.get_by_role("button", name="Сохранить строку").click()
    mentor.locator(f"#row-{row.pk}").get_by_text("Семинар наставника").wait_for()

    mentee.locator(f"#row{row.pk}_event").fill("Тренинг наставляемой")
    mentee.get_by_role("button", name="Сохранить строку").click()
    conflict = mentee.get_by_test_id("conflict")
    conflict.wait_for()
    assert "Семинар наставника" in conflict.inner_text()
    # Both changed the event: the field holds the saved value, hers is shown beside it.
    field = mentee.locator(f"#row{row.pk}_event")
    assert field.input_value() == "Семинар наставника"
    assert "Тренинг наставляемой" in conflict.get_by_test_id("conflict-fields").inner_text()
    row.refresh_from_db()
    assert row.event == "Семинар наставника"
    # She takes her own value back with one button and saves: now hers is stored.
    conflict.get_by_role("button", name="Взять мой вариант").click()
    assert field.input_value() == "Тренинг наставляемой"
    mentee.get_by_role("button", name="Сохранить строку").click()
    saved = mentee.locator(f"#row-{row.pk}[data-testid=plan-row]")  # the row, not the editor
    saved.get_by_text("Тренинг наставляемой").wait_for()
    row.refresh_from_db()
    assert row.event == "Тренинг наставляемой"
