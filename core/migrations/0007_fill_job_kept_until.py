"""Files of jobs made before: kept seven days after they were made, like new ones."""

import datetime as dt

from django.db import migrations
from django.db.models import F


def fill(apps, schema_editor):
    job = apps.get_model("core", "BackgroundJob")
    job.objects.filter(result__isnull=False, finished_at__isnull=False).update(
        kept_until=F("finished_at") + dt.timedelta(days=7)
    )


class Migration(migrations.Migration):
    dependencies = [("core", "0006_add_job_kept_until")]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
