"""The monitoring page's figures counted together, in a few aggregate queries (issue 24).

``monitoring.indicators`` and ``monitoring.indicators_growth`` count one number per function
(and give the people behind it): the drill-downs, the exports and the region read them. The
page needs all of them at once, and right after any write in the kindergarten, so here the
same definitions (the same querysets and conditions, imported from there) are counted
together: the staff by their flags in one grouped query, the survey answers in one aggregate,
before/after per pair and measure in one grouped query whose sums also give the kindergarten's
row.
``tests/monitoring/test_figures.py`` checks every number against the one-number functions.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import (
    Avg,
    BooleanField,
    Count,
    Exists,
    ExpressionWrapper,
    F,
    FloatField,
    OuterRef,
    Q,
    Sum,
)
from django.db.models.functions import Cast
from django.db.models.lookups import GreaterThanOrEqual

from core.models import Organization
from mentoring.models import StaffMember
from monitoring.indicators import (
    ENTERED,
    Change,
    Filters,
    Level,
    Share,
    _pct,
    _round,
    pairs_in_scope,
    submitted_answers,
    teachers,
    young_specialist,
)
from monitoring.indicators_growth import PLANS_FROM, confirmed_activity
from monitoring.models import Answer, Measure, Moment, ResponseStatus, SurveyKind
from programs.models import ActivityKind


@dataclass(frozen=True)
class People:
    """The shares over people: section 6's two and the activity cards' three."""

    teachers: Share
    young: Share
    active_mentees: Share
    active_mentors: Share
    innovation: Share
    withdrawn: int


def people(organization: Organization, filters: Filters) -> People:
    """Staff of the organization grouped by what each share asks of a person (one query).

    The same sets as ``indicators.mentee_shares``, ``indicators_growth.active_people`` (mentees,
    mentors, innovation) and ``indicators_growth.withdrawn_count``.
    """
    # As ``indicators_growth.participants`` has them: with a mentor filter, «mentors» are
    # that mentor alone (the filter's join is the one the values come from).
    entered = pairs_in_scope(organization, filters).filter(status__in=ENTERED)
    activity = confirmed_activity(filters).filter(staff=OuterRef("pk"))
    flags = {
        "as_teacher": Q(pk__in=teachers(organization, filters.year).values("pk")),
        "as_young": young_specialist(),
        "as_withdrawn": Q(personal_data_withdrawn_at__isnull=False),
        "as_mentee": Q(pk__in=entered.values("mentees")),
        "as_mentor": Q(pk__in=entered.values("mentors")),
        "as_active": Exists(activity),
        "as_innovative": Exists(activity.filter(kind=ActivityKind.INNOVATION)),
    }
    rows = (
        StaffMember.objects.filter(organization=organization)
        .annotate(**{name: ExpressionWrapper(q, BooleanField()) for name, q in flags.items()})
        .values(*flags)
        .annotate(n=Count("pk"))
        .order_by()
    )
    counts: dict[str, int] = defaultdict(int)
    for row in rows:
        # A condition that is NULL in SQL (a missing value) is not met, as in a WHERE clause.
        has = {name.removeprefix("as_") for name in flags if row[name]}
        n = row["n"]
        counted = "withdrawn" not in has  # participants: only those whose data may be processed
        for key, wanted in (
            ("teachers", {"teacher"}),
            ("teacher_mentees", {"teacher", "mentee"}),
            ("young", {"teacher", "young"}),
            ("young_mentees", {"teacher", "young", "mentee"}),
        ):
            counts[key] += n if wanted <= has else 0
        if counted:
            for key, wanted in (
                ("mentees", {"mentee"}),
                ("active_mentees", {"mentee", "active"}),
                ("innovative_mentees", {"mentee", "innovative"}),
                ("mentors", {"mentor"}),
                ("active_mentors", {"mentor", "active"}),
            ):
                counts[key] += n if wanted <= has else 0
        counts["withdrawn"] += n if "withdrawn" in has else 0
    return People(
        teachers=Share(counts["teacher_mentees"], counts["teachers"]),
        young=Share(counts["young_mentees"], counts["young"]),
        active_mentees=Share(counts["active_mentees"], counts["mentees"]),
        active_mentors=Share(counts["active_mentors"], counts["mentors"]),
        innovation=Share(counts["innovative_mentees"], counts["mentees"]),
        withdrawn=counts["withdrawn"],
    )


@dataclass(frozen=True)
class Answers:
    """What the year's scale answers give: both satisfactions and the plans to mentor."""

    mentees: Level
    mentors: Level
    planning: Share


