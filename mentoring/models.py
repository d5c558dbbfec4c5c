"""Users, organizations, their staff and the roles people hold in them."""

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from mentoring.text import fold, initials_name


class User(AbstractUser):
    """A login; the person behind it is described by their StaffMember records."""

    middle_name = models.CharField(_("отчество"), max_length=150, blank=True)
    # Set when a curator hands out a temporary password; the access layer sends the person to
    # the password change page until they choose their own.
    must_change_password = models.BooleanField(_("должен сменить пароль"), default=False)

    history = HistoricalRecords(excluded_fields=["password", "last_login"])

    class Meta:
        verbose_name = _("пользователь")
        verbose_name_plural = _("пользователи")

    def __str__(self) -> str:
        return self.full_name or self.username

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.last_name, self.first_name, self.middle_name) if p)

    @property
    def short_name(self) -> str:
        return initials_name(self.last_name, self.first_name, self.middle_name) or self.username


class Municipality(models.Model):
    """A municipal district whose education department looks after its kindergartens."""

    name = models.CharField(_("название"), max_length=300)
    slug = models.SlugField(_("адрес страницы"), max_length=60, unique=True)

    history = HistoricalRecords()

    class Meta:
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

    history = HistoricalRecords()

    class Meta:
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


class StaffMemberQuerySet(models.QuerySet):
    def search(self, query: str) -> "StaffMemberQuerySet":
        """Filter by name, case-insensitively also for Cyrillic on SQLite."""
        needle = fold(query)
        return self.filter(search_name__contains=needle) if needle else self


class StaffMember(models.Model):
    """A teacher or other employee of one organization, as the staff list knows them."""

    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="staff", verbose_name=_("организация")
    )
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
    # Set when the person withdraws the personal-data consent: from then on every bank, list,
    # export and reminder leaves them out (mentoring.consents.without_withdrawn).
    personal_data_withdrawn_at = models.DateTimeField(
        _("согласие на обработку ПДн отозвано"), null=True, blank=True
    )
    anonymized_at = models.DateTimeField(_("данные обезличены"), null=True, blank=True)
    search_name = models.CharField(max_length=500, editable=False, db_index=True, default="")
    # Grammar for generated documents (mentoring.declension): empty means «work it out from the
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

    @property
    def short_name(self) -> str:
        return initials_name(self.last_name, self.first_name, self.middle_name)

    def name_in(self, case: str, *, short: bool = False) -> str:
        """The name in a grammatical case; the curator's own forms win (mentoring.declension)."""
        from mentoring.declension import decline_name

        return decline_name(self, case, short=short)


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
        User,
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

    history = HistoricalRecords()

    class Meta:
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


