"""Consents to personal data processing and to publication, given and withdrawn."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.history import HistoricalRecords
from core.models import User
from core.models.base import OrganizationOwned
from mentoring.models.pairs import Pair
from mentoring.models.staff import StaffMember


class ConsentKind(models.TextChoices):
    PERSONAL_DATA = "personal_data", _("Согласие на обработку персональных данных")
    PUBLICATION = "publication", _("Согласие на распространение (публикацию) персональных данных")
    MENTOR_DUTIES = "mentor_duties", _("Согласие на выполнение обязанностей наставника")
    PAIR_DUTIES = "pair_duties", _("Согласие участника пары/группы на дополнительные обязанности")


class ConsentQuerySet(models.QuerySet):
    def active(self) -> "ConsentQuerySet":
        return self.filter(withdrawn_at__isnull=True)


class Consent(OrganizationOwned):
    """A consent one person gave, as a separate document of a versioned text; may be withdrawn."""

    organization_related_name = "consents"
    staff = models.ForeignKey(
        StaffMember, on_delete=models.PROTECT, related_name="consents", verbose_name=_("сотрудник")
    )
    kind = models.CharField(_("вид согласия"), max_length=20, choices=ConsentKind.choices)
    # The consent to duties in one pair names that pair; other kinds leave it empty.
    pair = models.ForeignKey(
        Pair,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="consents",
        verbose_name=_("пара/группа"),
    )
    text_version = models.CharField(_("версия текста"), max_length=20)
    text = models.TextField(_("текст согласия, как он был подписан"))
    given_at = models.DateTimeField(_("дано"))
    recorded_by = models.ForeignKey(
        User, on_delete=models.PROTECT, related_name="+", verbose_name=_("кто внёс")
    )
    withdrawn_at = models.DateTimeField(_("отозвано"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        User,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("кто внёс отзыв"),
    )

    objects = ConsentQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("согласие")
        verbose_name_plural = _("согласия")
        ordering = ["-given_at"]
        constraints = [
            # Two partial constraints instead of NULLS NOT DISTINCT, which SQLite lacks.
            models.UniqueConstraint(
                fields=["staff", "kind"],
                condition=Q(withdrawn_at__isnull=True, pair__isnull=True),
                name="consent_one_active_per_kind",
            ),
            models.UniqueConstraint(
                fields=["staff", "kind", "pair"],
                condition=Q(withdrawn_at__isnull=True, pair__isnull=False),
                name="consent_one_active_per_kind_and_pair",
            ),
        ]
        # «Has she this consent?» for a person: one look-up, not every consent to duties in
        # each pair a mentor ever led (the roadmap's and the banks' counts ask it per person).
        indexes = [models.Index(fields=["staff", "kind"], name="consent_staff_kind_idx")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.staff}"

    @property
    def is_active(self) -> bool:
        return self.withdrawn_at is None
