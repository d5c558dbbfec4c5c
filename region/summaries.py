"""Keep each kindergarten's figures ready for the municipality page.

``summary_refresh`` computes one ДОУ's figures with the very functions its own pages use
(``monitoring.indicators`` behind the monitoring dashboard, ``roadmap.stages.roadmap_progress``
behind the roadmap page) and stores them in ``OrganizationSummary`` (its late roadmap stages
also as ``LateStage`` rows, which the deadlines page sorts and pages); a coordinator refreshes
one ДОУ on demand. After writing, the refresh computes every municipality's totals once
(``municipality_totals_keep``), so the coordinator's pages read a page of rows and the totals
ready, whatever the number of ДОУ.

The worker refreshes incrementally (``summaries_refresh_stale``, every ten minutes): only the ДОУ
written since their summary was computed, in chunks. «Written» is ``core.cache``'s own record of
writes per organization (``last_writes``: whoever wrote — a page, the admin, the worker, a
command; a write whose organization is unknown counts for every ДОУ, a cache that lost its
record counts as a write). A summary computed before today is stale too: «overdue» and
«stalled» move at midnight, so the first run of a day recomputes every ДОУ once. A summary's
``refreshed_at`` is the moment its computation *started*, so a write during it is caught by the
next run.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable

from django.db import transaction
from django.utils import timezone

from core.cache import last_writes
from core.models import Municipality, Organization
from monitoring import indicators
from monitoring.indicators import Filters
from monitoring.periods import AcademicYear, CyclePeriod, current_year
from region import selectors
from region.models import LateStage, OrganizationSummary
from roadmap.models import Cycle, Order, OrderStatus
from roadmap.selectors import current_cycle
from roadmap.stages import roadmap_progress


def period_for(organization: Organization, start_year: int):
    """The period the ДОУ's monitoring page shows for that year: its cycle, else the year.

    Looked up by the year, never «the current cycle»: a ДОУ that opened the next year ahead
    of 1 September still reports the year asked for."""
    cycle = Cycle.objects.filter(
        organization=organization, starts_on=dt.date(start_year, 9, 1)
    ).first()
    return CyclePeriod.of(cycle) if cycle else AcademicYear(start_year)


def indicator_figures(organization: Organization, filters: Filters) -> dict:
    """Seed 002 §5–6 for one ДОУ, from the same indicator functions as its monitoring page."""
    teachers, young = indicators.mentee_shares(organization, filters)
    mentees = indicators.satisfaction_of_mentees(organization, filters)
    mentors = indicators.satisfaction_of_mentors(organization, filters)
    changes = indicators.impact_changes(organization, filters)
    return {
        "teachers_part": teachers.part,
        "teachers_total": teachers.total,
        "young_part": young.part,
        "young_total": young.total,
        "satisfaction_mentee": mentees.percent,
        "satisfaction_mentee_answers": mentees.answers,
        "satisfaction_mentee_respondents": mentees.respondents,
        "satisfaction_mentor": mentors.percent,
        "satisfaction_mentor_answers": mentors.answers,
        "satisfaction_mentor_respondents": mentors.respondents,
        "impact": [
            {
                "measure": c.measure,
                "before": c.before,
                "after": c.after,
                "delta": c.delta,
                "paired": c.paired,
            }
            for c in changes
        ],
    }


def roadmap_figures(organization: Organization, today: dt.date) -> dict:
    """The current stage (the first connected one not complete), progress and late stages."""
    stages = roadmap_progress(organization, current_cycle(organization))
    connected = [s for s in stages if s.connected]
    checks = sum(len(s.checks) for s in connected)
    done = sum(s.done_count for s in connected)
    current = next(
        (s for s in connected if not s.is_complete), connected[-1] if connected else None
    )
    late = [
        {
            "number": s.stage.number,
            "title": s.stage.title,
            "ends_on": s.ends_on.isoformat(),
            "days_late": (today - s.ends_on).days,
            "percent": s.percent,
            "missing": [c.label for c in s.missing],
        }
        for s in stages
        if s.is_overdue(today)
    ]
    return {
        "stage_number": current.stage.number if current else None,
        "stage_title": current.stage.title if current else "",
        "roadmap_percent": round(100 * done / checks) if checks else 0,
        "late_stages": late,
        "late_count": len(late),
    }


def summary_refresh(
    *, organization: Organization, start_year: int | None = None, today: dt.date | None = None
) -> OrganizationSummary:
    """Compute and store one ДОУ's figures for a year (the current one by default)."""
    today = today or timezone.localdate()
    start_year = start_year or current_year().start_year
    if start_year == current_year().start_year:
        current_cycle(organization)  # opens the year's cycle on first use: a write, done first
    started = timezone.now()  # before reading: a write meanwhile leaves the summary stale
    period = period_for(organization, start_year)
    values = indicator_figures(organization, Filters(year=period))
    if start_year == current_year().start_year:
        values.update(roadmap_figures(organization, today))
        values.update(selectors.work_counts(organization, today))
    values["orders_signed"] = Order.objects.filter(
        organization=organization,
        status=OrderStatus.SIGNED,
        order_date__gte=period.starts_on,
        order_date__lte=period.ends_on,
    ).count()
    values["period_label"] = period.label
    values["refreshed_at"] = started
    with transaction.atomic():
        summary, _ = OrganizationSummary.objects.update_or_create(
            organization=organization, start_year=start_year, defaults=values
        )
        late_rows_store(summaries=[summary])
    return summary


