"""Recompute the per-ДОУ figures of the municipality pages (the worker runs it on a schedule)."""

import time

from django.core.management.base import BaseCommand, CommandError

from core.models import Organization
from monitoring.periods import current_year
from region.summaries import summaries_refresh, summaries_refresh_stale


class Command(BaseCommand):
    help = "Пересчитывает сводные показатели ДОУ для страниц муниципального координатора."

    def add_arguments(self, parser):
        parser.add_argument("--org", default="", help="Адрес (slug) одного ДОУ; по умолчанию все.")
        parser.add_argument(
            "--years", type=int, default=1, help="Сколько учебных лет пересчитать (для динамики)."
        )
        parser.add_argument(
            "--all",
            dest="everything",
            action="store_true",
            help="Пересчитать все ДОУ; по умолчанию только изменённые после прошлого пересчёта.",
        )

    def handle(self, *args, org, years, everything, **options):
        started = time.perf_counter()
        if org:
            organizations = list(Organization.objects.filter(slug=org))
            if not organizations:
                raise CommandError(f"ДОУ с адресом «{org}» не найден.")
            count = summaries_refresh(organizations=organizations, years=years)
        elif everything or years > 1:
            count = summaries_refresh(years=years)
        else:
            count = summaries_refresh_stale()
        now = current_year().start_year
        labels = ", ".join(
            f"{start}/{start + 1}" for start in range(now - max(years, 1) + 1, now + 1)
        )
        word = "учебный год" if max(years, 1) == 1 else "учебные годы"
        self.stdout.write(
            self.style.SUCCESS(
                f"Обновлено ДОУ: {count} за {time.perf_counter() - started:.1f} с "
                f"({labels} {word})."
            )
        )
