"""What waits for each role in the programs."""

from django.urls import reverse

from core.home import HomeCard, HomeContext, collect, per_request
from core.models import Role
from programs import selectors
from programs.models import Program, ProgramStatus
from roadmap.models import Order, OrderKind, OrderStatus


def _list_url(status: str = "") -> str:
    url = reverse("programs:program-list")
    return f"{url}?status={status}" if status else url


# --- for the participants: their own programs -------------------------------------------------
@per_request
def _mine(home: HomeContext) -> tuple[list[Program], dict] | None:
    """The participant's newest programs with their progress, and what waits for them in all
    her programs; None for everyone else."""
    if not home.has(Role.MENTOR, Role.MENTEE):
        return None
    return selectors.participant_programs(user=home.user, organization=home.organization)


def _waiting(home: HomeContext) -> dict | None:
    """The participant's programs that wait for them; None for everyone else."""
    mine = _mine(home)
    return None if mine is None else mine[1]


def _what_waits(program: Program) -> tuple[str, str]:
    """What the participant's program waits for, in words, and the card's tone."""
    status = program.status
    if status == ProgramStatus.DRAFT:
        if program.curator_comment:
            return "Куратор вернул программу: исправьте её и согласуйте снова.", "warning"
        if not program.i_agreed:
            return "Ждёт вашего согласования: прочтите записку и план.", "warning"
        return "Вы согласовали, ждём согласования второго участника.", "secondary"
    if status == ProgramStatus.AGREED:
        return "Программа согласована участниками и ждёт проверки куратора.", "secondary"
    if status == ProgramStatus.REVIEWED:
        return "Программа проверена куратором и ждёт приказа об утверждении.", "secondary"
    progress = f"Выполнено мероприятий: {program.rows_done} из {program.rows_total}"
    if status == ProgramStatus.APPROVED:
        return (
            f"Программа утверждена приказом: начните работу с {program.starts_on:%d.%m.%Y}.",
            "warning",
        )
    if status == ProgramStatus.IN_PROGRESS:
        if program.rows_overdue:
            return (
                f"{progress}; просрочено: {program.rows_overdue}. Отметьте выполненные "
                "или предложите перенос.",
                "danger",
            )
        return f"{progress}; встреч записано: {program.meetings_count}.", "secondary"
    return f"{program.get_status_display()}. {progress}.", "success"


def my_programs(home: HomeContext) -> list[HomeCard]:
    """The mentor's and the mentee's own programs, whatever their state, each with what waits."""
    mine = _mine(home)
    if mine is None:
        return []
    programs = mine[0]
    cards = []
    for program in programs:
        text, tone = _what_waits(program)
        cards.append(
            HomeCard(
                f"Моя программа: {program.heading}",
                f"{program.get_status_display()}. {text}",
                url=reverse("programs:program-detail", args=[program.pk]),
                link_label="Открыть мою программу"
                if len(programs) == 1
                else f"Открыть программу «{program.heading}»",
                tone=tone,
                order=10,
            )
        )
    return cards


def returned_programs(home: HomeContext) -> list[HomeCard]:
    waiting = _waiting(home)
    if waiting is None:
        return []
    return [
        HomeCard(
            "Программа возвращена на доработку",
            f"Замечания куратора: «{comment}». Исправьте программу и согласуйте её снова.",
            url=reverse("programs:program-detail", args=[pk]),
            link_label="Исправить программу",
            tone="warning",
            order=11,
        )
        for pk, comment in waiting["returned"]
    ]


def programs_to_agree(home: HomeContext) -> HomeCard | None:
    waiting = _waiting(home)
    if not waiting or not waiting["to_agree"]:
        return None
    return HomeCard(
        "Согласовать программу",
        f"Черновиков программ, которые ждут вашего согласования: "
        f"{waiting['to_agree']}. Прочтите записку и план и согласуйте их.",
        url=_list_url("draft"),
        link_label="Согласовать программы",
        count=waiting["to_agree"],
        tone="warning",
        order=12,
    )


def overdue_events(home: HomeContext) -> HomeCard | None:
    waiting = _waiting(home)
    if not waiting or not waiting["overdue"]:
        return None
    return HomeCard(
        "Просроченные мероприятия",
        f"В вашей программе просрочено мероприятий: {waiting['overdue']}. Отметьте "
        "выполненные или предложите перенос.",
        url=_list_url(),
        link_label="Отметить мероприятия",
        count=waiting["overdue"],
        tone="danger",
        order=14,
    )


def proposed_changes(home: HomeContext) -> HomeCard | None:
    waiting = _waiting(home)
    if not waiting or not waiting["changes"]:
        return None
    return HomeCard(
        "Изменение программы",
        "Второй участник предложил изменение программы: согласуйте его или обсудите.",
        url=_list_url(),
        link_label="Рассмотреть изменение",
        count=waiting["changes"],
        tone="warning",
        order=15,
    )


