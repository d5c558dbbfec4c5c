"""The case and the page messages put people in the right case, gender and number."""

import pytest
from django.core.exceptions import ValidationError

from programs import services
from programs.models import ProgramStatus
from tests.programs.factories import make_program

pytestmark = pytest.mark.django_db


def _name(user, last, first, middle, years=1):
    user.staff_records.update(
        last_name=last,
        first_name=first,
        middle_name=middle,
        teaching_experience_years=years,
        total_experience_years=max(years, 1),
    )
    return user.staff_records.get()


def test_the_case_agrees_in_gender_and_number(pair, users):
    _name(users["mentee"], "Соколова", "Арина", "Сергеевна", years=1)
    _name(users["mentor"], "Орлов", "Павел", "Ильич", years=21)
    program = make_program(pair, status=ProgramStatus.COMPLETED)
    case = services.case_prefill(program=program)
    assert case.stage_2.startswith("Соколова Арина Сергеевна включена в банк наставляемых")
    assert case.stage_3 == "Орлов Павел Ильич включён в банк наставников."
    assert "педагогический стаж 1 год," in case.given
    assert "педагогический стаж 21 год," in case.who_needed
    assert ".." not in case.given + case.who_needed + case.stage_2 + case.stage_3


def test_a_case_cannot_be_published_and_the_message_uses_the_genitive(pair, users):
    _name(users["mentee"], "Соколова", "Арина", "Сергеевна")
    _name(users["mentor"], "Толстой", "Лев", "Николаевич")
    program = make_program(pair, status=ProgramStatus.COMPLETED)
    case = services.case_prefill(program=program)
    with pytest.raises(ValidationError) as error:
        services.case_publish(case=case, user=users["curator"])
    message = error.value.messages[0]
    assert "нет согласия на публикацию у " in message
    assert "Толстого Льва Николаевича" in message
    assert "Соколовой Арины Сергеевны" in message
    assert ".." not in message
