"""Helpers that put orders in a given state through the real services."""

from mentoring.models import StaffMember
from roadmap import services
from roadmap.models import Order, OrderKind
from tests.factories import PASSWORD


def staff_of(user, organization) -> StaffMember:
    return StaffMember.objects.get(organization=organization, user=user)


def draft(organization, author, kind=OrderKind.APPROVE_REGULATION, **kwargs) -> Order:
    return services.order_draft(organization=organization, kind=kind, author=author, **kwargs)


def sent(organization, author, kind=OrderKind.APPROVE_REGULATION, **kwargs) -> Order:
    order = draft(organization, author, kind, **kwargs)
    return services.order_send(order=order, actor=author)


def signed(organization, author, director, kind=OrderKind.APPROVE_REGULATION, **kwargs) -> Order:
    order = sent(organization, author, kind, **kwargs)
    return services.order_sign(order=order, signer=director, password=PASSWORD, ip="10.0.0.7")


def esign_in_force(organization, author, director, *acknowledging) -> Order:
    """Sign the e-signature regulation naming everyone it concerns; the director is acquainted
    by signing, the given users read it."""
    order = signed(organization, author, director, OrderKind.ESIGN_REGULATION)
    for user in acknowledging:
        services.order_acknowledge(order=order, user=user, ip="10.0.0.8")
    return order


def regulation_in_force(organization, author, director, *acknowledging) -> Order:
    """Sign the Положение о системе наставничества (the e-signature regulation must already be
    in force): the orders appointing mentors and fixing pairs are refused before it."""
    order = signed(organization, author, director, OrderKind.APPROVE_REGULATION)
    for user in acknowledging:
        services.order_acknowledge(order=order, user=user, ip="10.0.0.8")
    return order


def local_acts_in_force(organization, author, director, *acknowledging) -> tuple[Order, Order]:
    """Both local acts signed and acknowledged by the given users: what a kindergarten has
    before its first appointment order."""
    return (
        esign_in_force(organization, author, director, *acknowledging),
        regulation_in_force(organization, author, director, *acknowledging),
    )
