"""Indicators of the target model (seed 002, «Мониторинг» 4–6) as aggregate queries.

Every function takes the organization and a ``Filters`` and lets the database count; no
function loops over answers or people in Python. Percentages are floats 0–100, or None when
there is nothing to count (shown as «нет данных», never as zero).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import (
    Avg,
    Count,
    Exists,
    F,
    FloatField,
    OuterRef,
    Q,
    QuerySet,
)
from django.db.models.functions import Cast
from django.utils import timezone

from core.models import Organization
from mentoring import consents
from mentoring.models import MenteeCategory, Pair, PairStatus, Position, StaffMember
from monitoring.models import SCALE_MAX, Answer, Measure, Moment, ResponseStatus, SurveyKind
from monitoring.periods import AcademicYear, current_year
from programs.models import Meeting, PlanRow
from programs.selectors import plan_events_on_time

# Staff who are not teachers for the share of «педагогов».
NOT_PEDAGOGICAL = (Position.HEAD, Position.DEPUTY_HEAD, Position.OTHER)
YOUNG_SPECIALIST_YEARS = 3  # teaching experience below this makes a «молодой специалист»
# A pair whose mentees have entered a program: fixed by an order, working or completed.
ENTERED = (PairStatus.FIXED, PairStatus.ACTIVE, PairStatus.CLOSED)


@dataclass(frozen=True)
class Filters:
    year: AcademicYear
    form: str = ""
    mentor_id: int | None = None

    @classmethod
    def default(cls) -> Filters:
        return cls(year=current_year())


@dataclass(frozen=True)
class Share:
    part: int
    total: int

    @property
    def percent(self) -> float | None:
        return round(100 * self.part / self.total, 1) if self.total else None


@dataclass(frozen=True)
class Level:
    percent: float | None
    respondents: int
    answers: int


@dataclass(frozen=True)
class Change:
    """Before/after of one measure: means over participants who answered both times."""

    measure: str
    before: float | None
    after: float | None
    paired: int  # participants (per pair) with both answers
    missing: int  # participants with «before» but no «after» answer yet
    delta: float | None = None  # after − before from the unrounded means

    @property
    def label(self) -> str:
        return str(Measure(self.measure).label)


def _pct():
    """An answer's value as a percentage of its scale's maximum."""
    return Cast(F("value"), FloatField()) * 100.0 / F("scale_max")


def _round(value):
    return None if value is None else round(value, 1)


def pairs_in_scope(organization: Organization, filters: Filters) -> QuerySet[Pair]:
    """Pairs of the organization that worked during the year, narrowed by form and mentor."""
    year = filters.year
    pairs = Pair.objects.filter(began_by(year), organization=organization).exclude(
        closed_at__lt=year.starts_at
    )
    if filters.form:
        pairs = pairs.filter(forms__form=filters.form)
    if filters.mentor_id:
        pairs = pairs.filter(mentors=filters.mentor_id)
    return pairs


def began_by(year) -> Q:
    """Pairs that began in the year or before it (a pair still working carries over).

    The year a pair began in is recorded (``Pair.year_start``): a pair formed after the curator
    opened the next year belongs to it even before 1 September.
    """
    return Q(year_start__lte=year.start_year) | Q(
        year_start__isnull=True, created_at__lt=year.ends_at
    )


def teachers(organization: Organization, year=None) -> QuerySet[StaffMember]:
    """Teachers who may be counted: working (in ``year``: working on some day of it, so a
    person who left during the year stays in its count) and not withdrawn from processing —
    a person hidden from the lists for lack of consent is left out of every count too."""
    people = StaffMember.objects.employees().filter(organization=organization)
    if year is None:
        people = people.filter(is_active=True)
    else:
        people = people.filter(
            Q(left_on__isnull=True, is_active=True) | Q(left_on__gte=year.starts_on)
        ).exclude(date_hired__gt=year.ends_on)
    return consents.without_withdrawn(people.exclude(position__in=NOT_PEDAGOGICAL))


def _entered_mentee(organization: Organization, filters: Filters) -> Exists:
    entered = pairs_in_scope(organization, filters).filter(status__in=ENTERED)
    return Exists(entered.filter(mentees=OuterRef("pk")))


def young_specialist() -> Q:
    """A young specialist: so categorized in the bank of mentees; people not in the bank,
    by teaching experience under three years."""
    return Q(mentee_profile__category=MenteeCategory.YOUNG) | Q(
        mentee_profile__isnull=True, teaching_experience_years__lt=YOUNG_SPECIALIST_YEARS
    )


def mentee_shares(organization: Organization, filters: Filters) -> tuple[Share, Share]:
    """Shares of teachers and of young specialists who entered programs as mentees (one query)."""
    young = young_specialist()
    counts = (
        teachers(organization, filters.year)
        .annotate(is_mentee=_entered_mentee(organization, filters))
        .aggregate(
            total=Count("pk"),
            mentees=Count("pk", filter=Q(is_mentee=True)),
            young_total=Count("pk", filter=young),
            young_mentees=Count("pk", filter=young & Q(is_mentee=True)),
        )
    )
    return Share(counts["mentees"], counts["total"]), Share(
        counts["young_mentees"], counts["young_total"]
    )


def mentee_teachers(
    organization: Organization, filters: Filters, *, young: bool = False
) -> QuerySet[StaffMember]:
    """The people behind the share: teachers who entered programs as mentees."""
    people = teachers(organization, filters.year).filter(_entered_mentee(organization, filters))
    if young:
        people = people.filter(young_specialist())
    return people


def submitted_answers(organization: Organization, filters: Filters) -> QuerySet[Answer]:
    """Scale answers of sent responses of the year, from pairs in the filter."""
    year = filters.year
    answers = Answer.objects.filter(
        response__assignment__organization=organization,
        response__status=ResponseStatus.SUBMITTED,
        response__submitted_at__gte=year.starts_at,
        response__submitted_at__lt=year.ends_at,
        kind__in=list(SCALE_MAX),
        response__staff__personal_data_withdrawn_at__isnull=True,
    )
    if filters.form or filters.mentor_id:
        answers = answers.filter(response__pair__in=pairs_in_scope(organization, filters))
    return answers


def satisfaction(organization: Organization, filters: Filters, *, kind: str) -> Level:
    """Mean of the satisfaction survey's scale answers, as % of the scale (one query)."""
    result = (
        submitted_answers(organization, filters)
        .filter(response__assignment__version__template__kind=kind)
        .aggregate(
            percent=Avg(_pct()),
            respondents=Count("response__staff", distinct=True),
            answers=Count("pk"),
        )
    )
    return Level(_round(result["percent"]), result["respondents"], result["answers"])


