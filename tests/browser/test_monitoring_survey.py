"""The curator assigns a survey, a mentee fills it in, the indicator and its chart follow."""

import pytest

from mentoring.models import Pair, PairStatus
from tests.browser.conftest import login
from tests.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def the_pair(org, users):
    pair = Pair.objects.create(organization=org, status=PairStatus.ACTIVE)
    pair.mentors.add(users["mentor"].staff_records.get())
    pair.mentees.add(users["mentee"].staff_records.get())
    return pair


def test_satisfaction_survey_from_assignment_to_the_chart(new_page, the_pair):
    curator = new_page()
    login(curator, "curator", PASSWORD)
    curator.get_by_role("link", name="Мониторинг").first.click()
    assert "нет данных" in curator.get_by_test_id("indicator-satisfaction_mentee").inner_text()
    curator.get_by_role("link", name="Назначения анкет").click()
    curator.get_by_role("link", name="Назначить анкету").click()
    curator.get_by_label("Анкета").select_option(
        label="Удовлетворённость наставляемого участием в программе"
    )
    curator.get_by_label("Этап мониторинга").select_option(label="По итогам программы")
    curator.get_by_label(f"Пара № {the_pair.number}", exact=False).check()
    curator.get_by_role("button", name="Назначить").click()
    assert (
        "Анкета назначена: 1 участник увидит её на главной."
        in curator.locator(".alert-success").inner_text()
    )

    mentee = new_page()
    login(mentee, "mentee", PASSWORD)
    mentee.get_by_role("link", name="Заполнить анкету").click()
    for number, value in ((1, "5"), (2, "4"), (3, "3")):
        question = mentee.get_by_test_id(f"question-{number}")
        question.locator("label", has_text=value).click()
        question.get_by_text("Сохранено").wait_for()
    mentee.get_by_test_id("question-4").locator("textarea").fill("Больше открытых занятий")
    mentee.get_by_role("button", name="Отправить анкету").click()
    assert "Спасибо! Анкета отправлена." in mentee.locator(".alert-success").inner_text()

    curator.goto("/monitoring/")
    card = curator.get_by_test_id("indicator-satisfaction_mentee").inner_text()
    assert "80,0" in card and "ответили 1 чел." in card
    # The chart is drawn on the server: an SVG image with its number, and the same in a table.
    chart = curator.get_by_role("img", name="Показатели целевой модели, %")
    assert "80,0 %" in chart.inner_html()
    assert chart.bounding_box()["width"] > 250
    assert curator.evaluate("() => typeof window.Chart") == "undefined"
    row = curator.get_by_test_id("chart-indicators-table").get_by_role(
        "row", name="Удовл. наставляемых"
    )
    assert "80,0" in row.inner_text()
    assert "Больше открытых занятий" not in curator.content()
