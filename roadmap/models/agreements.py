"""The mentor's «Дополнительное соглашение к трудовому договору» (ТК РФ ст. 351.8)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.models import Organization
from core.signing.models import SignedDocument
from mentoring.models import StaffMember


class AgreementStatus(models.TextChoices):
    DRAFT = "draft", _("Проект")
    DIRECTOR_SIGNED = "director_signed", _("Подписано руководителем")
    SIGNED = "signed", _("Подписано сторонами")


class AgreementPay(models.TextChoices):
    PAID = "paid", _("Доплата за наставничество")
    UNPAID = "unpaid", _("Без доплаты (указать основание)")


class MentorAgreement(SignedDocument):
    """«Дополнительное соглашение к трудовому договору» on mentoring (ТК РФ ст. 351.8).

    The curator drafts it when a mentor is appointed; the director signs first, the mentor
    second, both with the simple e-signature. The mentor's signature renders and stores the PDF
    once, with its own verification code; from then on nothing changes.
    """

    organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        related_name="mentor_agreements",
        verbose_name=_("организация"),
    )
    mentor = models.ForeignKey(
        StaffMember, on_delete=models.PROTECT, related_name="+", verbose_name=_("наставник")
    )
    mentees = models.ManyToManyField(StaffMember, related_name="+", verbose_name=_("наставляемые"))
    contract_reference = models.CharField(
        _("трудовой договор"),
        max_length=200,
        blank=True,
        help_text=_("Например: от 01.09.2020 № 15."),
    )
    content = models.TextField(_("содержание наставничества"))
    starts_on = models.DateField(_("начало наставничества"))
    ends_on = models.DateField(_("окончание наставничества"))
    form = models.CharField(_("форма наставничества"), max_length=300)
    pay = models.CharField(
        _("оплата"), max_length=10, choices=AgreementPay.choices, default=AgreementPay.PAID
    )
    pay_terms = models.CharField(
        _("размер доплаты или основание без доплаты"),
        max_length=500,
        help_text=_(
            "Например: «доплата 15 % должностного оклада ежемесячно» или основание, по которому "
            "наставничество не оплачивается."
        ),
    )
    status = models.CharField(
        _("статус"), max_length=20, choices=AgreementStatus.choices, default=AgreementStatus.DRAFT
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("создано"), auto_now_add=True)
    number = models.PositiveIntegerField(_("номер"), null=True, blank=True)
    director_signed_at = models.DateTimeField(_("подписано руководителем"), null=True, blank=True)
    director_signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    director_name = models.CharField(_("ФИО руководителя"), max_length=300, blank=True)
    mentor_signed_at = models.DateTimeField(_("подписано наставником"), null=True, blank=True)

    history = HistoricalRecords(excluded_fields=["pdf", "signed_html"])

    # The mentor's signature completes it; the director's is recorded in its own columns.
    SIGNED_AT = "mentor_signed_at"
    SIGNED_BY = None

    class Meta:
        verbose_name = _("дополнительное соглашение наставника")
        verbose_name_plural = _("дополнительные соглашения наставников")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gt=models.F("starts_on")),
                name="agreement_ends_after_start",
                violation_error_message=_("Окончание наставничества должно быть позже начала."),
            ),
            models.UniqueConstraint(
                fields=["organization", "number"],
                condition=Q(number__isnull=False),
                name="agreement_unique_number",
            ),
        ]

    def __str__(self) -> str:
        number = f" № {self.number}" if self.number else ""
        return f"{self.title}{number}: {self.mentor.short_name}"

    @property
    def is_volunteer(self) -> bool:
        """A mentor from outside the staff signs an agreement on mentoring without pay, not an
        addendum to a labour contract (she has none)."""
        return self.mentor.is_external

    @property
    def title(self) -> str:
        return (
            "Соглашение о наставничестве на безвозмездной основе"
            if self.is_volunteer
            else "Дополнительное соглашение"
        )

    def get_absolute_url(self) -> str:
        return reverse("roadmap:agreement-detail", args=[self.pk])

    @property
    def is_signed(self) -> bool:
        return self.status == AgreementStatus.SIGNED

    @property
    def reference(self) -> str:
        """«от 30.11.2026 № 3», as the appointment order refers to it."""
        if not self.director_signed_at:
            return ""
        from django.utils import timezone

        day = timezone.localtime(self.director_signed_at).date()
        return f"от {day:%d.%m.%Y} № {self.number}"
