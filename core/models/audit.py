"""The audit trail: who did what to which object, and when."""

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.models.organizations import Organization


class AuditEntry(models.Model):
    """One line of an object's history: who did what to it and when («кто, когда, что сделал»).

    Written only by ``core.audit.log_action``; it is the history itself, so it keeps none.
    """

    organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="audit_entries",
        verbose_name=_("организация"),
    )
    content_type = models.ForeignKey(
        "contenttypes.ContentType", on_delete=models.PROTECT, verbose_name=_("тип объекта")
    )
    object_id = models.PositiveBigIntegerField(_("номер объекта"))
    action = models.CharField(_("код действия"), max_length=60)
    label = models.CharField(_("действие"), max_length=200)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("кто"),
    )
    created_at = models.DateTimeField(_("когда"), default=timezone.now, db_index=True)
    data = models.JSONField(_("подробности"), default=dict, blank=True, encoder=DjangoJSONEncoder)

    class Meta:
        db_table = "mentoring_auditentry"
        verbose_name = _("запись журнала действий")
        verbose_name_plural = _("журнал действий")
        ordering = ["created_at", "pk"]
        indexes = [
            models.Index(fields=["content_type", "object_id"], name="auditentry_object"),
            models.Index(fields=["organization", "action"], name="auditentry_org_action"),
        ]

    def __str__(self) -> str:
        return f"{self.label} — {self.actor or 'система'}"