class RoleAssignment(models.Model):
    """One role a user holds in one organization; a user may hold several."""

    user = models.ForeignKey(
        User,
        on_delete=models.CASCADE,
        related_name="role_assignments",
        verbose_name=_("пользователь"),
    )
    organization = models.ForeignKey(
        Organization,
        on_delete=models.CASCADE,
        related_name="role_assignments",
        verbose_name=_("организация"),
    )
    role = models.CharField(_("роль"), max_length=20, choices=Role.choices)
    assigned_at = models.DateTimeField(_("назначена"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
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


class Direction(models.TextChoices):
    """Directions of mentoring activity (seed 001): tag requests, expertise and plan rows."""

    THEORY = "theory", _("Научно-теоретические")
    LEGAL = "legal", _("Нормативные правовые")
    SUBJECT = "subject", _("Предметно-профессиональные")
    PSYCHOLOGY = "psychology", _("Психолого-педагогические (работа с детьми и родителями)")
    METHODS = "methods", _("Методические")
    ICT = "ict", _("ИКТ-компетенции")
    DIGITAL = "digital", _("Цифровизация образования")
    UPBRINGING = "upbringing", _("Внеурочная и воспитательная деятельность")
    HEALTH = "health", _("Здоровьесбережение обучающихся")


class ParticipantsForm(models.TextChoices):
    """Forms by the participants' positions (seed 002, 3.2)."""

    TEACHER_TEACHER = "teacher_teacher", _("«педагог – педагог»")
    HEAD_TEACHER = "head_teacher", _("«руководитель ДОУ – педагог»")


class MentoringForm(models.TextChoices):
    """Forms by the organization of the process (seed 002, 3.3); they can be combined."""

    SHORT_TERM = "short_term", _("Краткосрочное (целеполагающее)")
    SITUATIONAL = "situational", _("Ситуационное")
    REVERSE = "reverse", _("Реверсивное")
    TRADITIONAL = "traditional", _("Традиционное")
    VIRTUAL = "virtual", _("Виртуальное (дистанционное)")


class PairStatus(models.TextChoices):
    PROPOSED = "proposed", _("Предложена")
    AGREED = "agreed", _("Согласована")
    FIXED = "fixed", _("Закреплена приказом")
    ACTIVE = "active", _("Работает")
    CLOSED = "closed", _("Завершена")


class Pair(models.Model):
    """A mentoring pair or group: one or more mentors with one or more mentees."""

    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="pairs", verbose_name=_("организация")
    )
    mentors = models.ManyToManyField(
        StaffMember, related_name="pairs_as_mentor", verbose_name=_("наставники")
    )
    mentees = models.ManyToManyField(
        StaffMember, related_name="pairs_as_mentee", verbose_name=_("наставляемые")
    )
    participants_form = models.CharField(
        _("форма по составу участников"),
        max_length=20,
        choices=ParticipantsForm.choices,
        default=ParticipantsForm.TEACHER_TEACHER,
    )
    role_model = models.CharField(
        _("ролевая модель"),
        max_length=200,
        blank=True,
        help_text=_("Например, «новичок – мастер»."),
    )
    request_text = models.TextField(_("запрос, которому служит пара"), blank=True)
    status = models.CharField(
        _("статус"), max_length=20, choices=PairStatus.choices, default=PairStatus.PROPOSED
    )
    # Why the curator formed it: the matching explanation of the chosen suggestion.
    match_reasons = models.JSONField(_("обоснование подбора"), default=dict, blank=True)
    created_by = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("кто сформировал"),
    )
    created_at = models.DateTimeField(_("создана"), auto_now_add=True)
    fixed_at = models.DateTimeField(_("закреплена"), null=True, blank=True)
    closed_at = models.DateTimeField(_("завершена"), null=True, blank=True)

    history = HistoricalRecords(m2m_fields=[mentors, mentees])

    class Meta:
        verbose_name = _("наставническая пара/группа")
        verbose_name_plural = _("наставнические пары/группы")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["organization", "status"])]

    def __str__(self) -> str:
        return f"{self.kind_label} №{self.pk}"

    @property
    def participants_line(self) -> str:
        """«наставник Петрова В. А. – наставляемый Соколова А. С.», for orders and lists."""
        mentors = ", ".join(s.short_name for s in self.mentors.all())
        mentees = ", ".join(s.short_name for s in self.mentees.all())
        return f"наставник {mentors} – наставляемый {mentees}"

    @property
    def kind_label(self) -> str:
        """«Пара» for one mentor and one mentee, «Группа» otherwise (needs prefetched people)."""
        return "Пара" if len(self.mentors.all()) == 1 and len(self.mentees.all()) == 1 else "Группа"


class PairForm(models.Model):
    """One form of mentoring a pair uses; a pair may combine several."""

    pair = models.ForeignKey(Pair, on_delete=models.CASCADE, related_name="forms")
    form = models.CharField(_("форма"), max_length=20, choices=MentoringForm.choices)

    ORGANIZATION_PATH = "pair__organization"
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("форма наставничества пары")
        verbose_name_plural = _("формы наставничества пар")
        constraints = [models.UniqueConstraint(fields=["pair", "form"], name="pairform_unique")]

    def __str__(self) -> str:
        return self.get_form_display()


class ConsentKind(models.TextChoices):
    PERSONAL_DATA = "personal_data", _("Согласие на обработку персональных данных")
    PUBLICATION = "publication", _("Согласие на распространение (публикацию) персональных данных")
    MENTOR_DUTIES = "mentor_duties", _("Согласие на выполнение обязанностей наставника")
    PAIR_DUTIES = "pair_duties", _("Согласие участника пары/группы на дополнительные обязанности")


class ConsentQuerySet(models.QuerySet):
    def active(self) -> "ConsentQuerySet":
        return self.filter(withdrawn_at__isnull=True)


class Consent(models.Model):
    """A consent one person gave, as a separate document of a versioned text; may be withdrawn."""

    organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        related_name="consents",
        verbose_name=_("организация"),
    )
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

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.staff}"

    @property
    def is_active(self) -> bool:
        return self.withdrawn_at is None


# --- banks of mentees and mentors (roadmap stages 2–4) -------------------------------------


class WorkMode(models.TextChoices):
    ONLINE = "online", _("Онлайн")
    OFFLINE = "offline", _("Очный")
    MIXED = "mixed", _("Смешанный")


