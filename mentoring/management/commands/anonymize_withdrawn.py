"""Anonymize people whose consent was withdrawn, or who left, at least 30 days ago."""

import datetime as dt

from django.core.management.base import BaseCommand, CommandError

from mentoring.anonymization import anonymize_due


class Command(BaseCommand):
    help = (
        "Обезличить данные сотрудников, отозвавших согласие или уволившихся 30 и более дней назад."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--today",
            help="Дата, на которую считать 30 дней, в виде ГГГГ-ММ-ДД (по умолчанию сегодня).",
        )

    def handle(self, *args, **options):
        today = None
        if options.get("today"):
            try:
                today = dt.date.fromisoformat(options["today"])
            except ValueError:
                raise CommandError("Дата --today должна быть в виде ГГГГ-ММ-ДД.") from None
        done = anonymize_due(today=today)
        self.stdout.write(f"Обезличено сотрудников: {len(done)}.")
