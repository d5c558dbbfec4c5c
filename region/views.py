"""The municipal coordinator's pages: aggregates of every ДОУ, never a person's data."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from core.cache import shared_cached
from core.views_jobs import job_file, job_page, job_retried
from monitoring.models import Measure
from monitoring.periods import current_year
from region import charts, jobs, selectors, services, tables
from region.access import job_in_municipality, organization_in_municipality, region_access
from region.forms import OrganizationCreateForm, OverviewFilterForm
from region.models import OrganizationSummary
from region.summaries import summary_refresh


def _year(request) -> int:
    try:
        return int(request.GET.get("year", ""))
    except ValueError:
        return current_year().start_year


@region_access
def index(request):
    """Straight to the coordinator's municipality; a list when she has several."""
    municipalities = list(selectors.municipalities_of(request.user))
    if len(municipalities) == 1:
        return redirect("region:overview", municipality=municipalities[0].slug)
    return render(request, "region/index.html", {"municipalities": municipalities})


PER_PAGE = 50  # ДОУ per page of the overview and deadline rows per page of the deadlines
MISSING_NAMED = selectors.MISSING_NAMED


def _page_number(request) -> int:
    try:
        return max(1, int(request.GET.get("page", "1")))
    except ValueError:
        return 1


def _page(count: int, number: int):
    """A page of ``count`` items (no query: the figures hold the count)."""
    return Paginator(range(count), PER_PAGE).get_page(number)


@region_access
def overview(request):
    """The municipality's ДОУ a page at a time, sorted and filtered, with the totals and charts
    of all of them: the same few queries for 30 ДОУ or 2,000."""
    municipality, year = request.municipality, _year(request)
    form = OverviewFilterForm(request.GET or None)
    values = form.values()
    number = _page_number(request)
    stamp = selectors.written_stamp()
    # Kept until the worker writes a summary or anything shared changes (core.cache).
    figures = shared_cached(
        f"region:overview:{municipality.pk}:{year}:{sorted(values.items())}:{number}:{stamp}",
        lambda: _overview_figures(municipality, year, values, number, stamp),
        reads=("org",),  # and the summaries, by their refresh time in the name
    )
    context = {
        "municipality": municipality,
        "year": year,
        "form": form,
        "values": values,
        "page": _page(figures["shown"], number),
    }
    return render(request, "region/overview.html", {**context, **figures})


def _overview_figures(municipality, year: int, values: dict, number: int, stamp: str) -> dict:
    ready = selectors.municipality_figures(municipality, year, stamp=stamp)  # by the refresh
    trend = ready["trend"]
    totals = next((item for item in trend if item["year"] == year), None)
    if totals is None:  # no summary of that year yet: zeros, without asking
        totals = selectors.totals_of(OrganizationSummary.objects.none())
    chosen = selectors.summaries(municipality, year, **values).defer("late_stages", "impact")
    # Unfiltered, the rows are the ДОУ the totals add up: their number is known.
    known = None if values.get("q") or values.get("problem") else totals["organizations"]
    start, stop = (number - 1) * PER_PAGE, number * PER_PAGE
    rows, shown = selectors.page_and_count(chosen, start, stop, count=known)
    page = _page(shown, number)
    if not rows and shown:  # past the last page: the last page, as the paginator does
        rows, _ = selectors.page_and_count(chosen, page.start_index() - 1, page.end_index())
    named = ready["missing"]
    return {
        "years": [item["year"] for item in trend] or [year],
        "shown": shown,
        "body": tables.overview_body(rows, municipality),
        "totals": totals,
        "missing": named[:MISSING_NAMED],
        "missing_more": len(named) > MISSING_NAMED,
        "charts": charts.overview(totals["stages"], totals, trend),
    }


