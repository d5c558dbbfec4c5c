"""What the monitoring pages show: indicators with chart data, breakdowns, survey forms."""

from __future__ import annotations

import functools
from urllib.parse import urlencode

from django.conf import settings
from django.db.models import Avg, F, Q
from django.template.defaultfilters import floatformat
from django.urls import get_script_prefix, get_urlconf, reverse

from core.cache import org_cached
from core.models import Organization
from mentoring.models import Pair
from monitoring import dashboard_growth, figures, indicators, selectors, years
from monitoring.indicators import Filters, _impact_answers, _pct, _round
from monitoring.models import (
    SCALE_MAX,
    Measure,
    Moment,
    QuestionKind,
    SurveyKind,
    SurveyResponse,
)

# Chart axis labels: the full names of the measures do not fit beside a bar.
SHORT = {
    Measure.MOTIVATION: "Мотивация к саморазвитию",
    Measure.INNOVATION: "Инновационная деятельность",
    Measure.ADAPTATION: "Адаптация",
    Measure.STRESS: "Без стресса и выгорания",
    Measure.FUTURE_MENTOR: "Хочу стать наставником",
}


def _query(filters: Filters, **extra) -> str:
    period = filters.year
    params = {"cycle": period.pk} if period.pk else {"year": period.start_year}
    if filters.form:
        params["form"] = filters.form
    if filters.mentor_id:
        params["mentor"] = filters.mentor_id
    params.update({k: v for k, v in extra.items() if v not in ("", None)})
    return urlencode(params)


def _link(filters: Filters, **extra) -> str:
    return _breakdown_url() + "?" + _query(filters, **extra)


def _breakdown_url() -> str:
    """The drill-down's address (the page links it some fifty times)."""
    return _reversed(get_urlconf() or settings.ROOT_URLCONF, get_script_prefix())


@functools.lru_cache(maxsize=16)
def _reversed(urlconf: str, prefix: str) -> str:
    return reverse("monitoring:breakdown", urlconf=urlconf)


def build(organization: Organization, filters: Filters) -> dict:
    """Indicators, before/after per measure and per pair, and the charts' data.

    The figures are kept in the organization's cache until anything in it changes. A year that
    is over (the next one opened) reads its figures as they were frozen then
    (``monitoring.years``); a form or mentor filter still reads the live rows. The answers'
    figures (satisfaction, before/after, the pairs' rows) are kept apart as well, until the
    answers, the pairs or the people change: a write to the programs (a plan row, a meeting, an
    activity record) leaves them as they are.
    """
    figures = org_cached(
        organization.pk,
        f"monitoring:{_query(filters)}",
        lambda: _frozen_or_live(organization, filters),
        reads=FIGURES_READS,
    )
    return {**figures, "filters": filters, "measures": Measure.choices}


# What the page's figures read; the answers' part reads all but the programs.
FIGURES_READS = ("monitoring", "mentoring", "people", "programs")
ANSWERS_READS = ("monitoring", "mentoring", "people")


def _frozen_or_live(organization: Organization, filters: Filters) -> dict:
    if not filters.form and not filters.mentor_id:
        frozen = years.frozen(organization.pk, filters.year.start_year)
        if frozen is not None:
            return frozen["figures"]
    return _figures(
        organization,
        filters,
        answered=org_cached(
            organization.pk,
            f"monitoring:answers:{_query(filters)}",
            lambda: _answered(organization, filters),
            reads=ANSWERS_READS,
        ),
    )


def live_figures(organization: Organization, filters: Filters) -> dict:
    """The figures from today's rows, never the cache nor a frozen year (for freezing it)."""
    return _figures(organization, filters, answered=_answered(organization, filters))


# «Как считается» of the Положение's section 6 indicators, as the activity cards have it.
HOW = {
    "teachers": "Педагоги, работавшие в этом году (без отозвавших согласие), у которых есть пара "
    "или группа года в роли наставляемого, закреплённая приказом, работающая или завершённая, — "
    "от числа всех таких педагогов.",
    "young": "То же среди молодых специалистов: так отмеченных в банке наставляемых, а кого в "
    "банке нет — со стажем педагогической работы до 3 лет.",
    "satisfaction_mentee": "Среднее по всем ответам на вопросы со шкалой в отправленных за год "
    "анкетах удовлетворённости наставляемых, в процентах от максимума шкалы.",
    "satisfaction_mentor": "То же по анкетам удовлетворённости наставников.",
}


