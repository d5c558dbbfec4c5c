"""E-mail the participants who have not sent an open survey yet, by hand.

The daily job is ``monitoring/reminders.py`` (run by ``core.tasks.deadline_reminders``);
both send through ``monitoring.services.reminders_send``.
"""

from django.core.management.base import BaseCommand

from monitoring.periods import current_year
from monitoring.services import reminders_send


class Command(BaseCommand):
    help = (
        "Отправляет напоминания участникам, не ответившим на открытые анкеты (ежедневно это делает "
        "фоновая задача deadline_reminders)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--within-days",
            type=int,
            default=None,
            help="Только анкеты, срок которых наступает не позже чем через столько дней.",
        )

    def handle(self, *args, **options):
        sent = reminders_send(within_days=options["within_days"])
        self.stdout.write(f"Отправлено напоминаний: {sent} ({current_year().label}).")