class MenteeCategory(models.TextChoices):
    YOUNG = "young", _("Молодой специалист")
    NEW_EMPLOYEE = "new_employee", _("Новый сотрудник")
    CHANGED_POSITION = "changed_position", _("Сменил должность")
    AFTER_BREAK = "after_break", _("Вернулся после перерыва в работе")
    EXPERIENCED = "experienced", _("Опытный педагог с профессиональным запросом")
    ATTESTATION = "attestation", _("Готовится к аттестации или конкурсу")


class MenteeStatus(models.TextChoices):
    NEW = "new", _("Новый")
    IN_PAIR = "in_pair", _("В паре/группе")
    WITHOUT_PAIR = "without_pair", _("Остался без пары: поддержка и продолжение поиска")
    LEFT = "left", _("Выбыл из банка")


class MenteeProfile(models.Model):
    """An entry of the bank of mentees: who the teacher is and what they ask for."""

    organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        related_name="mentee_profiles",
        verbose_name=_("организация"),
    )
    staff = models.OneToOneField(
        StaffMember,
        on_delete=models.PROTECT,
        related_name="mentee_profile",
        verbose_name=_("сотрудник"),
    )
    category = models.CharField(_("категория"), max_length=20, choices=MenteeCategory.choices)
    desired_forms = models.JSONField(_("желаемые формы наставничества"), default=list, blank=True)
    mode = models.CharField(
        _("желаемый режим"), max_length=10, choices=WorkMode.choices, default=WorkMode.MIXED
    )
    portrait = models.TextField(
        _("портрет «Дано»"),
        blank=True,
        help_text=_("Кто этот педагог сейчас: опыт, сильные стороны, затруднения."),
    )
    status = models.CharField(
        _("статус"), max_length=20, choices=MenteeStatus.choices, default=MenteeStatus.NEW
    )
    created_at = models.DateTimeField(_("внесён в банк"), auto_now_add=True)
    updated_at = models.DateTimeField(_("изменён"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("наставляемый в банке")
        verbose_name_plural = _("банк наставляемых")
        ordering = ["staff__search_name", "pk"]
        indexes = [models.Index(fields=["organization", "status"])]

    def __str__(self) -> str:
        return str(self.staff)

    def get_desired_forms_display(self) -> str:
        labels = dict(MentoringForm.choices)
        return ", ".join(str(labels.get(f, f)) for f in self.desired_forms)


class MenteeRequest(models.Model):
    """One professional request or difficulty of a mentee, tagged by a direction (seed 001)."""

    ORGANIZATION_PATH = "profile__organization"

    profile = models.ForeignKey(
        MenteeProfile,
        on_delete=models.CASCADE,
        related_name="requests",
        verbose_name=_("наставляемый"),
    )
    direction = models.CharField(_("направление"), max_length=20, choices=Direction.choices)
    text = models.CharField(_("запрос или затруднение"), max_length=500)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("профессиональный запрос")
        verbose_name_plural = _("профессиональные запросы")
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.get_direction_display()}: {self.text}"


class MentorStatus(models.TextChoices):
    CANDIDATE = "candidate", _("Кандидат")
    SELECTED = "selected", _("Отобран")
    TRAINED = "trained", _("Обучен")
    ACTIVE = "active", _("Назначен, действующий")
    RELEASED = "released", _("Освобождён по собственной просьбе")


class MentorProfile(models.Model):
    """An entry of the bank of mentors: the questionnaire of seed 004 and the bank status."""

    organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        related_name="mentor_profiles",
        verbose_name=_("организация"),
    )
    staff = models.OneToOneField(
        StaffMember,
        on_delete=models.PROTECT,
        related_name="mentor_profile",
        verbose_name=_("сотрудник"),
    )
    experience_sphere = models.TextField(_("опыт работы (профессиональная сфера)"), blank=True)
    strengths = models.TextField(_("сильные стороны и развитые навыки"), blank=True)
    hobbies = models.TextField(_("хобби и образ жизни"), blank=True)
    motivation = models.TextField(_("мотивация участия в программе"), blank=True)
    hours_per_week = models.PositiveSmallIntegerField(
        _("ресурс времени, часов в неделю"), default=1, validators=[MaxValueValidator(40)]
    )
    expertise = models.JSONField(_("направления экспертизы"), default=list, blank=True)
    forms = models.JSONField(_("готов работать в формах"), default=list, blank=True)
    achievements = models.TextField(_("достижения"), blank=True)
    capacity = models.PositiveSmallIntegerField(
        _("сколько наставляемых может взять"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(10)],
    )
    status = models.CharField(
        _("статус"), max_length=20, choices=MentorStatus.choices, default=MentorStatus.CANDIDATE
    )
    created_at = models.DateTimeField(_("внесён в банк"), auto_now_add=True)
    updated_at = models.DateTimeField(_("изменён"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("наставник в банке")
        verbose_name_plural = _("банк наставников")
        ordering = ["staff__search_name", "pk"]
        indexes = [models.Index(fields=["organization", "status"])]

    def __str__(self) -> str:
        return str(self.staff)

    def get_expertise_display(self) -> str:
        labels = dict(Direction.choices)
        return ", ".join(str(labels.get(d, d)) for d in self.expertise)

    def get_forms_display(self) -> str:
        labels = dict(MentoringForm.choices)
        return ", ".join(str(labels.get(f, f)) for f in self.forms)


class TrainingSession(models.Model):
    """An installation session (установочная сессия) for mentors, with who attended it."""

    organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        related_name="training_sessions",
        verbose_name=_("организация"),
    )
    title = models.CharField(_("тема"), max_length=300)
    held_on = models.DateField(_("дата проведения"))
    materials = models.TextField(
        _("методические материалы"),
        blank=True,
        help_text=_("Названия и ссылки, по одному в строке."),
    )
    attendees = models.ManyToManyField(
        MentorProfile, related_name="trainings", blank=True, verbose_name=_("присутствовали")
    )

    history = HistoricalRecords(m2m_fields=[attendees])

    class Meta:
        verbose_name = _("установочная сессия")
        verbose_name_plural = _("установочные сессии")
        ordering = ["-held_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.title} ({self.held_on:%d.%m.%Y})"


class ChangeRequestKind(models.TextChoices):
    CHANGE_MENTOR = "change_mentor", _("Ходатайство о замене наставника")
    RELEASE_MENTOR = "release_mentor", _("Заявление о сложении обязанностей наставника")


class ChangeRequestStatus(models.TextChoices):
    PENDING = "pending", _("На рассмотрении")
    APPROVED = "approved", _("Удовлетворено")
    DECLINED = "declined", _("Отклонено")


class ChangeRequest(models.Model):
    """A mentee asks for another mentor or a mentor asks to be released (seed 002, 5.1, 6.1)."""

    organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        related_name="change_requests",
        verbose_name=_("организация"),
    )
    kind = models.CharField(_("вид"), max_length=20, choices=ChangeRequestKind.choices)
    author = models.ForeignKey(
        StaffMember,
        on_delete=models.PROTECT,
        related_name="change_requests",
        verbose_name=_("заявитель"),
    )
    pair = models.ForeignKey(
        Pair,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="change_requests",
        verbose_name=_("пара/группа"),
    )
    reason = models.TextField(_("причина"))
    status = models.CharField(
        _("решение"),
        max_length=20,
        choices=ChangeRequestStatus.choices,
        default=ChangeRequestStatus.PENDING,
    )
    created_at = models.DateTimeField(_("подано"), auto_now_add=True)
    decided_by = models.ForeignKey(
        User,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("кто решил"),
    )
    decided_at = models.DateTimeField(_("когда решено"), null=True, blank=True)
    decision_comment = models.TextField(_("комментарий к решению"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("заявление участника")
        verbose_name_plural = _("заявления участников")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.author}"


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


class AuditEntry(models.Model):
    """One line of an object's history: who did what to it and when («кто, когда, что сделал»).

    Written only by ``mentoring.audit.log_action``; it is the history itself, so it keeps none.
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
        User,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("кто"),
    )
    created_at = models.DateTimeField(_("когда"), default=timezone.now, db_index=True)
    data = models.JSONField(_("подробности"), default=dict, blank=True, encoder=DjangoJSONEncoder)

    class Meta:
        verbose_name = _("запись журнала действий")
        verbose_name_plural = _("журнал действий")
        ordering = ["created_at", "pk"]
        indexes = [
            models.Index(fields=["content_type", "object_id"], name="auditentry_object"),
            models.Index(fields=["organization", "action"], name="auditentry_org_action"),
        ]

    def __str__(self) -> str:
        return f"{self.label} — {self.actor or 'система'}"


# Notifications live in their own module; importing them here registers them with the app.
from mentoring.models_jobs import BackgroundJob, JobStatus  # noqa: E402,F401
from mentoring.models_notifications import (  # noqa: E402,F401
    EmailStatus,
    NotificationKind,
    NotificationPreference,
    OutgoingEmail,
)
