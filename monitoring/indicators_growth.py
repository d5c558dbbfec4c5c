"""Indicators of activity and growth (seed 002 «Мониторинг» 4–6) from the activity records,
the surveys and the programs, per academic year; each has the people behind it.

Every count leaves out people who withdrew their personal-data consent, so a drill-down list
and its headline always agree.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Exists, F, FloatField, Min, OuterRef, QuerySet
from django.db.models.functions import Cast

from core.models import Organization
from mentoring import consents
from mentoring.models import StaffMember
from monitoring.indicators import (
    ENTERED,
    Filters,
    Share,
    pairs_in_scope,
    submitted_answers,
    young_specialist,
)
from monitoring.models import Measure
from programs.models import Activity, ActivityKind, ActivityStatus, EndReason, Program

# An answer of at least 4 of 5 (8 of 10) to «Мне хотелось бы стать наставником…» counts as a plan.
PLANS_FROM = 0.8
DAYS_IN_MONTH = 30.44


def participants(organization: Organization, filters: Filters, *, role: str) -> QuerySet:
    """Mentees (role "mentee") or mentors of the year's programs whose data may be processed."""
    pairs = pairs_in_scope(organization, filters).filter(status__in=ENTERED)
    people = StaffMember.objects.filter(
        organization=organization, pk__in=pairs.values("mentees" if role == "mentee" else "mentors")
    )
    return consents.without_withdrawn(people)


def confirmed_activity(filters: Filters, *, kinds=()) -> QuerySet[Activity]:
    records = Activity.objects.filter(
        status=ActivityStatus.CONFIRMED,
        happened_on__gte=filters.year.starts_on,
        happened_on__lte=filters.year.ends_on,
    )
    return records.filter(kind__in=kinds) if kinds else records


def active_people(
    organization: Organization, filters: Filters, *, role: str, kinds=()
) -> tuple[Share, QuerySet]:
    """Participants with at least one confirmed record in the year (of ``kinds``, if given)."""
    people = participants(organization, filters, role=role)
    records = confirmed_activity(filters, kinds=kinds).filter(staff=OuterRef("pk"))
    active = people.filter(Exists(records))
    return Share(active.count(), people.count()), active


def activity_records(organization: Organization, filters: Filters) -> QuerySet[Activity]:
    """Confirmed records of the year of people whose data may be processed."""
    return consents.without_withdrawn(
        confirmed_activity(filters).filter(organization=organization), "staff"
    )


def activity_counts(organization: Organization, filters: Filters) -> list[tuple[str, int]]:
    """Confirmed records of the year by kind (one grouped query)."""
    records = activity_records(organization, filters)
    rows = dict(records.values_list("kind").annotate(n=Count("pk")).order_by())
    return [(str(label), rows.get(value, 0)) for value, label in ActivityKind.choices]


def planning_to_mentor(organization: Organization, filters: Filters) -> tuple[Share, QuerySet]:
    """People who answered «Мне хотелось бы стать наставником…» in the year; those who agreed."""
    answers = submitted_answers(organization, filters).filter(measure=Measure.FUTURE_MENTOR)
    ratio = Cast(F("value"), FloatField()) / F("scale_max")
    answered = StaffMember.objects.filter(
        pk__in=answers.values("response__staff"), personal_data_withdrawn_at__isnull=True
    )
    planning = answered.filter(
        pk__in=answers.annotate(ratio=ratio).filter(ratio__gte=PLANS_FROM).values("response__staff")
    )
    return Share(planning.count(), answered.count()), planning


@dataclass(frozen=True)
class Adaptation:
    months: float | None  # mean months from hire to the program's goals met
    people: int


def adapted_young_specialists(organization: Organization, filters: Filters) -> list[tuple]:
    """Young specialists whose program was completed in full in the year, each with the first
    such completion, in the order of the staff list: [(person, goals met at)] (two queries).

    The completions are counted from the year's completed programs towards their mentees (few
    rows), not from every person of the staff towards all the pairs they were ever in.
    """
    year = filters.year
    programs = Program.objects.filter(
        organization=organization,
        end_reason=EndReason.PLAN_DONE,
        finished_at__gte=year.starts_at,
        finished_at__lt=year.ends_at,
        pair__in=pairs_in_scope(organization, filters),
    )
    first_met = dict(programs.values_list("pair__mentees").annotate(Min("finished_at")).order_by())
    first_met.pop(None, None)  # a pair without mentees
    people = consents.without_withdrawn(
        StaffMember.objects.filter(
            organization=organization, date_hired__isnull=False, pk__in=list(first_met)
        ).filter(young_specialist())
    )
    return [(person, first_met[person.pk]) for person in people.order_by("search_name", "pk")]


def adaptation(organization: Organization, filters: Filters) -> tuple[Adaptation, list[dict]]:
    """Time from hire to the program's goals met, per young specialist and on average."""
    rows = []
    for person, goals_met_at in adapted_young_specialists(organization, filters):
        met = goals_met_at.date()
        days = (met - person.date_hired).days
        rows.append(
            {
                "staff": person,
                "hired": person.date_hired,
                "met": met,
                "months": round(days / DAYS_IN_MONTH, 1),
            }
        )
    mean = round(sum(r["months"] for r in rows) / len(rows), 1) if rows else None
    return Adaptation(mean, len(rows)), rows


def withdrawn_count(organization: Organization) -> int:
    """How many people are left out of every count for a withdrawn consent."""
    return StaffMember.objects.filter(
        organization=organization, personal_data_withdrawn_at__isnull=False
    ).count()
