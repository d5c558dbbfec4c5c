"""Time the monitoring page and the statistics export for the whole region; print peak memory."""

import resource
import statistics
import time
import tracemalloc

from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import reverse

from core.models import Organization, Role, RoleAssignment
from monitoring.exports import statistics_file
from monitoring.models import Answer
from monitoring.periods import current_year


class Command(BaseCommand):
    help = (
        "Замеряет страницу мониторинга (время, число запросов) и выгрузку статистики по всем "
        "организациям региона (время, пиковая память). Сначала выполните seed_region."
    )

    def add_arguments(self, parser):
        parser.add_argument("--repeat", type=int, default=20)

    def handle(self, *args, repeat, **options):
        self.repeat = repeat
        region = list(
            Organization.objects.filter(slug__startswith="region-")
            .order_by("slug")
            .values_list("pk", flat=True)
        )
        if not region:
            raise CommandError(
                "Нет организаций региона: выполните manage.py seed_region --orgs 300."
            )
        answers = Answer.objects.count()
        self.stdout.write(f"Организаций региона: {len(region)}, оценок в анкетах: {answers}")
        self._page(region)
        self._export(region)

    @override_settings(DEBUG=False, ALLOWED_HOSTS=["testserver"])
    def _page(self, region):
        organization = Organization.objects.get(pk=region[0])
        curator = RoleAssignment.objects.filter(
            organization=organization, role=Role.CURATOR
        ).first()
        client = Client()
        client.force_login(curator.user)
        url = reverse("monitoring:dashboard")
        for _ in range(3):
            client.get(url)
        timings = []
        for _ in range(self.repeat):
            started = time.perf_counter()
            response = client.get(url)
            timings.append((time.perf_counter() - started) * 1000)
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        self.stdout.write(
            f"Страница мониторинга ({organization.short_name}): медиана "
            f"{statistics.median(timings):.1f} мс, максимум {max(timings):.1f} мс, "
            f"запросов {len(queries)}, HTTP {response.status_code}"
        )

    def _export(self, region):
        year = current_year()
        started = time.perf_counter()
        xlsx = statistics_file(region, year, fmt="xlsx")
        elapsed = time.perf_counter() - started
        tracemalloc.start()
        statistics_file(region, year, fmt="xlsx")
        _current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        started = time.perf_counter()
        csv = statistics_file(region, year, fmt="csv")
        csv_elapsed = time.perf_counter() - started
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        self.stdout.write(
            f"Выгрузка статистики региона XLSX: {elapsed:.2f} с, {len(xlsx) / 1024:.0f} КБ, "
            f"пик памяти Python (tracemalloc) {peak / 1024 / 1024:.1f} МБ; "
            f"CSV: {csv_elapsed:.2f} с, {len(csv) / 1024:.0f} КБ; "
            f"максимальный RSS процесса {rss:.0f} МБ"
        )
