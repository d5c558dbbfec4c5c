"""Pages of the roadmap app that ``manage.py bench`` measures."""

from django.urls import reverse

from core.benchmarking import BenchPage
from core.models import Role
from roadmap.models import Order, OrderStatus


def _signed_order_url(org) -> str:
    order = (
        Order.objects.filter(organization=org, status=OrderStatus.SIGNED).order_by("-pk").first()
    )
    return reverse("roadmap:order-detail", args=[order.pk]) if order else reverse("home")


PAGES = [
    BenchPage("Реестр приказов", lambda org: reverse("roadmap:order-list"), (Role.CURATOR,)),
    BenchPage(
        "Реестр приказов: поиск",
        lambda org: reverse("roadmap:order-list") + "?q=%D0%BD%D0%B0%D1%81%D1%82%D0%B0%D0%B2",
        (Role.DIRECTOR,),
    ),
    BenchPage("Дорожная карта", lambda org: reverse("roadmap:roadmap-detail"), (Role.CURATOR,)),
    BenchPage("Приказ", _signed_order_url, (Role.DIRECTOR,)),
]
