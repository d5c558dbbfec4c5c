"""Time signing as the request does it (median of 20) on the benchmark organization; rolls back.

The request checks the password, takes the number and keeps the signed text with its QR code;
the PDF is laid out by the worker after commit (never here: the transaction is rolled back).
"""

import secrets
import statistics
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from core.models import Organization, Role, RoleAssignment
from roadmap import services
from roadmap.models import Order, OrderKind, OrderPerson, OrderStatus


class _Rollback(Exception):
    pass


class Command(BaseCommand):
    help = (
        "Замеряет подписание приказа так, как его выполняет запрос руководителя (медиана из 20), "
        "в первой организации региона; PDF формирует фоновый процесс после фиксации, здесь — "
        "нет. Все изменения откатываются."
    )

    def add_arguments(self, parser):
        parser.add_argument("--org", default="", help="Адрес (slug) организации.")
        parser.add_argument("--repeat", type=int, default=20)

    def handle(self, *args, org, repeat, **options):
        queryset = Organization.objects.all()
        organization = (
            queryset.filter(slug=org).first()
            if org
            else queryset.filter(slug__startswith="region-").order_by("slug").first()
        )
        if organization is None:
            raise CommandError("Организация не найдена: выполните manage.py seed_region.")
        roles = RoleAssignment.objects.filter(organization=organization).select_related("user")
        director = roles.filter(role=Role.DIRECTOR).first()
        curator = roles.filter(role=Role.CURATOR).first()
        if director is None or curator is None:
            raise CommandError("В организации нет руководителя или куратора.")
        password = secrets.token_urlsafe(16)  # set inside the rolled-back transaction
        timings: list[float] = []
        try:
            with transaction.atomic():
                director.user.set_password(password)
                director.user.save()
                regulation = services.order_draft(
                    organization=organization,
                    kind=OrderKind.ESIGN_REGULATION,
                    author=curator.user,
                )
                services.order_send(order=regulation, actor=curator.user)
                # The director is acquainted with the regulation by signing it.
                services.order_sign(
                    order=regulation, signer=director.user, password=password, ip=None
                )
                for _ in range(repeat):
                    order = services.order_draft(
                        organization=organization,
                        kind=OrderKind.APPROVE_REGULATION,
                        author=curator.user,
                    )
                    services.order_send(order=order, actor=curator.user)
                    started = time.perf_counter()
                    services.order_sign(
                        order=order, signer=director.user, password=password, ip="127.0.0.1"
                    )
                    timings.append((time.perf_counter() - started) * 1000)
                signed = Order.objects.filter(organization=organization, status=OrderStatus.SIGNED)
                self.stdout.write(
                    f"Организация: {organization}; подписанных приказов: {signed.count()}, "
                    f"строк ознакомления: {OrderPerson.objects.count()}"
                )
                raise _Rollback
        except _Rollback:
            pass
        ordered = sorted(timings)
        self.stdout.write(
            "Подписание (пароль, номер, подписанный текст с QR-кодом; PDF — в фоне): "
            f"медиана {statistics.median(timings):.0f} мс, "
            f"минимум {ordered[0]:.0f} мс, максимум {ordered[-1]:.0f} мс "
            f"({len(timings)} подписаний; изменения откачены)"
        )
