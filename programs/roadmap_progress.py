"""Stage 6 (work of the pairs) and stage 7 (completion, cases) of the roadmap, from programs."""

from __future__ import annotations

from django.db.models import Case as CaseWhen
from django.db.models import Count, Exists, F, IntegerField, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone

from core.tally import Part, part, tally
from mentoring.models import Pair, PairStatus
from programs.models import Case, Meeting, PlanRow, Program, ProgramStatus, RowStatus
from roadmap import stages

S = ProgramStatus
RUNNING = (S.APPROVED, S.IN_PROGRESS)
FINISHED = (S.COMPLETED, S.ENDED_EARLY)
OPEN_ROWS = (RowStatus.PLANNED, RowStatus.MOVED)


def _programs(organization, cycle):
    qs = Program.objects.filter(organization=organization)
    if cycle is not None:
        qs = qs.filter(starts_on__lte=cycle.ends_on, ends_on__gte=cycle.starts_on)
    return qs


def _rows_of_program(of_programs: Q, **conditions) -> CaseWhen:
    """How many plan events of the outer program match ``conditions``, as a subquery asked only
    for the programs ``of_programs`` selects (0 for the others)."""
    rows = (
        PlanRow.objects.filter(program=OuterRef("pk"), **conditions)
        .order_by()
        .values("program")
        .annotate(n=Count("pk"))
        .values("n")
    )
    counted = Coalesce(Subquery(rows, output_field=IntegerField()), 0)
    return CaseWhen(When(of_programs, then=counted), default=Value(0), output_field=IntegerField())


def figures(organization, cycle) -> list[Part]:
    """What stages 6 and 7 count (``roadmap.stages.figures``): the cycle's programs by status,
    whether each has meetings, a case, a published case and is past its end, with its plan
    events due by today, done in time and overdue; and the fixed pairs without a program.

    The plan events are counted program by program (a subquery per program on the plan rows'
    index), not by joining the plan rows of the whole organization: the database reads only the
    cycle's events, however many earlier years it keeps. A pair's program is looked up in the
    programs' unique index, pair by pair, for the same reason.
    """
    today = timezone.localdate()
    of_program = OuterRef("pk")
    running, approved = Q(status__in=RUNNING), Q(status__in=(*RUNNING, *FINISHED))
    return [
        part(
            "programs:programs",
            _programs(organization, cycle),
            group="status",
            # Each look-up only for the programs whose status it is counted for.
            silent=running & ~Exists(Meeting.objects.filter(program=of_program)),
            case=Exists(Case.objects.filter(program=of_program)),
            published=Exists(Case.objects.filter(program=of_program, is_published=True)),
            late=Q(ends_on__lt=today),
            sums={
                "due": _rows_of_program(approved, deadline__lte=today),
                "on_time": _rows_of_program(
                    approved,
                    deadline__lte=today,
                    status=RowStatus.DONE,
                    done_on__lte=F("deadline"),
                ),
                "overdue": _rows_of_program(running, status__in=OPEN_ROWS, deadline__lt=today),
            },
        ),
        part(
            "programs:fixed pairs",
            Pair.objects.filter(
                organization=organization, status__in=(PairStatus.FIXED, PairStatus.ACTIVE)
            ),
            without_program=~Exists(Program.objects.filter(pair=OuterRef("pk"))),
        ),
    ]


def _counts(organization, cycle) -> dict:
    """The figures of stages 6 and 7 from the roadmap's one query (all programs without a
    cycle, in a query of their own)."""
    if cycle is None:
        key = ("programs", organization.pk, None)
        found = stages.shared(key, lambda: tally(*figures(organization, None)))
    else:
        found = stages.figures(organization, cycle)
    approved = (*RUNNING, *FINISHED)
    name = "programs:programs"
    return {
        "by_status": found.groups(name),
        "running": found.count(name, group=RUNNING),
        "silent": found.count(name, group=RUNNING, silent=True),
        "late_running": found.count(name, group=RUNNING, late=True),
        "finished": found.count(name, group=FINISHED),
        "cases": found.count(name, group=FINISHED, case=True),
        "published": found.count(name, group=FINISHED, published=True),
        # Plan events of approved programs (running or finished); overdue only while running.
        "plan_due": found.total(name, "due", group=approved),
        "plan_on_time": found.total(name, "on_time", group=approved),
        "plan_overdue": found.total(name, "overdue", group=RUNNING),
        "without_program": found.count("programs:fixed pairs", without_program=True),
    }


def stage_6(organization, cycle) -> list:
    """Programs written, agreed, approved; meetings logged; plan events done in time."""
    url = reverse("programs:program-list")
    c = _counts(organization, cycle)
    counts = c["by_status"]
    total = sum(counts.values())
    without = c["without_program"]
    agreed = total - counts.get(S.DRAFT, 0)
    approved = sum(counts.get(s, 0) for s in (*RUNNING, *FINISHED))
    silent = c["silent"]
    on_time, due, overdue = c["plan_on_time"], c["plan_due"], c["plan_overdue"]
    return [
        stages.Check(
            "Персонализированные программы написаны для всех закреплённых пар",
            bool(total) and without == 0,
            f"программ: {total}, пар без программы: {without}",
            url,
        ),
        stages.Check(
            "Программы согласованы наставниками и наставляемыми",
            bool(total) and agreed == total,
            f"согласовано {agreed} из {total}",
            url + "?status=draft",
        ),
        stages.Check(
            "Программы утверждены приказом руководителя",
            bool(total) and approved == total,
            f"утверждено {approved} из {total}",
            url + "?status=reviewed",
        ),
        stages.Check(
            "Встречи пар записываются в журнал",
            c["running"] > 0 and silent == 0,
            f"программ без встреч: {silent}",
            url + "?status=in_progress",
        ),
        stages.Check(
            "Мероприятия планов выполняются в срок",
            bool(due) and on_time == due,
            f"выполнено в срок: {on_time} из {due}, просрочено: {overdue}",
            url + "?status=in_progress",
        ),
    ]


def stage_7(organization, cycle) -> list:
    """Programs completed, their cases prepared and the best ones marked for publication."""
    url = reverse("programs:program-list")
    c = _counts(organization, cycle)
    n_finished, n_cases, published = c["finished"], c["cases"], c["published"]
    overdue_running = c["late_running"]
    return [
        stages.Check(
            "Программы завершены в срок",
            bool(n_finished) and overdue_running == 0,
            f"завершено: {n_finished}, не завершено после окончания срока: {overdue_running}",
            url + "?status=completed",
        ),
        stages.Check(
            "Кейсы завершённых программ подготовлены",
            bool(n_finished) and n_cases == n_finished,
            f"кейсов: {n_cases} из {n_finished}",
            url + "?status=completed",
        ),
        stages.Check(
            "Лучшие кейсы отмечены к публикации (с согласия участников)",
            published > 0,
            f"отмечено к публикации: {published}",
            url + "?status=completed",
        ),
    ]


# The groups of tables these checks read (``roadmap.stages.checks_of`` keeps them until one
# changes).
READS = ("mentoring", "programs")

FIGURES = figures
PROGRESS = {6: stage_6, 7: stage_7}
