"""The note's last edit, for programs made before it was kept: their last change at all."""

from django.db import migrations
from django.db.models import F


def fill(apps, schema_editor):
    Program = apps.get_model("programs", "Program")
    Program.objects.filter(note_changed_at__isnull=True).update(
        note_changed_at=F("updated_at"), note_changed_by=F("updated_by")
    )


class Migration(migrations.Migration):
    dependencies = [("programs", "0004_add_program_note_changed")]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
