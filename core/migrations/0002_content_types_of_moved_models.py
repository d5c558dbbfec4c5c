"""The models that moved from mentoring to core keep their rows; their content types follow.

On a fresh database this finds nothing to do. On a database made before the move, the audit
trail, permissions and admin log point at content types labelled ``mentoring``: relabel them.
"""

from django.db import migrations

MOVED = [
    "user",
    "municipality",
    "organization",
    "municipalcoordinator",
    "roleassignment",
    "auditentry",
    "backgroundjob",
    "outgoingemail",
    "notificationpreference",
]
MOVED += [f"historical{name}" for name in MOVED if name != "auditentry"]


def relabel(apps, schema_editor, source="mentoring", target="core"):
    content_type = apps.get_model("contenttypes", "ContentType")
    for model in MOVED:
        if not content_type.objects.filter(app_label=target, model=model).exists():
            content_type.objects.filter(app_label=source, model=model).update(app_label=target)


def relabel_back(apps, schema_editor):
    relabel(apps, schema_editor, source="core", target="mentoring")


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("core", "0001_initial"),
    ]

    operations = [migrations.RunPython(relabel, relabel_back)]
