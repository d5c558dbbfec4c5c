"""The monitoring page and the people or pairs behind its numbers."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render

from core.access import MANAGING_ROLES, access
from monitoring import charts, dashboard
from monitoring.rules import (
    can_view_individual_answers,
)
from monitoring.views.common import filters_of

# --- indicators -------------------------------------------------------------------------------


@access(*MANAGING_ROLES)
def dashboard_view(request):
    """The monitoring page: indicators, before/after, process measures, with charts drawn on
    the server (SVG, the numbers in a table beside each): the page runs no chart script."""
    form, filters = filters_of(request)
    context = dashboard.build(request.organization, filters)
    return render(
        request,
        "monitoring/dashboard.html",
        {
            **context,
            "page_charts": charts.page_charts(context["charts"]),
            "form": form,
            "query": request.GET.urlencode(),
        },
    )


@access(*MANAGING_ROLES)
def breakdown(request):
    """The people or pairs behind one number of the monitoring page."""
    form, filters = filters_of(request)
    what = request.GET.get("what", "")
    context = dashboard.breakdown(
        request.organization,
        filters,
        what=what,
        measure=request.GET.get("measure", ""),
        pair_id=request.GET.get("pair", ""),
    )
    if context is None:
        raise Http404
    page = Paginator(context.pop("rows"), 50).get_page(request.GET.get("page"))
    return render(
        request,
        "monitoring/breakdown.html",
        {
            **context,
            "page": page,
            "form": form,
            "what": what,
            "filters": filters,
            "can_read": can_view_individual_answers(request.user, request.organization),
        },
    )
