"""Cycles and the roadmap: its versions, stages and events; the normative base."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.history import HistoricalRecords
from core.models import Organization
from core.models.base import OrganizationOwned
from core.signing.models import SignedDocument


class Cycle(OrganizationOwned):
    """One mentoring cycle (an academic year) of an organization, with its roadmap approval."""

    organization_related_name = "cycles"
    title = models.CharField(_("название"), max_length=100)
    starts_on = models.DateField(_("начало"))
    ends_on = models.DateField(_("окончание"))
    # A kindergarten that joins after the cycle began counts its roadmap from the day it joined
    # (the coordinator's click): the standard stage dates move by that many days.
    roadmap_starts_on = models.DateField(
        _("дорожная карта отсчитывается с"),
        null=True,
        blank=True,
        help_text=_("День подключения организации, если она подключилась после начала цикла."),
    )
    # Who opened this year ahead of its start (the curator's «Открыть новый учебный год»).
    opened_at = models.DateTimeField(_("учебный год открыт"), null=True, blank=True)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("кто открыл учебный год"),
    )
    roadmap_approved_at = models.DateTimeField(
        _("дорожная карта утверждена"), null=True, blank=True
    )
    roadmap_approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("кто утвердил дорожную карту"),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("цикл наставничества")
        verbose_name_plural = _("циклы наставничества")
        ordering = ["-starts_on"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "starts_on"], name="cycle_unique_start")
        ]

    def __str__(self) -> str:
        return self.title

    def contains(self, day: dt.date) -> bool:
        return self.starts_on <= day <= self.ends_on


class NormativeDocument(OrganizationOwned):
    """A document of the normative base (Положение, методические рекомендации…), uploaded."""

    organization_related_name = "normative_documents"
    title = models.CharField(_("название"), max_length=300)
    file_name = models.CharField(_("имя файла"), max_length=255)
    content = models.BinaryField(_("файл"))
    content_type = models.CharField(max_length=100, default="application/octet-stream")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("загружен"), auto_now_add=True)

    history = HistoricalRecords(excluded_fields=["content"])

    class Meta:
        verbose_name = _("нормативный документ")
        verbose_name_plural = _("нормативные документы")
        ordering = ["-uploaded_at"]

    def __str__(self) -> str:
        return self.title


class RoadmapVersionStatus(models.TextChoices):
    DRAFT = "draft", _("Проект")
    APPROVED = "approved", _("Утверждена")


class RoadmapVersion(SignedDocument):
    """One edition of the organization's roadmap for a cycle: drafted by the curator, approved
    by the director with the simple e-signature, then frozen (seed 002 §4.4.4).

    A later change is a new version; the latest approved one drives the live progress and the
    annex of the order introducing the model.
    """

    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="+", verbose_name=_("организация")
    )
    cycle = models.ForeignKey(
        Cycle, on_delete=models.PROTECT, related_name="roadmap_versions", verbose_name=_("цикл")
    )
    number = models.PositiveSmallIntegerField(_("редакция"))
    status = models.CharField(
        _("статус"),
        max_length=10,
        choices=RoadmapVersionStatus.choices,
        default=RoadmapVersionStatus.DRAFT,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("создана"), auto_now_add=True)
    approved_at = models.DateTimeField(_("утверждена"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    approver_name = models.CharField(_("ФИО утвердившего"), max_length=300, blank=True)
    approved_ip = models.GenericIPAddressField(_("IP-адрес"), null=True, blank=True)

    history = HistoricalRecords(excluded_fields=["pdf", "signed_html"])

    SIGNED_AT = "approved_at"
    SIGNED_BY = "approved_by"
    SIGNED_IP = "approved_ip"

    class Meta:
        verbose_name = _("редакция дорожной карты")
        verbose_name_plural = _("редакции дорожной карты")
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["cycle", "number"], name="roadmap_version_number"),
            models.UniqueConstraint(
                fields=["cycle"],
                condition=Q(status="draft"),
                name="roadmap_version_one_draft",
                violation_error_message=_("У дорожной карты уже есть проект новой редакции."),
            ),
        ]

    def __str__(self) -> str:
        return f"Дорожная карта, редакция {self.number} ({self.get_status_display().lower()})"

    @property
    def is_draft(self) -> bool:
        return self.status == RoadmapVersionStatus.DRAFT


class RoadmapStageRow(models.Model):
    """A stage of one roadmap version: its dates and the people responsible."""

    ORGANIZATION_PATH = "version__organization"

    version = models.ForeignKey(RoadmapVersion, on_delete=models.CASCADE, related_name="stages")
    stage_number = models.PositiveSmallIntegerField(_("этап"))
    starts_on = models.DateField(_("начало"))
    ends_on = models.DateField(_("окончание"))
    responsible = models.CharField(_("ответственные"), max_length=300)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("этап дорожной карты")
        verbose_name_plural = _("этапы дорожной карты")
        ordering = ["stage_number"]
        constraints = [
            models.UniqueConstraint(
                fields=["version", "stage_number"], name="roadmap_stage_row_once"
            ),
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")),
                name="roadmap_stage_row_ends_after_start",
                violation_error_message=_("Окончание этапа не может быть раньше его начала."),
            ),
        ]

    def __str__(self) -> str:
        return f"Этап {self.stage_number}"


class RoadmapEvent(models.Model):
    """An event the organization adds to its roadmap; the curator marks it done with a date."""

    ORGANIZATION_PATH = "version__organization"

    version = models.ForeignKey(RoadmapVersion, on_delete=models.CASCADE, related_name="events")
    stage_number = models.PositiveSmallIntegerField(_("этап"))
    title = models.CharField(_("мероприятие"), max_length=500)
    due_on = models.DateField(_("срок"))
    responsible = models.CharField(_("ответственный"), max_length=300)
    expected_result = models.CharField(_("ожидаемый результат"), max_length=500)
    done_on = models.DateField(_("выполнено"), null=True, blank=True)
    # The same event in the previous version: its «done» mark carries over on approval.
    copied_from = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("мероприятие дорожной карты")
        verbose_name_plural = _("мероприятия дорожной карты")
        ordering = ["stage_number", "due_on", "pk"]

    def __str__(self) -> str:
        return self.title
