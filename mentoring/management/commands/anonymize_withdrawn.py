"""Anonymize people whose personal-data consent was withdrawn at least 30 days ago."""

from django.core.management.base import BaseCommand

from mentoring.consents import anonymize_withdrawn


class Command(BaseCommand):
    help = "Обезличить данные сотрудников, отозвавших согласие 30 и более дней назад."

    def handle(self, *args, **options):
        done = anonymize_withdrawn()
        self.stdout.write(f"Обезличено сотрудников: {len(done)}.")
