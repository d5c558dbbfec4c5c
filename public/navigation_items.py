"""Menu entry of the public section: the curator manages what the site shows."""

from core.models import Role
from core.navigation import NavItem

ITEMS = [
    NavItem("Публичный раздел", "public:manage", frozenset({Role.CURATOR, Role.ADMIN}), order=80)
]
