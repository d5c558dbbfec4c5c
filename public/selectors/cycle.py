"""«О наставничестве»: the cycle's stages and the section's counts."""

from __future__ import annotations

from django.utils import timezone

from core.models import Organization
from public.selectors.cards import About, Site, StageCard
from public.selectors.cases import shown_in
from public.selectors.site import FINISHED, RUNNING, cached_part, program_counts
from roadmap.models import Cycle


def current_cycle(organization: Organization) -> Cycle:
    """The cycle of today's academic year without creating one (a GET never writes)."""
    from roadmap.selectors import cycle_bounds

    starts_on, ends_on = cycle_bounds(timezone.localdate())
    cycle = (  # the next year counts from the day the curator opened it
        Cycle.objects.filter(organization=organization, starts_on__gte=starts_on)
        .order_by("-starts_on")
        .first()
    )
    if cycle is None:
        cycle = Cycle(
            organization=organization,
            starts_on=starts_on,
            ends_on=ends_on,
            title=f"{starts_on.year}/{ends_on.year} учебный год",
        )
    return cycle


# --- «О наставничестве» ---------------------------------------------------------------------


def about(site: Site) -> About:
    return cached_part(site.id, "about", lambda: _build_about(site.id))


def _build_about(org_id: int) -> About:
    from roadmap.stages import roadmap_progress

    organization = Organization.objects.get(pk=org_id)
    cycle = current_cycle(organization)
    stages = tuple(
        StageCard(
            number=p.stage.number,
            title=p.stage.title,
            starts_on=p.starts_on,
            ends_on=p.ends_on,
            percent=p.percent,
            connected=p.connected,
            complete=p.is_complete,
        )
        for p in roadmap_progress(organization, cycle)
    )
    counts = program_counts(org_id)
    return About(
        cycle_title=cycle.title,
        cycle_starts_on=cycle.starts_on,
        cycle_ends_on=cycle.ends_on,
        stages=stages,
        programs_running=sum(counts.get(s, 0) for s in RUNNING),
        programs_finished=sum(counts.get(s, 0) for s in FINISHED),
        cases=len(shown_in(org_id)),
    )
