"""The weekly e-mail digest (the worker's beat runs it on Monday mornings)."""

from django.core.management.base import BaseCommand

from region.digest import send_weekly_digest


class Command(BaseCommand):
    help = (
        "Рассылает еженедельную сводку: кураторам — их пары без движения и просроченные "
        "мероприятия, муниципальным координаторам — список по ДОУ."
    )

    def handle(self, *args, **options):
        sent = send_weekly_digest()
        self.stdout.write(self.style.SUCCESS(f"Отправлено писем: {sent}."))
