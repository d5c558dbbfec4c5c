"""What the monitoring app puts on the home page."""

from django.urls import reverse

from mentoring.access import MANAGING_ROLES
from mentoring.home import HomeCard
from mentoring.models import Role
from monitoring import selectors


def cards(request) -> list[HomeCard]:
    organization = request.organization
    if organization is None:
        return []
    roles = request.roles
    result: list[HomeCard] = []
    open_responses = selectors.open_responses(user=request.user, organization=organization)
    first = open_responses.first()
    total = open_responses.count() if first is not None else 0
    if first is not None:
        more = f" и ещё {total - 1}" if total > 1 else ""
        result.append(
            HomeCard(
                title="Анкета ждёт ваших ответов",
                text=f"«{first.assignment.version.title}» — заполните до "
                f"{first.assignment.deadline:%d.%m.%Y}{more}. Ответы сохраняются по мере "
                "заполнения, отправить анкету можно один раз.",
                url=reverse("monitoring:response-fill", args=[first.pk])
                if total == 1
                else reverse("monitoring:my-surveys"),
                link_label="Заполнить анкету" if total == 1 else "Мои анкеты",
                count=total,
                tone="warning",
                order=8,
            )
        )
    if Role.CURATOR in roles:
        pending = selectors.pending_count(organization=organization)
        result.append(
            HomeCard(
                title="Анкетирование",
                text=(
                    f"Не ответили на открытые анкеты: {pending} чел. Напомните им или "
                    "назначьте новую анкету."
                    if pending
                    else "Назначьте анкеты до, во время и после программ наставничества."
                ),
                url=reverse("monitoring:assignment-list"),
                link_label="Назначения анкет",
                count=pending or None,
                tone="warning" if pending else "secondary",
                order=40,
            )
        )
    if roles & MANAGING_ROLES:
        result.append(
            HomeCard(
                title="Мониторинг",
                text="Показатели целевой модели наставничества, изменения до и после программ, "
                "итоговый отчёт и статистика.",
                url=reverse("monitoring:dashboard"),
                link_label="Открыть показатели",
                order=70,
            )
        )
    return result
