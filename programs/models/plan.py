"""What a running program does: the event plan, the meeting log, the calendar subscription."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from core.history import HistoricalRecords
from core.models import User
from mentoring.models import Direction
from programs.models.program import Program


class RowStatus(models.TextChoices):
    PLANNED = "planned", _("Запланировано")
    DONE = "done", _("Выполнено")
    MOVED = "moved", _("Перенесено")
    CANCELLED = "cancelled", _("Отменено")


def evidence_path(instance, filename: str) -> str:
    return f"programs/{instance.program_id}/evidence/{filename}"


class PlanRow(models.Model):
    """One event of the plan, edited on its own with its own version."""

    program = models.ForeignKey(
        Program, on_delete=models.CASCADE, related_name="rows", verbose_name=_("программа")
    )
    position = models.PositiveIntegerField(_("порядок"), default=0)
    direction = models.CharField(_("направление"), max_length=20, choices=Direction.choices)
    event = models.CharField(_("мероприятие"), max_length=500)
    event_form = models.CharField(_("форма мероприятия"), max_length=200, blank=True)
    deadline = models.DateField(_("срок"))
    expected_result = models.TextField(_("ожидаемый результат"), blank=True)
    status = models.CharField(
        _("статус"), max_length=20, choices=RowStatus.choices, default=RowStatus.PLANNED
    )
    done_on = models.DateField(
        _("дата выполнения"),
        null=True,
        blank=True,
        help_text=_("Когда мероприятие выполнено: с этой датой сравнивается срок."),
    )
    actual_result = models.TextField(_("фактический результат"), blank=True)
    evidence_file = models.FileField(
        _("подтверждающий файл"), upload_to=evidence_path, blank=True, max_length=300
    )
    evidence_url = models.URLField(_("ссылка на подтверждение"), blank=True, max_length=500)
    version = models.PositiveIntegerField(_("версия"), default=1)
    updated_at = models.DateTimeField(_("изменена"), auto_now=True)
    updated_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    ORGANIZATION_PATH = "program__organization"
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("мероприятие плана")
        verbose_name_plural = _("мероприятия плана")
        ordering = ["program", "position", "id"]
        indexes = [models.Index(fields=["program", "status", "deadline"])]

    def __str__(self) -> str:
        return self.event


class MeetingFormat(models.TextChoices):
    OFFLINE = "offline", _("Очно")
    ONLINE = "online", _("Онлайн")


class Meeting(models.Model):
    program = models.ForeignKey(
        Program, on_delete=models.CASCADE, related_name="meetings", verbose_name=_("программа")
    )
    held_on = models.DateField(_("дата"))
    start_time = models.TimeField(_("время начала"), null=True, blank=True)
    duration_minutes = models.PositiveSmallIntegerField(_("длительность, минут"), default=45)
    format = models.CharField(
        _("формат"), max_length=10, choices=MeetingFormat.choices, default=MeetingFormat.OFFLINE
    )
    topic = models.CharField(_("тема"), max_length=300)
    place = models.CharField(
        _("место"),
        max_length=500,
        blank=True,
        help_text=_("Кабинет или адрес; для онлайн-встречи — ссылка на неё."),
    )
    notes = models.TextField(_("заметки"), blank=True)
    logged_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("внесена"), auto_now_add=True)

    ORGANIZATION_PATH = "program__organization"
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("встреча")
        verbose_name_plural = _("встречи")
        ordering = ["-held_on", "-id"]

    def __str__(self) -> str:
        return f"{self.held_on:%d.%m.%Y}: {self.topic}"


class CalendarToken(models.Model):
    """A person's secret for the private calendar subscription URL (reset makes a new one)."""

    user = models.OneToOneField(
        User,
        on_delete=models.CASCADE,
        related_name="calendar_token",
        verbose_name=_("пользователь"),
    )
    token = models.CharField(_("секретный ключ"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("создан"), auto_now=True)

    history = HistoricalRecords(excluded_fields=["token"])

    class Meta:
        verbose_name = _("подписка на календарь")
        verbose_name_plural = _("подписки на календарь")

    def __str__(self) -> str:
        return f"Календарь: {self.user}"
