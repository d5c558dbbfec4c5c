"""Create the demo kindergarten and one user for every role; safe to run again."""

from django.core.management.base import BaseCommand

from core.models import MunicipalCoordinator, Role
from mentoring.seeding import DEMO_COORDINATOR, DEMO_USERS, seed_demo


class Command(BaseCommand):
    help = "Создаёт демонстрационный ДОУ и пользователей всех ролей (повторный запуск безопасен)."

    def handle(self, *args, **options):
        org = seed_demo()
        self.stdout.write(self.style.SUCCESS(f"Демо-организация: {org.full_name}"))
        self.stdout.write("Пользователи (логин / пароль — роль):")
        labels = dict(Role.choices)
        for demo in DEMO_USERS:
            self.stdout.write(f"  {demo.username:<9} / {demo.password:<14} — {labels[demo.role]}")
        username, password = DEMO_COORDINATOR
        if MunicipalCoordinator.objects.filter(user__username=username).exists():
            self.stdout.write(f"  {username:<9} / {password:<14} — Муниципальный координатор")
