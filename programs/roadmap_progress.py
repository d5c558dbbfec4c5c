"""Stage 6 (work of the pairs) and stage 7 (completion, cases) of the roadmap, from programs."""

from __future__ import annotations

from django.db.models import Count, Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone

from mentoring.models import Pair, PairStatus
from programs.models import Case, Meeting, PlanRow, Program, ProgramStatus, RowStatus
from programs.selectors import plan_events_on_time
from roadmap import stages

S = ProgramStatus
RUNNING = (S.APPROVED, S.IN_PROGRESS)
FINISHED = (S.COMPLETED, S.ENDED_EARLY)


def _programs(organization, cycle):
    qs = Program.objects.filter(organization=organization)
    if cycle is not None:
        qs = qs.filter(starts_on__lte=cycle.ends_on, ends_on__gte=cycle.starts_on)
    return qs


def stage_6(organization, cycle) -> list:
    """Programs written, agreed, approved; meetings logged; plan events done in time."""
    url = reverse("programs:program-list")
    programs = _programs(organization, cycle)
    counts = dict(programs.values_list("status").annotate(n=Count("pk")).order_by())
    total = sum(counts.values())
    without = Pair.objects.filter(
        organization=organization,
        status__in=(PairStatus.FIXED, PairStatus.ACTIVE),
        program__isnull=True,
    ).count()
    agreed = total - counts.get(S.DRAFT, 0)
    approved = sum(counts.get(s, 0) for s in (*RUNNING, *FINISHED))
    running = programs.filter(status__in=RUNNING)
    silent = running.exclude(Exists(Meeting.objects.filter(program=OuterRef("pk")))).count()
    rows = PlanRow.objects.filter(program__in=programs.filter(status__in=(*RUNNING, *FINISHED)))
    on_time, due = plan_events_on_time(rows.filter(deadline__lte=timezone.localdate()))
    totals = rows.aggregate(
        overdue=Count(
            "pk",
            filter=Q(
                program__status__in=RUNNING,
                status__in=(RowStatus.PLANNED, RowStatus.MOVED),
                deadline__lt=timezone.localdate(),
            ),
        ),
    )
    overdue = totals["overdue"]
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
            running.exists() and silent == 0,
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
    programs = _programs(organization, cycle)
    finished = programs.filter(status__in=FINISHED)
    n_finished = finished.count()
    cases = Case.objects.filter(program__in=finished)
    n_cases = cases.count()
    published = cases.filter(is_published=True).count()
    overdue_running = programs.filter(
        Q(status__in=RUNNING), ends_on__lt=timezone.localdate()
    ).count()
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
