"""The professional activity of a program's participant (seed 002 «Мониторинг» 4–5, seed 003)."""

from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.history import HistoricalRecords
from core.models import User
from core.models.base import OrganizationOwned
from mentoring.models import StaffMember
from programs.models.program import Program


class ActivityKind(models.TextChoices):
    COURSE = "course", _("Курсы повышения квалификации (КПК)")
    RETRAINING = "retraining", _("Профессиональная переподготовка")
    CONTEST = "contest", _("Конкурс профессионального мастерства")
    OPEN_EVENT = "open_event", _("Открытое мероприятие")
    MASTER_CLASS = "master_class", _("Мастер-класс")
    PUBLICATION = "publication", _("Публикация")
    TALK = "talk", _("Выступление на конференции, семинаре")
    ATTESTATION = "attestation", _("Аттестация")
    INNOVATION = "innovation", _("Инновационная или проектная деятельность")


class ActivityLevel(models.TextChoices):
    DOU = "dou", _("Уровень ДОУ")
    MUNICIPAL = "municipal", _("Муниципальный")
    REGIONAL = "regional", _("Региональный")
    FEDERAL = "federal", _("Федеральный")
    INTERNATIONAL = "international", _("Международный")


class ActivityStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Ждёт подтверждения куратора")
    CONFIRMED = "confirmed", _("Подтверждено куратором")
    RETURNED = "returned", _("Возвращено на доработку")


def activity_evidence_path(instance, filename: str) -> str:
    return f"programs/{instance.program_id}/activity/{filename}"


class Activity(OrganizationOwned):
    """One record of a participant's activity: a course, contest, talk, attestation…"""

    organization_related_name = "+"
    organization_on_delete = models.CASCADE
    program = models.ForeignKey(
        Program, on_delete=models.CASCADE, related_name="activities", verbose_name=_("программа")
    )
    staff = models.ForeignKey(
        StaffMember,
        on_delete=models.CASCADE,
        related_name="activities",
        verbose_name=_("участник"),
    )
    kind = models.CharField(_("вид"), max_length=20, choices=ActivityKind.choices)
    title = models.CharField(_("название"), max_length=300)
    happened_on = models.DateField(_("дата"))
    level = models.CharField(_("уровень"), max_length=20, choices=ActivityLevel.choices)
    result = models.CharField(
        _("результат"),
        max_length=300,
        help_text=_("Например: «победитель», «лауреат», «удостоверение», «высшая категория»."),
    )
    evidence_file = models.FileField(
        _("подтверждающий файл"), upload_to=activity_evidence_path, max_length=300
    )
    status = models.CharField(
        _("статус"),
        max_length=20,
        choices=ActivityStatus.choices,
        default=ActivityStatus.SUBMITTED,
    )
    return_reason = models.TextField(_("причина возврата"), blank=True)
    created_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("внесено"), auto_now_add=True)
    reviewed_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(_("проверено"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("профессиональная активность")
        verbose_name_plural = _("профессиональная активность")
        ordering = ("-happened_on", "-pk")
        indexes = [models.Index(fields=("organization", "status", "happened_on"))]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("programs:portfolio", args=[self.staff_id]) + f"#activity-{self.pk}"

    @property
    def is_confirmed(self) -> bool:
        return self.status == ActivityStatus.CONFIRMED
