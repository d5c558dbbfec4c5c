"""A program from the first line to its progress: mentor, mentee, curator, director."""

import pytest
from django.utils import timezone

from programs.models import Program, ProgramStatus
from programs.services import programs_approve
from tests.browser.conftest import login
from tests.browser.programs_steps import (
    curator_reviews,
    mentee_agrees,
    mentor_logs_meeting_and_marks_first_row_done,
    mentor_writes_program,
)
from tests.factories import PASSWORD
from tests.programs.factories import fixed_pair, signed_order

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_program_is_written_agreed_reviewed_approved_and_carried_out(new_page, org, users):
    fixed_pair(org, users["mentor"], users["mentee"])
    today = timezone.localdate()
    mentor, mentee, curator = new_page(), new_page(), new_page()
    for page, name in ((mentor, "mentor"), (mentee, "mentee"), (curator, "curator")):
        login(page, name, PASSWORD)

    mentor_writes_program(mentor, today, "Первый год в профессии")
    program = Program.objects.get()
    url = f"/programs/{program.pk}/"
    mentee_agrees(mentee, url)
    curator_reviews(curator, url)

    # What the signing of the order «об утверждении персонализированных программ» runs
    # (programs/order_effects.py); test_programs_approval_order.py signs it in the browser
    # once the orders app is merged.
    programs_approve(order=signed_order("14-од"), programs=[program])

    mentor.goto(url)
    assert "Реализуется" in mentor.get_by_test_id("program-status").inner_text()
    assert "Утверждена приказом № 14-од" in mentor.content()
    mentor_logs_meeting_and_marks_first_row_done(mentor, url, today)

    curator.goto("/programs/")
    table = curator.get_by_test_id("program-table").inner_text()
    assert "Первый год в профессии" in table
    assert "1 из 3" in table
    program.refresh_from_db()
    assert program.status == ProgramStatus.IN_PROGRESS
    assert program.meetings.count() == 1
