"""What a person's leaving does to programs (found by ``mentoring.leaving``'s discovery).

A running program of her pairs ends early at once (its pair closes with it), a change «досрочное
завершение» is recorded as accepted, and the order on it is drafted for the curator to send.
"""

from django.db.models import Q
from django.utils import timezone

from core.audit import log_action, status_data
from mentoring.leaving import Section, leaving_effects, leaving_previews
from mentoring.matching import OPEN_PAIR_STATUSES
from mentoring.models import StaffMember
from programs import services
from programs.models import (
    ChangeKind,
    ChangeStatus,
    EndReason,
    Program,
    ProgramChange,
    ProgramStatus,
)
from programs.orders import draft_leaving_end_order

RUNNING = (ProgramStatus.APPROVED, ProgramStatus.IN_PROGRESS)
# Changes still waiting for someone: nobody will answer them once the program has ended.
WAITING = (ChangeStatus.PROPOSED, ChangeStatus.AGREED)


def _running_programs(staff: StaffMember):
    return (
        Program.objects.filter(status__in=RUNNING, pair__status__in=OPEN_PAIR_STATUSES)
        .filter(Q(pair__mentors=staff) | Q(pair__mentees=staff))
        .distinct()
        .select_related("pair")
        .prefetch_related("pair__mentors", "pair__mentees")
        .order_by("pk")
    )


@leaving_previews.register
def programs_that_end(staff: StaffMember) -> list[Section]:
    programs = list(_running_programs(staff))
    if not programs:
        return []
    lines = []
    for program in programs:
        pair = program.pair
        lines.append(
            f"Программа «{program.heading}» ({program.get_status_display().lower()}) будет "
            f"завершена досрочно сегодня, а {pair} ({pair.participants_line}) — закрыта."
        )
    lines.append(
        "Для каждой программы будет подготовлен проект приказа «О досрочном завершении "
        "программы наставничества». Он появится на главной странице куратора: проверьте его и "
        "отправьте руководителю на подпись."
    )
    return [Section("Программы и приказы", lines, pair_ids=tuple(p.pair_id for p in programs))]


@leaving_effects.register
def end_running_programs(*, staff: StaffMember, actor, reason: str) -> None:
    """Each running program of her pairs ends early now; its order is drafted."""
    for program in _running_programs(staff):
        for waiting in program.changes.filter(status__in=WAITING):
            old = waiting.status
            waiting.status = ChangeStatus.REJECTED
            waiting.decision_comment = f"Программа завершена досрочно: {reason}."
            waiting.accepted_by, waiting.accepted_at = actor, timezone.now()
            waiting.save()
            log_action(
                waiting,
                "program_change.rejected",
                actor=actor,
                **status_data(old, ChangeStatus.REJECTED, ChangeStatus),
            )
        now = timezone.now()
        change = ProgramChange.objects.create(
            program=program,
            kind=ChangeKind.END,
            status=ChangeStatus.ACCEPTED,
            reason=f"Участник программы уволился: {reason}.",
            end_reason=EndReason.PARTICIPANT,
            proposed_by=actor,
            accepted_by=actor,
            accepted_at=now,
        )
        log_action(change, "program_change.accepted", actor=actor)
        services.program_end_on_leaving(program=program, actor=actor, who=reason)
        draft_leaving_end_order(change=change, author=actor, leaver=staff)
