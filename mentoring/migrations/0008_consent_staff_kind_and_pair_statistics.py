from django.db import migrations, models

# PostgreSQL guesses the rows of a filter on two columns as if they were independent. A pair's
# status is not independent of its organization: a kindergarten of many years keeps thousands of
# closed pairs and a handful of working ones, and «its fixed pairs» was guessed at hundreds,
# which made the planner read every pair's mentees instead of those few pairs'. The statistics
# of the two columns together (the most common combinations) let it guess right.
STATISTICS = "mentoring_pair_organization_status"


def create_statistics(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        f"CREATE STATISTICS IF NOT EXISTS {STATISTICS} (mcv) "
        "ON organization_id, status FROM mentoring_pair"
    )
    schema_editor.execute("ANALYZE mentoring_pair")


def drop_statistics(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP STATISTICS IF EXISTS {STATISTICS}")


class Migration(migrations.Migration):
    dependencies = [
        ("mentoring", "0007_fixb_pair_year"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="consent",
            index=models.Index(fields=["staff", "kind"], name="consent_staff_kind_idx"),
        ),
        migrations.RunPython(create_statistics, drop_statistics),
    ]