def _answered(organization: Organization, filters: Filters) -> dict:
    """The figures of the year's answers (``figures.answers``, ``figures.impact``) and the rows
    of the pairs' table: they read the answers, the pairs and the people, never the programs."""
    impact = figures.impact(organization, filters)
    return {
        "answers": figures.answers(organization, filters),
        "changes": impact.changes,
        "pair_rows": _pair_rows(organization, filters, impact.by_pair),
    }


def _figures(organization: Organization, filters: Filters, *, answered: dict) -> dict:
    """Every figure of the page from a few aggregate queries (``monitoring.figures``);
    ``answered``: ``_answered``'s part."""
    people = figures.people(organization, filters)
    answers = answered["answers"]
    teachers, young = people.teachers, people.young
    mentees, mentors = answers.mentees, answers.mentors
    changes = answered["changes"]
    process = figures.process(organization, filters)
    cards = [
        {
            "label": "Доля педагогов, вошедших в программы в роли наставляемого",
            "value": teachers.percent,
            "detail": f"{teachers.part} из {teachers.total} педагогов",
            "url": _link(filters, what="mentees"),
            "key": "teachers",
            "how": HOW["teachers"],
        },
        {
            "label": "Доля молодых специалистов, вошедших в программы в роли наставляемого",
            "value": young.percent,
            "detail": f"{young.part} из {young.total} молодых специалистов "
            "(по банку наставляемых, иначе стаж до 3 лет)",
            "url": _link(filters, what="young"),
            "key": "young",
            "how": HOW["young"],
        },
        {
            "label": "Удовлетворённость наставляемых участием в программах",
            "value": mentees.percent,
            "detail": f"ответили {mentees.respondents} чел.",
            "url": _link(filters, what="satisfaction_mentee"),
            "key": "satisfaction_mentee",
            "how": HOW["satisfaction_mentee"],
        },
        {
            "label": "Удовлетворённость наставников участием в программах",
            "value": mentors.percent,
            "detail": f"ответили {mentors.respondents} чел.",
            "url": _link(filters, what="satisfaction_mentor"),
            "key": "satisfaction_mentor",
            "how": HOW["satisfaction_mentor"],
        },
    ]
    charts = {
        "indicators": {
            "labels": [
                "Педагоги-наставляемые",
                "Молодые специалисты",
                "Удовл. наставляемых",
                "Удовл. наставников",
            ],
            "values": [card["value"] for card in cards],
        },
        "impact": {
            "labels": [SHORT[change.measure] for change in changes],
            "before": [change.before for change in changes],
            "after": [change.after for change in changes],
        },
    }
    return {
        "cards": cards,
        "changes": [
            {"change": c, "url": _link(filters, what="impact", measure=c.measure)} for c in changes
        ],
        "pair_rows": answered["pair_rows"],
        "process": process,
        "charts": charts,
        "growth": dashboard_growth.cards(
            filters,
            _link,
            people=people,
            planning=answers.planning,
            adapted=figures.adaptation(organization, filters),
        ),
        "activity_counts": figures.activity_counts(organization, filters),
        "records_url": _link(filters, what="records"),
        "withdrawn": people.withdrawn,
    }


def _pair_rows(organization: Organization, filters: Filters, rows: list[dict]) -> list[dict]:
    """Before/after per pair and measure (``indicators.impact_changes_by_pair``'s rows),
    pivoted to one row per pair (aggregated rows only)."""
    if not rows:
        return []
    labels = figures.pair_labels(organization, {row["response__pair"] for row in rows})
    table: dict[int, dict] = {}
    for row in rows:
        pair_id = row["response__pair"]
        if pair_id not in table:  # a row per measure: the label is made once per pair
            table[pair_id] = {
                "label": labels[pair_id],
                "url": _link(filters, what="impact", pair=pair_id),
                "cells": {m: None for m in Measure.values},
                "missing": 0,
            }
        entry = table[pair_id]
        before, after = row["before"], row["after"]
        entry["cells"][row["measure"]] = {
            "before": _round(before),
            "after": _round(after),
            "delta": None if before is None or after is None else _round(after - before),
        }
        entry["missing"] = max(entry["missing"], row["missing"])
    for entry in table.values():
        entry["cells"] = [entry["cells"][m] for m in Measure.values]
        entry["texts"] = [_cell_text(cell) for cell in entry["cells"]]
    return list(table.values())


def _cell_text(cell: dict | None) -> str:
    """A cell of the pairs' table as the page writes it («40 → 90 (+50)», else «—»): made once
    with the figures, not by three template filters per cell on every request (years frozen
    before it have no ``texts``: the template still writes their cells itself)."""
    if not cell or cell["delta"] is None:
        return "—"
    sign = "+" if cell["delta"] > 0 else ""
    return (
        f"{floatformat(cell['before'], 0)} → {floatformat(cell['after'], 0)} "
        f"({sign}{floatformat(cell['delta'], 0)})"
    )


