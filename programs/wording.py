"""Generated sentences about people in programs and cases: cases, genders and numbers agree.

Every form comes from core.declension; the services only call these helpers.
"""

from __future__ import annotations

from collections.abc import Sequence

from core.declension import by_gender, decline_name
from core.text import sentence, years
from mentoring.models import StaffMember


def portrait(staff: StaffMember) -> str:
    """«Арина Сергеевна, воспитатель, педагогический стаж 1 год, категория: без категории.»
    A mentor from outside the staff: «…, внешний наставник, педагог на пенсии, …»."""
    return sentence(
        f"{staff.first_name} {staff.middle_name}".strip()
        + f", {staff.external_label or staff.get_position_display().lower()}, педагогический стаж "
        f"{years(staff.teaching_experience_years)}, категория: "
        f"{staff.get_qualification_category_display().lower()}"
    )


def included(people: Sequence[StaffMember], where: str) -> str:
    """«Соколова Арина Сергеевна включена в банк наставляемых» (agrees in gender and number)."""
    names = ", ".join(p.full_name for p in people)
    if len(people) > 1:
        verb = "включены"
    elif people:
        verb = by_gender(people[0], "включён", "включена")
    else:
        verb = "включён"  # nobody named: the sentence has no subject to agree with
    return f"{names} {verb} {where}"


def at_people(people: Sequence[StaffMember]) -> str:
    """«у Соколовой Арины Сергеевны, Королёва Артёма Семёновича»: «у» takes the genitive."""
    return "у " + ", ".join(decline_name(p, "gen") for p in people)
