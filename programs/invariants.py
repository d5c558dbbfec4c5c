"""Invariants of programs (see mentoring/invariants.py)."""

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from core.invariants import Violation, invariant
from mentoring.invariants import FIXED_STATUSES
from mentoring.models import PairStatus
from programs.models import PlanRow, Program, ProgramStatus, RowStatus
from roadmap.models import Order, OrderKind, OrderStatus

FINISHED = (ProgramStatus.COMPLETED, ProgramStatus.ENDED_EARLY)
RUNNING = (ProgramStatus.APPROVED, ProgramStatus.IN_PROGRESS)


def _programs(organizations, **filters):
    return Program.objects.filter(organization__in=organizations, **filters).only(
        "pk", "organization_id", "title", "status", "starts_on", "finished_at", "pair_id"
    )


@invariant("Завершённая или досрочно завершённая программа закрывает свою пару.")
def finished_program_closes_its_pair(organizations):
    rows = _programs(organizations, status__in=FINISHED).exclude(pair__status=PairStatus.CLOSED)
    for program in rows:
        yield Violation(
            program.organization_id,
            "finished_program_closes_its_pair",
            f"Программа «{program.title}» завершена, а её пара ещё не завершена.",
            program.get_absolute_url(),
        )


@invariant("Утверждённая или реализуемая программа принадлежит закреплённой паре.")
def running_program_has_fixed_pair(organizations):
    rows = _programs(organizations, status__in=RUNNING).exclude(pair__status__in=FIXED_STATUSES)
    for program in rows:
        yield Violation(
            program.organization_id,
            "running_program_has_fixed_pair",
            f"Программа «{program.title}» утверждена, а её пара не закреплена приказом.",
            program.get_absolute_url(),
        )


@invariant(
    "Программа завершается не раньше своего начала, когда каждое мероприятие выполнено, "
    "перенесено или отменено."
)
def completed_program_is_complete(organizations):
    open_rows = PlanRow.objects.filter(program=OuterRef("pk"), status=RowStatus.PLANNED)
    rows = _programs(organizations, status=ProgramStatus.COMPLETED).annotate(
        has_open=Exists(open_rows)
    )
    for program in rows:
        finished = timezone.localdate(program.finished_at) if program.finished_at else None
        if finished is not None and finished < program.starts_on:
            yield Violation(
                program.organization_id,
                "completed_before_start",
                f"Программа «{program.title}» завершена {finished:%d.%m.%Y}, раньше своего "
                f"начала {program.starts_on:%d.%m.%Y}.",
                program.get_absolute_url(),
            )
        if program.has_open:
            yield Violation(
                program.organization_id,
                "completed_with_open_rows",
                f"Программа «{program.title}» завершена, а в её плане остались "
                "запланированные мероприятия.",
                program.get_absolute_url(),
            )


@invariant("Приказ, на который ссылается программа, есть в реестре приказов.")
def cited_order_exists(organizations):
    signed = Order.objects.filter(
        organization=OuterRef("organization"),
        kind=OrderKind.APPROVE_PROGRAMS,
        status=OrderStatus.SIGNED,
        number_text=OuterRef("approval_order_number"),
    )
    rows = (
        _programs(organizations)
        .exclude(Q(approval_order_number="") | Q(approval_order_number__isnull=True))
        .only("approval_order_number")
        .annotate(in_register=Exists(signed))
        .filter(in_register=False)
    )
    for program in rows:
        yield Violation(
            program.organization_id,
            "cited_order_exists",
            f"Программа «{program.title}» ссылается на приказ № {program.approval_order_number}, "
            "которого нет в реестре.",
            program.get_absolute_url(),
        )
