"""Stages 1–5 of the roadmap from live data: orders, documents, banks, consents and pairs."""

from django.urls import reverse
from django.utils import timezone

from roadmap import bank_progress
from roadmap.models import Order, OrderKind, OrderStatus
from roadmap.selectors import first_of_each_kind
from roadmap.stages import Check, shared

STAGE_ONE_KINDS = (
    OrderKind.APPROVE_REGULATION,
    OrderKind.INTRODUCE_MODEL,
    OrderKind.ESIGN_REGULATION,
)


def _latest_signed(organization, cycle) -> dict[str, Order]:
    """The latest signed order of each of stage 1's kinds, in one query."""
    orders = Order.objects.filter(
        organization=organization, status=OrderStatus.SIGNED, order_date__lte=cycle.ends_on
    ).only("pk", "kind", "number_text", "order_date")
    return first_of_each_kind(orders, STAGE_ONE_KINDS, "-order_date", "-pk")


def _order_check(label, organization, kind, cycle) -> Check:
    order = shared(
        ("stage-one-orders", organization.pk, cycle.pk),
        lambda: _latest_signed(organization, cycle),
    ).get(kind)
    if order is not None:
        return Check(label, True, f"приказ {order.reference}", order.get_absolute_url())
    return Check(
        label,
        False,
        "приказ ещё не подписан: подготовьте его и отправьте руководителю",
        reverse("roadmap:order-create") + f"?kind={kind}",
    )


def stage_one(organization, cycle) -> list[Check]:
    checks = [
        _order_check(
            "Утверждено Положение о системе наставничества",
            organization,
            OrderKind.APPROVE_REGULATION,
            cycle,
        ),
        _order_check(
            "Внедрена целевая модель, назначены куратор и рабочая группа",
            organization,
            OrderKind.INTRODUCE_MODEL,
            cycle,
        ),
        _order_check(
            "Утверждено Положение об использовании простой электронной подписи",
            organization,
            OrderKind.ESIGN_REGULATION,
            cycle,
        ),
    ]
    facts = bank_progress.organization_facts(organization, cycle)
    has_curator = facts["has_curator"]
    checks.append(
        Check(
            "В системе есть куратор",
            has_curator,
            "" if has_curator else "администратор назначает роль «Куратор» в администрировании",
        )
    )
    checks.append(
        Check(
            "Дорожная карта утверждена руководителем",
            cycle.roadmap_approved_at is not None,
            f"{timezone.localtime(cycle.roadmap_approved_at):%d.%m.%Y}"
            if cycle.roadmap_approved_at
            else "руководитель утверждает её кнопкой вверху этой страницы",
            reverse("roadmap:roadmap-detail"),
        )
    )
    documents = facts["documents"]
    checks.append(
        Check(
            "Сформирована нормативная база",
            documents > 0,
            f"документов: {documents}" if documents else "загрузите документы ниже, в этом этапе",
        )
    )
    return checks


# The groups of tables these checks read (``roadmap.stages.checks_of`` keeps them until one
# changes).
READS = ("people", "mentoring", "roadmap")

FIGURES = bank_progress.parts
PROGRESS = {
    1: stage_one,
    2: bank_progress.stage_two,
    3: bank_progress.stage_three,
    4: bank_progress.stage_four,
    5: bank_progress.stage_five,
}