def answers(organization: Organization, filters: Filters) -> Answers:
    """``indicators.satisfaction`` of mentees and of mentors and
    ``indicators_growth.planning_to_mentor``'s share, from one aggregate over the answers."""
    kind = "response__assignment__version__template__kind"
    future = Q(measure=Measure.FUTURE_MENTOR)
    ratio = Cast(F("value"), FloatField()) / F("scale_max")
    aggregates = {
        "planning_total": Count("response__staff", distinct=True, filter=future),
        "planning_part": Count(
            "response__staff",
            distinct=True,
            filter=future & GreaterThanOrEqual(ratio, PLANS_FROM),
        ),
    }
    for prefix, survey in (
        ("mentees", SurveyKind.SATISFACTION_MENTEE),
        ("mentors", SurveyKind.SATISFACTION_MENTOR),
    ):
        of_kind = Q(**{kind: survey})
        aggregates |= {
            f"{prefix}_percent": Avg(_pct(), filter=of_kind),
            f"{prefix}_respondents": Count("response__staff", distinct=True, filter=of_kind),
            f"{prefix}_answers": Count("pk", filter=of_kind),
        }
    totals = submitted_answers(organization, filters).aggregate(**aggregates)

    def level(prefix: str) -> Level:
        return Level(
            _round(totals[f"{prefix}_percent"]),
            totals[f"{prefix}_respondents"],
            totals[f"{prefix}_answers"],
        )

    return Answers(
        mentees=level("mentees"),
        mentors=level("mentors"),
        planning=Share(totals["planning_part"], totals["planning_total"]),
    )


@dataclass(frozen=True)
class Impact:
    """Before/after of each measure for the organization, and per pair."""

    changes: list[Change]
    by_pair: list[dict]  # as indicators.impact_changes_by_pair's rows, ordered by pair, measure


def _other_moment() -> Exists:
    """The same person in the same pair answered the measure at the other moment (sent, in any
    year): ``indicators._impact_answers``' has_after for a «before» answer, has_before for an
    «after» one."""
    return Exists(
        Answer.objects.filter(
            response__staff=OuterRef("response__staff"),
            response__pair=OuterRef("response__pair"),
            measure=OuterRef("measure"),
            response__status=ResponseStatus.SUBMITTED,
            response__assignment__moment__in=(Moment.BEFORE, Moment.AFTER),
        ).exclude(response__assignment__moment=OuterRef("response__assignment__moment"))
    )


def _sums() -> dict:
    """Sums and counts of «before» and «after» answers, compared and missing responses."""
    return {Moment.BEFORE: [0.0, 0], Moment.AFTER: [0.0, 0], "paired": 0, "missing": 0}


def impact(organization: Organization, filters: Filters) -> Impact:
    """``indicators.impact_changes`` and ``impact_changes_by_pair`` from one grouped query.

    Grouped by pair, measure, moment and whether the other moment was answered: the means are
    sums over counts (the answers are whole percentages of a 5- or 10-point scale, so the sums
    are exact and the means equal the database's AVG), and a response belongs to one pair and
    one moment, so its distinct counts add up across the groups.
    """
    groups = (
        submitted_answers(organization, filters)
        .exclude(measure="")
        .filter(response__assignment__moment__in=(Moment.BEFORE, Moment.AFTER))
        .annotate(other=_other_moment())
        .values("response__pair", "measure", "response__assignment__moment", "other")
        .annotate(
            total=Sum(_pct()), answers=Count("pk"), responses=Count("response", distinct=True)
        )
        .order_by()
    )
    by_pair: dict[tuple, dict] = {}
    by_measure: dict[str, dict] = {}
    for group in groups:
        moment, other = group["response__assignment__moment"], bool(group["other"])
        for table, key in (
            (by_pair, (group["response__pair"], group["measure"])),
            (by_measure, group["measure"]),
        ):
            if key not in table:
                table[key] = _sums()
            sums = table[key]
            if other:
                sums[moment][0] += group["total"]
                sums[moment][1] += group["answers"]
                if moment == Moment.AFTER:
                    sums["paired"] += group["responses"]
            elif moment == Moment.BEFORE:
                sums["missing"] += group["responses"]

    def mean(pair: list) -> float | None:
        return pair[0] / pair[1] if pair[1] else None

    changes = []
    for measure in Measure.values:
        sums = by_measure.get(measure) or _sums()
        before, after = mean(sums[Moment.BEFORE]), mean(sums[Moment.AFTER])
        delta = None if before is None or after is None else _round(after - before)
        changes.append(
            Change(measure, _round(before), _round(after), sums["paired"], sums["missing"], delta)
        )
    rows = [
        {
            "response__pair": pair_id,
            "measure": measure,
            "before": mean(sums[Moment.BEFORE]),
            "after": mean(sums[Moment.AFTER]),
            "paired": sums["paired"],
            "missing": sums["missing"],
        }
        for (pair_id, measure), sums in sorted(by_pair.items())
    ]
    return Impact(changes=changes, by_pair=rows)
