"""Buttons that draft orders from the banks through roadmap.services.order_draft."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from mentoring import selectors, services
from mentoring.access import access
from mentoring.models import Role
from roadmap.models import OrderKind
from roadmap.services import order_draft


@require_POST
@access(Role.CURATOR)
def mentors_order_draft(request):
    """Draft «о назначении наставников» for the selected/trained mentors with both consents."""
    ready, left_out = selectors.mentors_for_appointment(organization=request.organization)
    for text in left_out:
        messages.warning(request, text)
    if not ready:
        messages.error(
            request,
            "Некого назначать: нет отобранных или обученных наставников со всеми согласиями.",
        )
        return redirect("mentoring:mentor-list")
    try:
        order = order_draft(
            organization=request.organization,
            kind=OrderKind.APPOINT_MENTORS,
            author=request.user,
            subjects=ready,
            people=[p.staff for p in ready],
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("mentoring:mentor-list")
    messages.success(request, f"Проект приказа о назначении наставников готов: {len(ready)} чел.")
    return redirect(order.get_absolute_url())


@require_POST
@access(Role.CURATOR)
def pairs_order_draft(request):
    """Draft «о закреплении наставнических пар/групп» for every agreed pair, all consents given."""
    pairs = list(selectors.pairs_list(organization=request.organization, status="agreed"))
    if not pairs:
        messages.error(request, "Нет согласованных пар: сначала согласуйте пары.")
        return redirect("mentoring:pair-list")
    problems = services.pairs_fix_problems(pairs)
    if problems:
        messages.error(
            request, "Приказ подготовить нельзя, не хватает согласий. " + " ".join(problems)
        )
        return redirect("mentoring:pair-list")
    people = {s.pk: s for p in pairs for s in [*p.mentors.all(), *p.mentees.all()]}
    try:
        order = order_draft(
            organization=request.organization,
            kind=OrderKind.FIX_PAIRS,
            author=request.user,
            subjects=pairs,
            people=list(people.values()),
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("mentoring:pair-list")
    messages.success(request, f"Проект приказа о закреплении пар готов: {len(pairs)}.")
    return redirect(order.get_absolute_url())
