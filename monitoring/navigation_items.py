"""Menu entries of the monitoring app."""

from mentoring.models import Role
from mentoring.navigation import MANAGING, NavItem

ITEMS = [
    NavItem("Мониторинг", "monitoring:dashboard", MANAGING, order=70),
    NavItem("Мои анкеты", "monitoring:my-surveys", frozenset({Role.MENTOR, Role.MENTEE}), order=75),
]