def late_rows_store(*, summaries: Iterable[OrganizationSummary]) -> None:
    """Replace the summaries' ``LateStage`` rows by their ``late_stages`` lists (what the
    deadlines page reads); the migration that added the rows and the tests use it too."""
    summaries = list(summaries)
    LateStage.objects.filter(summary__in=summaries).delete()
    LateStage.objects.bulk_create(
        LateStage(
            summary=summary,
            organization_id=summary.organization_id,
            start_year=summary.start_year,
            number=stage["number"],
            title=stage["title"],
            ends_on=dt.date.fromisoformat(stage["ends_on"]),
            days_late=stage["days_late"],
            percent=stage["percent"],
            missing=stage["missing"],
        )
        for summary in summaries
        for stage in summary.late_stages
    )


CHUNK = 50  # ДОУ per step of a refresh (then the municipalities' totals are computed again)


def summaries_refresh(
    *,
    organizations: Iterable[Organization] | None = None,
    years: int = 1,
    progress: Callable[[int, int], None] | None = None,
) -> int:
    """Refresh every active ДОУ (or the given ones) for the current year and ``years - 1``
    before it; ``progress(done, total)`` is called after each ДОУ. Returns the ДОУ count."""
    orgs = list(
        organizations
        if organizations is not None
        else Organization.objects.filter(is_active=True).order_by("pk")
    )
    now = current_year().start_year
    for index, organization in enumerate(orgs, start=1):
        for start_year in range(now, now - max(years, 1), -1):
            summary_refresh(organization=organization, start_year=start_year)
        if index % CHUNK == 0 or index == len(orgs):
            municipality_totals_keep()
        if progress is not None:
            progress(index, len(orgs))
    return len(orgs)


def municipality_totals_keep() -> None:
    """Compute every municipality's totals, trend and ДОУ without a summary now, right after
    summaries were written, so that the coordinators' next pages find them ready (in the cache,
    under the summaries' new stamp: ``selectors.municipality_figures``) instead of adding up
    every ДОУ of the municipality themselves. Any written summary changes every municipality's
    stamp; together they read each summary once."""
    stamp = selectors.written_stamp()  # first: a write after it makes a newer stamp
    year = current_year().start_year
    for municipality in Municipality.objects.filter(coordinators__isnull=False).distinct():
        selectors.municipality_figures(municipality, year, stamp=stamp)


EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


def stale_organizations(
    organization_ids: Iterable[int] | None = None, *, start_year: int | None = None
) -> list[int]:
    """The active ДОУ (of the given ones) whose summary of the year is missing, computed before
    today, or older than the last write to the ДОУ's rows; in pk order. Two queries and one
    cache round trip, whatever the number of ДОУ."""
    start_year = start_year or current_year().start_year
    active = Organization.objects.filter(is_active=True)
    if organization_ids is not None:
        active = active.filter(pk__in=list(organization_ids))
    ids = list(active.order_by("pk").values_list("pk", flat=True))
    refreshed = dict(
        OrganizationSummary.objects.filter(start_year=start_year, organization_id__in=ids)
        .values_list("organization_id", "refreshed_at")
        .iterator(chunk_size=2000)
    )
    written = last_writes(ids)
    today = timezone.localdate()
    stale = []
    for pk in ids:
        at = refreshed.get(pk)
        if (
            at is None
            or timezone.localdate(at) < today
            or written[pk] > (at - EPOCH) // dt.timedelta(microseconds=1) * 1000
        ):
            stale.append(pk)
    return stale


def summaries_refresh_stale(
    *,
    chunk: int = CHUNK,
    progress: Callable[[int, int], None] | None = None,
) -> int:
    """Recompute only the stale ДОУ (``stale_organizations``), ``chunk`` at a time: each chunk's
    ДОУ are loaded afresh and forgotten after, so memory stays flat at any region size.
    Returns how many ДОУ were recomputed."""
    stale = stale_organizations()
    done = 0
    for at in range(0, len(stale), chunk):
        ids = stale[at : at + chunk]
        organizations = list(Organization.objects.filter(pk__in=ids).order_by("pk"))
        for organization in organizations:
            summary_refresh(organization=organization)
            done += 1
        municipality_totals_keep()
        if progress is not None:
            progress(done, len(stale))
    return done
