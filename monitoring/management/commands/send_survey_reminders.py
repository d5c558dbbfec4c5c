"""Daily: e-mail the participants who have not sent an open survey yet."""

from django.core.management.base import BaseCommand

from monitoring.services import reminders_send


class Command(BaseCommand):
    help = (
        "Отправляет напоминания участникам, не ответившим на открытые анкеты (запускать ежедневно)."
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
        self.stdout.write(f"Отправлено напоминаний: {sent}")
