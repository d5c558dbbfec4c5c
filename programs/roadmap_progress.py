"""Stage 6 (work of the pairs) and stage 7 (completion, cases) of the roadmap, from programs."""

from __future__ import annotations

from django.db.models import Count, Exists, F, IntegerField, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone

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


def _rows_of_program(**conditions) -> Coalesce:
    """How many plan events of the outer program match ``conditions``, as a subquery."""
    rows = (
        PlanRow.objects.filter(program=OuterRef("pk"), **conditions)
        .order_by()
        .values("program")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(rows, output_field=IntegerField()), 0)


def _program_counts(organization, cycle) -> dict:
    """The cycle's programs by status, with meetings, cases, lateness and their plan events (due
    by today, done in time, overdue): one grouped query over the cycle's programs.

    The plan events are counted program by program (a subquery per program on the plan rows'
    index), not by joining the plan rows of the whole organization: the database reads only the
    cycle's events, however many earlier years it keeps.
    """
    today = timezone.localdate()
    rows = (
        _programs(organization, cycle)
        .order_by()
        .values("status")
        .annotate(
            n=Count("pk"),
            silent=Count("pk", filter=~Q(Exists(Meeting.objects.filter(program=OuterRef("pk"))))),
            cases=Count("pk", filter=Q(Exists(Case.objects.filter(program=OuterRef("pk"))))),
            published=Count(
                "pk",
                filter=Q(Exists(Case.objects.filter(program=OuterRef("pk"), is_published=True))),
            ),
            late=Count("pk", filter=Q(ends_on__lt=today)),
            due=Sum(_rows_of_program(deadline__lte=today)),
            on_time=Sum(
                _rows_of_program(
                    deadline__lte=today, status=RowStatus.DONE, done_on__lte=F("deadline")
                )
            ),
            overdue=Sum(_rows_of_program(status__in=OPEN_ROWS, deadline__lt=today)),
        )
    )
    by_status = {row["status"]: row for row in rows}

    def total(key: str, statuses) -> int:
        return sum(by_status[s][key] or 0 for s in statuses if s in by_status)

    return {
        "by_status": {status: row["n"] for status, row in by_status.items()},
        "running": total("n", RUNNING),
        "silent": total("silent", RUNNING),
        "late_running": total("late", RUNNING),
        "finished": total("n", FINISHED),
        "cases": total("cases", FINISHED),
        "published": total("published", FINISHED),
        # Plan events of approved programs (running or finished); overdue only while running.
        "plan_due": total("due", (*RUNNING, *FINISHED)),
        "plan_on_time": total("on_time", (*RUNNING, *FINISHED)),
        "plan_overdue": total("overdue", RUNNING),
    }


def _counts(organization, cycle) -> dict:
    key = ("programs", organization.pk, cycle.pk if cycle is not None else None)
    return stages.shared(key, lambda: _program_counts(organization, cycle))


def _pairs_without_program(organization) -> int:
    """Fixed and working pairs without a program: one look-up per such pair in the programs'
    unique index (as a filter of the count, so the database never reads every program)."""
    return Pair.objects.filter(
        organization=organization, status__in=(PairStatus.FIXED, PairStatus.ACTIVE)
    ).aggregate(n=Count("pk", filter=~Q(Exists(Program.objects.filter(pair=OuterRef("pk"))))))["n"]


def stage_6(organization, cycle) -> list:
    """Programs written, agreed, approved; meetings logged; plan events done in time."""
    url = reverse("programs:program-list")
    c = _counts(organization, cycle)
    counts = c["by_status"]
    total = sum(counts.values())
    without = _pairs_without_program(organization)
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


PROGRESS = {6: stage_6, 7: stage_7}
