"""Pages of the mentoring app that ``manage.py bench`` measures."""

from django.urls import reverse

from mentoring.benchmarking import BenchPage
from mentoring.models import Role

PAGES = [
    BenchPage("Главная", lambda org: reverse("home"), tuple(Role.values)),
    BenchPage("Сотрудники", lambda org: reverse("mentoring:staff-list"), (Role.CURATOR,)),
    BenchPage(
        "Сотрудники: поиск",
        lambda org: reverse("mentoring:staff-list") + "?q=%D0%B8%D0%B2%D0%B0",
        (Role.DIRECTOR,),
    ),
]
