"""Menu entries of the roadmap app."""

from core.models import Role
from core.navigation import MANAGING, NavItem

# The mentors' agreements sit in the banks' dropdown beside the mentors' bank: a top-level
# entry would push the top bar onto a second line at 1280 px. So do the partners' agreements
# and joint events, after the register of partners (network cooperation).
BANKS = "Банки и пары"

ITEMS = [
    NavItem("Дорожная карта", "roadmap:roadmap-detail", MANAGING, order=10),
    NavItem("Приказы", "roadmap:order-list", MANAGING, order=15),
    # The council helps match and fix pairs (Положение §4.5): in the same dropdown, which also
    # keeps the top bar on one line.
    NavItem(
        "Методический совет",
        "roadmap:council",
        frozenset({Role.CURATOR, Role.COUNCIL, Role.DIRECTOR}),
        order=29,
        group=BANKS,
    ),
    NavItem("Соглашения наставников", "roadmap:agreement-list", MANAGING, order=25, group=BANKS),
    NavItem(
        "Договоры о сотрудничестве", "roadmap:cooperation-list", MANAGING, order=61, group=BANKS
    ),
    NavItem("Совместные мероприятия", "roadmap:joint-event-list", MANAGING, order=62, group=BANKS),
]
