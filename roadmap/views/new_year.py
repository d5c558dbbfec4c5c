"""«Открыть новый учебный год»: the confirmation page that says what will happen, and the step."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render

from core.access import access
from roadmap.new_year import OPENING_ROLES, next_year_plan, open_next_year
from roadmap.views.common import fail


@access(*OPENING_ROLES)
def new_year(request):
    """GET: what opening the next year does; POST: open it."""
    organization = request.organization
    if request.method == "POST":
        try:
            cycle = open_next_year(organization=organization, actor=request.user)
        except ValidationError as exc:
            fail(request, exc)
            return redirect("roadmap:roadmap-detail")
        messages.success(
            request,
            f"Открыт {cycle.title}. Проект дорожной карты на него ждёт утверждения "
            "руководителем; прошлый учебный год доступен для просмотра.",
        )
        return redirect("roadmap:roadmap-detail")
    return render(request, "roadmap/new_year.html", {"plan": next_year_plan(organization)})
