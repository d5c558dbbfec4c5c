from django.db import migrations


def stamp_pair_years(apps, schema_editor):
    """Pairs without a year (seeded before the demo stamped it) get the academic year they were
    created in (1 September – 31 August), as the indicators already counted them. They keep
    their numbers; a pair formed later in the same year that took one of those numbers moves
    after the last one, so every number is unique per organization and year again."""
    from django.utils import timezone

    Pair = apps.get_model("mentoring", "Pair")
    unyeared = list(
        Pair.objects.filter(year_start=None).only("pk", "organization_id", "created_at", "number")
    )
    if not unyeared:
        return
    for pair in unyeared:
        day = timezone.localtime(pair.created_at).date()
        pair.year_start = day.year if day.month >= 9 else day.year - 1
    taken = {(p.organization_id, p.year_start, p.number) for p in unyeared if p.number}
    last: dict[tuple, int] = {}
    for pair in unyeared:
        key = (pair.organization_id, pair.year_start)
        last[key] = max(last.get(key, 0), pair.number or 0)
    yeared = list(
        Pair.objects.filter(
            organization_id__in={org for org, _ in last},
            year_start__in={year for _, year in last},
        )
        .order_by("created_at", "pk")
        .only("pk", "organization_id", "year_start", "number")
    )
    for pair in yeared:
        key = (pair.organization_id, pair.year_start)
        if key in last:
            last[key] = max(last[key], pair.number or 0)
    moved = []
    for pair in yeared:
        key = (pair.organization_id, pair.year_start)
        if (pair.organization_id, pair.year_start, pair.number) in taken:
            last[key] += 1
            pair.number = last[key]
            moved.append(pair)
    Pair.objects.bulk_update(moved, ["number"], batch_size=2000)
    Pair.objects.bulk_update(unyeared, ["year_start"], batch_size=2000)


class Migration(migrations.Migration):
    dependencies = [("mentoring", "0006_external_mentors")]

    operations = [
        migrations.RunPython(stamp_pair_years, migrations.RunPython.noop, elidable=True),
    ]
