"""Home cards about local acts and the start: the e-signature regulation first, the acts in force
each person still has to acknowledge, and the start checklist of a new kindergarten."""

from __future__ import annotations

from dataclasses import replace

from django.urls import reverse

from core.access import opens
from core.declension import by_gender
from core.home import HomeCard, HomeContext, per_request
from core.models import Role
from mentoring.home_counts import manager_counts
from roadmap import local_acts, selectors, start
from roadmap.models import OrderKind, OrderStatus

DOCUMENT_NAMES = {
    OrderKind.ESIGN_REGULATION: "Положение об использовании простой электронной подписи",
    OrderKind.APPROVE_REGULATION: "Положение о системе наставничества педагогических работников",
}


@per_request
def acts_in_force(home: HomeContext) -> list:
    return local_acts.acts_in_force(organization=home.organization)


@per_request
def acts_waiting(home: HomeContext) -> list:
    """Local acts in force that concern the user and that she has not acknowledged."""
    if not home.has(*local_acts.PARTICIPANTS):
        return []
    return local_acts.acts_to_acknowledge(
        user=home.user,
        organization=home.organization,
        roles=home.roles,
        acts=acts_in_force(home),
        staff=home.staff_record,
    )


def local_acts_to_acknowledge(home: HomeContext) -> list[HomeCard]:
    """Everyone an act in force concerns reads it, including those who joined after it."""
    acts = acts_waiting(home)
    if not acts:
        return []
    person = home.staff_record
    pressed = by_gender(person, "«Я ознакомлен»", "«Я ознакомлена»", unknown="«Я ознакомлен(а)»")
    esign_waits = any(o.kind == OrderKind.ESIGN_REGULATION for o in acts)
    result = []
    for order in acts:
        is_esign = order.kind == OrderKind.ESIGN_REGULATION
        text = (
            f"«{DOCUMENT_NAMES[order.kind]}» утверждено приказом {order.reference} и касается "
            f"вас. Откройте его, прочитайте и нажмите {pressed}."
        )
        if is_esign:
            text += " Без этого электронно подписывать документы нельзя."
        elif esign_waits:
            text = (
                f"«{DOCUMENT_NAMES[order.kind]}» утверждено приказом {order.reference} и касается "
                "вас. Сначала ознакомьтесь с Положением об использовании простой электронной "
                "подписи: без него отметка об ознакомлении не ставится."
            )
        result.append(
            HomeCard(
                title="Ознакомьтесь с локальным актом",
                text=text,
                url=order.get_absolute_url(),
                link_label="Ознакомиться",
                tone="warning",
                order=1 if is_esign else 3,
            )
        )
    return result


def _drafts_orders(home: HomeContext) -> bool:
    """The curator; the director too while no curator is named (the managers' counts, which
    her other cards read anyway)."""
    if home.has(Role.CURATOR):
        return True
    return home.has(Role.DIRECTOR) and not manager_counts(home)["curator_named"]


def esign_first(home: HomeContext) -> HomeCard | None:
    """Before anything else the e-signature regulation must be signed and read."""
    if not home.has(Role.CURATOR, Role.DIRECTOR):
        return None
    if any(o.kind == OrderKind.ESIGN_REGULATION for o in acts_in_force(home)):
        return None
    if not _drafts_orders(home):
        return None
    pending = selectors.esign_regulation_pending(organization=home.organization)
    if pending is not None and pending.status == OrderStatus.SENT:
        if home.has(Role.DIRECTOR):
            return None  # her «Приказы на подпись» card already asks for it
        return HomeCard(
            title="Положение об электронной подписи — на подписи",
            text="Приказ об утверждении Положения об использовании простой электронной подписи "
            "ждёт подписи руководителя. Когда он будет подписан, все из листа ознакомления "
            "увидят его на главной странице.",
            url=pending.get_absolute_url(),
            link_label="Открыть приказ",
            order=0,
        )
    if pending is not None:
        return HomeCard(
            title="Первый шаг: Положение об электронной подписи",
            text="Проект приказа об утверждении Положения об использовании простой электронной "
            "подписи готов. Проверьте его и отправьте руководителю на подпись: до этого никто "
            "не может подписывать документы электронно.",
            url=pending.get_absolute_url(),
            link_label="Открыть проект",
            tone="warning",
            order=0,
        )
    return HomeCard(
        title="Первый шаг: Положение об электронной подписи",
        text="Пока Положение об использовании простой электронной подписи не утверждено и с ним "
        "не ознакомились, никто не может подписывать электронно ни приказы, ни соглашения "
        "наставников. Подготовьте приказ одной кнопкой: в лист ознакомления войдут "
        "руководитель, куратор, члены методического совета, наставники и наставляемые "
        "с учётными записями.",
        url=reverse("roadmap:esign-draft"),
        link_label="Подготовить приказ",
        tone="warning",
        order=0,
    )


def start_checklist(home: HomeContext) -> HomeCard | None:
    """The start of a new kindergarten, step by step, until every step is really done.

    Fixed pairs alone do not end it: while a local act waits for acknowledgements or staff
    have no logins, the list stays and shows the open steps.
    """
    if not home.has(Role.DIRECTOR, Role.CURATOR):
        return None
    steps = [
        # A step whose page the viewer may not open is shown without its link.
        step if not step.url or opens(step.url, home.roles) else replace(step, url="")
        for step in start.start_steps(home.organization, acts=acts_in_force(home))
    ]
    waiting = [s for s in steps if not s.done]
    if not waiting:
        return None
    done = len(steps) - len(waiting)
    return HomeCard(
        title="Запуск наставничества",
        text=f"Сделано шагов: {done} из {len(steps)}. Шаг отмечается сам, когда он сделан; "
        "нажмите на шаг, чтобы открыть его страницу.",
        url=next((s.url for s in waiting if s.url), ""),  # the first step with a page
        link_label="Перейти к следующему шагу",
        count=len(waiting),
        tone="info",
        order=0,
        steps=tuple(steps),
    )
