"""The curator's reads for «Публичный раздел»: drafts too, so never used by a visitor's page."""

from __future__ import annotations

from dataclasses import dataclass

from core.models import Organization
from mentoring.models import Consent, ConsentKind
from programs.models import Case
from public.models import FileKind, FinalEvent, NewsItem, PublicFile
from public.selectors.cases import visible_cases
from public.selectors.cycle import current_cycle
from public.selectors.site import FINISHED


@dataclass(frozen=True)
class CaseRow:
    case: Case
    visible: bool
    missing: tuple[str, ...]


def case_rows(organization: Organization, limit: int = 100) -> list[CaseRow]:
    """Cases of finished programs, whether each is shown and whose consent is missing."""
    cases = list(
        Case.objects.filter(program__organization=organization, program__status__in=FINISHED)
        .select_related("program__pair")
        .prefetch_related("program__pair__mentors", "program__pair__mentees")
        .order_by("-program__ends_on", "-pk")[:limit]
    )
    people = {
        s.pk: s
        for c in cases
        for s in (*c.program.pair.mentors.all(), *c.program.pair.mentees.all())
    }
    consented = set(
        Consent.objects.active()
        .filter(staff_id__in=people, kind=ConsentKind.PUBLICATION)
        .values_list("staff_id", flat=True)
    )
    visible = set(visible_cases(organization.pk).values_list("pk", flat=True))
    rows = []
    for c in cases:
        pair = c.program.pair
        missing = tuple(
            s.short_name
            for s in (*pair.mentors.all(), *pair.mentees.all())
            if s.pk not in consented or s.personal_data_withdrawn_at is not None
        )
        rows.append(CaseRow(case=c, visible=c.pk in visible, missing=missing))
    return rows


def overview(organization: Organization) -> dict:
    cycle = current_cycle(organization)
    files = list(
        PublicFile.objects.filter(organization=organization)
        .defer("content")
        .order_by("kind", "level", "title")[:300]
    )
    return {
        "news": list(NewsItem.objects.filter(organization=organization).defer("image")[:100]),
        "documents": [f for f in files if f.kind == FileKind.NORMATIVE],
        "materials": [f for f in files if f.kind == FileKind.MATERIAL],
        "event_materials": [f for f in files if f.kind == FileKind.EVENT],
        "cases": case_rows(organization),
        "cycle": cycle,
        "event": FinalEvent.objects.filter(organization=organization, cycle_id=cycle.pk).first()
        if cycle.pk
        else None,
    }
