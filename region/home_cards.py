"""The coordinator's card on the home page: the way into her municipality's pages."""

from django.urls import reverse

from core.home import HomeCard
from region.selectors import municipalities_of

# The groups of tables these cards read (core/home.py keeps them until one changes).
READS = ("org",)


def cards(request) -> list[HomeCard]:
    return [
        HomeCard(
            title=f"Муниципалитет: {municipality.name}",
            text="Все ДОУ муниципалитета на одной странице: этапы дорожной карты, показатели "
            "наставничества, отстающие и свод для отчёта.",
            url=reverse("region:overview", kwargs={"municipality": municipality.slug}),
            link_label="Открыть",
            tone="primary",
            order=1,
        )
        for municipality in municipalities_of(request.user)
    ]
