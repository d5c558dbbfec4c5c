"""Drafts of the director's orders about programs, through ``roadmap.services.order_draft``."""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.contenttypes.models import ContentType

from programs.models import ChangeKind, Program, ProgramChange
from roadmap.models import Order, OrderKind, OrderStatus, OrderSubject
from roadmap.services import order_draft


def participants(programs: Iterable[Program]) -> list:
    people = []
    for program in programs:
        people.extend(program.pair.mentors.all())
        people.extend(program.pair.mentees.all())
    return people


def draft_approval_order(*, organization, programs: list[Program], author):
    """«Об утверждении персонализированных программ наставничества» for reviewed programs."""
    return order_draft(
        organization=organization,
        kind=OrderKind.APPROVE_PROGRAMS,
        author=author,
        subjects=programs,
        people=participants(programs),
    )


def draft_change_order(*, change: ProgramChange, author):
    """An extension/shortening or an early end produces the matching order draft."""
    kind = OrderKind.END_PROGRAM if change.kind == ChangeKind.END else OrderKind.CHANGE_PROGRAM
    program = change.program
    return order_draft(
        organization=program.organization,
        kind=kind,
        author=author,
        subjects=[change],
        people=participants([program]),
    )


def draft_leaving_end_order(*, change: ProgramChange, author, leaver):
    """The order on a program ended because ``leaver`` left; she is not on its list to read it."""
    program = change.program
    return order_draft(
        organization=program.organization,
        kind=OrderKind.END_PROGRAM,
        author=author,
        subjects=[change],
        people=[p for p in participants([program]) if p.pk != leaver.pk],
    )


def programs_waiting_for_an_order(programs):
    """Reviewed programs not yet named in an unsigned approval order (so none is drafted twice)."""
    taken = OrderSubject.objects.filter(
        content_type=ContentType.objects.get_for_model(Program),
        order__kind=OrderKind.APPROVE_PROGRAMS,
        order__status__in=(OrderStatus.DRAFT, OrderStatus.SENT, OrderStatus.RETURNED),
    ).values("object_id")
    return programs.exclude(pk__in=taken)


def pending_approval_order(organization):
    """The unsigned approval order of the organization, if the curator already prepared one."""
    return (
        Order.objects.filter(
            organization=organization,
            kind=OrderKind.APPROVE_PROGRAMS,
            status__in=(OrderStatus.DRAFT, OrderStatus.SENT, OrderStatus.RETURNED),
        )
        .order_by("-pk")
        .first()
    )
