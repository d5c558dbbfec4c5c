from django.db import migrations

# PostgreSQL guesses the rows of a filter on two columns as if they were independent. A program's
# status is not independent of its organization: a kindergarten of many years keeps thousands of
# completed programs and a handful of running ones, and «its running programs» was guessed at
# hundreds, which made the planner read every plan event of every organization to count the
# overdue ones (the home page's figures). The statistics of the two columns together (the most
# common combinations) let it guess right and look up those few programs' events.
STATISTICS = "programs_program_organization_status"


def create_statistics(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        f"CREATE STATISTICS IF NOT EXISTS {STATISTICS} (mcv) "
        "ON organization_id, status FROM programs_program"
    )
    schema_editor.execute("ANALYZE programs_program")


def drop_statistics(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP STATISTICS IF EXISTS {STATISTICS}")


class Migration(migrations.Migration):
    dependencies = [
        ("programs", "0006_council_decisions"),
    ]

    operations = [
        migrations.RunPython(create_statistics, drop_statistics),
    ]
