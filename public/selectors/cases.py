"""«Лучшие практики»: the one rule of which cases the public section shows, and their cards."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q, QuerySet

from mentoring.models import Consent, ConsentKind
from programs.models import Case
from public.models import FileKind, FinalEvent
from public.selectors.cards import CaseCard, EventCard, Practices, Site
from public.selectors.files import file_card, published_files
from public.selectors.site import FINISHED, LIST_LIMIT, cached_part


def published_cases() -> QuerySet[Case]:
    """Cases the curator shows, of finished programs, with every participant's consent now,
    in every organization: the one rule of what the public section may show of a case.

    The consent is checked here, at every read, so a withdrawal takes the case down at once.
    """
    without_consent = Consent.objects.active().filter(
        staff=OuterRef("pk"), kind=ConsentKind.PUBLICATION
    )
    from mentoring.models import StaffMember

    refusing = StaffMember.objects.filter(
        Q(personal_data_withdrawn_at__isnull=False) | ~Exists(without_consent)
    )
    # Matched on the case's own program_id, not the program's pair_id: the database then looks
    # for refusals only once it has found a shown case, not for every program it scans.
    return Case.objects.filter(program__status__in=FINISHED, is_published=True).exclude(
        Exists(refusing.filter(pairs_as_mentor__program=OuterRef("program_id")))
        | Exists(refusing.filter(pairs_as_mentee__program=OuterRef("program_id")))
    )


def visible_cases(org_id: int) -> QuerySet[Case]:
    """The organization's cases that its public section shows (``published_cases``)."""
    return published_cases().filter(program__organization_id=org_id)


def _case_card(case: Case) -> CaseCard:
    return CaseCard(
        id=case.pk,
        form_and_role_model=case.form_and_role_model,
        given=case.given,
        need=case.need,
        who_needed=case.who_needed,
        results=case.results,
        stages=tuple(case.stages),
        starts_on=case.program.starts_on,
        ends_on=case.program.ends_on,
    )


def practices(site: Site) -> Practices:
    return cached_part(site.id, "practices", lambda: _build_practices(site.id))


def _build_practices(org_id: int) -> Practices:
    cases = tuple(
        _case_card(c)
        for c in visible_cases(org_id)
        .select_related("program")
        .order_by("-program__ends_on")[:LIST_LIMIT]
    )
    shown = {c.id for c in cases}
    events = []
    for event in (
        FinalEvent.objects.filter(organization_id=org_id)
        .select_related("cycle")
        .prefetch_related("best_cases")
        .order_by("-held_on")[:10]
    ):
        materials = tuple(
            file_card(f)
            for f in published_files(org_id).filter(kind=FileKind.EVENT, final_event=event)
        )
        events.append(
            EventCard(
                kind=event.get_kind_display(),
                title=event.title,
                held_on=event.held_on,
                format=event.get_format_display(),
                participants_count=event.participants_count,
                participant_roles=event.participant_roles,
                summary=event.summary,
                cycle_title=event.cycle.title,
                materials=materials,
                best_case_ids=tuple(c.pk for c in event.best_cases.all() if c.pk in shown),
            )
        )
    return Practices(cases=cases, events=tuple(events))


def case(site: Site, pk: int) -> CaseCard | None:
    """A shown case of the organization; one older than the «Лучшие практики» list too (the
    municipality's page links to every case)."""
    found = next((c for c in practices(site).cases if c.id == pk), None)
    if found is None:
        found = cached_part(site.id, f"case:{pk}", lambda: _one_case(site.id, pk))
    return found


def _one_case(org_id: int, pk: int) -> CaseCard | None:
    row = visible_cases(org_id).select_related("program").filter(pk=pk).first()
    return _case_card(row) if row is not None else None
