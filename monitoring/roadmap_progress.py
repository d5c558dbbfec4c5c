"""Roadmap stage 7 reads its monitoring checks from here (see CONTRIBUTING, Cycle).

``cycle`` is roadmap's ``Cycle`` (``starts_on``, ``ends_on``); any object with those dates works.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone

from monitoring.models import CycleReport, Moment, ResponseStatus, SurveyAssignment, SurveyKind
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


def _after_counts(organization, cycle) -> dict:
    """Final surveys of the cycle, all and the satisfaction ones: asked and answered, at once."""
    start, end = _bounds(cycle)
    satisfaction = Q(
        version__template__kind__in=(SurveyKind.SATISFACTION_MENTEE, SurveyKind.SATISFACTION_MENTOR)
    )
    submitted = Q(responses__status=ResponseStatus.SUBMITTED)
    return SurveyAssignment.objects.filter(
        organization=organization, moment=Moment.AFTER, created_at__gte=start, created_at__lt=end
    ).aggregate(
        asked=Count("responses"),
        answered=Count("responses", filter=submitted),
        sat_asked=Count("responses", filter=satisfaction),
        sat_answered=Count("responses", filter=satisfaction & submitted),
    )


def stage_completion(organization, cycle) -> list[Check]:
    c = _after_counts(organization, cycle)
    year_start = cycle.starts_on.year if cycle.starts_on.month >= 9 else cycle.starts_on.year - 1
    written = (
        CycleReport.objects.filter(organization=organization, year_start=year_start)
        .exclude(conclusions="")
        .exists()
    )
    return [
        _survey_check("Итоговое анкетирование (после программы)", c["asked"], c["answered"]),
        _survey_check(
            "Удовлетворённость наставников и наставляемых", c["sat_asked"], c["sat_answered"]
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
PROGRESS = {7: stage_completion}
