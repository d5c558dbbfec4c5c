"""The staff list: each employee of an organization, and how its staff files look."""

from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.history import HistoricalRecords
from core.models import Organization, User
from core.models.base import OrganizationOwned
from core.text import fold, initials_name
from mentoring.models.partners import Partner


class Position(models.TextChoices):
    EDUCATOR = "educator", _("Воспитатель")
    SENIOR_EDUCATOR = "senior_educator", _("Старший воспитатель")
    MUSIC = "music", _("Музыкальный руководитель")
    PE_INSTRUCTOR = "pe_instructor", _("Инструктор по физической культуре")
    SPEECH_THERAPIST = "speech_therapist", _("Учитель-логопед")
    PSYCHOLOGIST = "psychologist", _("Педагог-психолог")
    DEFECTOLOGIST = "defectologist", _("Учитель-дефектолог")
    ADDITIONAL_ED = "additional_ed", _("Педагог дополнительного образования")
    METHODIST = "methodist", _("Методист")
    HEAD = "head", _("Заведующий")
    DEPUTY_HEAD = "deputy_head", _("Заместитель заведующего")
    OTHER = "other", _("Иная должность")


class Education(models.TextChoices):
    HIGHER_PEDAGOGICAL = "higher_ped", _("Высшее педагогическое")
    HIGHER = "higher", _("Высшее")
    SECONDARY_PEDAGOGICAL = "secondary_ped", _("Среднее профессиональное педагогическое")
    SECONDARY = "secondary", _("Среднее профессиональное")
    STUDENT = "student", _("Получает педагогическое образование")


class Category(models.TextChoices):
    NONE = "none", _("Без категории")
    CONFORMITY = "conformity", _("Соответствие занимаемой должности")
    FIRST = "first", _("Первая")
    HIGHEST = "highest", _("Высшая")


class ExternalKind(models.TextChoices):
    """Who a mentor from outside the staff is (seed 004, the bank-of-mentors method)."""

    GRADUATE = "graduate", _("выпускник")
    PARENT = "parent", _("родитель")
    PARTNER = "partner", _("представитель организации-партнёра")
    RETIRED = "retired", _("педагог на пенсии")
    OTHER = "other", _("иное")


class LeavingReason(models.TextChoices):
    """Why a person left, as staff lists write it."""

    OWN_WISH = "own_wish", _("по собственному желанию")
    TRANSFER = "transfer", _("перевод")
    CONTRACT_ENDED = "contract_ended", _("истечение срока трудового договора")
    OTHER = "other", _("иное")


class StaffMemberQuerySet(models.QuerySet):
    def search(self, query: str) -> "StaffMemberQuerySet":
        """Filter by name, case-insensitively also for Cyrillic on SQLite."""
        needle = fold(query)
        return self.filter(search_name__contains=needle) if needle else self

    def employees(self) -> "StaffMemberQuerySet":
        """The staff list proper: without mentors from outside the staff."""
        return self.filter(is_external=False)


