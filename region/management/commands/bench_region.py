"""The coordinator's side of a big region: its pages over every ДОУ of the database in one
municipality against the bare view, the roll-up job, and the incremental summary refresh."""

import resource
import statistics
import sys
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.test import Client
from django.test.utils import override_settings
from django.urls import reverse
from django.utils import timezone

from core.benchmarking import _measure, p95
from core.cache import scoped_to
from core.jobs import job_run
from core.models import (
    BackgroundJob,
    JobStatus,
    MunicipalCoordinator,
    Municipality,
    Organization,
    User,
)
from mentoring.models import StaffMember
from monitoring.periods import current_year
from region.jobs import ROLLUP
from region.models import OrganizationSummary
from region.summaries import (
    municipality_totals_keep,
    stale_organizations,
    summaries_refresh,
    summaries_refresh_stale,
)

SLUG = "bench-all"


def _peak_mb() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024 if sys.platform == "darwin" else 1024)


def _timed(fn):
    """(result, seconds, the process's peak memory in MB after ``fn``). Not tracemalloc: it
    slows allocation-heavy code several times over."""
    started = time.perf_counter()
    result = fn()
    return result, time.perf_counter() - started, _peak_mb()


def _vacuum(table: str) -> None:
    """On PostgreSQL, what autovacuum does in production (it is off on the bench's servers):
    without it every run's move of 2,000 ДОУ leaves 2,000 dead rows that later runs scan."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"VACUUM ANALYZE {table}")


class Command(BaseCommand):
    help = (
        "Замеряет страницы координатора, свод и пересчёт сводок, когда все ДОУ базы — в одном "
        "муниципалитете. Сначала выполните seed_region и refresh_region_summaries."
    )

    def add_arguments(self, parser):
        parser.add_argument("--repeat", type=int, default=15)
        parser.add_argument("--written", type=int, default=20, help="Сколько ДОУ изменить.")
        parser.add_argument(
            "--parts", default="pages,rollup,refresh", help="Что замерить (через запятую)."
        )
        parser.add_argument(
            "--copy-summaries",
            action="store_true",
            help="ДОУ без сводки получают копию подсчитанной (только для замера страниц, когда "
            "полный пересчёт региона не успеть).",
        )

    def handle(self, *args, repeat, written, copy_summaries, parts, **options):
        parts = set(parts.split(","))
        region = list(Organization.objects.filter(slug__startswith="region-").order_by("slug"))
        if not region:
            raise CommandError("Нет ДОУ региона: выполните manage.py seed_region.")
        year = current_year().start_year
        have = OrganizationSummary.objects.filter(organization__in=region, start_year=year).count()
        if have < len(region) and copy_summaries:
            self._copy_summaries(region, year)
        elif have < len(region):
            raise CommandError(
                f"Сводки есть у {have} из {len(region)} ДОУ: выполните refresh_region_summaries."
            )
        before = {o.pk: o.municipality_id for o in region}
        municipality, _ = Municipality.objects.get_or_create(
            slug=SLUG, defaults={"name": "Все ДОУ региона"}
        )
        user, _ = User.objects.get_or_create(username="municipal-bench-all")
        MunicipalCoordinator.objects.get_or_create(user=user, municipality=municipality)
        Organization.objects.filter(pk__in=before).update(municipality=municipality)
        _vacuum("mentoring_organization")
        try:
            if "pages" in parts:
                self._pages(municipality, user, region, repeat)
            if "rollup" in parts:
                self._rollup(municipality, user, len(region))
            if "refresh" in parts:
                self._refresh(region, written)
        finally:
            for old in set(before.values()):
                Organization.objects.filter(
                    pk__in=[pk for pk, m in before.items() if m == old]
                ).update(municipality_id=old)
            _vacuum("mentoring_organization")
        self.stdout.write(f"Пик памяти процесса (ru_maxrss): {_peak_mb():.0f} МБ.")

    def _copy_summaries(self, region, year):
        known = list(OrganizationSummary.objects.filter(organization__in=region, start_year=year))
        if len(known) < 20:  # a few computed for real, copied to the rest
            summaries_refresh(organizations=region[:20])
            known = list(
                OrganizationSummary.objects.filter(organization__in=region, start_year=year)
            )
        have = {row.organization_id for row in known}
        copies = []
        for n, organization in enumerate(o for o in region if o.pk not in have):
            row = known[n % len(known)]
            row.pk, row.organization = None, organization
            copies.append(
                OrganizationSummary(
                    **{
                        f.attname: getattr(row, f.attname)
                        for f in OrganizationSummary._meta.concrete_fields
                    }
                )
            )
        OrganizationSummary.objects.bulk_create(copies, batch_size=500)
        self.stdout.write(
            f"Сводки {len(copies)} ДОУ скопированы с {len(known)} подсчитанных "
            "(для замера страниц)."
        )

    @override_settings(ROOT_URLCONF="config.bench_urls", DEBUG=False, ALLOWED_HOSTS=["testserver"])
    def _pages(self, municipality, user, region, repeat):
        first = OrganizationSummary.objects.filter(organization=region[0]).first()

        def refreshed():  # the worker refreshed one summary: the pages are built again
            OrganizationSummary.objects.filter(pk=first.pk).update(refreshed_at=timezone.now())
            # and, as after each chunk, computed the municipality's totals (not timed: the
            # worker's time, not the page's)
            municipality_totals_keep()

        curator = Client()
        curator.force_login(User.objects.get(username=f"{region[0].slug}-curator-1"))
        session = curator.session
        session["organization_id"] = region[0].pk
        session.save()
        coordinator = Client()
        coordinator.force_login(user)
        overview = reverse("region:overview", kwargs={"municipality": municipality.slug})
        pages = [
            ("Эталон: 1 запрос + base.html", curator, "/__bench__/bare/"),
            ("Муниципалитет: все ДОУ, стр. 1", coordinator, overview),
            ("Муниципалитет: стр. 20, сортировка", coordinator, overview + "?sort=pairs&page=20"),
            ("Муниципалитет: фильтр «без движения»", coordinator, overview + "?problem=stalled"),
            (
                "Муниципалитет: сроки",
                coordinator,
                reverse("region:deadlines", kwargs={"municipality": municipality.slug}),
            ),
        ]
        self.stdout.write(
            f"\nСтраницы координатора: {len(region)} ДОУ в одном муниципалитете "
            f"(медиана из {repeat}; «после пересчёта» — сразу после записи одной сводки)\n"
        )
        self.stdout.write(
            "| страница | медиана, мс | p95, мс | × эталона | запросов | после пересчёта, мс "
            "| × эталона |\n| --- | --- | --- | --- | --- | --- | --- |"
        )
        bare = None
        for label, client, url in pages:
            timings, cold, queries, status = _measure(client, url, repeat, refreshed)
            median, after = statistics.median(timings), statistics.median(cold)
            bare = bare or (median, after)
            if status != 200:
                self.stdout.write(self.style.ERROR(f"{label}: ответ {status}"))
            self.stdout.write(
                f"| {label} | {median:.1f} | {p95(timings):.1f} | {median / bare[0]:.1f} | "
                f"{queries} | {after:.1f} | {after / bare[1]:.1f} |"
            )

    def _rollup(self, municipality, user, count):
        job = BackgroundJob.objects.create(
            municipality=municipality,
            requested_by=user,
            kind=ROLLUP,
            title="Свод (замер)",
            params={"format": "xlsx", "start_year": current_year().start_year},
            status=JobStatus.QUEUED,
        )
        done, seconds, peak = _timed(lambda: job_run(job_id=job.pk))
        size = len(BackgroundJob.objects.get(pk=done.pk).result or b"")
        self.stdout.write(
            f"\nСвод XLSX как фоновая задача: {count} ДОУ за {seconds:.1f} с, "
            f"пик памяти процесса {peak:.0f} МБ, файл {size / 1024:.0f} КБ, "
            f"статус {done.status}."
        )
        BackgroundJob.objects.filter(pk=job.pk).delete()

    def _refresh(self, region, written):
        stale, seconds, _ = _timed(stale_organizations)
        self.stdout.write(
            f"\nПоиск изменённых ДОУ среди {len(region)}: {seconds * 1000:.0f} мс, "
            f"устаревших сводок: {len(stale)}."
        )
        if stale:  # the state right after a refresh of everything, without the hour it takes
            OrganizationSummary.objects.filter(start_year=current_year().start_year).update(
                refreshed_at=timezone.now()
            )
            _vacuum("region_organizationsummary")
        step = max(1, len(region) // max(written, 1))
        chosen = region[::step][:written]
        for organization in chosen:  # a write in each of them, as a page of that ДОУ makes it
            member = StaffMember.objects.filter(organization=organization).order_by("pk").first()
            with scoped_to(organization.pk), transaction.atomic():
                StaffMember.objects.filter(pk=member.pk).update(phone=member.phone)
        count, seconds, peak = _timed(summaries_refresh_stale)
        per = seconds / count if count else 0
        self.stdout.write(
            f"Пересчёт после записи в {len(chosen)} ДОУ: пересчитано {count} за {seconds:.1f} с "
            f"({per:.2f} с на ДОУ), пик памяти процесса {peak:.0f} МБ; весь регион "
            f"({len(region)} ДОУ) по этой скорости — {per * len(region):.0f} с."
        )
