"""Menu entries of the mentoring app."""

from mentoring.models import Role
from mentoring.navigation import MANAGING, NavItem

ITEMS = [
    NavItem("Главная", "home", frozenset(Role.values), order=0),
    NavItem("Сотрудники", "mentoring:staff-list", MANAGING, order=20),
]
