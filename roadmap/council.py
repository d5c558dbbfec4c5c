"""The council's composition: the order that approves it, the council in force, its roles.

«Об утверждении состава методического совета наставников» names a chair, an optional
secretary and members (``CouncilSeat``). Signing it makes each of them «Член методического
совета» with the order as basis; a later order of the kind replaces the composition, and a
member it no longer names loses the role, the new order as basis. Roles given by hand on the
roles page are left alone.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction

from core.models import Organization, Role, RoleAssignment, User
from core.roles import role_grant, role_revoke
from mentoring.models import StaffMember
from roadmap.models import (
    CouncilPosition,
    CouncilSeat,
    Order,
    OrderKind,
    OrderStatus,
)


def council_order_in_force(*, organization: Organization) -> Order | None:
    """The latest signed council composition order of the organization."""
    return (
        Order.objects.filter(
            organization=organization,
            kind=OrderKind.COUNCIL_COMPOSITION,
            status=OrderStatus.SIGNED,
        )
        .order_by("-signed_at", "-pk")
        .first()
    )


def council_seats(order: Order | None) -> list[CouncilSeat]:
    """The seats an order names: the chair first, then the secretary, then members by name."""
    if order is None:
        return []
    rank = {CouncilPosition.CHAIR: 0, CouncilPosition.SECRETARY: 1, CouncilPosition.MEMBER: 2}
    seats = list(order.council_seats.select_related("staff__user"))
    return sorted(seats, key=lambda s: (rank[s.position], s.staff.search_name))


def seat_of(seats: Iterable[CouncilSeat], position: str) -> StaffMember | None:
    return next((s.staff for s in seats if s.position == position), None)


def council_order_draft(
    *,
    organization: Organization,
    author: User,
    chair: StaffMember,
    secretary: StaffMember | None = None,
    members: Iterable[StaffMember] = (),
) -> Order:
    """A draft of the council composition order; the council in force is the one it changes.

    An unsent draft with exactly the same seats is opened instead of making a second one.
    """
    if chair is None:
        raise ValidationError("Выберите председателя методического совета.", code="no_chair")
    if secretary is not None and secretary.pk == chair.pk:
        raise ValidationError(
            "Председатель и секретарь совета — разные люди: выберите другого секретаря.",
            code="chair_is_secretary",
        )
    special = {chair.pk} | ({secretary.pk} if secretary else set())
    members = sorted(
        {m.pk: m for m in members if m.pk not in special}.values(), key=lambda m: m.search_name
    )
    people = [chair, *([secretary] if secretary else []), *members]
    for person in people:
        if person.organization_id != organization.pk or not person.is_active:
            raise ValidationError(
                "В совет можно включить только работающих сотрудников своей организации.",
                code="foreign_person",
            )
    wanted = {(chair.pk, CouncilPosition.CHAIR)} | {(m.pk, CouncilPosition.MEMBER) for m in members}
    if secretary is not None:
        wanted.add((secretary.pk, CouncilPosition.SECRETARY))
    existing = _same_council_draft(organization=organization, wanted=wanted)
    if existing is not None:
        existing.reused_draft = True
        return existing
    from roadmap.services import order_draft

    with transaction.atomic():
        order = order_draft(
            organization=organization,
            kind=OrderKind.COUNCIL_COMPOSITION,
            author=author,
            people=people,
            refers_to=council_order_in_force(organization=organization),
            extra_context={"chair": chair, "secretary": secretary, "members": members},
            reuse=False,
        )
        CouncilSeat.objects.bulk_create(
            [
                CouncilSeat(order=order, staff=staff, position=pos)
                for staff, pos in _seats(people, wanted)
            ]
        )
    return order


def _seats(people, wanted):
    by_pk = {p.pk: p for p in people}
    return [(by_pk[pk], position) for pk, position in sorted(wanted)]


def _same_council_draft(*, organization, wanted) -> Order | None:
    drafts = Order.objects.filter(
        organization=organization,
        kind=OrderKind.COUNCIL_COMPOSITION,
        status__in=(OrderStatus.DRAFT, OrderStatus.RETURNED),
    ).prefetch_related("council_seats")
    for order in drafts.order_by("-pk"):
        if {(s.staff_id, s.position) for s in order.council_seats.all()} == wanted:
            return order
    return None


def council_order_problems(order: Order) -> list[str]:
    """What keeps a council order from being sent or signed: no chair named."""
    seats = list(order.council_seats.all())
    if not any(s.position == CouncilPosition.CHAIR for s in seats):
        return [
            "В приказе о составе методического совета не назван председатель: подготовьте "
            "приказ на странице «Методический совет»."
        ]
    return []


def council_roles_from_order(order: Order) -> None:
    """Everyone the signed order seats becomes «Член методического совета»; a member seated by
    an earlier council order and not named in this one loses the role."""
    from roadmap.order_roles import order_basis_label

    label = order_basis_label(order)
    seated = {}
    for seat in order.council_seats.select_related("staff__user"):
        if seat.staff.user is not None:
            seated[seat.staff.user_id] = seat.staff.user
    order_type = ContentType.objects.get_for_model(Order)
    earlier = RoleAssignment.objects.filter(
        organization=order.organization, role=Role.COUNCIL, basis_type=order_type
    ).exclude(basis_id=order.pk)
    council_orders = set(
        Order.objects.filter(
            pk__in=[a.basis_id for a in earlier], kind=OrderKind.COUNCIL_COMPOSITION
        ).values_list("pk", flat=True)
    )
    for assignment in earlier.select_related("user"):
        if assignment.basis_id in council_orders and assignment.user_id not in seated:
            role_revoke(
                user=assignment.user,
                organization=order.organization,
                role=Role.COUNCIL,
                actor=order.signed_by,
                basis_label=label,
            )
    for user in seated.values():
        role_grant(
            user=user,
            organization=order.organization,
            role=Role.COUNCIL,
            actor=order.signed_by,
            basis=order,
            basis_label=label,
        )
