"""The municipal coordinator's check: the one access decorator of the region app's pages.

A coordinator is no member of the kindergartens, so ``core.access.access`` does not fit:
``@region_access`` lets in a logged-in user assigned to the municipality named in the URL
(``municipality`` slug) and answers 404 for any other municipality, so nothing leaks about it.
The view is marked ``access_region`` for ``AccessEnforcementMiddleware``. Objects of the
municipality are loaded through the helpers below (404 outside it), with the same named rules
as the kindergartens' pages.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest

from core.models import BackgroundJob, Municipality, Organization
from core.rules import can_view_job


def region_access(view: Callable) -> Callable:
    """Let in the coordinators of the URL's municipality; set ``request.municipality``."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        slug = kwargs.pop("municipality", None)
        municipality = None
        if slug is not None:
            municipality = Municipality.objects.filter(
                slug=slug, coordinators__user=request.user
            ).first()
            if municipality is None:
                raise Http404("Not a coordinator of this municipality.")
        elif not request.user.municipal_assignments.exists():
            raise Http404("Not a municipal coordinator.")
        request.municipality = municipality
        return view(request, *args, **kwargs)

    wrapped.access_region = True
    return wrapped


def organization_in_municipality(request: HttpRequest, slug: str) -> Organization:
    """A ДОУ of the request's municipality, or 404."""
    organization = Organization.objects.filter(
        municipality=request.municipality, slug=slug, is_active=True
    ).first()
    if organization is None:
        raise Http404("Not in this municipality.")
    return organization


def job_in_municipality(request: HttpRequest, pk: int, *, with_file: bool = False) -> BackgroundJob:
    """A background job of the request's municipality that its requester opens, or 404."""
    if request.municipality is None:
        raise Http404("No municipality in the URL.")
    queryset = BackgroundJob.objects.all() if with_file else BackgroundJob.objects.defer("result")
    job = queryset.filter(municipality=request.municipality, pk=pk).first()
    if job is None or not can_view_job(request.user, job):
        raise Http404("Not a job of this municipality for this user.")
    return job
