"""Create a synthetic region of kindergartens for the benchmark."""

import time

from django.core.management.base import BaseCommand, CommandError

from core.models import MunicipalCoordinator
from mentoring.seeding import REGION_COORDINATOR_PASSWORD, seed_region


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
        created = seed_region(orgs=orgs, staff_per_org=staff, seed=seed)
        self.stdout.write(
            self.style.SUCCESS(
                f"Создано организаций: {len(created)} за {time.perf_counter() - started:.1f} с."
            )
        )
        coordinators = MunicipalCoordinator.objects.filter(
            municipality__organizations__in=created
        ).distinct()
        for coordinator in coordinators.select_related("user", "municipality").order_by("pk"):
            self.stdout.write(
                f"  {coordinator.user.username} / {REGION_COORDINATOR_PASSWORD} — "
                f"муниципальный координатор, {coordinator.municipality.name}"
            )
