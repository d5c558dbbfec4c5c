"""Drafts of the director's orders about programs, through ``roadmap.services.order_draft``."""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from core.audit import log_action
from core.models import Role
from core.notifications import role_holders
from programs.models import ChangeKind, ChangeStatus, EndReason, Program, ProgramChange
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


WITHDRAWAL_REASON = (
    "Участник отозвал согласие на обработку персональных данных: программа завершена досрочно "
    "в день отзыва (часть 2 статьи 9 Федерального закона № 152-ФЗ «О персональных данных»)."
)


def draft_withdrawal_order(*, program: Program, actor):
    """The order on an early end that a withdrawal already made («приказ оформляется после»):
    an accepted change of kind «end» and its order draft, by the organization's curator (or by
    whoever withdrew, when there is no curator). Signing it records the order on the program."""
    curators = role_holders(program.organization, Role.CURATOR)
    author = curators[0] if curators else actor
    if author is None:
        return None
    now = timezone.now()
    change = ProgramChange.objects.create(
        program=program,
        kind=ChangeKind.END,
        status=ChangeStatus.ACCEPTED,
        reason=WITHDRAWAL_REASON,
        end_reason=EndReason.PARTICIPANT,
        proposed_by=author,
        accepted_by=author,
        accepted_at=now,
    )
    log_action(change, "program_change.accepted", actor=actor)
    return draft_change_order(change=change, author=author)


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
