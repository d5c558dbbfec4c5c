"""Browser steps shared by the program tests: write, agree, review, log a meeting, mark done."""

import datetime as dt

from playwright.sync_api import expect

from programs.services import add_months

ROWS = [
    ("Нормативные правовые", "Изучение ФГОС ДО", 10),
    ("Методические", "Посещение занятий наставника", 30),
    ("Психолого-педагогические (работа с детьми и родителями)", "Подготовка к собранию", 60),
]


def mentor_writes_program(page, today: dt.date, title: str) -> None:
    """Create the draft, add three plan rows, agree."""
    page.get_by_role("link", name="Программы").first.click()
    page.get_by_role("link", name="Новая программа").click()
    page.get_by_label("Название").fill(title)
    page.get_by_label("Начало").fill(today.isoformat())
    page.get_by_label("Окончание").fill(add_months(today, 6).isoformat())
    page.get_by_role("button", name="Создать черновик").click()
    page.get_by_text("Черновик программы создан.").wait_for()
    for direction, event, days in ROWS:
        add = page.get_by_test_id("row-add-form")
        if not add.is_visible():
            page.get_by_text("Добавить мероприятие").click()
        add.get_by_label("Направление").select_option(label=direction)
        add.get_by_label("Мероприятие", exact=True).fill(event)
        add.get_by_label("Срок").fill((today + dt.timedelta(days=days)).isoformat())
        add.get_by_label("Ожидаемый результат").fill("Освоено")
        add.get_by_role("button", name="Добавить в план").click()
        page.get_by_text("Мероприятие добавлено в план.").wait_for()
    assert page.get_by_test_id("plan-row").count() == 3
    page.get_by_role("button", name="Согласовать программу").click()
    page.get_by_text("Ваше согласие записано.").wait_for()


def mentee_agrees(page, program_url: str) -> None:
    page.goto(program_url)
    page.get_by_role("button", name="Ознакомлена, согласна").click()
    assert "Согласована участниками" in page.get_by_test_id("program-status").inner_text()


def curator_reviews(page, program_url: str) -> None:
    page.goto(program_url)
    page.get_by_role("button", name="Программа проверена").click()
    page.get_by_text("ждёт приказа руководителя").first.wait_for()


def mentor_logs_meeting_and_marks_first_row_done(page, program_url: str, today) -> None:
    page.goto(program_url)
    form = page.get_by_test_id("meeting-form")
    form.get_by_label("Дата", exact=True).fill(today.isoformat())
    form.get_by_label("Тема").fill("Знакомство и запросы")
    form.get_by_role("button", name="Записать встречу").click()
    page.get_by_text("Встреча записана в журнал.").wait_for()
    page.get_by_test_id("plan-row").first.get_by_role("button", name="Отметить").click()
    page.get_by_label("Статус").select_option(label="Выполнено")
    page.get_by_label("Фактический результат").fill("Изучила ФГОС, обсудили с наставником")
    done_before = page.get_by_test_id("progress").inner_text()
    page.get_by_role("button", name="Сохранить строку").click()
    page.get_by_test_id("plan-row").first.get_by_text("Выполнено").wait_for()
    # The progress box above the plan counts the row at once, without reloading the page.
    expect(page.get_by_test_id("progress")).not_to_have_text(done_before)
    expect(page.get_by_test_id("progress")).to_contain_text("Выполнено мероприятий: 1 из")
