"""«Лучшие практики»: the one rule of which cases the public section shows, and their cards."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, replace

from django.db.models import Exists, OuterRef, Q, QuerySet

from core.compiled import rows_of
from mentoring.models import Consent, ConsentKind, StaffMember
from programs.models import Case
from programs.models.case import STAGES as CASE_STAGES
from public.models import FileKind, FinalEvent
from public.selectors.cards import CaseCard, EventCard, FileCard, Practices, Site
from public.selectors.files import file_card, published_files
from public.selectors.site import FINISHED, LIST_LIMIT, cached_part

# What a shown case's part reads: the cases and programs, the pairs and consents, the people.
CASE_READS = ("programs", "mentoring", "people")


@dataclass(frozen=True)
class ShownCase:
    """A case the public section shows, with what its lists are sorted and grouped by."""

    id: int
    organization_id: int
    program_id: int
    ends_on: dt.date


def _refusing() -> QuerySet[StaffMember]:
    """People who do not let a case of theirs be shown: the personal-data consent withdrawn, or
    no active consent to publication.

    A consent to publication never names a pair (``consent_give`` leaves it empty); saying so
    lets the database answer from the unique index of active consents instead of reading every
    consent of the person (a mentor of many pairs has hundreds of pair-duty consents).
    """
    consent = Consent.objects.active().filter(
        staff=OuterRef("pk"), kind=ConsentKind.PUBLICATION, pair__isnull=True
    )
    return StaffMember.objects.filter(
        Q(personal_data_withdrawn_at__isnull=False) | ~Exists(consent)
    )


def _candidates() -> QuerySet[Case]:
    """Cases the curator shows, of finished programs (the participants not checked yet)."""
    return Case.objects.filter(program__status__in=FINISHED, is_published=True)


def published_cases() -> QuerySet[Case]:
    """Cases the curator shows, of finished programs, with every participant's consent now,
    in every organization: the one rule of what the public section may show of a case.

    The consent is checked here, at every read, so a withdrawal takes the case down at once.
    ``shown_cases`` gives the same cases of some organizations, from a query that asks about
    the participants of their candidates only.
    """
    refusing = _refusing()
    # Matched on the case's own program_id, not the program's pair_id: the database then looks
    # for refusals only once it has found a shown case, not for every program it scans.
    return _candidates().exclude(
        Exists(refusing.filter(pairs_as_mentor__program=OuterRef("program_id")))
        | Exists(refusing.filter(pairs_as_mentee__program=OuterRef("program_id")))
    )


def visible_cases(org_id: int) -> QuerySet[Case]:
    """The organization's cases that its public section shows (``published_cases``)."""
    return published_cases().filter(program__organization_id=org_id)


def shown_cases(org_ids: Iterable[int]) -> tuple[ShownCase, ...]:
    """``published_cases`` of these organizations, newest program first (then by id).

    One query: the participants are asked about in the select list, which the database computes
    only for the rows it returns (these organizations' candidates), never for another case.
    """
    ids = tuple(org_ids)
    rows = rows_of(("public:shown-cases", ids), lambda: _shown_rows(ids))
    return tuple(
        ShownCase(id=pk, organization_id=org_id, program_id=program_id, ends_on=ends_on)
        for pk, org_id, program_id, ends_on, refused_mentor, refused_mentee in rows
        if not (refused_mentor or refused_mentee)
    )


def _shown_rows(org_ids: tuple[int, ...]) -> QuerySet:
    """``shown_cases``' query: the organizations' candidates with whether a participant
    refuses (its statement is made once per process, ``core.compiled.rows_of``)."""
    refusing = _refusing()
    return (
        _candidates()
        .filter(program__organization_id__in=list(org_ids))
        .annotate(
            refused_mentor=Exists(refusing.filter(pairs_as_mentor=OuterRef("program__pair_id"))),
            refused_mentee=Exists(refusing.filter(pairs_as_mentee=OuterRef("program__pair_id"))),
        )
        .values_list(
            "pk",
            "program__organization_id",
            "program_id",
            "program__ends_on",
            "refused_mentor",
            "refused_mentee",
        )
        .order_by("-program__ends_on", "-pk")
    )


def shown_in(org_id: int) -> tuple[ShownCase, ...]:
    """The organization's shown cases (``shown_cases``), kept until a case, a program, a pair,
    a consent or a person of the organization changes."""
    return cached_part(org_id, "shown-cases", lambda: shown_cases([org_id]), reads=CASE_READS)


