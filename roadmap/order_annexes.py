"""Roadmap's own annexes: the Положение, the e-signature regulation, the roadmap and the pairs.

Registered when roadmap/order_effects.py (found by discovery) imports this module.
"""

from __future__ import annotations

from django.template.loader import render_to_string

from roadmap.effects import Annex, annexes
from roadmap.models import OrderKind
from roadmap.stages import STAGES, stage_plan

DOCUMENT_TITLES = {
    OrderKind.APPROVE_REGULATION: "Положение о системе наставничества педагогических работников",
    OrderKind.ESIGN_REGULATION: "Положение об использовании простой электронной подписи",
}


def document_blocks(text: str) -> list[dict]:
    """The curator's plain text as headings («# …») and paragraphs."""
    blocks = []
    for line in (text or "").splitlines():
        line = line.strip()
        if not line:
            continue
        if line.startswith("#"):
            blocks.append({"heading": True, "text": line.lstrip("#").strip()})
        else:
            blocks.append({"heading": False, "text": line})
    return blocks


def _document(order) -> list[Annex]:
    if not order.document_text.strip():
        return []
    html = render_to_string(
        "roadmap/pdf/annexes/document.html", {"blocks": document_blocks(order.document_text)}
    )
    return [Annex(title=DOCUMENT_TITLES[order.kind], html=html, approved="УТВЕРЖДЕНО")]


annexes(OrderKind.APPROVE_REGULATION)(_document)
annexes(OrderKind.ESIGN_REGULATION)(_document)


@annexes(OrderKind.INTRODUCE_MODEL)
def roadmap_table(order) -> list[Annex]:
    """The approved version of the organization's roadmap; the standard plan without one."""
    from roadmap.selectors import approved_version, current_cycle, plan_by_stage

    cycle = current_cycle(order.organization)
    version = approved_version(cycle)
    plan = plan_by_stage(version)
    rows = []
    for stage in STAGES:
        starts_on, ends_on, responsible, events = stage_plan(stage, cycle, plan)
        rows.append(
            {
                "stage": stage,
                "starts_on": starts_on,
                "ends_on": ends_on,
                "responsible": responsible,
                "events": events,
            }
        )
    html = render_to_string(
        "roadmap/pdf/annexes/roadmap.html", {"cycle": cycle, "rows": rows, "version": version}
    )
    return [
        Annex(
            title="Дорожная карта внедрения целевой модели наставничества",
            html=html,
            landscape=True,
            approved="УТВЕРЖДЕНА",
        )
    ]


@annexes(OrderKind.FIX_PAIRS)
def pairs_table(order) -> list[Annex]:
    """The pairs (groups) the order fixes: №, mentor, mentee(s), form, term; none in the body."""
    from mentoring.models import Pair
    from roadmap.selectors import current_cycle

    cycle = current_cycle(order.organization)
    pairs = (
        order.subjects_of(Pair)
        .prefetch_related("mentors", "mentees", "forms")
        .order_by("number", "pk")
    )
    rows = [
        {
            "pair": pair,
            "mentors": list(pair.mentors.all()),
            "mentees": list(pair.mentees.all()),
            "forms": ", ".join(f.get_form_display().lower() for f in pair.forms.all())
            or pair.get_participants_form_display(),
            "starts_on": cycle.starts_on,
            "ends_on": cycle.ends_on,
        }
        for pair in pairs
    ]
    if not rows:
        return []
    html = render_to_string("roadmap/pdf/annexes/pairs.html", {"cycle": cycle, "rows": rows})
    return [Annex(title="Список наставнических пар (групп)", html=html)]
