"""The project's URLs plus the bare reference view that ``manage.py bench`` compares against."""

from django.shortcuts import render
from django.urls import path

from config.urls import urlpatterns as project_urlpatterns
from core.access import access
from core.models import Organization


@access()
def bare(request):
    """One query and the base template: the floor every page is measured against."""
    count = Organization.objects.count()
    return render(request, "base.html", {"bare_count": count})


urlpatterns = [path("__bench__/bare/", bare, name="bench-bare"), *project_urlpatterns]
