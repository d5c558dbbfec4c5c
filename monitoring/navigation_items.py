"""Menu entries of the monitoring app."""

from core.models import Role
from core.navigation import MANAGING, NavItem

ITEMS = [
    NavItem("Мониторинг", "monitoring:dashboard", MANAGING, order=70),
    NavItem("Мои анкеты", "monitoring:my-surveys", frozenset({Role.MENTOR, Role.MENTEE}), order=75),
]
