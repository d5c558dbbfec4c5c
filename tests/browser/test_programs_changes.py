"""A change after approval in the browser: proposed, agreed by the other, accepted."""

import datetime as dt

import pytest

from programs.models import ChangeStatus, ProgramChange, ProgramStatus
from tests.browser.conftest import login
from tests.factories import PASSWORD
from tests.programs.factories import fixed_pair, make_program

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_extension_is_proposed_agreed_and_accepted(new_page, org, users):
    program = make_program(
        fixed_pair(org, users["mentor"], users["mentee"]), status=ProgramStatus.IN_PROGRESS
    )
    new_end = program.ends_on + dt.timedelta(days=90)

    mentor = new_page()
    login(mentor, "mentor", PASSWORD)
    mentor.goto(f"/programs/{program.pk}/")
    mentor.get_by_text("Предложить изменение").click()
    mentor.get_by_label("Что изменить").select_option(label="Продление срока")
    assert not mentor.get_by_label("Новый режим работы").is_visible()
    mentor.get_by_label("Обоснование").fill("Наставляемая была на больничном.")
    mentor.get_by_label("Новая дата окончания").fill(new_end.isoformat())
    mentor.get_by_role("button", name="Предложить").click()
    mentor.get_by_text("Изменение предложено.").wait_for()

    mentee = new_page()
    login(mentee, "mentee", PASSWORD)
    mentee.goto(f"/programs/{program.pk}/")
    mentee.get_by_test_id("change").get_by_role("button", name="Согласовать").click()
    mentee.get_by_text("Вы согласовали изменение.").wait_for()

    curator = new_page()
    login(curator, "curator", PASSWORD)
    curator.goto(f"/programs/{program.pk}/")
    curator.get_by_test_id("change").get_by_role("button", name="Принять").click()
    curator.get_by_text("Изменение принято.").wait_for()
    assert "ждёт приказа" in curator.get_by_test_id("change").inner_text()
    change = ProgramChange.objects.get()
    assert change.status == ChangeStatus.ACCEPTED
    assert change.new_ends_on == new_end
