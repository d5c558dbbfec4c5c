"""What programs say about closing a pair (found by ``mentoring.services`` discovery)."""

from mentoring.services.pairs import pair_close_blockers
from programs.models import Program, ProgramStatus


@pair_close_blockers.register
def running_program_keeps_its_pair(pair) -> list[str]:
    """A pair whose approved program still runs is closed by finishing the program."""
    program = Program.objects.filter(
        pair_id=pair.pk, status__in=(ProgramStatus.APPROVED, ProgramStatus.IN_PROGRESS)
    ).first()
    if program is None:
        return []
    return [
        f"У пары идёт утверждённая программа «{program.title}»: пара завершится вместе с ней. "
        "Завершите программу или оформите её досрочное завершение."
    ]