TITLES = {
    "mentees": "Педагоги, вошедшие в программы в роли наставляемого",
    "young": "Молодые специалисты, вошедшие в программы в роли наставляемого",
    "satisfaction_mentee": "Удовлетворённость наставляемых: кто ответил",
    "satisfaction_mentor": "Удовлетворённость наставников: кто ответил",
    "impact": "Изменение показателя до и после программы",
}


def breakdown(
    organization: Organization, filters: Filters, *, what: str, measure: str, pair_id: str
) -> dict | None:
    """Rows behind one number: people (queryset) or aggregated per-participant values."""
    if what in dashboard_growth.KEYS:
        return dashboard_growth.breakdown(organization, filters, what)
    if what in ("mentees", "young"):
        rows = indicators.mentee_teachers(organization, filters, young=what == "young").order_by(
            "search_name", "pk"
        )
        return {"title": TITLES[what], "kind": "people", "rows": rows}
    if what in ("satisfaction_mentee", "satisfaction_mentor"):
        kind = (
            SurveyKind.SATISFACTION_MENTEE
            if what == "satisfaction_mentee"
            else SurveyKind.SATISFACTION_MENTOR
        )
        rows = (
            indicators.submitted_answers(organization, filters)
            .filter(
                response__assignment__version__template__kind=kind,
                response__staff__personal_data_withdrawn_at__isnull=True,
            )
            .values(
                "response",
                "response__staff",
                "response__staff__last_name",
                "response__staff__first_name",
                "response__staff__middle_name",
                "response__submitted_at",
            )
            .annotate(percent=Avg(_pct()))
            .order_by("response__staff__search_name", "response")
        )
        return {"title": TITLES[what], "kind": "satisfaction", "rows": rows}
    if what == "impact":
        answers = _impact_answers(organization, filters).filter(
            response__staff__personal_data_withdrawn_at__isnull=True
        )
        label = "все показатели"
        if measure in Measure.values:
            answers = answers.filter(measure=measure)
            label = Measure(measure).label
        if pair_id.isdigit():
            answers = answers.filter(response__pair=int(pair_id))
        rows = (
            answers.values(
                "response__staff",
                "response__pair",
                "response__pair__number",
                "response__staff__last_name",
                "response__staff__first_name",
                "response__staff__middle_name",
            )
            .annotate(
                before=Avg(_pct(), filter=Q(response__assignment__moment=Moment.BEFORE)),
                after=Avg(_pct(), filter=Q(response__assignment__moment=Moment.AFTER)),
            )
            .annotate(delta=F("after") - F("before"))
            .order_by("response__pair", "response__staff__search_name")
        )
        return {"title": f"{TITLES[what]}: {label}", "kind": "impact", "rows": rows}
    return None


def response_items(response: SurveyResponse, *, posted, errors: dict) -> list[dict]:
    """The questions of a response's version with the saved (or just posted) answers."""
    answers = {a.question_key: a for a in response.answers.all()}
    texts = {t.question_key: t.text for t in response.text_answers.all()}
    items = []
    for number, question in enumerate(response.assignment.version.questions, 1):
        key, kind = question["key"], question["kind"]
        saved = answers.get(key)
        if posted is not None and key in posted:
            chosen = [v for v in posted[key] if v != ""]
        elif kind == QuestionKind.TEXT:
            chosen = [texts[key]] if key in texts else []
        elif saved is None:
            chosen = []
        elif kind == QuestionKind.MULTIPLE:
            chosen = [str(i) for i in saved.choices]
        else:
            chosen = [str(saved.value)]
        options = question.get("options") or []
        items.append(
            {
                "number": number,
                "q": question,
                "name": f"q{key}",
                "chosen": chosen,
                "text": chosen[0] if kind == QuestionKind.TEXT and chosen else "",
                "scale": [str(v) for v in range(1, SCALE_MAX[kind] + 1)]
                if kind in SCALE_MAX
                else [],
                "options": [(str(i), label) for i, label in enumerate(options)],
                "chosen_labels": [
                    options[int(c)] for c in chosen if c.isdigit() and int(c) < len(options)
                ],
                "error": errors.get(f"q{key}", ""),
            }
        )
    return items


def pair_labels(pair_ids) -> dict[int, str]:
    pairs = Pair.objects.filter(pk__in=pair_ids).prefetch_related("mentors", "mentees")
    return {pair.pk: selectors.pair_label(pair) for pair in pairs}
