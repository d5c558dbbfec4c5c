"""What the roadmap app puts on the home page: signatures, returns, acknowledgements."""

from django.urls import reverse

from mentoring.home import HomeCard
from mentoring.models import Role
from mentoring.text import plural
from roadmap import selectors
from roadmap.models import Order, OrderKind, OrderStatus


def cards(request) -> list[HomeCard]:
    organization = request.organization
    if organization is None:
        return []
    roles = request.roles
    result: list[HomeCard] = []
    register = reverse("roadmap:order-list")
    if Role.DIRECTOR in roles:
        waiting = selectors.awaiting_signature(organization=organization).count()
        result.append(
            HomeCard(
                title="Приказы на подпись",
                text=f"Ждут вашей подписи: {waiting}. Откройте приказ, прочитайте его и "
                "подпишите, повторив пароль, или верните с комментарием."
                if waiting
                else "Сейчас на подписи приказов нет.",
                url=f"{register}?status={OrderStatus.SENT}",
                link_label="Открыть приказы на подпись",
                count=waiting,
                tone="warning" if waiting else "secondary",
                order=1,
            )
        )
    if Role.DIRECTOR in roles:
        cycle = selectors.current_cycle(organization)
        if cycle.roadmap_approved_at is None:
            result.append(
                HomeCard(
                    title="Дорожная карта не утверждена",
                    text=f"Дорожная карта на {cycle.title} ждёт вашего утверждения. Проверьте "
                    "этапы и сроки и утвердите её на странице дорожной карты.",
                    url=reverse("roadmap:roadmap-detail"),
                    link_label="Открыть дорожную карту",
                    tone="warning",
                    order=4,
                )
            )
    if roles & {Role.CURATOR, Role.COUNCIL}:
        returned = Order.objects.filter(
            organization=organization, status=OrderStatus.RETURNED
        ).count()
        if returned:
            result.append(
                HomeCard(
                    title="Приказы возвращены на доработку",
                    text=f"Руководитель вернул приказов: {returned}. Прочитайте комментарий, "
                    "исправьте текст и отправьте снова.",
                    url=f"{register}?status={OrderStatus.RETURNED}",
                    link_label="Открыть",
                    count=returned,
                    tone="danger",
                    order=2,
                )
            )
        pending = selectors.pending_acknowledgement_count(organization=organization)
        result.append(
            HomeCard(
                title="Дорожная карта и приказы",
                text="Этапы внедрения целевой модели наставничества и их прогресс. "
                + (
                    f"Не ознакомлены с подписанными приказами: "
                    f"{pending} {plural(pending, 'отметка', 'отметки', 'отметок')}."
                    if pending
                    else "Все ознакомлены с подписанными приказами."
                ),
                url=reverse("roadmap:roadmap-detail"),
                link_label="Открыть дорожную карту",
                order=20,
            )
        )
    waiting_ack = list(selectors.to_acknowledge(user=request.user, organization=organization)[:4])
    if waiting_ack:
        esign_ok = selectors.esign_acknowledged(user=request.user, organization=organization)
        for link in waiting_ack[:3]:
            order = link.order
            blocked = not esign_ok and order.kind != OrderKind.ESIGN_REGULATION
            result.append(
                HomeCard(
                    title=f"Ознакомьтесь с приказом №{order.number_text}",
                    text=f"«{order.title}» от {order.order_date:%d.%m.%Y}. "
                    + (
                        "Сначала ознакомьтесь с Положением об использовании простой "
                        "электронной подписи — без этого отметка не засчитывается."
                        if blocked
                        else "Вы указаны в приказе: прочитайте его и нажмите «Ознакомлен(а)»."
                    ),
                    url=order.get_absolute_url(),
                    link_label="Прочитать приказ",
                    tone="warning",
                    order=3,
                )
            )
    return result
