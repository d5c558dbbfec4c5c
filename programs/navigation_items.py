"""Menu entries of the programs app."""

from mentoring.models import Role
from mentoring.navigation import NavItem

ITEMS = [NavItem("Программы", "programs:program-list", frozenset(Role.values), order=40)]
