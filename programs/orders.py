"""Drafts of the director's orders about programs, through the orders app when it is present.

The roadmap app (branch ``orders``) provides ``roadmap.services.order_draft``; until it is merged
these functions return None and the program waits for the order.
"""

from __future__ import annotations

from collections.abc import Iterable

from programs.models import ChangeKind, Program, ProgramChange

APPROVE_PROGRAMS, CHANGE_PROGRAM, END_PROGRAM = "approve_programs", "change_program", "end_program"


def orders_available() -> bool:
    try:
        from roadmap import services  # noqa: F401

        return hasattr(services, "order_draft")
    except ImportError:
        return False


def participants(programs: Iterable[Program]) -> list:
    people = []
    for program in programs:
        people.extend(program.pair.mentors.all())
        people.extend(program.pair.mentees.all())
    return people


def _draft(*, organization, kind: str, author, subjects, people, refers_to=None):
    if not orders_available():
        return None
    from roadmap.models import OrderKind
    from roadmap.services import order_draft

    return order_draft(
        organization=organization,
        kind=OrderKind(kind),
        author=author,
        subjects=subjects,
        people=people,
        refers_to=refers_to,
    )


def draft_approval_order(*, organization, programs: list[Program], author):
    """«Об утверждении персонализированных программ наставничества» for reviewed programs."""
    return _draft(
        organization=organization,
        kind=APPROVE_PROGRAMS,
        author=author,
        subjects=programs,
        people=participants(programs),
    )


def draft_change_order(*, change: ProgramChange, author):
    """An extension/shortening or an early end produces the matching order draft."""
    kind = END_PROGRAM if change.kind == ChangeKind.END else CHANGE_PROGRAM
    program = change.program
    return _draft(
        organization=program.organization,
        kind=kind,
        author=author,
        subjects=[change],
        people=participants([program]),
    )


def programs_waiting_for_an_order(programs):
    """Reviewed programs not yet named in an unsigned approval order (so none is drafted twice)."""
    if not orders_available():
        return programs
    from django.contrib.contenttypes.models import ContentType

    from roadmap.models import OrderKind, OrderStatus, OrderSubject

    taken = OrderSubject.objects.filter(
        content_type=ContentType.objects.get_for_model(Program),
        order__kind=OrderKind.APPROVE_PROGRAMS,
        order__status__in=(OrderStatus.DRAFT, OrderStatus.SENT, OrderStatus.RETURNED),
    ).values("object_id")
    return programs.exclude(pk__in=taken)


def pending_approval_order(organization):
    """The unsigned approval order of the organization, if the curator already prepared one."""
    if not orders_available():
        return None
    from roadmap.models import Order, OrderKind, OrderStatus

    return (
        Order.objects.filter(
            organization=organization,
            kind=OrderKind.APPROVE_PROGRAMS,
            status__in=(OrderStatus.DRAFT, OrderStatus.SENT, OrderStatus.RETURNED),
        )
        .order_by("-pk")
        .first()
    )
