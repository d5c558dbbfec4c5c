"""Menu entries of the mentoring app."""

from core.models import Role
from core.navigation import MANAGING, NavItem

BANKS = "Банки и пары"
ORGANIZATION = "Роли и реквизиты"
RUNNERS = frozenset({Role.DIRECTOR, Role.ADMIN})
MAIL = "Уведомления"

ITEMS = [
    NavItem("Главная", "home", frozenset(Role.values), order=0),
    NavItem("Сотрудники", "mentoring:staff-list", MANAGING, order=20, group=BANKS),
    NavItem("Банк наставляемых", "mentoring:mentee-list", MANAGING, order=22, group=BANKS),
    NavItem("Банк наставников", "mentoring:mentor-list", MANAGING, order=24, group=BANKS),
    NavItem("Обучение наставников", "mentoring:training-list", MANAGING, order=25, group=BANKS),
    NavItem("Подбор пар", "mentoring:matching-proposal", MANAGING, order=26, group=BANKS),
    NavItem("Пары и группы", "mentoring:pair-list", MANAGING, order=27, group=BANKS),
    NavItem("Заявления о замене", "mentoring:change-request-list", MANAGING, order=28, group=BANKS),
    NavItem("Организации-партнёры", "mentoring:partner-list", MANAGING, order=60, group=BANKS),
    NavItem("Роли", "mentoring:roles", RUNNERS, order=80, group=ORGANIZATION),
    NavItem("Реквизиты", "organization-requisites", RUNNERS, order=81, group=ORGANIZATION),
    NavItem(
        "Мои уведомления", "notifications:preferences", frozenset(Role.values), order=90, group=MAIL
    ),
    NavItem(
        "Недоставленные письма",
        "notifications:undelivered",
        frozenset({Role.CURATOR, Role.DIRECTOR, Role.ADMIN}),
        order=91,
        group=MAIL,
    ),
]
