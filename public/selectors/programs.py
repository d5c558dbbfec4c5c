"""«Программы»: programs under way and finished, without a personal detail."""

from __future__ import annotations

from functools import partial

from django.db.models import Count, OuterRef, QuerySet, Subquery

from mentoring.models import Direction, MentoringForm
from programs.models import PlanRow, Program
from public.selectors.cards import Paged, ProgramCard, Site
from public.selectors.cases import visible_cases
from public.selectors.site import FINISHED, RUNNING, cached_part, paged

PROGRAMS_PER_PAGE = 25
PROGRAM_LISTS = {"running": RUNNING, "finished": FINISHED}


def programs_page(site: Site, which: str, number) -> Paged:
    """A page of programs under way (``running``) or finished, newest first, without a single
    personal detail."""

    def listed() -> QuerySet[Program]:
        return Program.objects.filter(organization_id=site.id, status__in=PROGRAM_LISTS[which])

    def rows() -> QuerySet[Program]:
        shown_case = visible_cases(site.id).filter(program_id=OuterRef("pk")).values("pk")[:1]
        return (
            listed()
            .select_related("pair")
            .only("starts_on", "ends_on", "status", "pair__participants_form", "pair__role_model")
            .annotate(
                mentors_n=Count("pair__mentors", distinct=True),
                mentees_n=Count("pair__mentees", distinct=True),
                case_id=Subquery(shown_case),
            )
            .order_by("-starts_on", "-pk")
        )

    return paged(
        partial(cached_part, site.id),
        f"programs:{which}",
        number,
        per_page=PROGRAMS_PER_PAGE,
        count=lambda: listed().count(),
        rows=rows,
        cards=_program_cards,
    )


def _program_cards(page_rows: QuerySet[Program]) -> tuple[ProgramCard, ...]:
    from mentoring.models import PairForm

    rows = list(page_rows)
    directions: dict[int, set[str]] = {}
    for program_id, direction in (
        PlanRow.objects.filter(program_id__in=[p.pk for p in rows])
        .values_list("program_id", "direction")
        .order_by()
        .distinct()
    ):
        directions.setdefault(program_id, set()).add(direction)
    forms: dict[int, list[str]] = {}
    for pair_id, form in PairForm.objects.filter(pair_id__in=[p.pair_id for p in rows]).values_list(
        "pair_id", "form"
    ):
        forms.setdefault(pair_id, []).append(str(MentoringForm(form).label))
    return tuple(
        ProgramCard(
            kind="Пара" if p.mentors_n == 1 and p.mentees_n == 1 else "Группа",
            participants_form=p.pair.get_participants_form_display(),
            forms=tuple(sorted(forms.get(p.pair_id, []))),
            role_model=p.pair.role_model.strip('«»" '),
            directions=tuple(
                str(label)
                for value, label in Direction.choices
                if value in directions.get(p.pk, ())
            ),
            starts_on=p.starts_on,
            ends_on=p.ends_on,
            stage=p.get_status_display(),
            case_id=p.case_id,
        )
        for p in rows
    )
