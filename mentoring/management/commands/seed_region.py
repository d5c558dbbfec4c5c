"""Create a synthetic region of kindergartens for the benchmark."""

import resource
import sys
import time

from django.core.management.base import BaseCommand, CommandError

from core.models import MunicipalCoordinator
from mentoring.seeding import REGION_COORDINATOR_PASSWORD, seed_region_in_chunks


def peak_mb() -> float:
    """The process's peak resident memory so far (Linux reports KiB, macOS bytes)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024 if sys.platform == "darwin" else 1024)


class Command(BaseCommand):
    help = "Создаёт синтетический регион: N детских садов по ~50 сотрудников с ролями."

    def add_arguments(self, parser):
        parser.add_argument("--orgs", type=int, default=300, help="Сколько организаций создать.")
        parser.add_argument("--staff", type=int, default=50, help="Сотрудников в организации.")
        parser.add_argument("--seed", type=int, default=1, help="Зерно генератора.")

    def handle(self, *args, orgs, staff, seed, **options):
        if orgs < 1 or staff < 20:
            raise CommandError("Нужно хотя бы 1 организация и 20 сотрудников в каждой.")
        started = time.perf_counter()

        def progress(done: int, total: int) -> None:
            if total > 50 and options.get("verbosity", 1) >= 1:
                self.stdout.write(f"  {done} из {total} ({time.perf_counter() - started:.0f} с)")

        created = seed_region_in_chunks(
            orgs=orgs, staff_per_org=staff, seed=seed, progress=progress
        )
        self.stdout.write(
            self.style.SUCCESS(
                f"Создано организаций: {created} за {time.perf_counter() - started:.1f} с, "
                f"пик памяти {peak_mb():.0f} МБ."
            )
        )
        coordinators = MunicipalCoordinator.objects.filter(
            municipality__organizations__slug__startswith="region-"
        ).distinct()
        for coordinator in coordinators.select_related("user", "municipality").order_by("pk")[:5]:
            self.stdout.write(
                f"  {coordinator.user.username} / {REGION_COORDINATOR_PASSWORD} — "
                f"муниципальный координатор, {coordinator.municipality.name}"
            )
