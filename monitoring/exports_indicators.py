"""The indicators of the final report in the statistics export: one row per organization and
indicator, the value and what it is made of each in its own cell, numbers as numbers."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from core.models import Organization
from monitoring import indicators, years
from monitoring import indicators_growth as growth
from monitoring.dashboard_growth import TITLES
from monitoring.indicators import Filters
from monitoring.periods import AcademicYear
from programs.models import ActivityKind

INDICATOR_HEADER = [
    "Организация",
    "Показатель",
    "Значение",
    "Единица",
    "Числитель (чел.)",
    "Знаменатель (чел.)",
]

TEACHERS = "Доля педагогов, вошедших в программы в роли наставляемого"
YOUNG = "Доля молодых специалистов, вошедших в программы в роли наставляемого"
SATISFACTION_MENTEES = "Удовлетворённость наставляемых участием в программах"
SATISFACTION_MENTORS = "Удовлетворённость наставников участием в программах"


def indicator_rows(organization: Organization, filters: Filters) -> list[list]:
    """The report's indicators of one organization, from the same functions as the page."""
    teachers, young = indicators.mentee_shares(organization, filters)
    mentees = indicators.satisfaction_of_mentees(organization, filters)
    mentors = indicators.satisfaction_of_mentors(organization, filters)
    active_mentees, _ = growth.active_people(organization, filters, role="mentee")
    active_mentors, _ = growth.active_people(organization, filters, role="mentor")
    innovation, _ = growth.active_people(
        organization, filters, role="mentee", kinds=[ActivityKind.INNOVATION]
    )
    planning, _ = growth.planning_to_mentor(organization, filters)
    adapted, _ = growth.adaptation(organization, filters)
    name = organization.short_name

    def share(label, value):
        return [name, label, value.percent, "%", value.part, value.total]

    return [
        share(TEACHERS, teachers),
        share(YOUNG, young),
        [name, SATISFACTION_MENTEES, mentees.percent, "%", None, mentees.respondents],
        [name, SATISFACTION_MENTORS, mentors.percent, "%", None, mentors.respondents],
        share(TITLES["activity_mentees"], active_mentees),
        share(TITLES["activity_mentors"], active_mentors),
        share(TITLES["innovation"], innovation),
        share(TITLES["planning"], planning),
        [name, TITLES["adaptation"], adapted.months, "мес.", None, adapted.people],
    ]


def all_indicator_rows(organization_ids: Sequence[int], year: AcademicYear) -> Iterator[list]:
    filters = Filters(year=year)
    # A finished year's rows as they were frozen when the next year opened (monitoring.years).
    frozen_years = years.frozen_by_organization(organization_ids, year.start_year)
    for organization in Organization.objects.filter(pk__in=organization_ids).order_by(
        "short_name", "pk"
    ):
        frozen = frozen_years.get(organization.pk)
        if frozen is not None and "indicator_rows" in frozen:
            yield from (list(row) for row in frozen["indicator_rows"])
        else:
            yield from indicator_rows(organization, filters)
