"""Pages of the monitoring app that ``manage.py bench`` measures."""

from django.urls import reverse

from core.benchmarking import BenchPage
from core.models import Role

PAGES = [
    BenchPage(
        "Мониторинг", lambda org: reverse("monitoring:dashboard"), (Role.CURATOR, Role.DIRECTOR)
    ),
    BenchPage(
        "Мониторинг: назначения", lambda org: reverse("monitoring:assignment-list"), (Role.CURATOR,)
    ),
    BenchPage("Мои анкеты", lambda org: reverse("monitoring:my-surveys"), (Role.MENTEE,)),
]
