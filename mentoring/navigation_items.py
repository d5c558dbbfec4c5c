"""Menu entries of the mentoring app."""

from mentoring.models import Role
from mentoring.navigation import MANAGING, NavItem

ITEMS = [
    NavItem("Главная", "home", frozenset(Role.values), order=0),
    NavItem("Сотрудники", "mentoring:staff-list", MANAGING, order=20),
    NavItem("Наставляемые", "mentoring:mentee-list", MANAGING, order=22),
    NavItem("Наставники", "mentoring:mentor-list", MANAGING, order=24),
    NavItem("Пары", "mentoring:pair-list", MANAGING, order=26),
]
