"""What the roadmap app puts on the home page: signatures, returns, acknowledgements."""

from django.urls import reverse
from django.utils import timezone

from core.home import HomeCard, HomeContext, collect, per_request
from core.models import Role
from core.tally import Tally, part, tally_of
from core.text import plural, sentence
from roadmap import home_acts, selectors
from roadmap.models import (
    CooperationAgreement,
    CooperationStatus,
    CouncilMeeting,
    MeetingStatus,
    Order,
    OrderKind,
    OrderPerson,
    OrderStatus,
)

# At most this many orders to acknowledge get a card each.
ACKNOWLEDGE_CARDS = 3


def _register_url(status: str) -> str:
    return f"{reverse('roadmap:order-list')}?status={status}"


@per_request
def _order_counts(home: HomeContext) -> Tally:
    """The orders on signature and returned, and the marks of acknowledgement missing on signed
    ones: one query for the cards of the director, the curator and the council."""
    organization = home.organization.pk
    marks = home.has(Role.CURATOR, Role.COUNCIL)  # only their card counts the marks

    def parts() -> list:
        found = [
            part(
                "orders",
                Order.objects.filter(
                    organization=organization, status__in=(OrderStatus.SENT, OrderStatus.RETURNED)
                ),
                group="status",
            )
        ]
        if marks:
            missing = OrderPerson.objects.filter(
                order__organization=organization,
                order__status=OrderStatus.SIGNED,
                acknowledged_at__isnull=True,
            )
            found.append(part("marks missing", missing))
        return found

    # The SQL depends on the organization and the roles alone: made once per process.
    return tally_of(("home:order counts", organization, marks), parts)


def orders_to_sign(home: HomeContext) -> HomeCard | None:
    if not home.has(Role.DIRECTOR):
        return None
    waiting = _order_counts(home).count("orders", group=OrderStatus.SENT)
    return HomeCard(
        title="Приказы на подпись",
        text=f"Ждут вашей подписи: {waiting}. Откройте приказ, прочитайте его и "
        "подпишите, повторив пароль, или верните с комментарием."
        if waiting
        else "Сейчас на подписи приказов нет.",
        url=_register_url(OrderStatus.SENT),
        link_label="Открыть приказы на подпись",
        count=waiting,
        tone="warning" if waiting else "secondary",
        order=1,
    )


def roadmap_to_approve(home: HomeContext) -> HomeCard | None:
    if not home.has(Role.DIRECTOR):
        return None
    cycle = selectors.current_cycle(home.organization)
    draft = None if cycle.roadmap_approved_at is None else selectors.draft_version(cycle)
    if cycle.roadmap_approved_at is not None and draft is None:
        return None
    return HomeCard(
        title="Дорожная карта не утверждена"
        if cycle.roadmap_approved_at is None
        else f"Новая редакция дорожной карты ({draft.number})",
        text=f"Дорожная карта на {cycle.title} ждёт вашего утверждения. Проверьте "
        "этапы, сроки и мероприятия и утвердите её на странице дорожной карты, повторив пароль.",
        url=reverse("roadmap:roadmap-detail"),
        link_label="Открыть дорожную карту",
        tone="warning",
        order=4,
    )


def returned_orders(home: HomeContext) -> HomeCard | None:
    if not home.has(Role.CURATOR, Role.COUNCIL):
        return None
    returned = _order_counts(home).count("orders", group=OrderStatus.RETURNED)
    if not returned:
        return None
    return HomeCard(
        title="Приказы возвращены на доработку",
        text=f"Руководитель вернул приказов: {returned}. Прочитайте комментарий, "
        "исправьте текст и отправьте снова.",
        url=_register_url(OrderStatus.RETURNED),
        link_label="Исправить приказы",
        count=returned,
        tone="danger",
        order=2,
    )


