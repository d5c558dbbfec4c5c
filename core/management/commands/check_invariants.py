"""Check every rule of the domain over the data; exit non-zero when any is broken."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from core.invariants import find_violations
from core.models import Organization


class Command(BaseCommand):
    help = "Проверяет правила предметной области по всем данным и печатает каждое нарушение."

    def add_arguments(self, parser):
        parser.add_argument("--org", help="slug организации (по умолчанию — все)")

    def handle(self, *args, org=None, **options):
        organizations = Organization.objects.all()
        if org:
            organizations = organizations.filter(slug=org)
            if not organizations.exists():
                raise CommandError(f"Организации «{org}» нет.")
        names = dict(organizations.values_list("pk", "short_name"))
        violations = find_violations(organizations)
        for v in violations:
            link = f" {settings.SITE_URL}{v.url}" if v.url else ""
            self.stdout.write(f"{names.get(v.organization_id, v.organization_id)}: {v.text}{link}")
        if violations:
            raise CommandError(f"Нарушений правил: {len(violations)}.")
        self.stdout.write(self.style.SUCCESS("Нарушений нет."))