class StaffMember(OrganizationOwned):
    """A teacher or other employee of one organization, as the staff list knows them."""

    organization_related_name = "staff"
    user = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="staff_records",
        verbose_name=_("учётная запись"),
    )
    personnel_number = models.CharField(_("табельный номер"), max_length=30, blank=True)
    last_name = models.CharField(_("фамилия"), max_length=150)
    first_name = models.CharField(_("имя"), max_length=150)
    middle_name = models.CharField(_("отчество"), max_length=150, blank=True)
    birth_date = models.DateField(_("дата рождения"), null=True, blank=True)
    position = models.CharField(_("должность"), max_length=40, choices=Position.choices)
    total_experience_years = models.PositiveSmallIntegerField(
        _("общий стаж, лет"), default=0, validators=[MaxValueValidator(70)]
    )
    teaching_experience_years = models.PositiveSmallIntegerField(
        _("педагогический стаж, лет"), default=0, validators=[MaxValueValidator(70)]
    )
    education = models.CharField(
        _("образование"), max_length=20, choices=Education.choices, blank=True
    )
    qualification_category = models.CharField(
        _("квалификационная категория"),
        max_length=20,
        choices=Category.choices,
        default=Category.NONE,
    )
    date_hired = models.DateField(_("дата приёма на работу"), null=True, blank=True)
    email = models.EmailField(_("электронная почта"), blank=True)
    phone = models.CharField(_("телефон"), max_length=50, blank=True)
    is_active = models.BooleanField(_("работает"), default=True)
    # A mentor from outside the staff (seed 004): not an employee, kept in the same table so that
    # banks, matching, pairs, consents and logins treat her like any mentor; the staff list, its
    # import and the staff counts leave her out (StaffMemberQuerySet.employees).
    is_external = models.BooleanField(_("внешний наставник (не сотрудник)"), default=False)
    external_kind = models.CharField(
        _("кто он (она)"), max_length=20, choices=ExternalKind.choices, blank=True
    )
    partner = models.ForeignKey(
        Partner,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="external_mentors",
        verbose_name=_("организация-партнёр"),
    )
    # Set when the person withdraws the personal-data consent: from then on every bank, list,
    # export and reminder leaves them out (mentoring.consents.without_withdrawn).
    personal_data_withdrawn_at = models.DateTimeField(
        _("согласие на обработку ПДн отозвано"), null=True, blank=True
    )
    anonymized_at = models.DateTimeField(_("данные обезличены"), null=True, blank=True)
    # Set only by mentoring.leaving.staff_leave: the person left the organization.
    left_on = models.DateField(_("дата увольнения"), null=True, blank=True)
    leaving_reason = models.CharField(
        _("основание увольнения"), max_length=20, choices=LeavingReason.choices, blank=True
    )
    search_name = models.CharField(max_length=500, editable=False, db_index=True, default="")
    # Grammar for generated documents (core.declension): empty means «work it out from the
    # name»; the curator fills these once when a name declines in a way the rules can't know.
    gender = models.CharField(
        _("пол (для склонения)"),
        max_length=1,
        choices=[("m", _("мужской")), ("f", _("женский"))],
        blank=True,
        help_text=_("Оставьте пустым: пол определяется по отчеству."),
    )
    name_genitive = models.CharField(
        _("ФИО в родительном падеже (кого?)"), max_length=300, blank=True
    )
    name_dative = models.CharField(_("ФИО в дательном падеже (кому?)"), max_length=300, blank=True)
    name_accusative = models.CharField(
        _("ФИО в винительном падеже (кого?)"), max_length=300, blank=True
    )
    name_instrumental = models.CharField(
        _("ФИО в творительном падеже (кем?)"), max_length=300, blank=True
    )
    name_prepositional = models.CharField(
        _("ФИО в предложном падеже (о ком?)"), max_length=300, blank=True
    )

    objects = StaffMemberQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["search_name"])

    class Meta:
        verbose_name = _("сотрудник")
        verbose_name_plural = _("сотрудники")
        ordering = ["search_name", "pk"]  # folded: Ё sorts with Е on every database
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "personnel_number"],
                condition=~Q(personnel_number=""),
                name="staff_unique_personnel_number",
            ),
            models.UniqueConstraint(
                fields=["organization", "user"],
                condition=Q(user__isnull=False),
                name="staff_unique_user_per_org",
            ),
            models.CheckConstraint(
                condition=Q(teaching_experience_years__lte=models.F("total_experience_years")),
                name="staff_teaching_within_total",
                violation_error_message=_("Педагогический стаж не может быть больше общего."),
            ),
            models.CheckConstraint(
                condition=Q(left_on__isnull=True, leaving_reason="")
                | (Q(left_on__isnull=False, is_active=False) & ~Q(leaving_reason="")),
                name="staff_left_with_reason_and_not_working",
                violation_error_message=_(
                    "У уволенного сотрудника указаны дата и основание увольнения, и он не "
                    "числится работающим."
                ),
            ),
            models.CheckConstraint(
                condition=Q(is_external=False, external_kind="", partner__isnull=True)
                | (Q(is_external=True, personnel_number="", position="") & ~Q(external_kind="")),
                name="staff_external_consistent",
                violation_error_message=_(
                    "У внешнего наставника указано, кто он, и нет табельного номера и должности; "
                    "у сотрудника этих отметок нет."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.full_name

    def save(self, *args, **kwargs):
        self.search_name = fold(self.full_name)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "search_name"}
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("mentoring:staff-detail", args=[self.pk])

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.last_name, self.first_name, self.middle_name) if p)

    def get_position_display(self) -> str:
        """The position in the staff; a mentor from outside has none: «Внешний наставник»."""
        if self.is_external:
            return str(_("Внешний наставник"))
        return str(dict(Position.choices).get(self.position, self.position))

    @property
    def external_label(self) -> str:
        """«внешний наставник, педагог на пенсии, МБОУ СОШ № 5», as orders write it."""
        if not self.is_external:
            return ""
        parts = ["внешний наставник", self.get_external_kind_display()]
        if self.partner_id is not None:
            parts.append(str(self.partner))
        return ", ".join(p for p in parts if p)

    @property
    def has_left(self) -> bool:
        return self.left_on is not None

    @property
    def short_name(self) -> str:
        return initials_name(self.last_name, self.first_name, self.middle_name)

    def name_in(self, case: str, *, short: bool = False) -> str:
        """The name in a grammatical case; the curator's own forms win (core.declension)."""
        from core.declension import decline_name

        return decline_name(self, case, short=short)


class StaffImportSettings(models.Model):
    """What one organization's staff lists look like: its column headings and its own words."""

    organization = models.OneToOneField(
        Organization,
        on_delete=models.CASCADE,
        related_name="staff_import_settings",
        verbose_name=_("организация"),
    )
    # Folded heading → field name ("" = the column is not loaded).
    columns = models.JSONField(_("столбцы"), default=dict, blank=True)
    # Field name → {folded value as written → choice}, e.g. {"position": {"вожатая": "other"}}.
    values = models.JSONField(_("значения"), default=dict, blank=True)
    updated_at = models.DateTimeField(_("изменено"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("настройка загрузки списка сотрудников")
        verbose_name_plural = _("настройки загрузки списка сотрудников")

    def __str__(self) -> str:
        return str(self.organization)
