"""Daily: e-mail the participants who have not sent an open survey yet."""

from django.core.management.base import BaseCommand

from monitoring.services import reminders_send


class Command(BaseCommand):
    help = (
        "Отправляет напоминания участникам, не ответившим на открытые анкеты (запускать ежедневно)."
    )

    def handle(self, *args, **options):
        sent = reminders_send()
        self.stdout.write(f"Отправлено напоминаний: {sent}")
