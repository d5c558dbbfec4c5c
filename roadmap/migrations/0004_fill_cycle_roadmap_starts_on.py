"""Kindergartens the coordinator added before this change count their roadmap from that day.

Only organizations with the coordinator's «ДОУ добавлен в муниципалитет» audit entry, and only
their cycle that was running that day, get ``roadmap_starts_on``; every other cycle keeps the
standard dates.
"""

from django.db import migrations
from django.utils import timezone


def fill(apps, schema_editor):
    AuditEntry = apps.get_model("core", "AuditEntry")
    Cycle = apps.get_model("roadmap", "Cycle")
    joined = {}
    for entry in AuditEntry.objects.filter(action="region.organization.created").order_by(
        "created_at"
    ):
        joined.setdefault(entry.organization_id, timezone.localdate(entry.created_at))
    for organization_id, day in joined.items():
        for cycle in Cycle.objects.filter(
            organization_id=organization_id,
            roadmap_starts_on__isnull=True,
            starts_on__lt=day,
            ends_on__gte=day,
        ):
            cycle.roadmap_starts_on = day
            cycle.save(update_fields=["roadmap_starts_on"])


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0003_role_basis"),
        ("roadmap", "0003_add_cycle_roadmap_starts_on"),
    ]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
