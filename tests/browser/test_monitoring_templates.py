"""The curator reorders the questions of a questionnaire with htmx and adds one."""

import pytest

from monitoring import services
from monitoring.models import SurveyKind, SurveyTemplate
from tests.browser.conftest import login
from tests.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_curator_moves_a_question_down_and_adds_a_new_one(new_page, org, users):
    services.survey_templates_ensure(organization=org)
    template = SurveyTemplate.objects.get(organization=org, kind=SurveyKind.SATISFACTION_MENTOR)
    first, second = template.questions.order_by("position")[:2]
    page = new_page()
    login(page, "curator", PASSWORD)
    page.goto(f"/monitoring/templates/{template.pk}/")
    questions = page.get_by_test_id("question")
    assert first.text in questions.nth(0).inner_text()
    questions.nth(0).get_by_role("button", name="Переместить ниже").click()
    page.wait_for_function(
        "text => document.querySelector('[data-testid=question]').innerText.includes(text)",
        arg=second.text,
    )
    assert first.text in page.get_by_test_id("question").nth(1).inner_text()
    page.get_by_label("Вопрос*").fill("Что было самым полезным?")
    page.get_by_label("Тип ответа*").select_option(label="Свободный ответ")
    page.get_by_role("button", name="Добавить вопрос").click()
    assert "Вопрос добавлен." in page.locator(".alert-success").inner_text()
    assert "Что было самым полезным?" in page.get_by_test_id("question").last.inner_text()
    assert list(template.questions.order_by("position").values_list("pk", flat=True))[:2] == [
        second.pk,
        first.pk,
    ]
