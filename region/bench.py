"""The coordinator's pages that ``manage.py bench`` measures (for the benchmark ДОУ's
municipality)."""

from django.urls import reverse

from core.benchmarking import BenchPage
from core.models import MunicipalCoordinator

COORDINATOR = "coordinator"


def _coordinator(org):
    return (
        MunicipalCoordinator.objects.filter(municipality_id=org.municipality_id)
        .select_related("user")
        .first()
        .user
    )


def _url(name, **extra):
    def build(org) -> str:
        slug = org.municipality.slug if org.municipality_id else "-"
        return reverse(name, kwargs={"municipality": slug, **extra})

    return build


PAGES = [
    BenchPage("Муниципалитет: все ДОУ", _url("region:overview"), (COORDINATOR,), _coordinator),
    BenchPage(
        "Муниципалитет: сортировка и фильтр",
        lambda org: _url("region:overview")(org) + "?problem=stalled&sort=stalled&desc=on",
        (COORDINATOR,),
        _coordinator,
    ),
    BenchPage(
        "Муниципалитет: сроки дорожной карты",
        _url("region:deadlines"),
        (COORDINATOR,),
        _coordinator,
    ),
    BenchPage(
        "Муниципалитет: один ДОУ",
        lambda org: _url("region:organization", slug=org.slug)(org),
        (COORDINATOR,),
        _coordinator,
    ),
]
