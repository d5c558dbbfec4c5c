"""The program document (seeds 000/001) and the case (seed 004) as PDF bytes."""

from itertools import groupby

from django.template.loader import render_to_string

from core.pdf import render_pdf
from mentoring.models import Direction
from programs.models import Case, Program
from programs.selectors import progress_of

_DIRECTION_ORDER = {value: n for n, value in enumerate(Direction.values)}


def program_context(program: Program) -> dict:
    """What the program document shows: the note, the plan by directions, the people."""
    rows = sorted(program.rows.all(), key=lambda r: (r.position, r.pk))
    by_direction = sorted(
        rows, key=lambda r: (_DIRECTION_ORDER.get(r.direction, 99), r.position, r.pk)
    )
    for number, row in enumerate(by_direction, start=1):
        row.number = number
    plan = [
        (Direction(direction).label, list(items))
        for direction, items in groupby(by_direction, key=lambda r: r.direction)
    ]
    return {
        "program": program,
        "mentors": list(program.pair.mentors.all()),
        "mentees": list(program.pair.mentees.all()),
        "forms": list(program.pair.forms.all()),
        "plan": plan,
        "progress": progress_of(rows),
    }


def program_pdf(program: Program) -> bytes:
    return render_pdf("pdf/programs/program.html", program_context(program))


def program_annex_html(program: Program) -> str:
    """The note and the plan as an annex of the order approving the program."""
    return render_to_string(
        "pdf/programs/_note_and_plan.html", {**program_context(program), "page_breaks": False}
    )


def case_pdf(case: Case) -> bytes:
    program = case.program
    return render_pdf(
        "pdf/programs/case.html",
        {"case": case, "program": program, "rows": list(program.rows.all())},
    )
