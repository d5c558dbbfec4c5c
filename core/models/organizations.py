"""Municipalities, organizations (ДОУ), the roles people hold in them and the coordinators."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.history import HistoricalRecords
from core.models.base import OrganizationOwned


class Municipality(models.Model):
    """A municipal district whose education department looks after its kindergartens."""

    name = models.CharField(_("название"), max_length=300)
    slug = models.SlugField(_("адрес страницы"), max_length=60, unique=True)

    history = HistoricalRecords(table_name="mentoring_historicalmunicipality")

    class Meta:
        db_table = "mentoring_municipality"
        verbose_name = _("муниципалитет")
        verbose_name_plural = _("муниципалитеты")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


# Addresses the public section keeps for itself under /public/ (its curator's pages and the
# municipalities' pages): an organization with one of them would be shadowed by that page.
RESERVED_ORGANIZATION_SLUGS = frozenset({"manage", "mo"})


def validate_organization_slug(value: str) -> None:
    """Refuse an address that the public section already uses for a page of its own."""
    if value in RESERVED_ORGANIZATION_SLUGS:
        raise ValidationError(
            _("Адрес «%(slug)s» занят страницей сайта. Укажите другой, например с номером ДОУ."),
            code="slug_reserved",
            params={"slug": value},
        )


class Organization(models.Model):
    """A preschool (ДОУ) with the requisites its documents carry."""

    class JournalYearStart(models.IntegerChoices):
        JANUARY = 1, _("с 1 января")
        SEPTEMBER = 9, _("с 1 сентября")

    full_name = models.CharField(_("полное наименование"), max_length=500)
    short_name = models.CharField(_("сокращённое наименование"), max_length=200)
    # The name as documents need it in other cases («приказ по МБДОУ…», «сотрудника МБДОУ…»);
    # empty means «decline it from the name» (core.declension.decline_organization_name).
    full_name_genitive = models.CharField(
        _("полное наименование в родительном падеже (кого? чего?)"), max_length=500, blank=True
    )
    short_name_genitive = models.CharField(
        _("сокращённое наименование в родительном падеже (кого? чего?)"),
        max_length=200,
        blank=True,
    )
    # «в МБДОУ …», «о Детском саде …» (the Положение's «закреплению молодых специалистов в …»).
    full_name_prepositional = models.CharField(
        _("полное наименование в предложном падеже (в ком? в чём?)"), max_length=500, blank=True
    )
    short_name_prepositional = models.CharField(
        _("сокращённое наименование в предложном падеже (в ком? в чём?)"),
        max_length=200,
        blank=True,
    )
    slug = models.SlugField(
        _("адрес страницы"), max_length=60, unique=True, validators=[validate_organization_slug]
    )
    city = models.CharField(_("населённый пункт"), max_length=200, blank=True)
    address = models.CharField(_("адрес"), max_length=500, blank=True)
    phone = models.CharField(_("телефон"), max_length=50, blank=True)
    email = models.EmailField(_("электронная почта"), blank=True)
    inn = models.CharField(_("ИНН"), max_length=12, blank=True)
    director_position = models.CharField(
        _("должность руководителя"), max_length=200, default="Заведующий"
    )
    director_name = models.CharField(_("ФИО руководителя"), max_length=300, blank=True)
    order_number_suffix = models.CharField(
        _("суффикс номера приказа"),
        max_length=20,
        blank=True,
        default="-од",
        help_text=_("Добавляется к номеру приказа по основной деятельности, например 12-од."),
    )
    journal_year_start = models.PositiveSmallIntegerField(
        _("начало года журнала приказов"),
        choices=JournalYearStart.choices,
        default=JournalYearStart.JANUARY,
    )
    is_active = models.BooleanField(_("действует"), default=True)
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organizations",
        verbose_name=_("муниципалитет"),
    )

    history = HistoricalRecords(table_name="mentoring_historicalorganization")

    class Meta:
        db_table = "mentoring_organization"
        verbose_name = _("организация")
        verbose_name_plural = _("организации")
        ordering = ["short_name"]

    def __str__(self) -> str:
        return self.short_name

    @property
    def missing_requisites(self) -> list[str]:
        """Names of the requisites an order needs that are still empty."""
        needed = {
            "city": _("населённый пункт"),
            "address": _("адрес"),
            "director_name": _("ФИО руководителя"),
        }
        return [str(label) for field, label in needed.items() if not getattr(self, field)]

    def name_in(self, case: str, *, short: bool = False) -> str:
        """The organization's name in a grammatical case; the director's own forms win."""
        from core.declension import decline_organization_name, normalize_case

        name = self.short_name if short else self.full_name
        suffix = self.OWN_FORMS.get(normalize_case(case))
        if suffix:
            own = getattr(self, f"{'short' if short else 'full'}_name_{suffix}")
            if own:
                return own
        return decline_organization_name(name, case)

    # The cases whose forms the requisites page keeps (typed by the director, or offered).
    OWN_FORMS = {"gen": "genitive", "pre": "prepositional"}


class Role(models.TextChoices):
    DIRECTOR = "director", _("Руководитель ДОУ")
    CURATOR = "curator", _("Куратор")
    MENTOR = "mentor", _("Наставник")
    MENTEE = "mentee", _("Наставляемый")
    COUNCIL = "council", _("Член методического совета")
    ADMIN = "admin", _("Администратор")


class MunicipalCoordinator(models.Model):
    """A user who follows every kindergarten of a municipality, seeing aggregates only.

    Not a role in an organization: the coordinator is no member of the kindergartens, and the
    pages of the region app let her in by this assignment alone.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="municipal_assignments",
        verbose_name=_("пользователь"),
    )
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.CASCADE,
        related_name="coordinators",
        verbose_name=_("муниципалитет"),
    )
    assigned_at = models.DateTimeField(_("назначен"), auto_now_add=True)

    history = HistoricalRecords(table_name="mentoring_historicalmunicipalcoordinator")

    class Meta:
        db_table = "mentoring_municipalcoordinator"
        verbose_name = _("муниципальный координатор")
        verbose_name_plural = _("муниципальные координаторы")
        ordering = ["municipality", "user"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "municipality"], name="coordinator_unique_per_municipality"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.municipality}"


class RoleAssignment(OrganizationOwned):
    """One role a user holds in one organization; a user may hold several."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="role_assignments",
        verbose_name=_("пользователь"),
    )
    organization_related_name = "role_assignments"
    organization_on_delete = models.CASCADE
    role = models.CharField(_("роль"), max_length=20, choices=Role.choices)
    assigned_at = models.DateTimeField(_("назначена"), auto_now_add=True)
    # What the role rests on: the signed order that gave it (any document, by a generic link,
    # since orders live above the ground), or nothing for a role named on the roles page.
    basis_type = models.ForeignKey(
        "contenttypes.ContentType",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("тип основания"),
    )
    basis_id = models.PositiveBigIntegerField(_("номер основания"), null=True, blank=True)
    basis_label = models.CharField(_("основание"), max_length=300, blank=True)

    history = HistoricalRecords(table_name="mentoring_historicalroleassignment")

    class Meta:
        db_table = "mentoring_roleassignment"
        verbose_name = _("роль пользователя")
        verbose_name_plural = _("роли пользователей")
        ordering = ["organization", "user", "role"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organization", "role"], name="role_unique_per_user_org"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} ({self.organization})"
