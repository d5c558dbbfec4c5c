"""Menu entries of the roadmap app."""

from mentoring.navigation import MANAGING, NavItem

ITEMS = [
    NavItem("Дорожная карта", "roadmap:roadmap-detail", MANAGING, order=10),
    NavItem("Приказы", "roadmap:order-list", MANAGING, order=15),
    NavItem("Соглашения наставников", "roadmap:agreement-list", MANAGING, order=16),
]