@region_access
def organization_detail(request, slug: str):
    """One ДОУ's aggregates: roadmap, indicators, before/after and the trend."""
    organization = organization_in_municipality(request, slug)
    trend = selectors.trend(request.municipality, organization=organization)
    summary = OrganizationSummary.objects.filter(
        organization=organization, start_year=current_year().start_year
    ).first()
    impact = selectors.impact_totals([summary]) if summary else []
    context = {
        "municipality": request.municipality,
        "organization": organization,
        "summary": summary,
        "impact": impact,
        "trend": trend,
        "charts": charts.organization(impact, trend),
    }
    return render(request, "region/organization.html", context)


@require_POST
@region_access
def organization_refresh(request, slug: str):
    """Recompute one ДОУ's figures now (the worker does it for all on its schedule)."""
    organization = organization_in_municipality(request, slug)
    summary_refresh(organization=organization)
    messages.success(request, f"Показатели обновлены: {organization.short_name}.")
    return redirect("region:organization", municipality=request.municipality.slug, slug=slug)


@region_access
def deadlines(request):
    """Roadmap deadlines across all ДОУ: who is late with which stage."""
    municipality, year = request.municipality, current_year().start_year
    number = _page_number(request)

    def rows() -> dict:
        late = selectors.late_stage_rows(municipality, year)
        shown, count = selectors.page_and_count(late, (number - 1) * PER_PAGE, number * PER_PAGE)
        if not shown and count:  # past the last page: the last page, as the paginator does
            page = _page(count, number)
            shown, _ = selectors.page_and_count(late, page.start_index() - 1, page.end_index())
        html = render_to_string(
            "region/partials/deadline_rows.html", {"late": shown, "municipality": municipality}
        )
        return {"html": html, "count": count}

    found = shared_cached(
        f"region:deadlines:{municipality.pk}:{year}:{number}:" + selectors.written_stamp(),
        rows,
        reads=("org",),
    )
    return render(
        request,
        "region/deadlines.html",
        {
            "municipality": municipality,
            "rows": found["html"],
            "page": _page(found["count"], number),
            "today": timezone.localdate(),
        },
    )


@require_POST
@region_access
def export_start(request):
    """Queue the roll-up (XLSX or CSV) and show its progress page."""
    fmt = request.POST.get("format", "")
    if fmt not in jobs.FORMATS:
        raise Http404
    job = jobs.rollup_start(municipality=request.municipality, user=request.user, fmt=fmt)
    return redirect("region:job", municipality=request.municipality.slug, pk=job.pk)


@region_access
def job_detail(request, pk: int):
    """The job's progress (htmx polls this page's fragment) and its file when it is ready."""
    job = job_in_municipality(request, pk)
    kwargs = {"municipality": request.municipality.slug, "pk": job.pk}
    return job_page(
        request,
        job,
        progress_url=reverse("region:job", kwargs=kwargs),
        download_url=reverse("region:job-download", kwargs=kwargs),
        retry_url=reverse("region:job-retry", kwargs=kwargs),
    )


@require_POST
@region_access
def job_retry(request, pk: int):
    job = job_retried(request, job_in_municipality(request, pk))
    return redirect("region:job", municipality=request.municipality.slug, pk=job.pk)


@region_access
def job_download(request, pk: int):
    return job_file(job_in_municipality(request, pk, with_file=True))


@region_access
def organization_create(request):
    """Add a kindergarten to the municipality and invite its director by e-mail."""
    form = OrganizationCreateForm(request.POST or None, municipality=request.municipality)
    if request.method == "POST" and form.is_valid():
        invitation = services.organization_create_with_director(
            municipality=request.municipality,
            actor=request.user,
            base_url=request.build_absolute_uri("/").rstrip("/"),
            **form.cleaned_data,
        )
        summary_refresh(organization=invitation.organization)
        messages.success(
            request,
            f"{invitation.organization.short_name} добавлено в муниципалитет. Приглашение "
            f"отправлено на "
            f"{invitation.director.email}. Логин: {invitation.director.username}, временный "
            f"пароль: {invitation.password} — передайте его, если письмо не дойдёт.",
        )
        return redirect(
            reverse("region:overview", kwargs={"municipality": request.municipality.slug})
        )
    return render(
        request,
        "region/organization_form.html",
        {"municipality": request.municipality, "form": form, "measures": Measure.choices},
    )
