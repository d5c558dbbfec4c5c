"""Drafts of the director's orders about programs, through ``roadmap.services.order_draft``."""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.contenttypes.models import ContentType

from programs.models import ChangeKind, Program, ProgramChange
from roadmap.models import Order, OrderKind, OrderStatus, OrderSubject
from roadmap.services import order_draft

APPROVE_PROGRAMS, CHANGE_PROGRAM, END_PROGRAM = "approve_programs", "change_program", "end_program"


def participants(programs: Iterable[Program]) -> list:
    people = []
    for program in programs:
        people.extend(program.pair.mentors.all())
        people.extend(program.pair.mentees.all())
    return people


def _draft(*, organization, kind: str, author, subjects, people, refers_to=None):
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
