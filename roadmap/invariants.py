"""Invariants of orders (see mentoring/invariants.py)."""

from django.db.models import Q

from core.invariants import Violation, invariant
from roadmap.models import Order, OrderStatus


@invariant("Подписанный приказ имеет номер, дату, подпись и файл с контрольной суммой.")
def signed_order_is_complete(organizations):
    rows = Order.objects.filter(organization__in=organizations, status=OrderStatus.SIGNED).filter(
        Q(number_text="")
        | Q(order_date__isnull=True)
        | Q(signed_at__isnull=True)
        | Q(pdf_sha256="")
    )
    for order in rows.only("pk", "organization_id", "title"):
        yield Violation(
            order.organization_id,
            "signed_order_is_complete",
            f"Подписанный приказ «{order.title}» без номера, даты, подписи или файла.",
            order.get_absolute_url(),
        )
