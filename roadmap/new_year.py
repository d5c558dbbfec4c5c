"""The next academic year: the curator opens it in one step (SPEC 7a).

Opening the year after the current one:
- creates its ``Cycle`` (1 September – 31 August) and makes it the current one at once;
- drafts its roadmap: a copy of the current plan version (the latest approved, else the draft)
  with every date moved a year; a kindergarten that joined late in the old year starts the new
  one on 1 September like everyone (the days it joined late are taken back first); the draft
  goes to the director for approval as any version;
- leaves pairs and programs alone: those still working stay open and count in the new year too,
  each keeps the year it began in (``year_start``); finished ones stay in their year;
- keeps both banks and asks everyone in them to renew the questionnaire for the new year
  (consents have no expiry in this product: they hold until withdrawn, so nothing is asked of
  them); the mark is a card on the person's home page and goes when she saves the questionnaire.
The old cycle, its roadmap versions, orders and report are not touched; the apps above hear of the
opening through ``year_opened`` (the monitoring app freezes the old year's figures there, so its
report reads the same whatever happens in the new year).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from core.access import has_role
from core.audit import log_action, register_actions
from core.models import Organization, Role, User
from core.plugins import Registry
from mentoring.models import (
    MenteeProfile,
    MenteeStatus,
    MentorProfile,
    MentorStatus,
    Pair,
    PairStatus,
)
from roadmap.models import (
    Cycle,
    RoadmapEvent,
    RoadmapStageRow,
    RoadmapVersion,
    RoadmapVersionStatus,
)
from roadmap.selectors import current_cycle

OPENING_ROLES = (Role.CURATOR, Role.DIRECTOR)
# People who are still in a bank: those who left it keep their record but are not asked.
MENTEES_IN_BANK = [s for s in MenteeStatus.values if s != MenteeStatus.LEFT]
MENTORS_IN_BANK = [s for s in MentorStatus.values if s not in (MentorStatus.LEFT, "released")]

register_actions(
    {"roadmap.year.opened": "Открыт {title}: дорожная карта перенесена как редакция 1 (проект)"}
)


def year_title(start_year: int) -> str:
    return f"{start_year}/{start_year + 1} учебный год"


def year_start_now(organization_id: int) -> int:
    """The academic year new pairs and programs begin in: the current cycle's (registered as
    ``core.plugins.academic_years``; the services that create pairs and programs ask for it)."""
    organization = Organization.objects.only("pk").get(pk=organization_id)
    return current_cycle(organization).starts_on.year


# fn(*, organization, old, new): what opening a year does in the apps above (the monitoring
# app freezes the year that ends); registered in their ``AppConfig.ready``.
year_opened = Registry("year_opened")


def _plus_year(day: dt.date) -> dt.date:
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 1, day=28)


@dataclass
class NextYear:
    """What opening the next year will do, for the confirmation page (and what it did)."""

    current: Cycle
    starts_on: dt.date
    ends_on: dt.date
    source: RoadmapVersion | None
    pairs_carried: int
    programs_carried: int
    mentees_to_renew: int
    mentors_to_renew: int

    @property
    def title(self) -> str:
        return year_title(self.starts_on.year)


def next_year_plan(organization: Organization) -> NextYear:
    """The year after the current one and what carries over into it."""
    current = current_cycle(organization)
    starts_on = dt.date(current.starts_on.year + 1, 9, 1)
    return NextYear(
        current=current,
        starts_on=starts_on,
        ends_on=dt.date(starts_on.year + 1, 8, 31),
        source=_source_version(current),
        pairs_carried=_working_pairs(organization).count(),
        # Through the pair's reverse relation: roadmap stands below programs and names no model.
        programs_carried=_working_pairs(organization)
        .filter(program__isnull=False)
        .exclude(program__status__in=("completed", "ended_early"))
        .count(),
        mentees_to_renew=_mentees(organization).count(),
        mentors_to_renew=_mentors(organization).count(),
    )


def _working_pairs(organization: Organization):
    return Pair.objects.filter(organization=organization, closed_at__isnull=True).exclude(
        status=PairStatus.CLOSED
    )


def _mentees(organization: Organization):
    return MenteeProfile.objects.filter(
        organization=organization, status__in=MENTEES_IN_BANK, staff__left_on__isnull=True
    )


def _mentors(organization: Organization):
    return MentorProfile.objects.filter(
        organization=organization, status__in=MENTORS_IN_BANK, staff__left_on__isnull=True
    )


def _source_version(cycle: Cycle) -> RoadmapVersion | None:
    versions = cycle.roadmap_versions.prefetch_related("stages", "events")
    return (
        versions.filter(status=RoadmapVersionStatus.APPROVED).order_by("-number").first()
        or versions.filter(status=RoadmapVersionStatus.DRAFT).first()
    )


def open_next_year(*, organization: Organization, actor: User) -> Cycle:
    """Open the academic year after the current one; see the module's docstring."""
    if not has_role(actor, organization.pk, *OPENING_ROLES):
        raise ValidationError(
            "Открыть новый учебный год может куратор или руководитель.", code="not_allowed"
        )
    with transaction.atomic():
        Organization.objects.select_for_update().only("pk").get(pk=organization.pk)
        plan = next_year_plan(organization)
        if Cycle.objects.filter(organization=organization, starts_on=plan.starts_on).exists():
            raise ValidationError(f"{plan.title} уже открыт.", code="already_open")
        cycle = Cycle.objects.create(
            organization=organization,
            title=plan.title,
            starts_on=plan.starts_on,
            ends_on=plan.ends_on,
            opened_at=timezone.now(),
            opened_by=actor,
        )
        if plan.source is not None:
            _copy_version(plan.source, plan.current, cycle, actor)
        _mentees(organization).update(renew_for_year=cycle.starts_on.year)
        _mentors(organization).update(renew_for_year=cycle.starts_on.year)
        log_action(cycle, "roadmap.year.opened", actor=actor, title=cycle.title)
        for fn in year_opened:
            fn(organization=organization, old=plan.current, new=cycle)
    return cycle


def _copy_version(source: RoadmapVersion, old: Cycle, cycle: Cycle, actor: User) -> None:
    late = dt.timedelta(0)
    if old.roadmap_starts_on and old.roadmap_starts_on > old.starts_on:
        late = old.roadmap_starts_on - old.starts_on

    def moved(day: dt.date) -> dt.date:
        day = max(_plus_year(day - late), cycle.starts_on)
        return min(day, cycle.ends_on)

    version = RoadmapVersion.objects.create(
        organization_id=cycle.organization_id, cycle=cycle, number=1, created_by=actor
    )
    RoadmapStageRow.objects.bulk_create(
        RoadmapStageRow(
            version=version,
            stage_number=row.stage_number,
            starts_on=moved(row.starts_on),
            ends_on=moved(row.ends_on),
            responsible=row.responsible,
        )
        for row in source.stages.all()
    )
    # The new year's events are not done yet; no «done» mark carries over across years.
    RoadmapEvent.objects.bulk_create(
        RoadmapEvent(
            version=version,
            stage_number=e.stage_number,
            title=e.title,
            due_on=moved(e.due_on),
            responsible=e.responsible,
            expected_result=e.expected_result,
        )
        for e in source.events.all()
    )
    log_action(version, "roadmap.version.drafted", actor=actor, number=version.number)
