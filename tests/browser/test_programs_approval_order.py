"""The issue's path end to end with the orders app: the director signs the approval order."""

import pytest
from django.utils import timezone

from programs.models import Program, ProgramStatus
from tests.browser.conftest import login
from tests.browser.programs_steps import (
    curator_reviews,
    mentee_agrees,
    mentor_logs_meeting_and_marks_first_row_done,
    mentor_writes_program,
)
from tests.factories import PASSWORD
from tests.programs.factories import fixed_pair
from tests.roadmap.factories import esign_in_force

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_director_signs_the_approval_order_and_the_pair_carries_out_the_program(
    new_page, org, users
):
    esign_in_force(
        org, users["curator"], users["director"], users["curator"], users["mentor"], users["mentee"]
    )
    fixed_pair(org, users["mentor"], users["mentee"])
    today = timezone.localdate()
    pages = {name: new_page() for name in ("mentor", "mentee", "curator", "director")}
    for name, page in pages.items():
        login(page, name, PASSWORD)
    mentor, curator, director = pages["mentor"], pages["curator"], pages["director"]

    mentor_writes_program(mentor, today, "Первый год в профессии")
    program = Program.objects.get()
    url = f"/programs/{program.pk}/"
    mentee_agrees(pages["mentee"], url)
    curator_reviews(curator, url)

    curator.goto("/programs/")
    curator.get_by_role("button", name="Подготовить приказ об утверждении программ").click()
    curator.get_by_text("Проект приказа подготовлен").wait_for()
    assert "Первый год в профессии" in curator.content()
    curator.get_by_role("button", name="Отправить на подпись").click()
    curator.get_by_text("Приказ отправлен руководителю на подпись.").wait_for()
    order_url = curator.url

    director.goto(order_url)
    director.get_by_label("Ваш пароль").fill(PASSWORD)
    director.get_by_role("button", name="Подписать").click()
    director.get_by_text("Приказ подписан: №").wait_for()

    program.refresh_from_db()
    assert program.status == ProgramStatus.IN_PROGRESS
    assert program.approval_order_number.endswith("-од")  # the journal number, e.g. «2-од»
    mentor.goto(url)
    assert f"Утверждена приказом № {program.approval_order_number}" in mentor.content()
    mentor_logs_meeting_and_marks_first_row_done(mentor, url, today)

    curator.goto("/programs/")
    assert "1 из 3" in curator.get_by_test_id("program-table").inner_text()
    curator.goto("/roadmap/")
    assert "Программы утверждены приказом руководителя" in curator.content()
