"""What waits for each role in the programs."""

from django.urls import reverse

from mentoring.home import HomeCard
from mentoring.models import Role
from programs import selectors


def cards(request) -> list[HomeCard]:
    organization = request.organization
    if organization is None:
        return []
    roles = request.roles
    url = reverse("programs:program-list")
    result: list[HomeCard] = []
    if roles & {Role.MENTOR, Role.MENTEE}:
        waiting = selectors.waiting_counts(
            user=request.user, organization=organization, roles=roles
        )
        for pk, comment in waiting["returned"]:
            result.append(
                HomeCard(
                    "Программа возвращена на доработку",
                    f"Замечания куратора: «{comment}». Исправьте программу и согласуйте её снова.",
                    url=reverse("programs:program-detail", args=[pk]),
                    link_label="Открыть программу",
                    tone="warning",
                    order=11,
                )
            )
        if waiting["to_agree"]:
            result.append(
                HomeCard(
                    "Согласовать программу",
                    f"Черновиков программ, которые ждут вашего согласования: "
                    f"{waiting['to_agree']}. Прочтите записку и план и согласуйте их.",
                    url=url + "?status=draft",
                    link_label="Открыть",
                    count=waiting["to_agree"],
                    tone="warning",
                    order=12,
                )
            )
        if waiting["overdue"]:
            result.append(
                HomeCard(
                    "Просроченные мероприятия",
                    f"В вашей программе просрочено мероприятий: {waiting['overdue']}. Отметьте "
                    "выполненные или предложите перенос.",
                    url=url,
                    count=waiting["overdue"],
                    tone="danger",
                    order=14,
                )
            )
        if waiting["changes"]:
            result.append(
                HomeCard(
                    "Изменение программы",
                    "Второй участник предложил изменение программы: согласуйте его или обсудите.",
                    url=url,
                    count=waiting["changes"],
                    tone="warning",
                    order=15,
                )
            )
        if Role.MENTOR in roles:
            free = selectors.pairs_without_program(
                organization=organization, user=request.user, roles=roles
            ).count()
            if free:
                result.append(
                    HomeCard(
                        "Написать программу",
                        "Ваша пара закреплена приказом: напишите вместе с наставляемым "
                        "персонализированную программу.",
                        url=reverse("programs:program-create"),
                        link_label="Начать",
                        count=free,
                        tone="warning",
                        order=13,
                    )
                )
    if roles & {Role.CURATOR, Role.DIRECTOR, Role.COUNCIL}:
        counts = selectors.organization_counts(organization=organization)
        by_status = counts["by_status"]
        if Role.CURATOR in roles and by_status.get("agreed"):
            result.append(
                HomeCard(
                    "Проверить программы",
                    f"Программ, согласованных парами и ждущих вашей проверки: "
                    f"{by_status['agreed']}.",
                    url=url + "?status=agreed",
                    count=by_status["agreed"],
                    tone="warning",
                    order=16,
                )
            )
        if by_status.get("reviewed") and roles & {Role.CURATOR, Role.DIRECTOR}:
            text = (
                "Проверенные программы ждут приказа об утверждении: подготовьте его проект."
                if Role.CURATOR in roles
                else "Проверенные куратором программы ждут вашего приказа об утверждении."
            )
            result.append(
                HomeCard(
                    "Утвердить программы",
                    text,
                    url=url + "?status=reviewed",
                    count=by_status["reviewed"],
                    tone="warning",
                    order=17,
                )
            )
        if Role.CURATOR in roles and counts["changes"]:
            result.append(
                HomeCard(
                    "Изменения программ",
                    "Участники согласовали изменения программ: примите или отклоните их.",
                    url=url + "?status=in_progress",
                    count=counts["changes"],
                    tone="warning",
                    order=18,
                )
            )
        running = by_status.get("in_progress", 0)
        result.append(
            HomeCard(
                "Программы наставничества",
                f"Реализуется программ: {running}; просрочено мероприятий: {counts['overdue']}.",
                url=url,
                count=running,
                tone="danger" if counts["overdue"] else "secondary",
                order=45,
            )
        )
    return result
