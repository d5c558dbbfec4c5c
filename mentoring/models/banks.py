"""The banks of mentees and mentors, their training sessions and change requests."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.history import HistoricalRecords
from core.models import User
from core.models.base import OrganizationOwned
from mentoring.models.pairs import Direction, MentoringForm, Pair
from mentoring.models.staff import StaffMember


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


class MenteeProfile(OrganizationOwned):
    """An entry of the bank of mentees: who the teacher is and what they ask for."""

    organization_related_name = "mentee_profiles"
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
    # Opening a new academic year asks the person to renew the questionnaire for it (the
    # year's start, e.g. 2027); saving the questionnaire clears the mark.
    renew_for_year = models.PositiveSmallIntegerField(
        _("обновить анкету на учебный год, с"), null=True, blank=True
    )

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
    LEFT = "left", _("Выбыл из банка")


class MentorProfile(OrganizationOwned):
    """An entry of the bank of mentors: the questionnaire of seed 004 and the bank status."""

    organization_related_name = "mentor_profiles"
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
    # Opening a new academic year asks the person to renew the questionnaire for it (the
    # year's start, e.g. 2027); saving the questionnaire clears the mark.
    renew_for_year = models.PositiveSmallIntegerField(
        _("обновить анкету на учебный год, с"), null=True, blank=True
    )

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


class TrainingSession(OrganizationOwned):
    """An installation session (установочная сессия) for mentors, with who attended it."""

    organization_related_name = "training_sessions"
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


class ChangeRequest(OrganizationOwned):
    """A mentee asks for another mentor or a mentor asks to be released (seed 002, 5.1, 6.1)."""

    organization_related_name = "change_requests"
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
