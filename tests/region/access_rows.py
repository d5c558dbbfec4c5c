"""Access-matrix rows for the region app: none of the eight personas coordinates a municipality.

The ДОУ's own director, curator and the rest get 404 on every municipal page (nothing tells
them the municipality exists); the coordinator, a ninth persona, is tested in test_access.py.
"""

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from tests.access_table import AD, CO, ME, MR, OUT, A, C, D, Row, latest, stored_nothing

ALL_404 = {A: "login", D: 404, C: 404, MR: 404, ME: 404, CO: 404, AD: 404, OUT: 404}


def _municipality(request):
    from core.models import Municipality

    org = request.getfixturevalue("org")
    municipality, _ = Municipality.objects.get_or_create(slug="ivanovo", name="Иваново")
    org.municipality = municipality
    org.save(update_fields=["municipality"])
    return municipality


def _job(request, status="done"):
    """A finished roll-up the director asked for: no persona opens it, not even she, since
    none of them coordinates the municipality."""
    from core.models import BackgroundJob

    return BackgroundJob.objects.create(
        municipality=_municipality(request),
        requested_by=request.getfixturevalue("users")["director"],
        kind="region.rollup",
        title="Свод по ДОУ в CSV: Иваново",
        status=status,
        progress=100,
        result=b"a;b\n",
        kept_until=timezone.now() + dt.timedelta(days=7),
        filename="svod.csv",
        content_type="text/csv",
    )


def page(name, **kwargs):
    return lambda request: reverse(
        name, kwargs={"municipality": _municipality(request).slug, **kwargs}
    )


def org_page(name):
    return lambda request: reverse(
        name,
        kwargs={
            "municipality": _municipality(request).slug,
            "slug": request.getfixturevalue("org").slug,
        },
    )


def job_page(name, status="done"):
    def build(request):
        job = _job(request, status)
        return reverse(name, kwargs={"municipality": job.municipality.slug, "pk": job.pk})

    return build


ROWS = {
    "region:index": Row(lambda request: reverse("region:index"), ALL_404),
    "region:overview": Row(page("region:overview"), ALL_404),
    "region:deadlines": Row(page("region:deadlines"), ALL_404),
    "region:organization-create": Row(page("region:organization-create"), ALL_404),
    "region:organization": Row(org_page("region:organization"), ALL_404),
    "region:organization-refresh": Row(
        org_page("region:organization-refresh"),
        ALL_404,
        method="post",
        check=stored_nothing("region.OrganizationSummary"),
    ),
    # Refused to all eight: no roll-up job is queued.
    "region:export-start": Row(
        page("region:export-start"),
        ALL_404,
        method="post",
        data={"format": "xlsx"},
        check=latest("core.BackgroundJob", "kind", "region.rollup"),
    ),
    "region:job": Row(job_page("region:job"), ALL_404),
    "region:job-download": Row(job_page("region:job-download"), ALL_404),
    "region:job-retry": Row(
        job_page("region:job-retry", status="failed"),
        ALL_404,
        method="post",
        check=stored_nothing("core.BackgroundJob", status="queued"),
    ),
}
