"""Stages 1–5 of the roadmap from live data: orders, documents, banks, consents and pairs."""

from django.urls import reverse
from django.utils import timezone

from core.models import Role, RoleAssignment
from roadmap import bank_progress
from roadmap.models import NormativeDocument, Order, OrderKind, OrderStatus
from roadmap.stages import Check


def _signed(organization, kind, cycle) -> Order | None:
    return (
        Order.objects.filter(
            organization=organization,
            kind=kind,
            status=OrderStatus.SIGNED,
            order_date__lte=cycle.ends_on,
        )
        .only("pk", "number_text", "order_date")
        .order_by("-order_date", "-pk")
        .first()
    )


def _order_check(label, organization, kind, cycle) -> Check:
    order = _signed(organization, kind, cycle)
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
    has_curator = RoleAssignment.objects.filter(
        organization=organization, role=Role.CURATOR
    ).exists()
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
    documents = NormativeDocument.objects.filter(organization=organization).count()
    checks.append(
        Check(
            "Сформирована нормативная база",
            documents > 0,
            f"документов: {documents}" if documents else "загрузите документы ниже, в этом этапе",
        )
    )
    return checks


PROGRESS = {
    1: stage_one,
    2: bank_progress.stage_two,
    3: bank_progress.stage_three,
    4: bank_progress.stage_four,
    5: bank_progress.stage_five,
}
