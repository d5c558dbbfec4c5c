"""Menu entries of the municipal coordinator: her municipality's pages.

She is no member of the kindergartens, so no role names her; the entries are shown on the pages
of her municipality (``NavItem.scope``), where the URL names it.
"""

from core.navigation import NavItem

ITEMS = [
    NavItem("Детские сады", "region:overview", frozenset(), order=10, scope="municipality"),
    NavItem("Сроки", "region:deadlines", frozenset(), order=11, scope="municipality"),
    NavItem(
        "Добавить детский сад",
        "region:organization-create",
        frozenset(),
        order=12,
        scope="municipality",
    ),
]
