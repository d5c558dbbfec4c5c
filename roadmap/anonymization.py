"""What anonymization keeps: signed orders, their history and their PDFs (the archive law)."""

from django.db.models import Q

from roadmap.models import Order, OrderStatus


def keep() -> dict:
    signed = Order.objects.filter(status=OrderStatus.SIGNED).values("pk")
    return {
        "roadmap.Order": Q(status=OrderStatus.SIGNED),
        "roadmap.HistoricalOrder": Q(id__in=signed),
        "roadmap.OrderFile": Q(pk__isnull=False),
    }
