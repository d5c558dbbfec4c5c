"""What signed orders do to the banks and pairs (found by the order_effects discovery).

«О назначении наставников»: its subjects are MentorProfile rows; signing makes them active.
«О закреплении наставнических пар/групп»: its subjects are Pair rows; signing fixes them.
«О внедрении целевой модели…, назначении куратора»: the curator it names becomes «Куратор».
«Об утверждении состава методического совета наставников»: its members become «Член
методического совета», members of the previous composition it leaves out lose the role.
Roles that come from an order name it as their basis (``roadmap/order_roles.py``).
Both refuse (and so roll the signing back) while a participant's consent is missing.
"""

from mentoring import services
from mentoring.models import MentorProfile, Pair
from roadmap import (  # noqa: F401  register local acts and roadmap's own annexes
    council,
    local_acts,
    order_annexes,
    order_roles,
)
from roadmap.effects import on_signed, on_validate
from roadmap.models import OrderKind


@on_validate(OrderKind.APPOINT_MENTORS)
def appoint_mentors_problems(order) -> list[str]:
    return services.mentors_appoint_problems(
        order.subjects_of(MentorProfile).select_related("staff")
    )


@on_signed(OrderKind.APPOINT_MENTORS)
def appoint_mentors(order) -> None:
    services.mentors_appoint(
        order=order, mentors=list(order.subjects_of(MentorProfile)), actor=order.signed_by
    )


@on_validate(OrderKind.FIX_PAIRS)
def fix_pairs_problems(order) -> list[str]:
    return services.pairs_fix_problems(
        order.subjects_of(Pair).prefetch_related("mentors", "mentees")
    )


@on_signed(OrderKind.FIX_PAIRS)
def fix_pairs(order) -> None:
    services.pairs_fix(order=order, pairs=list(order.subjects_of(Pair)), actor=order.signed_by)


@on_signed(OrderKind.APPOINT_MENTORS)
def appoint_mentors_roles(order) -> None:
    order_roles.mentors_roles_from_order(order)


@on_signed(OrderKind.INTRODUCE_MODEL)
def appoint_curator_role(order) -> None:
    order_roles.curator_role_from_order(order)


@on_validate(OrderKind.COUNCIL_COMPOSITION)
def council_problems(order) -> list[str]:
    return council.council_order_problems(order)


@on_signed(OrderKind.COUNCIL_COMPOSITION)
def council_roles(order) -> None:
    council.council_roles_from_order(order)
