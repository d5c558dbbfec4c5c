"""Roles that come from signed orders: the mentors' appointment and the curator's.

Called from ``roadmap/order_effects.py`` inside the signing transaction, so a role begins with
the signed order or not at all; each names the order as its basis («приказ № … от …»).
"""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType

from core.models import Role, RoleAssignment
from core.roles import role_grant, role_revoke
from mentoring.models import MentorProfile
from mentoring.role_effects import mentor_role_begin
from roadmap.models import Order, OrderKind


def order_basis_label(order: Order) -> str:
    """«приказ № 12-од от 01.10.2026»."""
    return f"приказ № {order.number_text} от {order.order_date:%d.%m.%Y}"


def mentors_roles_from_order(order: Order) -> None:
    """Everyone the signed order appoints becomes «Наставник» (and no longer «Наставляемый»)."""
    label = order_basis_label(order)
    for profile in order.subjects_of(MentorProfile).select_related("staff__user"):
        mentor_role_begin(
            staff=profile.staff, actor=order.signed_by, basis=order, basis_label=label
        )


def appointed_curator(order: Order):
    """The curator an appointment order names: its first person (the draft puts her first)."""
    link = order.people.select_related("staff__user").order_by("pk").first()
    return link.staff if link is not None else None


def curator_role_from_order(order: Order) -> None:
    """The curator the signed order names becomes «Куратор»; a curator appointed by an earlier
    order of this kind hands the role over."""
    staff = appointed_curator(order)
    if staff is None or staff.user is None:
        return
    label = order_basis_label(order)
    order_type = ContentType.objects.get_for_model(Order)
    earlier = (
        RoleAssignment.objects.filter(
            organization=order.organization, role=Role.CURATOR, basis_type=order_type
        )
        .exclude(user=staff.user)
        .exclude(basis_id=order.pk)
        .select_related("user")
    )
    earlier_orders = set(
        Order.objects.filter(
            pk__in=[a.basis_id for a in earlier], kind=OrderKind.INTRODUCE_MODEL
        ).values_list("pk", flat=True)
    )
    for assignment in earlier:
        if assignment.basis_id in earlier_orders:
            role_revoke(
                user=assignment.user,
                organization=order.organization,
                role=Role.CURATOR,
                actor=order.signed_by,
                basis_label=label,
            )
    role_grant(
        user=staff.user,
        organization=order.organization,
        role=Role.CURATOR,
        actor=order.signed_by,
        basis=order,
        basis_label=label,
    )
