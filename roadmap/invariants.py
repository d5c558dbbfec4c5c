"""Invariants of orders (see mentoring/invariants.py)."""

from django.db.models import Q

from core.invariants import Violation, invariant
from roadmap.models import Order, OrderStatus


@invariant("Подписанный приказ имеет номер, дату, подпись и файл с контрольной суммой.")
def signed_order_is_complete(organizations):
    rows = Order.objects.filter(organization__in=organizations, status=OrderStatus.SIGNED).filter(
        Q(number_text="")
        | Q(order_date__isnull=True)
        | Q(signed_at__isnull=True)
        | Q(pdf_sha256="")
    )
    for order in rows.only("pk", "organization_id", "title"):
        yield Violation(
            order.organization_id,
            "signed_order_is_complete",
            f"Подписанный приказ «{order.title}» без номера, даты, подписи или файла.",
            order.get_absolute_url(),
        )


@invariant(
    "Роль наставника или куратора по приказу опирается на подписанный приказ, который действует."
)
def order_roles_match_signed_orders(organizations):
    """A mentor's role from an order: a signed appointment naming her mentor entry, not released
    since; a curator's: a signed appointment order naming her. Five queries in all."""
    from django.contrib.contenttypes.models import ContentType

    from core.models import Role, RoleAssignment
    from mentoring.models import MentorProfile, MentorStatus, StaffMember
    from roadmap.models import OrderKind, OrderPerson, OrderSubject

    order_type = ContentType.objects.get_for_model(Order)
    profile_type = ContentType.objects.get_for_model(MentorProfile)
    rows = list(
        RoleAssignment.objects.filter(
            organization__in=organizations,
            basis_type=order_type,
            role__in=(Role.MENTOR, Role.CURATOR),
        ).select_related("user")
    )
    if not rows:
        return
    orders = Order.objects.in_bulk({a.basis_id for a in rows})
    cards = {
        (c.organization_id, c.user_id): c
        for c in StaffMember.objects.filter(user__in=[a.user_id for a in rows])
    }
    profiles = {p.staff_id: p for p in MentorProfile.objects.filter(staff__in=list(cards.values()))}
    subjects = set(
        OrderSubject.objects.filter(order__in=orders, content_type=profile_type).values_list(
            "order_id", "object_id"
        )
    )
    named = set(OrderPerson.objects.filter(order__in=orders).values_list("order_id", "staff_id"))
    for assignment in rows:
        order = orders.get(assignment.basis_id)
        card = cards.get((assignment.organization_id, assignment.user_id))
        profile = profiles.get(card.pk) if card is not None else None
        problem = ""
        if order is None or order.status != OrderStatus.SIGNED:
            problem = "приказа нет или он не подписан"
        elif assignment.role == Role.MENTOR:
            if not (
                profile is not None
                and order.kind == OrderKind.APPOINT_MENTORS
                and (order.pk, profile.pk) in subjects
            ):
                problem = "приказ не назначает её наставником"
            elif profile.status == MentorStatus.RELEASED:
                problem = "она освобождена от обязанностей наставника"
        elif not (
            order.kind == OrderKind.INTRODUCE_MODEL
            and card is not None
            and (order.pk, card.pk) in named
        ):
            problem = "приказ не назначает её куратором"
        if problem:
            yield Violation(
                assignment.organization_id,
                "order_roles_match_signed_orders",
                f"{assignment.user}: роль «{assignment.get_role_display()}» "
                f"({assignment.basis_label}), но {problem}.",
                order.get_absolute_url() if order is not None else "",
            )


@invariant(
    "Роль члена методического совета по приказу опирается на подписанный приказ о составе "
    "совета, который действует, и этот приказ её называет."
)
def council_roles_match_council_order(organizations):
    """Four queries in all: the roles, their orders, the orders in force, the seats."""
    from django.contrib.contenttypes.models import ContentType

    from core.models import Role, RoleAssignment
    from roadmap.models import CouncilSeat, OrderKind

    order_type = ContentType.objects.get_for_model(Order)
    rows = list(
        RoleAssignment.objects.filter(
            organization__in=organizations, basis_type=order_type, role=Role.COUNCIL
        ).select_related("user")
    )
    if not rows:
        return
    orders = Order.objects.only("pk", "status", "kind", "organization_id").in_bulk(
        {a.basis_id for a in rows}
    )
    in_force = {}
    for order in (
        Order.objects.filter(
            organization__in={a.organization_id for a in rows},
            kind=OrderKind.COUNCIL_COMPOSITION,
            status=OrderStatus.SIGNED,
        )
        .order_by("signed_at", "pk")
        .only("pk", "organization_id")
    ):
        in_force[order.organization_id] = order.pk
    seated = set(
        CouncilSeat.objects.filter(order__in=set(in_force.values())).values_list(
            "order_id", "staff__user_id"
        )
    )
    for assignment in rows:
        order = orders.get(assignment.basis_id)
        problem = ""
        if order is None or order.status != OrderStatus.SIGNED:
            problem = "приказа нет или он не подписан"
        elif order.kind != OrderKind.COUNCIL_COMPOSITION:
            problem = "это не приказ о составе методического совета"
        elif in_force.get(assignment.organization_id) != order.pk:
            problem = "состав совета с тех пор утверждён другим приказом"
        elif (order.pk, assignment.user_id) not in seated:
            problem = "приказ не включает этого человека в совет"
        if problem:
            yield Violation(
                assignment.organization_id,
                "council_roles_match_council_order",
                f"{assignment.user}: роль «{assignment.get_role_display()}» "
                f"({assignment.basis_label}), но {problem}.",
                order.get_absolute_url() if order is not None else "",
            )
