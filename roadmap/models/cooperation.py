"""Network cooperation (seed 002, §4.4.3): agreements with partner organizations, joint events.

An agreement on network cooperation or on social partnership is drafted by the curator and
signed by the director with the simple e-signature (the verification code, the PDF with its QR
code); the partner signs on paper, and the product keeps the scan of the copy it returned.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.history import HistoricalRecords
from core.models.base import OrganizationOwned
from core.signing.models import SignedDocument
from mentoring.models import Partner


class CooperationKind(models.TextChoices):
    NETWORK = "network", _("Договор о сетевом взаимодействии")
    PARTNERSHIP = "partnership", _("Соглашение о социальном партнёрстве")


class CooperationStatus(models.TextChoices):
    DRAFT = "draft", _("Проект")
    SIGNED_BY_US = "signed_by_us", _("Подписан нами")
    SIGNED = "signed", _("Подписан сторонами")


class CooperationAgreement(OrganizationOwned, SignedDocument):
    """A cooperation agreement with one partner: our e-signature, the partner's paper copy."""

    organization_related_name = "cooperation_agreements"
    partner = models.ForeignKey(
        Partner,
        on_delete=models.PROTECT,
        related_name="cooperation_agreements",
        verbose_name=_("организация-партнёр"),
    )
    kind = models.CharField(
        _("вид документа"),
        max_length=20,
        choices=CooperationKind.choices,
        default=CooperationKind.NETWORK,
    )
    subject = models.TextField(
        _("предмет договора"),
        help_text=_("Например: совместная работа по наставничеству молодых педагогов."),
    )
    obligations = models.TextField(
        _("обязательства сторон"),
        help_text=_("Каждое обязательство с новой строки."),
    )
    starts_on = models.DateField(_("действует с"))
    ends_on = models.DateField(_("действует по"))
    status = models.CharField(
        _("статус"),
        max_length=20,
        choices=CooperationStatus.choices,
        default=CooperationStatus.DRAFT,
    )
    number = models.PositiveIntegerField(_("номер"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("создан"), auto_now_add=True)
    signed_at = models.DateTimeField(_("подписан нами"), null=True, blank=True)
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    signed_ip = models.GenericIPAddressField(_("IP-адрес подписи"), null=True, blank=True)
    director_name = models.CharField(_("ФИО руководителя"), max_length=300, blank=True)
    # The partner's paper signature: the scan of the returned copy and the date on it.
    partner_signed_on = models.DateField(_("подписан партнёром"), null=True, blank=True)
    scan = models.BinaryField(_("скан экземпляра партнёра"), null=True, blank=True, editable=False)
    scan_name = models.CharField(_("имя файла скана"), max_length=255, blank=True)
    scan_sha256 = models.CharField(_("SHA-256 скана"), max_length=64, blank=True)
    scan_uploaded_at = models.DateTimeField(_("скан загружен"), null=True, blank=True)

    history = HistoricalRecords(excluded_fields=["pdf", "signed_html", "scan"])

    SIGNED_AT = "signed_at"
    SIGNED_BY = "signed_by"
    SIGNED_IP = "signed_ip"

    class Meta:
        verbose_name = _("договор о сотрудничестве")
        verbose_name_plural = _("договоры о сотрудничестве")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gt=models.F("starts_on")),
                name="cooperation_ends_after_start",
                violation_error_message=_("Дата окончания договора должна быть позже начала."),
            ),
            models.UniqueConstraint(
                fields=["organization", "number"],
                condition=Q(number__isnull=False),
                name="cooperation_unique_number",
            ),
            models.CheckConstraint(
                condition=Q(status="signed", partner_signed_on__isnull=False, scan_sha256__gt="")
                | ~Q(status="signed"),
                name="cooperation_signed_has_scan",
            ),
        ]

    def __str__(self) -> str:
        number = f" № {self.number}" if self.number else ""
        return f"{self.get_kind_display()}{number}"

    def get_absolute_url(self) -> str:
        return reverse("roadmap:cooperation-detail", args=[self.pk])

    @property
    def title(self) -> str:
        """«Договор о сетевом взаимодействии № 2 с МБОУ СОШ № 5»."""
        return f"{self} с {self.partner}"

    @property
    def is_signed_by_us(self) -> bool:
        return self.status in (CooperationStatus.SIGNED_BY_US, CooperationStatus.SIGNED)

    @property
    def obligation_lines(self) -> list[str]:
        return [line.strip() for line in self.obligations.splitlines() if line.strip()]


class JointEventFormat(models.TextChoices):
    IN_PERSON = "in_person", _("Очно")
    ONLINE = "online", _("Дистанционно")
    MIXED = "mixed", _("Очно и дистанционно")


class JointEvent(OrganizationOwned):
    """An event held together with a partner: a seminar, a master class, a conference."""

    organization_related_name = "joint_events"
    partner = models.ForeignKey(
        Partner,
        on_delete=models.PROTECT,
        related_name="joint_events",
        verbose_name=_("организация-партнёр"),
    )
    agreement = models.ForeignKey(
        CooperationAgreement,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("по договору"),
    )
    held_on = models.DateField(_("дата"))
    title = models.CharField(_("название"), max_length=300)
    format = models.CharField(
        _("формат"),
        max_length=20,
        choices=JointEventFormat.choices,
        default=JointEventFormat.IN_PERSON,
    )
    participants = models.TextField(
        _("участники"),
        help_text=_("Кто участвует: например, «молодые педагоги и наставники, 12 человек»."),
    )
    is_public = models.BooleanField(
        _("показывать в публичном разделе"),
        default=True,
        help_text=_("Снимите отметку, если мероприятие не для сайта детского сада."),
    )
    created_at = models.DateTimeField(_("добавлено"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("совместное мероприятие")
        verbose_name_plural = _("совместные мероприятия")
        ordering = ["-held_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.title} ({self.held_on:%d.%m.%Y})"

    def get_absolute_url(self) -> str:
        return reverse("roadmap:joint-event-edit", args=[self.pk])
