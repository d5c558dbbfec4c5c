"""Move the order events into the one audit trail (mentoring.AuditEntry), and back."""

from django.db import migrations

# The labels as they were when the events moved; the live registry is in roadmap/services.py.
LABELS = {
    "drafted": "Подготовлен проект",
    "edited": "Проект изменён",
    "sent": "Отправлен на подпись",
    "returned": "Возвращён на доработку",
    "signed": "Подписан простой электронной подписью",
    "acknowledged": "Ознакомлен(а)",
}


def forward(apps, schema_editor):
    OrderEvent = apps.get_model("roadmap", "OrderEvent")
    AuditEntry = apps.get_model("mentoring", "AuditEntry")
    ContentType = apps.get_model("contenttypes", "ContentType")
    events = OrderEvent.objects.select_related("order").order_by("pk")
    if not events.exists():
        return
    order_type, _ = ContentType.objects.get_or_create(app_label="roadmap", model="order")
    batch = []
    for event in events.iterator(chunk_size=2000):
        data = {}
        if event.ip:
            data["ip"] = event.ip
        if event.comment:
            data["comment"] = event.comment
        batch.append(
            AuditEntry(
                organization_id=event.order.organization_id,
                content_type=order_type,
                object_id=event.order_id,
                action=f"order.{event.action}",
                label=LABELS.get(event.action, event.action),
                actor_id=event.actor_id,
                created_at=event.at,
                data=data,
            )
        )
        if len(batch) >= 2000:
            AuditEntry.objects.bulk_create(batch)
            batch = []
    AuditEntry.objects.bulk_create(batch)


def backward(apps, schema_editor):
    OrderEvent = apps.get_model("roadmap", "OrderEvent")
    AuditEntry = apps.get_model("mentoring", "AuditEntry")
    ContentType = apps.get_model("contenttypes", "ContentType")
    order_type = ContentType.objects.filter(app_label="roadmap", model="order").first()
    if order_type is None:
        return
    entries = AuditEntry.objects.filter(
        content_type=order_type, action__in=[f"order.{a}" for a in LABELS], actor__isnull=False
    ).order_by("created_at", "pk")
    for e in entries.iterator():
        event = OrderEvent.objects.create(
            order_id=e.object_id,
            action=e.action.removeprefix("order."),
            actor_id=e.actor_id,
            ip=(e.data or {}).get("ip"),
            comment=(e.data or {}).get("comment", ""),
        )
        # ``at`` is auto_now_add: put the original time back.
        OrderEvent.objects.filter(pk=event.pk).update(at=e.created_at)
    entries.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("mentoring", "0011_auditentry"),
        ("roadmap", "0004_mentor_agreement"),
    ]

    operations = [migrations.RunPython(forward, backward)]
