"""Fill the done date of rows already marked done: the first time their history says «done»."""

from django.db import migrations


def fill(apps, schema_editor):
    PlanRow = apps.get_model("programs", "PlanRow")
    History = apps.get_model("programs", "HistoricalPlanRow")
    first_done = {}
    for row_id, when in (
        History.objects.filter(status="done").order_by("history_date").values_list("id", "history_date")
    ):
        first_done.setdefault(row_id, when)
    rows = list(PlanRow.objects.filter(status="done", done_on__isnull=True))
    for row in rows:
        when = first_done.get(row.pk) or row.updated_at
        row.done_on = when.date()
    PlanRow.objects.bulk_update(rows, ["done_on"], batch_size=2000)


class Migration(migrations.Migration):
    dependencies = [("programs", "0002_add_planrow_done_on")]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
