"""Request the main pages as each role on seeded data and print times and query counts."""

from django.core.management.base import BaseCommand, CommandError

from core.benchmarking import collect_changes, run
from core.models import Organization


class Command(BaseCommand):
    help = (
        "Замеряет главные страницы для каждой роли: медиана и p95 времени, число SQL-запросов, "
        "отношение к эталонному представлению. Сначала выполните seed_region."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--org",
            default="",
            help="Адрес (slug) организации; по умолчанию первая организация региона.",
        )
        parser.add_argument("--repeat", type=int, default=30, help="Повторов на страницу.")
        parser.add_argument(
            "--after",
            default="all",
            help=(
                "Что происходит перед замером второй колонки: all — устаревает весь кэш "
                "(по умолчанию), login — кто-то входит, plan-row — сохраняется строка плана."
            ),
        )

    def handle(self, *args, org, repeat, after, **options):
        if after not in collect_changes():
            raise CommandError(f"Неизвестное изменение «{after}»: {', '.join(collect_changes())}.")
        queryset = Organization.objects.all()
        organization = (
            queryset.filter(slug=org).first()
            if org
            else queryset.filter(slug__startswith="region-").order_by("slug").first()
        )
        if organization is None:
            raise CommandError(
                "Организация не найдена: выполните manage.py seed_region --orgs 300."
            )
        total = Organization.objects.count()
        self.stdout.write(f"Организация: {organization} (всего организаций в базе: {total})")
        self.stdout.write(f"Вторая колонка — сразу после изменения «{after}».")
        bare, results = run(organization=organization, repeat=repeat, after=after)
        header = (
            f"| {'страница':<32} | {'роль':<9} | медиана, мс | p95, мс | запросов | × эталона "
            "| после изменения, мс | × эталона |"
        )
        self.stdout.write(header)
        self.stdout.write("|" + "|".join("-" * (len(c)) for c in header.split("|")[1:-1]) + "|")
        for row in (bare, *results):
            ratio = row.median_ms / bare.median_ms if bare.median_ms else 0
            flag = "" if row.status == 200 else f" (HTTP {row.status})"
            self.stdout.write(
                f"| {row.label + flag:<32} | {row.role:<9} | {row.median_ms:>11.1f} | "
                f"{row.p95_ms:>7.1f} | {row.queries:>8} | {ratio:>9.2f} | "
                f"{row.cold_ms:>19.1f} | {row.cold_ms / bare.median_ms:>9.2f} |"
            )
        failing = [r for r in results if r.status != 200]
        if failing:
            raise CommandError(f"Страниц с ошибкой: {len(failing)}.")
