"""What the monitoring app puts on the home page."""

from django.urls import reverse

from core.grammar import agree_with
from core.home import HomeCard, HomeContext, collect
from core.models import Role
from monitoring import selectors


def surveys_to_fill(home: HomeContext) -> HomeCard | None:
    open_responses = selectors.open_responses(user=home.user, organization=home.organization)
    first = open_responses.first()
    if first is None:
        return None
    total = open_responses.count()
    more = f" и ещё {total - 1}" if total > 1 else ""
    return HomeCard(
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


def survey_assignments(home: HomeContext) -> HomeCard | None:
    if not home.has(Role.CURATOR):
        return None
    pending = selectors.pending_count(organization=home.organization)
    return HomeCard(
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


def indicators(home: HomeContext) -> HomeCard | None:
    if not home.is_managing:
        return None
    return HomeCard(
        title="Мониторинг",
        text="Показатели целевой модели наставничества, изменения до и после программ, "
        "итоговый отчёт и статистика.",
        url=reverse("monitoring:dashboard"),
        link_label="Открыть показатели",
        order=70,
    )


def report_to_approve(home: HomeContext) -> HomeCard | None:
    """The director approves the final report the curator sent."""
    if not home.has(Role.DIRECTOR):
        return None
    report = selectors.report_awaiting_approval(organization=home.organization)
    if report is None:
        return None
    return HomeCard(
        title="Итоговый отчёт ждёт утверждения",
        text=f"{_sender(report)} итоговый аналитический отчёт за {report.year_start}/"
        f"{report.year_start + 1} учебный год. Прочитайте его и утвердите, повторив пароль.",
        url=f"{reverse('monitoring:report-detail')}?year={report.year_start}",
        link_label="Открыть отчёт",
        tone="warning",
        order=3,
    )


# The groups of tables these cards read (core/home.py keeps them until one changes).
READS = ("org", "people", "monitoring")

CARDS = (surveys_to_fill, survey_assignments, report_to_approve, indicators)


def cards(request) -> list[HomeCard]:
    return collect(request, CARDS)


def _sender(report) -> str:
    """«Куратор Кузнецова Е. Н. отправила»: the verb agrees with who sent the report."""
    sender = report.sent_by
    if sender is None:
        return "Куратор отправил"
    return f"Куратор {sender.short_name} {agree_with(sender, 'отправил', 'отправила')}"
