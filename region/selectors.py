"""Reads for the municipality: stalled pairs, overdue events, summaries, totals and trends.

Stalled pair (seed 002, the curator's duty to follow the pairs): a pair fixed by an order or
working (status «Закреплена приказом» or «Работает») whose last activity is more than
``STALLED_AFTER_DAYS`` days before today. Its last activity is the latest of: a meeting held
(not a future one), a change of a plan row of its program, the start of its program, the day
it was fixed, the day it was created. A pair last active exactly 21 days ago is not stalled;
22 days ago it is.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db.models import (
    Count,
    DateField,
    F,
    FloatField,
    Func,
    IntegerField,
    Max,
    Q,
    QuerySet,
    Subquery,
    Sum,
)
from django.db.models.functions import Cast, Coalesce, Greatest, NullIf
from django.db.models.sql.where import WhereNode
from django.utils import timezone

from core.cache import shared_cached
from core.models import Municipality, Organization
from core.text import fold
from mentoring.models import (
    MenteeProfile,
    MenteeStatus,
    MentorProfile,
    MentorStatus,
    Pair,
    PairStatus,
)
from monitoring.models import Measure
from programs.models import PlanRow, ProgramStatus, RowStatus
from region.models import LateStage, OrganizationSummary
from roadmap.stages import STAGES

STALLED_AFTER_DAYS = 21
WORKING = (PairStatus.FIXED, PairStatus.ACTIVE)
PENDING_ROWS = (RowStatus.PLANNED, RowStatus.MOVED)
# Mentors in the bank who can take a pair: selected, trained or appointed.
MENTORS_IN_WORK = (MentorStatus.SELECTED, MentorStatus.TRAINED, MentorStatus.ACTIVE)
WITHOUT_PAIR = (MenteeStatus.NEW, MenteeStatus.WITHOUT_PAIR)


def _day(expression):
    return Cast(expression, DateField())


def pairs_with_last_activity(today: dt.date | None = None) -> QuerySet[Pair]:
    """Working pairs annotated with ``last_activity`` (a date), as the module docstring says."""
    today = today or timezone.localdate()
    created = _day("created_at")
    return (
        Pair.objects.filter(status__in=WORKING)
        .annotate(
            last_meeting=Max(
                "program__meetings__held_on", filter=Q(program__meetings__held_on__lte=today)
            ),
            last_row=Max(_day("program__rows__updated_at")),
        )
        .annotate(
            last_activity=Greatest(
                Coalesce("last_meeting", created),
                Coalesce("last_row", created),
                Coalesce(_day("program__started_at"), created),
                Coalesce(_day("fixed_at"), created),
                created,
            )
        )
    )


def stalled_pairs(today: dt.date | None = None) -> QuerySet[Pair]:
    """Working pairs without a meeting or plan activity for more than 21 days."""
    today = today or timezone.localdate()
    limit = today - dt.timedelta(days=STALLED_AFTER_DAYS)
    return pairs_with_last_activity(today).filter(last_activity__lt=limit)


def overdue_rows(today: dt.date | None = None) -> QuerySet[PlanRow]:
    """Plan events of programs in progress whose deadline passed and that are not done."""
    today = today or timezone.localdate()
    return PlanRow.objects.filter(
        program__status=ProgramStatus.IN_PROGRESS, status__in=PENDING_ROWS, deadline__lt=today
    )


def work_counts(organization: Organization, today: dt.date | None = None) -> dict[str, int]:
    """Mentors, mentees without a pair, pairs, programs, overdue events and stalled pairs."""
    from programs.models import Program

    programs = Program.objects.filter(organization=organization).aggregate(
        in_progress=Count("pk", filter=Q(status=ProgramStatus.IN_PROGRESS)),
        completed=Count(
            "pk", filter=Q(status__in=(ProgramStatus.COMPLETED, ProgramStatus.ENDED_EARLY))
        ),
    )
    return {
        "mentors": MentorProfile.objects.filter(
            organization=organization, status__in=MENTORS_IN_WORK
        ).count(),
        "mentees_without_pair": MenteeProfile.objects.filter(
            organization=organization, status__in=WITHOUT_PAIR
        ).count(),
        "pairs": Pair.objects.filter(organization=organization)
        .exclude(status=PairStatus.CLOSED)
        .count(),
        "programs_in_progress": programs["in_progress"],
        "programs_completed": programs["completed"],
        "overdue_events": overdue_rows(today).filter(program__organization=organization).count(),
        "stalled_pairs": stalled_pairs(today).filter(organization=organization).count(),
    }


# --- the coordinator's municipalities ------------------------------------------------------


def municipalities_of(user) -> QuerySet[Municipality]:
    if not user.is_authenticated:
        return Municipality.objects.none()
    return Municipality.objects.filter(coordinators__user=user).order_by("name")


def organizations_of(municipality: Municipality) -> QuerySet[Organization]:
    return Organization.objects.filter(municipality=municipality, is_active=True)


# --- the overview: one query for all ДОУ --------------------------------------------------

SORTS = {
    "name": "organization__short_name",
    "stage": "stage_number",
    "roadmap": "roadmap_percent",
    "late": "late_count",
    "pairs": "pairs",
    "mentors": "mentors",
    "without_pair": "mentees_without_pair",
    "in_progress": "programs_in_progress",
    "completed": "programs_completed",
    "overdue": "overdue_events",
    "stalled": "stalled_pairs",
    "orders": "orders_signed",
    "teachers": "teachers_pct",
    "young": "young_pct",
    "sat_mentee": "satisfaction_mentee",
    "sat_mentor": "satisfaction_mentor",
}


def written_stamp() -> str:
    """Changes whenever any summary is written or deleted (the refresh time of each written one
    is its start, so it moves the latest). One pass over a narrow index, not a join of the ДОУ:
    the municipal pages ask it on every request, for 30 ДОУ or 2,000."""
    # Counting the (never null) refresh times, not the ids, keeps the scan on the index.
    found = OrganizationSummary.objects.aggregate(
        last=Max("refreshed_at"), count=Count("refreshed_at")
    )
    last = found["last"].timestamp() if found["last"] else 0
    return f"{found['count']}:{last}"


def summaries_stamp(municipality: Municipality) -> str:
    """Changes whenever a summary of the municipality is written (every refresh, every year)."""
    found = OrganizationSummary.objects.filter(organization__municipality=municipality).aggregate(
        last=Max("refreshed_at"), count=Count("pk")
    )
    last = found["last"].timestamp() if found["last"] else 0
    return f"{found['count']}:{last}"


def summaries(
    municipality: Municipality,
    start_year: int,
    *,
    q: str = "",
    problem: str = "",
    sort: str = "name",
    descending: bool = False,
) -> QuerySet[OrganizationSummary]:
    """This year's summaries of the municipality's ДОУ, filtered and sorted in the database."""
    rows = (
        OrganizationSummary.objects.filter(
            organization__municipality=municipality,
            organization__is_active=True,
            start_year=start_year,
        )
        .select_related("organization")
        .annotate(
            teachers_pct=Cast(F("teachers_part"), FloatField()) / NullIf(F("teachers_total"), 0),
            young_pct=Cast(F("young_part"), FloatField()) / NullIf(F("young_total"), 0),
        )
    )
    if q:
        # Folded in Python: SQLite's icontains does not fold Cyrillic case (a few hundred names).
        needle = fold(q)
        names = Organization.objects.filter(municipality=municipality).values_list(
            "pk", "short_name", "full_name"
        )
        rows = rows.filter(
            organization_id__in=[
                pk for pk, short, full in names if needle in fold(short) or needle in fold(full)
            ]
        )
    if problem == "late":
        rows = rows.filter(late_count__gt=0)
    elif problem == "stalled":
        rows = rows.filter(stalled_pairs__gt=0)
    elif problem == "overdue":
        rows = rows.filter(overdue_events__gt=0)
    elif problem == "without_pair":
        rows = rows.filter(mentees_without_pair__gt=0)
    field = SORTS.get(sort, SORTS["name"])
    order = F(field).desc(nulls_last=True) if descending else F(field).asc(nulls_last=True)
    return rows.order_by(order, "organization__short_name")


def missing_summaries(municipality: Municipality, start_year: int) -> QuerySet[Organization]:
    """ДОУ of the municipality with no summary for the year yet (new, or not refreshed)."""
    return organizations_of(municipality).exclude(summaries__start_year=start_year)


def _weighted(rows: Iterable[OrganizationSummary], value: str, weight: str) -> float | None:
    total = sum(getattr(r, weight) for r in rows if getattr(r, value) is not None)
    if not total:
        return None
    return round(
        sum(getattr(r, value) * getattr(r, weight) for r in rows if getattr(r, value) is not None)
        / total,
        1,
    )


COUNTS = (
    "teachers_part",
    "teachers_total",
    "young_part",
    "young_total",
    "mentors",
    "mentees_without_pair",
    "pairs",
    "programs_in_progress",
    "programs_completed",
    "overdue_events",
    "stalled_pairs",
    "orders_signed",
    "satisfaction_mentee_respondents",
    "satisfaction_mentor_respondents",
)


def totals(rows: list[OrganizationSummary]) -> dict:
    """The municipality's figures: counts summed; shares as sums of parts over sums of totals;
    satisfaction as the mean over all answers (each ДОУ's mean weighted by its answers)."""
    result = {name: sum(getattr(r, name) for r in rows) for name in COUNTS}
    result["organizations"] = len(rows)
    result["late_organizations"] = sum(1 for r in rows if r.late_count)
    result["late_stages"] = sum(r.late_count for r in rows)  # the column «Просрочено этапов»
    result["teachers_percent"] = OrganizationSummary._percent(
        result["teachers_part"], result["teachers_total"]
    )
    result["young_percent"] = OrganizationSummary._percent(
        result["young_part"], result["young_total"]
    )
    result["satisfaction_mentee"] = _weighted(
        rows, "satisfaction_mentee", "satisfaction_mentee_answers"
    )
    result["satisfaction_mentor"] = _weighted(
        rows, "satisfaction_mentor", "satisfaction_mentor_answers"
    )
    result["impact"] = impact_totals(rows)
    return result


def impact_totals(rows: Iterable[OrganizationSummary]) -> list[dict]:
    """Before/after per measure over the municipality, each ДОУ weighted by its paired answers."""
    return impact_sums(row.impact for row in rows)


def impact_sums(impacts: Iterable[list[dict]]) -> list[dict]:
    """``impact_totals`` over the ДОУ's stored ``impact`` lists."""
    sums: dict[str, dict] = {m: {"before": 0.0, "after": 0.0, "paired": 0} for m in Measure.values}
    for impact in impacts:
        for item in impact:
            if item["before"] is None or item["after"] is None or not item["paired"]:
                continue
            entry = sums[item["measure"]]
            entry["before"] += item["before"] * item["paired"]
            entry["after"] += item["after"] * item["paired"]
            entry["paired"] += item["paired"]
    result = []
    for measure in Measure.values:
        entry = sums[measure]
        paired = entry["paired"]
        before = round(entry["before"] / paired, 1) if paired else None
        after = round(entry["after"] / paired, 1) if paired else None
        result.append(
            {
                "measure": measure,
                "label": str(Measure(measure).label),
                "before": before,
                "after": after,
                "delta": None if before is None else round(after - before, 1),
                "paired": paired,
            }
        )
    return result


def trend(
    municipality: Municipality,
    *,
    organization: Organization | None = None,
    known: tuple[int, list[OrganizationSummary]] | None = None,
) -> list[dict]:
    """Figures per academic year over the stored summaries (oldest first), in one query;
    ``known`` = (year, rows) already loaded for one year, which is then not read again."""
    rows = OrganizationSummary.objects.filter(
        organization__municipality=municipality, organization__is_active=True
    ).defer("late_stages")
    if organization is not None:
        rows = rows.filter(organization=organization)
    by_year: dict[int, list[OrganizationSummary]] = {}
    if known is not None:
        rows = rows.exclude(start_year=known[0])
        if known[1]:
            by_year[known[0]] = known[1]
    for row in rows.order_by("start_year"):
        by_year.setdefault(row.start_year, []).append(row)
    result = []
    for year, items in sorted(by_year.items()):
        figures = totals(items)
        result.append({"year": year, "label": f"{year}/{year + 1}", **figures})
    return result


def late_stage_rows(municipality: Municipality, start_year: int) -> QuerySet[LateStage]:
    """``late_stages`` in the database: the stored rows of the active ДОУ's summaries, the
    longest delay first, each annotated with ``found``, the number of rows of the whole list
    (a page and its count in one query)."""
    return (
        LateStage.objects.filter(
            organization__municipality=municipality,
            organization__is_active=True,
            start_year=start_year,
        )
        .select_related("organization")
        .only(
            *(f.name for f in LateStage._meta.concrete_fields),
            "organization__slug",
            "organization__short_name",
        )
        .order_by("-days_late", "organization__short_name", "organization_id", "number")
    )


def page_and_count(
    rows: QuerySet, start: int, stop: int, *, count: int | None = None
) -> tuple[list, int]:
    """The rows ``[start:stop]`` of the ordered ``rows`` and how many there are (``count``, when
    the caller knows it), in one query: the database sorts only the ordering's keys and the ids
    (not every whole row: the sort of 2,000 summaries or 8,000 late stages with all their
    columns was most of the deadlines' time), then reads the page's rows whole. A page past the
    end costs a second query."""
    page = rows.all()
    # The page's rows by their ids alone: the filters are the keys' business (kept in the
    # outer query too, they made SQLite walk every ДОУ of the municipality a second time).
    page.query.where = WhereNode()
    page = page.filter(pk__in=Subquery(rows.values("pk")[start:stop]))
    if count is not None:
        return list(page), count
    counted = rows.order_by().annotate(n=Func(F("pk"), function="COUNT")).values("n")
    found = list(page.annotate(found=Subquery(counted, output_field=IntegerField())))
    return found, (found[0].found if found else rows.count())


def late_stages(rows: Iterable[OrganizationSummary]) -> list[dict]:
    """Who is late with which roadmap stage: one row per ДОУ and stage, the longest delay first."""
    result = []
    for row in rows:
        for stage in row.late_stages:
            result.append({"summary": row, "organization": row.organization, **stage})
    return sorted(result, key=lambda item: (-item["days_late"], item["organization"].short_name))


# --- the same totals and trend computed by the database (the overview of any size) -----------


def _weighted_sum(value: str, weight: str) -> dict:
    known = Q(**{f"{value}__isnull": False})
    return {
        f"{value}__weighted": Sum(F(value) * F(weight), filter=known, output_field=FloatField()),
        f"{value}__weight": Sum(weight, filter=known),
    }


AGGREGATES = {
    **{name: Sum(name) for name in COUNTS},
    "organizations": Count("pk"),
    "late_organizations": Count("pk", filter=Q(late_count__gt=0)),
    "late_stages": Sum("late_count"),
    **_weighted_sum("satisfaction_mentee", "satisfaction_mentee_answers"),
    **_weighted_sum("satisfaction_mentor", "satisfaction_mentor_answers"),
    **{
        f"stage_{stage.number}": Count("pk", filter=Q(stage_number=stage.number))
        for stage in STAGES
    },
}


def _finished(found: dict, impacts: Iterable[list[dict]]) -> dict:
    """``totals``' dict from the database's sums (the same keys and roundings)."""
    result = {name: found[name] or 0 for name in (*COUNTS, "organizations", "late_stages")}
    result["late_organizations"] = found["late_organizations"] or 0
    for part in ("teachers", "young"):
        result[f"{part}_percent"] = OrganizationSummary._percent(
            result[f"{part}_part"], result[f"{part}_total"]
        )
    for value in ("satisfaction_mentee", "satisfaction_mentor"):
        weight = found[f"{value}__weight"]
        result[value] = round(found[f"{value}__weighted"] / weight, 1) if weight else None
    result["impact"] = impact_sums(impacts)
    result["stages"] = {stage.number: found[f"stage_{stage.number}"] or 0 for stage in STAGES}
    return result


def totals_of(rows: QuerySet[OrganizationSummary]) -> dict:
    """``totals`` of the summaries the queryset selects, in two queries whatever their number."""
    found = rows.order_by().aggregate(**AGGREGATES)
    return _finished(found, rows.order_by().values_list("impact", flat=True).iterator(2000))


MISSING_NAMED = 10  # ДОУ without a summary named by name on the overview; the rest are counted


def municipality_figures(municipality: Municipality, year: int, *, stamp: str = "") -> dict:
    """What the overview shows of all the municipality's ДОУ whatever the page: its totals per
    year (``trend``: ``trend_of``) and the first ДОУ without a summary of ``year`` (``missing``:
    one name more than shown). Kept until any summary is written (``stamp``: ``written_stamp``)
    or an organization changes (which ДОУ, whether active); the worker's refresh computes them
    right after writing (``summaries.municipality_totals_keep``), so that the page that follows
    does not add up every ДОУ itself."""

    def build() -> dict:
        missing = missing_summaries(municipality, year).order_by("short_name")
        return {
            "trend": trend_of(municipality),
            "missing": list(missing.values_list("short_name", flat=True)[: MISSING_NAMED + 1]),
        }

    return shared_cached(
        f"region:figures:{municipality.pk}:{year}:{stamp or written_stamp()}",
        build,
        reads=("org",),
    )


def trend_of(municipality: Municipality) -> list[dict]:
    """``trend`` of the municipality, in two queries whatever the number of ДОУ and years."""
    rows = OrganizationSummary.objects.filter(
        organization__municipality=municipality, organization__is_active=True
    )
    impacts: dict[int, list] = {}
    for year, impact in rows.values_list("start_year", "impact").iterator(2000):
        impacts.setdefault(year, []).append(impact)
    result = []
    for found in rows.order_by("start_year").values("start_year").annotate(**AGGREGATES):
        year = found["start_year"]
        figures = _finished(found, impacts.get(year, []))
        result.append({"year": year, "label": f"{year}/{year + 1}", **figures})
    return result