def satisfaction_of_mentees(organization: Organization, filters: Filters) -> Level:
    return satisfaction(organization, filters, kind=SurveyKind.SATISFACTION_MENTEE)


def satisfaction_of_mentors(organization: Organization, filters: Filters) -> Level:
    return satisfaction(organization, filters, kind=SurveyKind.SATISFACTION_MENTOR)


def _impact_answers(organization: Organization, filters: Filters) -> QuerySet[Answer]:
    """Measure answers before and after, each marked whether the other moment exists."""

    def other(moment: str) -> Exists:
        return Exists(
            Answer.objects.filter(
                response__staff=OuterRef("response__staff"),
                response__pair=OuterRef("response__pair"),
                measure=OuterRef("measure"),
                response__status=ResponseStatus.SUBMITTED,
                response__assignment__moment=moment,
            )
        )

    return (
        submitted_answers(organization, filters)
        .exclude(measure="")
        .filter(response__assignment__moment__in=(Moment.BEFORE, Moment.AFTER))
        .annotate(has_before=other(Moment.BEFORE), has_after=other(Moment.AFTER))
    )


def _change_aggregates() -> dict:
    before, after = (
        Q(response__assignment__moment=Moment.BEFORE),
        Q(response__assignment__moment=Moment.AFTER),
    )
    return {
        "before": Avg(_pct(), filter=before & Q(has_after=True)),
        "after": Avg(_pct(), filter=after & Q(has_before=True)),
        "paired": Count("response", distinct=True, filter=after & Q(has_before=True)),
        "missing": Count("response", distinct=True, filter=before & Q(has_after=False)),
    }


def impact_changes(organization: Organization, filters: Filters) -> list[Change]:
    """Before/after of each impact measure for the organization (one grouped query)."""
    rows = {
        row["measure"]: row
        for row in _impact_answers(organization, filters)
        .values("measure")
        .annotate(**_change_aggregates())
        .order_by()
    }
    empty = {"before": None, "after": None, "paired": 0, "missing": 0}
    result = []
    for measure in Measure.values:
        row = rows.get(measure, empty)
        before, after = row["before"], row["after"]
        delta = None if before is None or after is None else _round(after - before)
        result.append(
            Change(measure, _round(before), _round(after), row["paired"], row["missing"], delta)
        )
    return result


def impact_changes_by_pair(organization: Organization, filters: Filters) -> list[dict]:
    """Before/after of each measure per pair: rows {pair, measure, before, after, ...}."""
    return list(
        _impact_answers(organization, filters)
        .values("response__pair", "measure")
        .annotate(**_change_aggregates())
        .order_by("response__pair", "measure")
    )


@dataclass(frozen=True)
class ProcessMeasures:
    """«Мониторинг» 4: plan events done on time and meetings held; needs the programs app."""

    available: bool
    events_on_time: Share | None = None
    meetings_held: int | None = None


def process_measures(organization: Organization, filters: Filters) -> ProcessMeasures:
    """«Мониторинг» 4 from the programs app: plan events done on time, meetings held.

    Events counted are those due in the year up to today; «on time» means done no later than
    the deadline (``programs.selectors.plan_events_on_time``, which the roadmap uses too).
    """

    pairs = pairs_in_scope(organization, filters).values("pk")
    last_day = min(timezone.localdate(), filters.year.ends_on)
    on_time, total = plan_events_on_time(
        PlanRow.objects.filter(
            program__pair__in=pairs,
            deadline__gte=filters.year.starts_on,
            deadline__lte=last_day,
        )
    )
    meetings = Meeting.objects.filter(
        program__pair__in=pairs,
        held_on__gte=filters.year.starts_on,
        held_on__lte=filters.year.ends_on,
    ).count()
    return ProcessMeasures(
        available=True, events_on_time=Share(on_time, total), meetings_held=meetings
    )
