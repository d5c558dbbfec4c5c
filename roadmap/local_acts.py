"""Local acts everyone they concern must know: the Положение о наставничестве and the
Положение об использовании простой электронной подписи.

An order approving a local act names, on its acknowledgement list, the director who signs and
everyone the act concerns by role (``CONCERNED_ROLES``) who has a login. The act stays in force
until a later order of the same kind is signed; people who join afterwards (a new staff card with
a login, a new login, a new role) are not on the frozen list, so they acknowledge the act in force
themselves: their row on the list is added when they do (ТК РФ ст. 68: a new employee is
acquainted with the local acts under signature). The director who signs is acquainted by signing.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from core.models import Organization, Role, RoleAssignment, User
from mentoring.models import StaffMember
from roadmap.effects import on_signed
from roadmap.models import Order, OrderKind, OrderPerson, OrderStatus
from roadmap.selectors import first_of_each_kind

# Who each local act concerns: the roles that sign documents or take part in mentoring.
PARTICIPANTS = (Role.DIRECTOR, Role.CURATOR, Role.COUNCIL, Role.MENTOR, Role.MENTEE)
CONCERNED_ROLES: dict[str, tuple[str, ...]] = {
    OrderKind.ESIGN_REGULATION: PARTICIPANTS,
    OrderKind.APPROVE_REGULATION: PARTICIPANTS,
}
LOCAL_ACT_KINDS = frozenset(CONCERNED_ROLES)


def concerned_staff(*, organization: Organization, kind: str) -> QuerySet[StaffMember]:
    """Working staff with a login whose roles the act of ``kind`` concerns."""
    users = RoleAssignment.objects.filter(
        organization=organization, role__in=CONCERNED_ROLES.get(kind, ())
    ).values("user")
    return StaffMember.objects.filter(
        organization=organization,
        is_active=True,
        anonymized_at=None,
        user__in=users,
    ).order_by("search_name", "pk")


def acts_in_force(*, organization: Organization) -> list[Order]:
    """The latest signed order of each local-act kind (a later one replaces the earlier)."""
    signed = Order.objects.filter(organization=organization, status=OrderStatus.SIGNED).defer(
        "body", "document_text", "search_text"
    )
    latest = first_of_each_kind(signed, sorted(LOCAL_ACT_KINDS), "-signed_at", "-pk")
    # The e-signature regulation first: nothing else can be acknowledged electronically before it.
    return sorted(latest.values(), key=lambda o: o.kind != OrderKind.ESIGN_REGULATION)


def is_in_force(order: Order) -> bool:
    if order.kind not in LOCAL_ACT_KINDS or order.status != OrderStatus.SIGNED:
        return False
    return not Order.objects.filter(
        organization=order.organization_id,
        kind=order.kind,
        status=OrderStatus.SIGNED,
        signed_at__gt=order.signed_at,
    ).exists()


def _own_card(user: User, organization_id: int) -> StaffMember | None:
    return StaffMember.objects.filter(
        organization=organization_id, user=user, is_active=True, anonymized_at=None
    ).first()


def concerns(*, user: User, order: Order) -> StaffMember | None:
    """The user's staff card when ``order`` is a local act in force that concerns her."""
    if order.kind not in LOCAL_ACT_KINDS or not user.is_authenticated:
        return None
    if not RoleAssignment.objects.filter(
        user=user, organization=order.organization_id, role__in=CONCERNED_ROLES[order.kind]
    ).exists():
        return None
    if not is_in_force(order):
        return None
    return _own_card(user, order.organization_id)


def acts_to_acknowledge(
    *,
    user: User,
    organization: Organization,
    roles: frozenset[str] | None = None,
    acts: list[Order] | None = None,
    staff: StaffMember | None | bool = True,
) -> list[Order]:
    """Local acts in force that concern the user and that she has not acknowledged yet.

    ``roles`` (hers in the organization), ``acts`` (the acts in force) and ``staff`` (her staff
    card, or None) save their queries when the caller already has them.
    """
    if roles is None:
        roles = frozenset(
            RoleAssignment.objects.filter(user=user, organization=organization).values_list(
                "role", flat=True
            )
        )
    if acts is None:
        acts = acts_in_force(organization=organization)
    acts = [o for o in acts if roles & set(CONCERNED_ROLES[o.kind])]
    if not acts:
        return []
    done = set(
        OrderPerson.objects.filter(
            order__in=[o.pk for o in acts], staff__user=user, acknowledged_at__isnull=False
        ).values_list("order_id", flat=True)
    )
    waiting = [o for o in acts if o.pk not in done]
    if staff is True:
        staff = _own_card(user, organization.pk) if waiting else None
    if waiting and staff is None:
        return []  # without a staff card there is no line of the list to sign
    return waiting


def unacknowledged_count(*, organization: Organization) -> int:
    """How many people an act in force concerns who have not acknowledged it yet."""
    missing = 0
    for order in acts_in_force(organization=organization):
        done = OrderPerson.objects.filter(order=order, acknowledged_at__isnull=False).values(
            "staff"
        )
        missing += (
            concerned_staff(organization=organization, kind=order.kind).exclude(pk__in=done).count()
        )
    return missing


def list_link(*, order: Order, staff: StaffMember) -> OrderPerson:
    """The person's row on the act's acknowledgement list, added when she joined later."""
    link, _ = OrderPerson.objects.select_for_update().get_or_create(order=order, staff=staff)
    return link


@transaction.atomic
def signer_acquainted(order: Order) -> None:
    """The director who signs a local act is acquainted with it by her signature."""
    signer = order.signed_by
    card = _own_card(signer, order.organization_id) if signer is not None else None
    if card is None:
        return
    link = list_link(order=order, staff=card)
    if link.acknowledged_at is None:
        link.acknowledged_at = order.signed_at or timezone.now()
        link.acknowledged_ip = order.signed_ip
        link.save()  # no entry of its own: the «signed» entry is her acknowledgement


for _kind in LOCAL_ACT_KINDS:
    on_signed(_kind)(signer_acquainted)
