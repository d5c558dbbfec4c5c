"""Pairs and groups of mentors and mentees, and the forms of mentoring."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from core.grammar import role_word
from core.history import HistoricalRecords
from core.models import User
from core.models.base import OrganizationOwned
from mentoring.models.partners import Partner
from mentoring.models.staff import StaffMember


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
    NETWORK = "network", _("Сетевое (с организацией-партнёром)")


class PairStatus(models.TextChoices):
    PROPOSED = "proposed", _("Предложена")
    AGREED = "agreed", _("Согласована")
    FIXED = "fixed", _("Закреплена приказом")
    ACTIVE = "active", _("Работает")
    CLOSED = "closed", _("Завершена")


class Pair(OrganizationOwned):
    """A mentoring pair or group: one or more mentors with one or more mentees."""

    organization_related_name = "pairs"
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
    # The partner organization of the network form (seed 002, §4.4.3).
    partner = models.ForeignKey(
        Partner,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="pairs",
        verbose_name=_("организация-партнёр (сетевая форма)"),
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
    # The academic year the pair began in (2026 for «2026/2027 учебный год»): set on creation
    # from the organization's current cycle; a pair still working carries over to later years.
    year_start = models.PositiveSmallIntegerField(_("учебный год начала, с"), null=True, blank=True)
    # «Пара № 1»: numbered in sequence per organization and academic year when formed
    # (``next_pair_number``), never the database id.
    number = models.PositiveIntegerField(_("номер"), null=True, blank=True)

    history = HistoricalRecords(m2m_fields=[mentors, mentees])

    class Meta:
        verbose_name = _("наставническая пара/группа")
        verbose_name_plural = _("наставнические пары/группы")
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["organization", "status"]),
            # The pairs that worked during a year (monitoring.indicators.pairs_in_scope): those
            # not closed before it began, of the many a kindergarten closed over the years.
            models.Index(fields=["organization", "closed_at"], name="pair_org_closed"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "year_start", "number"], name="pair_number_unique_per_year"
            )
        ]

    def save(self, *args, **kwargs):
        # A new pair takes the next number of its organization and year («Пара № 1»); the year
        # is stamped by the service that forms it (mentoring.services.pair_create) before this.
        if self._state.adding and self.number is None and self.organization_id:
            self.number = next_pair_number(self.organization_id, self.year_start)
        super().save(*args, **kwargs)

    def __str__(self) -> str:
        return f"{self.kind_label} № {self.display_number}"

    @property
    def display_number(self):
        """The pair's number in its organization and year (the id only before it has one)."""
        return self.number or self.pk

    @property
    def participants_line(self) -> str:
        """«наставник Петрова В. А. – наставляемая Соколова А. С.», for orders and lists."""
        mentors, mentees = list(self.mentors.all()), list(self.mentees.all())
        named = [
            f"{s.short_name} ({s.external_label})" if s.is_external else s.short_name
            for s in mentors
        ]
        return (
            f"{role_word('наставник', mentors)} {', '.join(named)} – "
            f"{role_word('наставляемый', mentees)} {', '.join(s.short_name for s in mentees)}"
        )

    @property
    def kind_label(self) -> str:
        """«Пара» for one mentor and one mentee, «Группа» otherwise (needs prefetched people)."""
        return "Пара" if len(self.mentors.all()) == 1 and len(self.mentees.all()) == 1 else "Группа"

    @property
    def scale_label(self) -> str:
        """«Индивидуальное» or «Групповое» наставничество: from the counts (needs prefetch)."""
        return "Индивидуальное" if self.kind_label == "Пара" else "Групповое"

    @property
    def has_external_mentor(self) -> bool:
        return any(m.is_external for m in self.mentors.all())


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


def next_pair_number(organization_id: int, year_start: int | None) -> int:
    """The next free number of a pair in an organization and academic year.

    Inside a transaction the organization's row is locked first, so two curators forming pairs
    at once get 1 and 2, not 1 twice.
    """
    from django.db import connection

    from core.models import Organization

    if connection.in_atomic_block:
        Organization.objects.select_for_update().filter(pk=organization_id).exists()
    last = (
        Pair.objects.filter(organization_id=organization_id, year_start=year_start)
        .aggregate(last=models.Max("number"))
        .get("last")
    )
    return (last or 0) + 1
