"""The program of a fixed pair or group: its note, status and the templates it may start from."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.history import HistoricalRecords
from core.models import Organization, User
from mentoring.models import Direction, MentoringForm, Pair


class ProgramStatus(models.TextChoices):
    DRAFT = "draft", _("Черновик")
    AGREED = "agreed", _("Согласована участниками")
    REVIEWED = "reviewed", _("Проверена куратором")
    APPROVED = "approved", _("Утверждена приказом")
    IN_PROGRESS = "in_progress", _("Реализуется")
    COMPLETED = "completed", _("Завершена")
    ENDED_EARLY = "ended_early", _("Завершена досрочно")


class WorkMode(models.TextChoices):
    ONLINE = "online", _("Онлайн")
    OFFLINE = "offline", _("Очный")
    MIXED = "mixed", _("Смешанный")


class EndReason(models.TextChoices):
    """Why a program ends (seed 002, 8.1)."""

    PLAN_DONE = "plan_done", _("Завершение плана мероприятий в полном объёме")
    PARTICIPANT = (
        "participant",
        _(
            "По инициативе наставника или наставляемого и/или обоюдному решению "
            "(по уважительным обстоятельствам)"
        ),
    )
    CURATOR = (
        "curator",
        _(
            "По инициативе куратора (в случае недолжного исполнения программы в силу различных "
            "обстоятельств со стороны наставника и/или наставляемого — форс-мажора)"
        ),
    )


class NoteFields(models.Model):
    """The explanatory note of seeds 000/001, shared by programs and their templates."""

    problem = models.TextField(_("описание проблемы"), blank=True)
    goal = models.TextField(_("цель наставничества"), blank=True)
    tasks = models.TextField(_("задачи наставничества"), blank=True)
    content = models.TextField(_("содержание совместной деятельности"), blank=True)
    intermediate_results = models.TextField(_("промежуточные результаты"), blank=True)
    planned_results = models.TextField(_("планируемые результаты"), blank=True)
    meeting_schedule = models.TextField(_("расписание встреч"), blank=True)
    mode = models.CharField(
        _("режим работы"), max_length=10, choices=WorkMode.choices, default=WorkMode.MIXED
    )
    conditions = models.TextField(_("условия обучения"), blank=True)

    class Meta:
        abstract = True


NOTE_FIELDS = (
    "problem",
    "goal",
    "tasks",
    "content",
    "intermediate_results",
    "planned_results",
    "meeting_schedule",
    "mode",
    "conditions",
)


class ProgramTemplate(NoteFields):
    """A curator-kept starting point, e.g. «Молодой специалист, первый год»."""

    organization = models.ForeignKey(
        Organization,
        on_delete=models.CASCADE,
        related_name="program_templates",
        verbose_name=_("организация"),
    )
    title = models.CharField(_("название шаблона"), max_length=200)
    # The form of mentoring the template is written for (seed 002, 3.3): a new program of a pair
    # with that form starts from it by default (programs.selectors.template_for_pair).
    mentoring_form = models.CharField(
        _("для формы наставничества"),
        max_length=20,
        choices=MentoringForm.choices,
        blank=True,
        help_text=_("Программа пары с этой формой по умолчанию начинается с этого шаблона."),
    )
    duration_months = models.PositiveSmallIntegerField(_("срок, месяцев"), default=9)
    created_at = models.DateTimeField(_("создан"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("шаблон программы")
        verbose_name_plural = _("шаблоны программ")
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title


class TemplateRow(models.Model):
    template = models.ForeignKey(
        ProgramTemplate, on_delete=models.CASCADE, related_name="rows", verbose_name=_("шаблон")
    )
    position = models.PositiveSmallIntegerField(_("порядок"), default=0)
    direction = models.CharField(_("направление"), max_length=20, choices=Direction.choices)
    event = models.CharField(_("мероприятие"), max_length=500)
    event_form = models.CharField(_("форма мероприятия"), max_length=200, blank=True)
    week = models.PositiveSmallIntegerField(
        _("срок, неделя от начала"), default=4, help_text=_("Неделя программы, к которой готово.")
    )
    expected_result = models.TextField(_("ожидаемый результат"), blank=True)

    ORGANIZATION_PATH = "template__organization"
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("строка шаблона")
        verbose_name_plural = _("строки шаблона")
        ordering = ["template", "position", "id"]

    def __str__(self) -> str:
        return self.event


class Program(NoteFields):
    """The personalized program of one fixed pair or group."""

    organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        related_name="programs",
        verbose_name=_("организация"),
    )
    pair = models.OneToOneField(
        Pair, on_delete=models.PROTECT, related_name="program", verbose_name=_("пара/группа")
    )
    template = models.ForeignKey(
        ProgramTemplate,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="programs",
        verbose_name=_("по шаблону"),
    )
    title = models.CharField(_("название"), max_length=300, blank=True)
    starts_on = models.DateField(_("начало"))
    ends_on = models.DateField(_("окончание"))
    status = models.CharField(
        _("статус"), max_length=20, choices=ProgramStatus.choices, default=ProgramStatus.DRAFT
    )
    # Optimistic concurrency of the note; every plan row has its own.
    version = models.PositiveIntegerField(_("версия"), default=1)
    # Any change of content (note or plan) bumps it; agreements are valid for one revision.
    revision = models.PositiveIntegerField(_("редакция"), default=1)
    curator_comment = models.TextField(_("замечания куратора"), blank=True)
    reviewed_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(_("проверена"), null=True, blank=True)
    approval_order_number = models.CharField(
        _("номер приказа об утверждении"), max_length=40, blank=True
    )
    approval_order_date = models.DateField(_("дата приказа об утверждении"), null=True, blank=True)
    started_at = models.DateTimeField(_("начата"), null=True, blank=True)
    finished_at = models.DateTimeField(_("завершена"), null=True, blank=True)
    # The academic year the program began in; a running program carries over to later years.
    year_start = models.PositiveSmallIntegerField(_("учебный год начала, с"), null=True, blank=True)
    end_reason = models.CharField(
        _("основание завершения"), max_length=20, choices=EndReason.choices, blank=True
    )
    end_order_number = models.CharField(_("номер приказа о завершении"), max_length=40, blank=True)
    created_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("создана"), auto_now_add=True)
    updated_at = models.DateTimeField(_("изменена"), auto_now=True)
    updated_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # The note's own last edit: a status change or a plan row does not move it.
    note_changed_at = models.DateTimeField(_("записка изменена"), null=True, blank=True)
    note_changed_by = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("кто изменил записку"),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("персонализированная программа")
        verbose_name_plural = _("персонализированные программы")
        ordering = ["-created_at"]
        indexes = [
            # The list filtered by status, newest first (and the counts by status): a rare
            # status no longer walks every program of the organization.
            models.Index(
                fields=["organization", "status", "-created_at", "-id"],
                name="program_org_status_newest",
            ),
            # The curator's list: newest first within the organization.
            models.Index(fields=["organization", "-created_at", "-id"], name="program_org_newest"),
            # The public lists of programs under way and finished: latest start first (the
            # finished ones are most of a big kindergarten's 5,000; without it all are sorted).
            models.Index(
                fields=["organization", "-starts_on", "-id"], name="program_org_latest_start"
            ),
            # Monitoring's adaptation: the programs completed in full in a year.
            models.Index(
                fields=["organization", "end_reason", "finished_at"], name="program_org_ended"
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gt=models.F("starts_on")),
                name="program_ends_after_start",
                violation_error_message=_("Дата окончания должна быть позже даты начала."),
            )
        ]

    def __str__(self) -> str:
        """The name as an order lists it: the title naming the mentee, and the mentor."""
        mentors = list(self.pair.mentors.all())
        names = ", ".join(m.short_name for m in mentors)
        if not mentors:
            return self.heading
        return f"{self.heading} (наставник{'и' if len(mentors) > 1 else ''} {names})"

    def get_absolute_url(self) -> str:
        return reverse("programs:program-detail", args=[self.pk])

    @property
    def heading(self) -> str:
        """«Молодой специалист, первый год для Соколовой А. С.»: two programs never look alike."""
        from core.declension import decline_name

        title = self.title or "Программа наставничества"
        mentees = list(self.pair.mentees.all())
        if not mentees or any(m.last_name and m.last_name in title for m in mentees):
            return title
        return f"{title} для " + ", ".join(decline_name(m, "gen", short=True) for m in mentees)

    @property
    def status_tone(self) -> str:
        """A Bootstrap colour for the status badge."""
        return {
            ProgramStatus.DRAFT: "secondary",
            ProgramStatus.AGREED: "info",
            ProgramStatus.REVIEWED: "warning",
            ProgramStatus.APPROVED: "primary",
            ProgramStatus.IN_PROGRESS: "primary",
            ProgramStatus.COMPLETED: "success",
            ProgramStatus.ENDED_EARLY: "dark",
        }.get(self.status, "secondary")

    @property
    def is_draft(self) -> bool:
        return self.status == ProgramStatus.DRAFT

    @property
    def is_running(self) -> bool:
        return self.status in (ProgramStatus.APPROVED, ProgramStatus.IN_PROGRESS)

    @property
    def is_finished(self) -> bool:
        return self.status in (ProgramStatus.COMPLETED, ProgramStatus.ENDED_EARLY)
