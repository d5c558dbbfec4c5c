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
from roadmap.models import Order, OrderKind, OrderStatus

# Orders that act under the Положение о системе наставничества: it must be signed first.
NEED_REGULATION = (OrderKind.APPOINT_MENTORS, OrderKind.FIX_PAIRS)
REGULATION_FIRST = f"Сначала подпишите приказ «{OrderKind.APPROVE_REGULATION.label}»."


def regulation_signed(organization_id: int) -> bool:
    """True once an order approving the Положение о наставничестве is signed."""
    return Order.objects.filter(
        organization=organization_id,
        kind=OrderKind.APPROVE_REGULATION,
        status=OrderStatus.SIGNED,
    ).exists()


def regulation_problems(order) -> list[str]:
    return [] if regulation_signed(order.organization_id) else [REGULATION_FIRST]


def regulation_block(order) -> dict | None:
    """For the order page: an unsigned order that waits for the Положение, and where to get it
    (its draft or order on signature, else the form that drafts one)."""
    if order.kind not in NEED_REGULATION or order.status == OrderStatus.SIGNED:
        return None
    if regulation_signed(order.organization_id):
        return None
    pending = (
        Order.objects.filter(organization=order.organization_id, kind=OrderKind.APPROVE_REGULATION)
        .exclude(status=OrderStatus.SIGNED)
        .only("pk", "status")
        .order_by("-pk")
        .first()
    )
    return {"pending": pending, "title": OrderKind.APPROVE_REGULATION.label}


for _kind in NEED_REGULATION:
    on_validate(_kind)(regulation_problems)


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
