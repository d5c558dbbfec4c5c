"""Pages of the mentoring app that ``manage.py bench`` measures."""

from django.urls import reverse

from core.benchmarking import BenchPage
from core.models import Role
from mentoring.models import MenteeProfile


def _first_mentee(org) -> str:
    profile = MenteeProfile.objects.filter(organization=org).order_by("pk").first()
    return reverse("mentoring:mentee-match", args=[profile.pk]) if profile else reverse("home")


PAGES = [
    BenchPage("Главная", lambda org: reverse("home"), tuple(Role.values)),
    BenchPage("Сотрудники", lambda org: reverse("mentoring:staff-list"), (Role.CURATOR,)),
    BenchPage(
        "Сотрудники: поиск",
        lambda org: reverse("mentoring:staff-list") + "?q=%D0%B8%D0%B2%D0%B0",
        (Role.DIRECTOR,),
    ),
    BenchPage("Банк наставляемых", lambda org: reverse("mentoring:mentee-list"), (Role.CURATOR,)),
    BenchPage(
        "Банк наставляемых: фильтр",
        lambda org: reverse("mentoring:mentee-list") + "?direction=ict&status=new",
        (Role.DIRECTOR,),
    ),
    BenchPage("Банк наставников", lambda org: reverse("mentoring:mentor-list"), (Role.CURATOR,)),
    BenchPage(
        "Банк наставников: фильтр",
        lambda org: reverse("mentoring:mentor-list") + "?direction=ict&free=on",
        (Role.COUNCIL,),
    ),
    BenchPage("Подбор наставника", _first_mentee, (Role.CURATOR,)),
    BenchPage(
        "Подбор пар для всех", lambda org: reverse("mentoring:matching-proposal"), (Role.CURATOR,)
    ),
    BenchPage("Пары и группы", lambda org: reverse("mentoring:pair-list"), (Role.CURATOR,)),
    BenchPage(
        "Заявления участников",
        lambda org: reverse("mentoring:change-request-list"),
        (Role.DIRECTOR,),
    ),
    BenchPage(
        "Анкета наставника", lambda org: reverse("mentoring:my-mentor-profile"), (Role.MENTOR,)
    ),
    BenchPage("Мои запросы", lambda org: reverse("mentoring:my-mentee-profile"), (Role.MENTEE,)),
]
