"""The early end of a mentor's agreement (ТК РФ ст. 351.8): her refusal or the withdrawal.

The mentor may refuse the mentoring early, and the employer may withdraw the assignment, each
telling the other side in writing at least three working days ahead. Each is a signed document
(``core.signing``): the mentor signs her refusal, the director signs the withdrawal. On its
effective date the mentoring ends (``roadmap.agreement_endings.endings_apply``).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.models import Organization
from core.signing.models import SignedDocument
from roadmap.models.agreements import MentorAgreement


class EndingKind(models.TextChoices):
    REFUSAL = "refusal", _("Досрочный отказ наставника от наставничества")
    WITHDRAWAL = "withdrawal", _("Отмена поручения о наставничестве работодателем")


class AgreementEnding(SignedDocument):
    """The signed notice that ends a mentor's agreement early, and what it did on its date."""

    organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("организация"),
    )
    agreement = models.OneToOneField(
        MentorAgreement,
        on_delete=models.PROTECT,
        related_name="ending",
        verbose_name=_("дополнительное соглашение"),
    )
    kind = models.CharField(_("вид"), max_length=12, choices=EndingKind.choices)
    reason = models.TextField(_("причина"), blank=True)
    notice_on = models.DateField(_("дата уведомления"))
    effective_on = models.DateField(_("наставничество прекращается"))
    signed_at = models.DateTimeField(_("подписано"), null=True, blank=True)
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    signer_name = models.CharField(_("ФИО подписавшего"), max_length=300, blank=True)
    applied_at = models.DateTimeField(_("исполнено"), null=True, blank=True)
    outcome = models.TextField(_("что сделано"), blank=True)

    class Meta:
        verbose_name = _("досрочное прекращение наставничества")
        verbose_name_plural = _("досрочные прекращения наставничества")
        ordering = ["-notice_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.agreement})"

    def get_absolute_url(self) -> str:
        return reverse("roadmap:agreement-detail", args=[self.agreement_id])

    @property
    def is_refusal(self) -> bool:
        return self.kind == EndingKind.REFUSAL

    @property
    def status_text(self) -> str:
        """«Наставничество прекращено с 10.12.2026» or «… прекращается 10.12.2026»."""
        if self.applied_at:
            return f"Наставничество прекращено с {self.effective_on:%d.%m.%Y}"
        return f"Наставничество прекращается {self.effective_on:%d.%m.%Y}"
