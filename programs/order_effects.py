"""What signing the director's orders about programs does (imported by roadmap's AppConfig).

* «Об утверждении персонализированных программ наставничества»: reviewed → approved/in progress;
  each program (note and plan) is annexed to the signed order.
* «Об изменении (продлении) программы» and «О досрочном завершении программы»: the accepted
  change is applied (new end date, or the program ends with the reason of seed 002, 8.1).
"""

from programs import services
from programs.models import ChangeStatus, Program, ProgramChange, ProgramStatus
from roadmap import effects
from roadmap.models import OrderKind

on_signed, on_validate = effects.on_signed, effects.on_validate


@effects.annexes(OrderKind.APPROVE_PROGRAMS)
def approved_programs(order) -> list[effects.Annex]:
    """Each approved program (note and plan) inside the signed order, one annex each."""
    from programs.pdf import program_annex_html

    # In the order the text lists them: «(приложение N)» there matches the annex here.
    listed = list(order.subjects.order_by("pk").values_list("object_id", flat=True))
    programs = (
        order.subjects_of(Program)
        .select_related("pair")
        .prefetch_related("pair__mentors", "pair__mentees", "pair__forms", "rows")
    )
    return [
        effects.Annex(
            title=f"Персонализированная программа наставничества «{p.heading}»",
            html=program_annex_html(p),
            approved="УТВЕРЖДЕНА",  # the program: the approval stamp in the upper right corner
        )
        for p in sorted(programs, key=lambda p: listed.index(p.pk))
    ]


@on_validate(OrderKind.APPROVE_PROGRAMS)
def approve_programs_problems(order) -> list[str]:
    programs = list(order.subjects_of(Program))
    if not programs:
        return ["В приказе нет ни одной программы: добавьте проверенные куратором программы."]
    return [
        f"Программа «{p}» не проверена куратором (сейчас: {p.get_status_display().lower()})."
        for p in programs
        if p.status != ProgramStatus.REVIEWED
    ]


@on_signed(OrderKind.APPROVE_PROGRAMS)
def approve_programs(order) -> None:
    services.programs_approve(order=order, programs=list(order.subjects_of(Program)))


def _changes_problems(order) -> list[str]:
    changes = list(order.subjects_of(ProgramChange))
    if not changes:
        return ["В приказе нет изменения программы, принятого куратором."]
    return [
        f"Изменение «{c}» ещё не принято куратором."
        for c in changes
        if c.status != ChangeStatus.ACCEPTED
    ]


def _apply_changes(order) -> None:
    for change in order.subjects_of(ProgramChange):
        services.program_change_apply(order=order, change=change)


on_validate(OrderKind.CHANGE_PROGRAM)(_changes_problems)
on_validate(OrderKind.END_PROGRAM)(_changes_problems)
on_signed(OrderKind.CHANGE_PROGRAM)(_apply_changes)
on_signed(OrderKind.END_PROGRAM)(_apply_changes)
