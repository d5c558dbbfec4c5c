"""Roadmap stage 7 reads its monitoring checks from here (see CONTRIBUTING, Cycle).

``cycle`` is roadmap's ``Cycle`` (``starts_on``, ``ends_on``); any object with those dates works.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone

from core.tally import Part, part
from monitoring.models import (
    CycleReport,
    Moment,
    ResponseStatus,
    SurveyAssignment,
    SurveyKind,
    SurveyResponse,
)
from roadmap import stages
from roadmap.stages import Check


def _bounds(cycle) -> tuple[dt.datetime, dt.datetime]:
    start = timezone.make_aware(dt.datetime.combine(cycle.starts_on, dt.time.min))
    end = timezone.make_aware(
        dt.datetime.combine(cycle.ends_on + dt.timedelta(days=1), dt.time.min)
    )
    return start, end


def _answered(organization, cycle, moment: str, *, kinds=None) -> tuple[int, int]:
    """(asked, answered) over the assignments of this moment made during the cycle."""
    start, end = _bounds(cycle)
    assignments = SurveyAssignment.objects.filter(
        organization=organization, moment=moment, created_at__gte=start, created_at__lt=end
    )
    if kinds:
        assignments = assignments.filter(version__template__kind__in=kinds)
    counts = assignments.aggregate(
        asked=Count("responses"),
        answered=Count("responses", filter=Q(responses__status=ResponseStatus.SUBMITTED)),
    )
    return counts["asked"], counts["answered"]


def _survey_check(label: str, asked: int, answered: int) -> Check:
    return Check(
        label=label,
        done=asked > 0 and answered == asked,
        detail=f"ответили {answered} из {asked}" if asked else "анкеты ещё не назначены",
        url=reverse("monitoring:assignment-list"),
    )


def stage_work(organization, cycle) -> list[Check]:
    asked, answered = _answered(organization, cycle, Moment.BEFORE)
    mid_asked, mid_answered = _answered(organization, cycle, Moment.INTERMEDIATE)
    return [
        _survey_check("Входное анкетирование участников (до программы)", asked, answered),
        _survey_check("Промежуточный мониторинг", mid_asked, mid_answered),
    ]


def _report_year(cycle) -> int:
    return cycle.starts_on.year if cycle.starts_on.month >= 9 else cycle.starts_on.year - 1


def figures(organization, cycle) -> list[Part]:
    """What stage 7 counts (``roadmap.stages.figures``): the answers to the final surveys of the
    cycle, submitted or not, satisfaction or not; and whether the report has its conclusions."""
    start, end = _bounds(cycle)
    satisfaction = (SurveyKind.SATISFACTION_MENTEE, SurveyKind.SATISFACTION_MENTOR)
    return [
        part(
            "monitoring:final answers",
            SurveyResponse.objects.filter(
                assignment__organization=organization,
                assignment__moment=Moment.AFTER,
                assignment__created_at__gte=start,
                assignment__created_at__lt=end,
            ),
            submitted=Q(status=ResponseStatus.SUBMITTED),
            satisfaction=Q(assignment__version__template__kind__in=satisfaction),
        ),
        part(
            "monitoring:written reports",
            CycleReport.objects.filter(
                organization=organization, year_start=_report_year(cycle)
            ).exclude(conclusions=""),
        ),
    ]


def stage_completion(organization, cycle) -> list[Check]:
    found = stages.figures(organization, cycle)
    answers = "monitoring:final answers"
    year_start = _report_year(cycle)
    written = found.count("monitoring:written reports") > 0
    return [
        _survey_check(
            "Итоговое анкетирование (после программы)",
            found.count(answers),
            found.count(answers, submitted=True),
        ),
        _survey_check(
            "Удовлетворённость наставников и наставляемых",
            found.count(answers, satisfaction=True),
            found.count(answers, satisfaction=True, submitted=True),
        ),
        Check(
            label="Итоговый аналитический отчёт с выводами куратора",
            done=written,
            detail="выводы написаны" if written else "выводы ещё не написаны",
            url=reverse("monitoring:report-detail") + f"?year={year_start}",
        ),
    ]


# Stage 6 belongs to the programs app; ``stage_work`` (entry and intermediate surveys) is ready
# for it to add to its own checks. This issue makes stage 7 live.
# The groups of tables these checks read (``roadmap.stages.checks_of`` keeps them until one
# changes).
READS = ("monitoring",)

FIGURES = figures
PROGRESS = {7: stage_completion}
