"""Time the program PDF of the biggest program of an organization."""

import statistics
import time

from django.core.management.base import BaseCommand, CommandError

from core.models import Organization
from programs.models import Program
from programs.pdf import program_pdf
from programs.seeding import BENCH_TITLE
from programs.selectors import program_for_page


class Command(BaseCommand):
    help = "Замеряет построение PDF программы (60 мероприятий). Сначала выполните seed_region."

    def add_arguments(self, parser):
        parser.add_argument("--org", default="region-0001")
        parser.add_argument("--repeat", type=int, default=5)

    def handle(self, *args, org, repeat, **options):
        organization = Organization.objects.filter(slug=org).first()
        if organization is None:
            raise CommandError("Организация не найдена: выполните manage.py seed_region.")
        programs = program_for_page(Program.objects.filter(organization=organization))
        program = programs.filter(title=BENCH_TITLE).first() or programs.first()
        if program is None:
            raise CommandError("В организации нет программ.")
        program_pdf(program)  # warm fonts and templates
        timings = []
        for _ in range(repeat):
            fresh = programs.get(pk=program.pk)
            started = time.perf_counter()
            size = len(program_pdf(fresh))
            timings.append((time.perf_counter() - started) * 1000)
        self.stdout.write(
            f"PDF программы «{program}» ({program.rows.count()} мероприятий, {size // 1024} КБ): "
            f"медиана {statistics.median(timings):.0f} мс, максимум {max(timings):.0f} мс"
        )
