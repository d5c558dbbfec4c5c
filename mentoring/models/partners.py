"""Partner organizations of network cooperation (seed 002, §4.4.3): the register the
cooperation agreements, joint events and mentors from outside the staff refer to."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from core.history import HistoricalRecords
from core.models.base import OrganizationOwned


class PartnerKind(models.TextChoices):
    EDUCATION = "education", _("Образовательная организация")
    HIGHER_EDUCATION = "higher_education", _("Вуз или колледж")
    METHODICAL = "methodical", _("Методическая служба, институт развития образования")
    CULTURE = "culture", _("Учреждение культуры или спорта")
    PUBLIC = "public", _("Общественная организация")
    BUSINESS = "business", _("Предприятие")
    OTHER = "other", _("Иная организация")


class Partner(OrganizationOwned):
    """Another organization one kindergarten cooperates with."""

    organization_related_name = "partners"
    name = models.CharField(_("полное наименование"), max_length=500)
    short_name = models.CharField(_("краткое наименование"), max_length=200, blank=True)
    kind = models.CharField(
        _("вид организации"), max_length=20, choices=PartnerKind.choices, default=PartnerKind.OTHER
    )
    inn = models.CharField(_("ИНН"), max_length=12, blank=True)
    ogrn = models.CharField(_("ОГРН"), max_length=15, blank=True)
    address = models.CharField(_("адрес"), max_length=500, blank=True)
    contact_person = models.CharField(_("контактное лицо"), max_length=300, blank=True)
    phone = models.CharField(_("телефон"), max_length=50, blank=True)
    email = models.EmailField(_("электронная почта"), blank=True)
    website = models.URLField(_("сайт"), blank=True)
    scope = models.TextField(_("предмет сотрудничества"), blank=True)
    is_active = models.BooleanField(_("сотрудничество продолжается"), default=True)
    created_at = models.DateTimeField(_("добавлена"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("организация-партнёр")
        verbose_name_plural = _("организации-партнёры")
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return self.short_name or self.name
