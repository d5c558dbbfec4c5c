"""Reads of activity records: of a program, of a person, of a program's case."""

from __future__ import annotations

from django.db.models import QuerySet

from mentoring import consents
from programs.models import Activity, ActivityStatus, Program


def program_activities(program: Program) -> QuerySet[Activity]:
    """All records of the program's participants entered in it, newest first."""
    return consents.without_withdrawn(
        Activity.objects.filter(program=program).select_related("staff"), "staff"
    )


def case_activities(program: Program) -> QuerySet[Activity]:
    """What the case lists among its results: confirmed records only."""
    return program_activities(program).filter(status=ActivityStatus.CONFIRMED)


def portfolio(staff, *, confirmed_only: bool) -> QuerySet[Activity]:
    """A person's records across her programs, newest first."""
    records = Activity.objects.filter(staff=staff).select_related("program__pair")
    if confirmed_only:
        records = records.filter(status=ActivityStatus.CONFIRMED)
    return records.order_by("-happened_on", "-pk")
