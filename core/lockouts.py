"""Password lockouts by login and address together (django-axes), seen and lifted in Russian.

A lock counts wrong passwords of one login from one address (``AXES_LOCKOUT_PARAMETERS``), so
a stranger guessing other logins behind the kindergarten's one address, or guessing the
director's password from elsewhere, locks only himself. The person locked sees when she may
try again (``locked_until``) and can unlock herself with the password reset letter: setting a
new password through it clears her locks (``unlock``). The administrator sees the locks and
lifts them in «Попытки доступа» of the admin (``AccessAttemptAdmin`` below).
"""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.contrib import admin, messages
from django.utils import timezone


def locked_until(username: str | None, ip_address: str | None) -> datetime:
    """When the lock of this login at this address ends (local time); now + cool-off if unknown."""
    from axes.models import AccessAttempt

    latest = (
        AccessAttempt.objects.filter(username=username, ip_address=ip_address)
        .order_by("-attempt_time")
        .values_list("attempt_time", flat=True)
        .first()
    )
    start = latest or timezone.now()
    return timezone.localtime(start + settings.AXES_COOLOFF_TIME)


def unlock(username: str) -> int:
    """Lift every lock of this login, at any address; the number of records removed."""
    from axes.utils import reset

    return reset(username=username)


def is_locked(attempt) -> bool:
    return attempt.failures_since_start >= settings.AXES_FAILURE_LIMIT and (
        attempt.attempt_time + settings.AXES_COOLOFF_TIME > timezone.now()
    )


class LockedFilter(admin.SimpleListFilter):
    title = "заблокирован"
    parameter_name = "locked"

    def lookups(self, request, model_admin):
        return (("yes", "Да"), ("no", "Нет"))

    def queryset(self, request, queryset):
        since = timezone.now() - settings.AXES_COOLOFF_TIME
        locked = {"failures_since_start__gte": settings.AXES_FAILURE_LIMIT}
        if self.value() == "yes":
            return queryset.filter(attempt_time__gt=since, **locked)
        if self.value() == "no":
            return queryset.exclude(attempt_time__gt=since, **locked)
        return queryset


class AccessAttemptAdmin(admin.ModelAdmin):
    """Wrong passwords by login and address: who is locked, until when; «Снять блокировку»."""

    list_display = ("login", "address", "failures", "last_attempt", "state")
    list_filter = (LockedFilter,)
    search_fields = ("username", "ip_address")
    ordering = ("-attempt_time",)
    actions = ("lift",)
    fields = ("username", "ip_address", "failures_since_start", "attempt_time", "path_info")
    readonly_fields = fields

    @admin.display(description="Имя пользователя", ordering="username")
    def login(self, obj):
        return obj.username

    @admin.display(description="Адрес", ordering="ip_address")
    def address(self, obj):
        return obj.ip_address

    @admin.display(description="Неверных паролей", ordering="failures_since_start")
    def failures(self, obj):
        return obj.failures_since_start

    @admin.display(description="Последняя попытка", ordering="attempt_time")
    def last_attempt(self, obj):
        return timezone.localtime(obj.attempt_time).strftime("%d.%m.%Y %H:%M")

    @admin.display(description="Состояние")
    def state(self, obj):
        if is_locked(obj):
            until = timezone.localtime(obj.attempt_time + settings.AXES_COOLOFF_TIME)
            return f"Заблокирован до {until:%H:%M}"
        left = max(settings.AXES_FAILURE_LIMIT - obj.failures_since_start, 0)
        return f"Не заблокирован (осталось попыток: {left})"

    @admin.action(description="Снять блокировку с выбранных")
    def lift(self, request, queryset):
        count = queryset.count()
        queryset.delete()
        self.message_user(
            request, f"Блокировка снята (записей удалено: {count}).", messages.SUCCESS
        )

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


def register_admin(site=admin.site) -> None:
    """Show axes' attempts with Russian columns and the «Снять блокировку» action."""
    from axes.models import AccessAttempt

    if site.is_registered(AccessAttempt):
        site.unregister(AccessAttempt)
    site.register(AccessAttempt, AccessAttemptAdmin)
