"""«Программы»: programs under way and finished, without a personal detail."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from django.db.models import Count, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce

from core.compiled import rows_of
from mentoring.models import Direction, MentoringForm, Pair, PairForm
from programs.models import PlanRow, Program, ProgramStatus
from public.selectors.cards import Paged, ProgramCard, Site
from public.selectors.cases import CASE_READS, ShownCase, shown_in
from public.selectors.site import FINISHED, RUNNING, cached_part, paged, program_counts

PROGRAMS_PER_PAGE = 25
PROGRAM_LISTS = {"running": RUNNING, "finished": FINISHED}
# A list reads the programs and their plan rows, the pairs and their forms, the shown cases.
PROGRAM_READS = CASE_READS
PARTICIPANTS_FORMS = dict(Pair._meta.get_field("participants_form").flatchoices)
STAGES = dict(ProgramStatus.choices)


def _pair(field: str) -> Subquery:
    return Subquery(Pair.objects.filter(pk=OuterRef("pair_id")).values(field)[:1])


def _how_many(through) -> Coalesce:
    """The number of a program's pair's mentors (or mentees)."""
    return Coalesce(
        Subquery(
            through.objects.filter(pair_id=OuterRef("pair_id"))
            .order_by()
            .values("pair_id")
            .annotate(n=Count("pk"))
            .values("n")
        ),
        0,
    )


def programs_page(site: Site, which: str, number, *, counts: dict | None = None) -> Paged:
    """A page of programs under way (``running``) or finished, newest first, without a single
    personal detail. ``counts``: the section's ``program_counts`` when the caller has them."""
    statuses = PROGRAM_LISTS[which]
    if counts is None:
        counts = program_counts(site.id)

    def rows() -> _Compiled:
        # Everything but the order is a subquery of the select list: the database sorts the
        # organization's programs and computes the rest only for the page's rows.
        return _Compiled(("public:programs", site.id, which), queryset)

    def queryset() -> QuerySet:
        return (
            Program.objects.filter(organization_id=site.id, status__in=statuses)
            .annotate(
                participants_form=_pair("participants_form"),
                role_model=_pair("role_model"),
                mentors_n=_how_many(Pair.mentors.through),
                mentees_n=_how_many(Pair.mentees.through),
            )
            .order_by("-starts_on", "-pk")
            .values_list(
                "pk",
                "pair_id",
                "starts_on",
                "ends_on",
                "status",
                "participants_form",
                "role_model",
                "mentors_n",
                "mentees_n",
            )
        )

    return paged(
        partial(cached_part, site.id, reads=PROGRAM_READS),
        f"programs:{which}",
        number,
        per_page=PROGRAMS_PER_PAGE,
        count=sum(counts.get(status, 0) for status in statuses),
        rows=rows,
        cards=lambda page_rows: _program_cards(list(page_rows), shown_in(site.id)),
    )


class _Compiled:
    """The list's rows by slices, each slice's statement made once per process
    (``core.compiled.rows_of``): ``key`` names the list, ``queryset`` builds it."""

    def __init__(self, key: tuple, queryset: Callable[[], QuerySet]):
        self.key, self.queryset = key, queryset

    def __getitem__(self, span: slice) -> list[tuple]:
        return rows_of((*self.key, span.start, span.stop), lambda: self.queryset()[span])


def _program_cards(rows: list[tuple], shown: tuple[ShownCase, ...]) -> tuple[ProgramCard, ...]:
    """The page's cards: its rows, then their pairs' forms and their plans' directions (two
    queries whatever their number, each made once per process for the same programs); the
    cases from the section's shown ones. Every label is translated once per page, not per card."""
    case_of = {c.program_id: c.id for c in shown}
    pair_ids = tuple(r[1] for r in rows)
    program_ids = tuple(r[0] for r in rows)
    form_labels = {value: str(label) for value, label in MentoringForm.choices}
    forms: dict[int, list[str]] = {}
    for pair_id, form in rows_of(
        ("public:pair-forms", pair_ids),
        lambda: PairForm.objects.filter(pair_id__in=pair_ids).values_list("pair_id", "form"),
    ):
        forms.setdefault(pair_id, []).append(form_labels[form])
    directions: dict[int, set[str]] = {}
    for program_id, direction in rows_of(
        ("public:plan-directions", program_ids),
        lambda: (
            PlanRow.objects.filter(program_id__in=program_ids)
            .values_list("program_id", "direction")
            .order_by()
            .distinct()
        ),
    ):
        directions.setdefault(program_id, set()).add(direction)
    direction_labels = [(value, str(label)) for value, label in Direction.choices]
    participants = {value: str(label) for value, label in PARTICIPANTS_FORMS.items()}
    stages = {value: str(label) for value, label in STAGES.items()}
    return tuple(
        ProgramCard(
            kind="Пара" if mentors_n == 1 and mentees_n == 1 else "Группа",
            participants_form=participants[form] if form in participants else str(form),
            forms=tuple(sorted(forms.get(pair_id, []))),
            role_model=role_model.strip('«»" '),
            directions=tuple(
                label for value, label in direction_labels if value in directions.get(pk, ())
            ),
            starts_on=starts_on,
            ends_on=ends_on,
            stage=stages[status],
            case_id=case_of.get(pk),
        )
        for (
            pk,
            pair_id,
            starts_on,
            ends_on,
            status,
            form,
            role_model,
            mentors_n,
            mentees_n,
        ) in rows
    )
