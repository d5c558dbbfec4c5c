"""What the mentoring app puts on the home page: staff, requisites, administration, own card.

The cards of the banks, consents and pairs are in ``mentoring/bank_home.py``.
"""

from django.urls import reverse

from core.home import HomeCard, HomeContext, collect
from core.models import Role
from core.text import years
from mentoring import bank_home
from mentoring.home_counts import manager_counts
from mentoring.renewal import renew_questionnaire


def staff_list(home: HomeContext) -> HomeCard | None:
    if not home.is_managing:
        return None
    count = manager_counts(home)["staff_active"]
    return HomeCard(
        title="Сотрудники",
        text=f"В штатном списке {count} чел. Из этого списка формируются банки "
        "наставников и наставляемых.",
        url=reverse("mentoring:staff-list"),
        link_label="Открыть список",
        count=count,
        order=50,
    )


def missing_requisites(home: HomeContext) -> HomeCard | None:
    if not home.has(Role.ADMIN, Role.DIRECTOR):
        return None
    missing = home.organization.missing_requisites
    if not missing:
        return None
    return HomeCard(
        title="Реквизиты организации",
        text="Для приказов не хватает реквизитов: " + ", ".join(missing) + ".",
        url=reverse("organization-requisites"),
        link_label="Заполнить",
        tone="warning",
        order=5,
    )


def curator_not_named(home: HomeContext) -> HomeCard | None:
    """A new kindergarten: the director names the curator; until then she acts as one."""
    if not home.has(Role.ADMIN, Role.DIRECTOR):
        return None
    if manager_counts(home)["curator_named"]:
        return None
    return HomeCard(
        title="Куратор не назначен",
        text="Назначьте куратора из штатного списка на странице «Роли». Пока куратора нет, "
        "руководитель может делать всё, что делает куратор.",
        url=reverse("mentoring:roles"),
        link_label="Назначить куратора",
        tone="warning",
        order=4,
    )


def administration(home: HomeContext) -> HomeCard | None:
    if not home.has(Role.ADMIN):
        return None
    return HomeCard(
        title="Администрирование",
        text="Организации, сотрудники, пользователи и их роли, справочники.",
        url=reverse("admin:index"),
        link_label="Перейти в администрирование",
        order=90,
    )


def own_staff_card(home: HomeContext) -> HomeCard | None:
    """A participant sees their own staff card, or is told it is not linked yet."""
    if not home.has(Role.MENTOR, Role.MENTEE) or home.is_managing:
        return None
    record = home.staff_record
    if record is None:
        return HomeCard(
            title="Карточка сотрудника",
            text="Ваша учётная запись ещё не связана с карточкой сотрудника. "
            "Обратитесь к куратору или администратору.",
            tone="warning",
            order=10,
        )
    return HomeCard(
        title="Карточка сотрудника",
        text=f"{record.full_name}, {record.get_position_display().lower()}, "
        f"педагогический стаж {years(record.teaching_experience_years)}.",
        url=record.get_absolute_url(),
        link_label="Посмотреть",
        order=60,
    )


# The groups of tables these cards read (core/home.py keeps them until one changes).
READS = ("org", "people", "mentoring")

CARDS = (
    staff_list,
    missing_requisites,
    curator_not_named,
    administration,
    own_staff_card,
    renew_questionnaire,
    *bank_home.CARDS,
)


def cards(request) -> list[HomeCard]:
    return collect(request, CARDS)