def roadmap_and_orders(home: HomeContext) -> HomeCard | None:
    if not home.has(Role.CURATOR, Role.COUNCIL):
        return None
    pending = _order_counts(home).count("marks missing")
    return HomeCard(
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


def orders_to_acknowledge(home: HomeContext) -> list[HomeCard]:
    """A person named in signed orders reads each; the e-signature regulation comes first."""
    acts = {order.pk for order in home_acts.acts_waiting(home)}  # their own cards
    links = list(
        selectors.to_acknowledge(user=home.user, organization=home.organization).exclude(
            order__in=acts
        )[:ACKNOWLEDGE_CARDS]
    )
    if not links:
        return []
    esign_ok = selectors.esign_acknowledged(user=home.user, organization=home.organization)
    result = []
    for link in links:
        order = link.order
        blocked = not esign_ok and order.kind != OrderKind.ESIGN_REGULATION
        result.append(
            HomeCard(
                title=f"Ознакомьтесь с приказом № {order.number_text}",
                text=f"«{order.title}» от {order.order_date:%d.%m.%Y}. "
                + (
                    "Сначала ознакомьтесь с Положением об использовании простой "
                    "электронной подписи — без этого отметка не засчитывается."
                    if blocked
                    else "Вы указаны в приказе: прочитайте его и отметьте, что ознакомились."
                ),
                url=order.get_absolute_url(),
                link_label=f"Прочитать приказ № {order.number_text}",
                tone="warning",
                order=3,
            )
        )
    return result


def agreements_to_sign(home: HomeContext) -> HomeCard | None:
    """The director signs drafted agreements first, then each mentor signs her own."""
    is_director = home.has(Role.DIRECTOR)
    if not (is_director or home.has(Role.MENTOR)):
        return None
    waiting = list(
        selectors.agreements_to_sign(
            user=home.user, organization=home.organization, is_director=is_director
        )[:20]
    )
    if not waiting:
        return None
    if len(waiting) == 1:
        agreement = waiting[0]
        return HomeCard(
            title=f"{agreement.title} ждёт вашей подписи",
            text=f"Соглашение о наставничестве: наставник {sentence(agreement.mentor.short_name)} "
            "Прочитайте его и подпишите, повторив пароль.",
            url=agreement.get_absolute_url(),
            link_label="Открыть соглашение",
            count=1,
            tone="warning",
            order=2,
        )
    return HomeCard(
        title="Соглашения наставников ждут вашей подписи"
        if any(a.is_volunteer for a in waiting)
        else "Дополнительные соглашения ждут вашей подписи",
        text=f"Соглашений о наставничестве на подпись: {len(waiting)}. Откройте каждое, "
        "прочитайте и подпишите, повторив пароль.",
        url=reverse("roadmap:agreement-list"),
        link_label="Открыть соглашения",
        count=len(waiting),
        tone="warning",
        order=2,
    )


def cooperation_to_sign(home: HomeContext) -> HomeCard | None:
    """The director signs drafted cooperation agreements (one query, only for her)."""
    if not home.has(Role.DIRECTOR):
        return None
    waiting = list(
        CooperationAgreement.objects.filter(
            organization=home.organization, status=CooperationStatus.DRAFT
        )
        .select_related("partner")
        .order_by("created_at", "pk")[:20]
    )
    if not waiting:
        return None
    one = waiting[0] if len(waiting) == 1 else None
    return HomeCard(
        title="Договор о сотрудничестве ждёт вашей подписи"
        if one
        else "Договоры о сотрудничестве ждут вашей подписи",
        text=f"{one.get_kind_display()}, партнёр: {one.partner}. Прочитайте его и "
        "подпишите, повторив пароль."
        if one
        else f"Договоров и соглашений с партнёрами на подпись: {len(waiting)}. Откройте "
        "каждый, прочитайте и подпишите, повторив пароль.",
        url=reverse("roadmap:cooperation-detail", args=[one.pk])
        if one
        else reverse("roadmap:cooperation-list"),
        link_label="Открыть договор" if one else "Открыть договоры",
        count=len(waiting),
        tone="warning",
        order=2,
    )


def protocols_to_sign(home: HomeContext) -> HomeCard | None:
    """The council's chair signs the protocols of its meetings (one query, only for the council)."""
    if not home.has(Role.COUNCIL):
        return None
    waiting = list(
        CouncilMeeting.objects.filter(
            organization=home.organization,
            status=MeetingStatus.DRAFT,
            chair__user=home.user,
        ).order_by("number")[:20]
    )
    if not waiting:
        return None
    first = waiting[0]
    return HomeCard(
        title=f"Протокол № {first.number} ждёт вашей подписи"
        if len(waiting) == 1
        else "Протоколы заседаний совета ждут вашей подписи",
        text=f"Заседание методического совета {first.held_on:%d.%m.%Y}: как председатель "
        "прочитайте протокол и подпишите его, повторив пароль."
        if len(waiting) == 1
        else f"Протоколов на подпись: {len(waiting)}, начиная с № {first.number}. Откройте "
        "каждый, прочитайте и подпишите, повторив пароль.",
        url=first.get_absolute_url(),
        link_label=f"Открыть протокол № {first.number}",
        count=len(waiting),
        tone="warning",
        order=2,
    )


def orders_naming_me(home: HomeContext) -> list[HomeCard]:
    """The signed orders that name a mentor or a mentee and that they have already read."""
    if not home.has(Role.MENTOR, Role.MENTEE):
        return []
    links = selectors.orders_naming(user=home.user, organization=home.organization)[
        :ACKNOWLEDGE_CARDS
    ]
    return [
        HomeCard(
            title=f"Приказ № {link.order.number_text}: вы в нём указаны",
            text=f"«{link.order.title}» от {link.order.order_date:%d.%m.%Y}. "
            f"Вы ознакомились {timezone.localtime(link.acknowledged_at):%d.%m.%Y}.",
            url=link.order.get_absolute_url(),
            link_label=f"Приказ № {link.order.number_text}",
            order=30,
        )
        for link in links
    ]


# The groups of tables these cards read (core/home.py keeps them until one changes).
READS = ("org", "people", "mentoring", "roadmap")

CARDS = (
    home_acts.esign_first,
    home_acts.start_checklist,
    home_acts.local_acts_to_acknowledge,
    orders_to_sign,
    agreements_to_sign,
    cooperation_to_sign,
    protocols_to_sign,
    roadmap_to_approve,
    returned_orders,
    roadmap_and_orders,
    orders_to_acknowledge,
    orders_naming_me,
)


def cards(request) -> list[HomeCard]:
    return collect(request, CARDS)