CARD_FIELDS = (
    "form_and_role_model",
    "given",
    "need",
    "who_needed",
    "results",
    *(f"stage_{n}" for n in range(1, 8)),
    "program__starts_on",
    "program__ends_on",
)


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


def _case_card_of(row: tuple) -> CaseCard:
    """``_case_card`` of a row of ``pk`` and ``CARD_FIELDS``."""
    pk, form_and_role_model, given, need, who_needed, results, *rest = row
    *stages, starts_on, ends_on = rest
    return CaseCard(
        id=pk,
        form_and_role_model=form_and_role_model,
        given=given,
        need=need,
        who_needed=who_needed,
        results=results,
        stages=tuple((n, CASE_STAGES[n - 1], text) for n, text in enumerate(stages, 1)),
        starts_on=starts_on,
        ends_on=ends_on,
    )


def practices(site: Site) -> Practices:
    return cached_part(
        site.id,
        "practices",
        lambda: _build_practices(site.id),
        reads=(*CASE_READS, "public", "roadmap"),
    )


def _build_practices(org_id: int) -> Practices:
    # Newest programs first; cases of programs that ended the same day by id.
    newest = sorted(shown_in(org_id), key=lambda c: (-c.ends_on.toordinal(), c.id))[:LIST_LIMIT]
    ids = tuple(sorted(c.id for c in newest))
    rows = {
        row[0]: row
        for row in rows_of(
            ("public:case-cards", ids),
            lambda: Case.objects.filter(pk__in=ids).values_list("pk", *CARD_FIELDS),
        )
    }
    cases = tuple(_case_card_of(rows[c.id]) for c in newest if c.id in rows)
    shown = {c.id for c in cases}
    events = tuple(
        replace(event, best_case_ids=tuple(pk for pk in event.best_case_ids if pk in shown))
        for event in final_events(org_id)
    )
    return Practices(cases=cases, events=events)


def final_events(org_id: int) -> tuple[EventCard, ...]:
    """The organization's ten latest final events, each with all its best cases (the page
    keeps those it shows): kept until the section's events, files or the cycles change, so a
    write to the programs or the people leaves them as they are."""
    return cached_part(
        org_id, "final-events", lambda: _build_final_events(org_id), reads=("public", "roadmap")
    )


def _build_final_events(org_id: int) -> tuple[EventCard, ...]:
    found = list(
        FinalEvent.objects.filter(organization_id=org_id)
        .select_related("cycle")
        .order_by("-held_on")[:10]
    )
    # The best cases from the link table alone (the cases' own rows are the programs' group),
    # in the order they were chosen.
    best: dict[int, list[int]] = {}
    for event_id, case_id in (
        FinalEvent.best_cases.through.objects.filter(finalevent_id__in=[e.pk for e in found])
        .order_by("pk")
        .values_list("finalevent_id", "case_id")
    ):
        best.setdefault(event_id, []).append(case_id)
    materials: dict[int, list[FileCard]] = {}
    for f in published_files(org_id).filter(
        kind=FileKind.EVENT, final_event_id__in=[e.pk for e in found]
    ):
        materials.setdefault(f.final_event_id, []).append(file_card(f))
    return tuple(
        EventCard(
            kind=event.get_kind_display(),
            title=event.title,
            held_on=event.held_on,
            format=event.get_format_display(),
            participants_count=event.participants_count,
            participant_roles=event.participant_roles,
            summary=event.summary,
            cycle_title=event.cycle.title,
            materials=tuple(materials.get(event.pk, ())),
            best_case_ids=tuple(best.get(event.pk, ())),
        )
        for event in found
    )


def case(site: Site, pk: int) -> CaseCard | None:
    """A shown case of the organization; one older than the «Лучшие практики» list too (the
    municipality's page links to every case)."""
    found = next((c for c in practices(site).cases if c.id == pk), None)
    if found is None:
        found = cached_part(site.id, f"case:{pk}", lambda: _one_case(site.id, pk), reads=CASE_READS)
    return found


def _one_case(org_id: int, pk: int) -> CaseCard | None:
    row = visible_cases(org_id).select_related("program").only(*CARD_FIELDS).filter(pk=pk).first()
    return _case_card(row) if row is not None else None
