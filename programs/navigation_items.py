"""Menu entries of the programs app."""

from core.models import Role
from core.navigation import NavItem

ITEMS = [NavItem("Программы", "programs:program-list", frozenset(Role.values), order=40)]
