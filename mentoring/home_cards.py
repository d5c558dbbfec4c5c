"""What the mentoring app puts on the home page."""

from django.urls import reverse

from mentoring.access import MANAGING_ROLES
from mentoring.home import HomeCard
from mentoring.models import Role
from mentoring.selectors import own_staff_record, staff_count
from mentoring.text import years


def cards(request) -> list[HomeCard]:
    organization = request.organization
    if organization is None:
        return []
    roles = request.roles
    result: list[HomeCard] = []
    if roles & MANAGING_ROLES:
        count = staff_count(organization=organization)
        result.append(
            HomeCard(
                title="Сотрудники",
                text=f"В штатном списке {count} чел. Из этого списка формируются банки "
                "наставников и наставляемых.",
                url=reverse("mentoring:staff-list"),
                link_label="Открыть список",
                count=count,
                order=50,
            )
        )
    missing = organization.missing_requisites
    if missing and roles & {Role.ADMIN, Role.DIRECTOR}:
        result.append(
            HomeCard(
                title="Реквизиты организации",
                text="Для приказов не хватает реквизитов: " + ", ".join(missing) + ".",
                url=reverse("admin:mentoring_organization_change", args=[organization.pk])
                if Role.ADMIN in roles
                else "",
                link_label="Заполнить",
                tone="warning",
                order=5,
            )
        )
    if Role.ADMIN in roles:
        result.append(
            HomeCard(
                title="Администрирование",
                text="Организации, сотрудники, пользователи и их роли, справочники.",
                url=reverse("admin:index"),
                link_label="Перейти в администрирование",
                order=90,
            )
        )
    if roles & {Role.MENTOR, Role.MENTEE} and not roles & MANAGING_ROLES:
        record = own_staff_record(user=request.user, organization=organization)
        if record is None:
            result.append(
                HomeCard(
                    title="Карточка сотрудника",
                    text="Ваша учётная запись ещё не связана с карточкой сотрудника. "
                    "Обратитесь к куратору или администратору.",
                    tone="warning",
                    order=10,
                )
            )
        else:
            result.append(
                HomeCard(
                    title="Карточка сотрудника",
                    text=f"{record.full_name}, {record.get_position_display().lower()}, "
                    f"педагогический стаж {years(record.teaching_experience_years)}.",
                    url=record.get_absolute_url(),
                    link_label="Посмотреть",
                    order=60,
                )
            )
    result.extend(_bank_cards(request))
    return result


def _bank_cards(request) -> list[HomeCard]:
    """Banks, pairs and requests for managers; own requests, questionnaire, consents for people."""
    from mentoring.bank_home import bank_cards

    return bank_cards(request)