def program_to_write(home: HomeContext) -> HomeCard | None:
    if not home.has(Role.MENTOR):
        return None
    free = selectors.pairs_without_program(
        organization=home.organization, user=home.user, roles=home.roles
    ).count()
    if not free:
        return None
    return HomeCard(
        "Написать программу",
        "Ваша пара закреплена приказом: напишите вместе с наставляемым "
        "персонализированную программу.",
        url=reverse("programs:program-create"),
        link_label="Написать программу",
        count=free,
        tone="warning",
        order=13,
    )


# --- for the curator, the director and the council: all programs of the organization ----------
@per_request
def _organization_counts(home: HomeContext) -> dict | None:
    if not home.has(Role.CURATOR, Role.DIRECTOR, Role.COUNCIL):
        return None
    return selectors.organization_counts(organization=home.organization)


def programs_to_review(home: HomeContext) -> HomeCard | None:
    counts = _organization_counts(home)
    if counts is None or not home.has(Role.CURATOR):
        return None
    agreed = counts["by_status"].get("agreed")
    if not agreed:
        return None
    return HomeCard(
        "Проверить программы",
        f"Программ, согласованных парами и ждущих вашей проверки: {agreed}.",
        url=_list_url("agreed"),
        link_label="Проверить программы",
        count=agreed,
        tone="warning",
        order=16,
    )


def programs_to_approve(home: HomeContext) -> HomeCard | None:
    counts = _organization_counts(home)
    if counts is None or not home.has(Role.CURATOR, Role.DIRECTOR):
        return None
    reviewed = counts["by_status"].get("reviewed")
    if not reviewed:
        return None
    return HomeCard(
        "Утвердить программы",
        "Проверенные программы ждут приказа об утверждении: подготовьте его проект."
        if home.has(Role.CURATOR)
        else "Проверенные куратором программы ждут вашего приказа об утверждении.",
        url=_list_url("reviewed"),
        link_label="Программы к утверждению",
        count=reviewed,
        tone="warning",
        order=17,
    )


def changes_to_accept(home: HomeContext) -> HomeCard | None:
    counts = _organization_counts(home)
    if counts is None or not home.has(Role.CURATOR) or not counts["changes"]:
        return None
    return HomeCard(
        "Изменения программ",
        "Участники согласовали изменения программ: примите или отклоните их.",
        url=_list_url("in_progress"),
        link_label="Принять изменения",
        count=counts["changes"],
        tone="warning",
        order=18,
    )


def end_orders_to_send(home: HomeContext) -> HomeCard | None:
    """Drafts of orders on an early end (a participant left or withdrew consent) to send."""
    if not home.has(Role.CURATOR):
        return None
    drafts = list(
        Order.objects.filter(
            organization=home.organization, kind=OrderKind.END_PROGRAM, status=OrderStatus.DRAFT
        )
        .order_by("pk")
        .values_list("pk", flat=True)[:2]
    )
    if not drafts:
        return None
    one = len(drafts) == 1
    return HomeCard(
        "Приказ о досрочном завершении программы",
        "Программа завершена досрочно, проект приказа о её завершении подготовлен. Проверьте "
        "его и отправьте руководителю на подпись."
        if one
        else "Программы завершены досрочно, проекты приказов о завершении подготовлены. "
        "Проверьте их и отправьте руководителю на подпись.",
        url=reverse("roadmap:order-detail", args=[drafts[0]])
        if one
        else f"{reverse('roadmap:order-list')}?kind={OrderKind.END_PROGRAM}"
        f"&status={OrderStatus.DRAFT}",
        link_label="Открыть проект приказа" if one else "Открыть проекты приказов",
        tone="warning",
        order=17,
    )


def programs_overview(home: HomeContext) -> HomeCard | None:
    counts = _organization_counts(home)
    if counts is None:
        return None
    running = counts["by_status"].get("in_progress", 0)
    return HomeCard(
        "Программы наставничества",
        f"Реализуется программ: {running}; просрочено мероприятий: {counts['overdue']}.",
        url=_list_url(),
        link_label="Все программы",
        count=running,
        tone="danger" if counts["overdue"] else "secondary",
        order=45,
    )


CARDS = (
    my_programs,
    returned_programs,
    programs_to_agree,
    overdue_events,
    proposed_changes,
    program_to_write,
    programs_to_review,
    programs_to_approve,
    changes_to_accept,
    end_orders_to_send,
    programs_overview,
)


# What the cards read (core.home keeps them apart): the programs, their pairs and people, and
# the signed orders that let a program start.
READS = ("org", "people", "mentoring", "programs", "roadmap")


def cards(request) -> list[HomeCard]:
    return collect(request, CARDS)
