"""Personalized mentoring programs: the note, the event plan, meetings, changes and the case."""

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.models import Organization, User
from mentoring.models import Direction, Pair, StaffMember


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
            models.Index(fields=["organization", "status"]),
            # The curator's list: newest first within the organization.
            models.Index(fields=["organization", "-created_at", "-id"], name="program_org_newest"),
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


class RowStatus(models.TextChoices):
    PLANNED = "planned", _("Запланировано")
    DONE = "done", _("Выполнено")
    MOVED = "moved", _("Перенесено")
    CANCELLED = "cancelled", _("Отменено")


def evidence_path(instance, filename: str) -> str:
    return f"programs/{instance.program_id}/evidence/{filename}"


class PlanRow(models.Model):
    """One event of the plan, edited on its own with its own version."""

    program = models.ForeignKey(
        Program, on_delete=models.CASCADE, related_name="rows", verbose_name=_("программа")
    )
    position = models.PositiveIntegerField(_("порядок"), default=0)
    direction = models.CharField(_("направление"), max_length=20, choices=Direction.choices)
    event = models.CharField(_("мероприятие"), max_length=500)
    event_form = models.CharField(_("форма мероприятия"), max_length=200, blank=True)
    deadline = models.DateField(_("срок"))
    expected_result = models.TextField(_("ожидаемый результат"), blank=True)
    status = models.CharField(
        _("статус"), max_length=20, choices=RowStatus.choices, default=RowStatus.PLANNED
    )
    done_on = models.DateField(
        _("дата выполнения"),
        null=True,
        blank=True,
        help_text=_("Когда мероприятие выполнено: с этой датой сравнивается срок."),
    )
    actual_result = models.TextField(_("фактический результат"), blank=True)
    evidence_file = models.FileField(
        _("подтверждающий файл"), upload_to=evidence_path, blank=True, max_length=300
    )
    evidence_url = models.URLField(_("ссылка на подтверждение"), blank=True, max_length=500)
    version = models.PositiveIntegerField(_("версия"), default=1)
    updated_at = models.DateTimeField(_("изменена"), auto_now=True)
    updated_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    ORGANIZATION_PATH = "program__organization"
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("мероприятие плана")
        verbose_name_plural = _("мероприятия плана")
        ordering = ["program", "position", "id"]
        indexes = [models.Index(fields=["program", "status", "deadline"])]

    def __str__(self) -> str:
        return self.event


class MeetingFormat(models.TextChoices):
    OFFLINE = "offline", _("Очно")
    ONLINE = "online", _("Онлайн")


class Meeting(models.Model):
    program = models.ForeignKey(
        Program, on_delete=models.CASCADE, related_name="meetings", verbose_name=_("программа")
    )
    held_on = models.DateField(_("дата"))
    start_time = models.TimeField(_("время начала"), null=True, blank=True)
    duration_minutes = models.PositiveSmallIntegerField(_("длительность, минут"), default=45)
    format = models.CharField(
        _("формат"), max_length=10, choices=MeetingFormat.choices, default=MeetingFormat.OFFLINE
    )
    topic = models.CharField(_("тема"), max_length=300)
    place = models.CharField(
        _("место"),
        max_length=500,
        blank=True,
        help_text=_("Кабинет или адрес; для онлайн-встречи — ссылка на неё."),
    )
    notes = models.TextField(_("заметки"), blank=True)
    logged_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("внесена"), auto_now_add=True)

    ORGANIZATION_PATH = "program__organization"
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("встреча")
        verbose_name_plural = _("встречи")
        ordering = ["-held_on", "-id"]

    def __str__(self) -> str:
        return f"{self.held_on:%d.%m.%Y}: {self.topic}"


class AgreementKind(models.TextChoices):
    AGREED = "agreed", _("Согласовал(а)")
    ACKNOWLEDGED = "acknowledged", _("Ознакомлен(а)")


class ProgramAgreement(models.Model):
    """One participant's agreement with one revision of the program."""

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="agreements")
    staff = models.ForeignKey(StaffMember, on_delete=models.PROTECT, related_name="+")
    as_mentor = models.BooleanField(default=False)
    kind = models.CharField(max_length=20, choices=AgreementKind.choices)
    revision = models.PositiveIntegerField()
    agreed_at = models.DateTimeField(auto_now_add=True)

    ORGANIZATION_PATH = "program__organization"
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("согласование программы")
        verbose_name_plural = _("согласования программ")
        ordering = ["agreed_at"]

    def __str__(self) -> str:
        return f"{self.staff}: {self.get_kind_display()}"


class ChangeKind(models.TextChoices):
    EXTEND = "extend", _("Продление срока")
    SHORTEN = "shorten", _("Сокращение срока")
    PLAN = "plan", _("Изменение плана мероприятий")
    FORM = "form", _("Изменение формы наставничества")
    END = "end", _("Досрочное завершение")


class ChangeStatus(models.TextChoices):
    PROPOSED = "proposed", _("Предложено")
    AGREED = "agreed", _("Согласовано вторым участником")
    ACCEPTED = "accepted", _("Принято куратором, ждёт приказа")
    APPLIED = "applied", _("Внесено")
    REJECTED = "rejected", _("Отклонено")


class ProgramChange(models.Model):
    """A change after approval (seed 002, 8.2): proposed, agreed, accepted, applied."""

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="changes")
    kind = models.CharField(_("вид изменения"), max_length=20, choices=ChangeKind.choices)
    status = models.CharField(
        _("статус"), max_length=20, choices=ChangeStatus.choices, default=ChangeStatus.PROPOSED
    )
    reason = models.TextField(_("обоснование"))
    description = models.TextField(_("что меняется"), blank=True)
    new_ends_on = models.DateField(_("новая дата окончания"), null=True, blank=True)
    # A change of plan may add an event; a change of form may switch the mode of work.
    new_direction = models.CharField(
        _("направление нового мероприятия"), max_length=20, choices=Direction.choices, blank=True
    )
    new_event = models.CharField(_("новое мероприятие"), max_length=500, blank=True)
    new_deadline = models.DateField(_("срок нового мероприятия"), null=True, blank=True)
    new_mode = models.CharField(
        _("новый режим работы"), max_length=10, choices=WorkMode.choices, blank=True
    )
    end_reason = models.CharField(
        _("основание завершения"), max_length=20, choices=EndReason.choices, blank=True
    )
    proposed_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    proposed_at = models.DateTimeField(auto_now_add=True)
    agreed_by = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    agreed_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    accepted_at = models.DateTimeField(null=True, blank=True)
    applied_at = models.DateTimeField(null=True, blank=True)
    order_number = models.CharField(_("номер приказа"), max_length=40, blank=True)
    decision_comment = models.TextField(_("комментарий куратора"), blank=True)

    ORGANIZATION_PATH = "program__organization"
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("изменение программы")
        verbose_name_plural = _("изменения программ")
        ordering = ["-proposed_at"]

    def __str__(self) -> str:
        """Reads well inside an order: the program, then what changes."""
        what = self.get_kind_display().lower()
        if self.new_ends_on:
            what += f" до {self.new_ends_on:%d.%m.%Y}"
        return f"{self.program} — {what}"

    @property
    def needs_order(self) -> bool:
        return self.kind in (ChangeKind.EXTEND, ChangeKind.SHORTEN, ChangeKind.END)


STAGES = (
    "Подготовка условий для запуска программы наставничества",
    "Формирование базы наставляемых",
    "Формирование базы наставников",
    "Отбор и обучение наставников",
    "Формирование наставнических пар/групп",
    "Организация работы наставнических пар/групп",
    "Завершение наставничества",
)


class Case(models.Model):
    """The case of a completed program (seed 004)."""

    program = models.OneToOneField(Program, on_delete=models.CASCADE, related_name="case")
    form_and_role_model = models.CharField(
        _("форма наставничества / ролевая модель"), max_length=300, blank=True
    )
    given = models.TextField(_("Дано (портрет наставляемого)"), blank=True)
    need = models.TextField(_("Надо (цель и результат)"), blank=True)
    who_needed = models.TextField(_("Кто нам нужен? (портрет наставника)"), blank=True)
    results = models.TextField(_("Оцениваемые результаты"), blank=True)
    stage_1 = models.TextField(_("Этап 1. ") + STAGES[0], blank=True)
    stage_2 = models.TextField(_("Этап 2. ") + STAGES[1], blank=True)
    stage_3 = models.TextField(_("Этап 3. ") + STAGES[2], blank=True)
    stage_4 = models.TextField(_("Этап 4. ") + STAGES[3], blank=True)
    stage_5 = models.TextField(_("Этап 5. ") + STAGES[4], blank=True)
    stage_6 = models.TextField(_("Этап 6. ") + STAGES[5], blank=True)
    stage_7 = models.TextField(_("Этап 7. ") + STAGES[6], blank=True)
    is_published = models.BooleanField(_("опубликован"), default=False)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    ORGANIZATION_PATH = "program__organization"
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("кейс программы")
        verbose_name_plural = _("кейсы программ")

    def __str__(self) -> str:
        return f"Кейс: {self.program}"

    @property
    def stages(self) -> list[tuple[int, str, str]]:
        return [(n, STAGES[n - 1], getattr(self, f"stage_{n}")) for n in range(1, 8)]


class CalendarToken(models.Model):
    """A person's secret for the private calendar subscription URL (reset makes a new one)."""

    user = models.OneToOneField(
        User,
        on_delete=models.CASCADE,
        related_name="calendar_token",
        verbose_name=_("пользователь"),
    )
    token = models.CharField(_("секретный ключ"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("создан"), auto_now=True)

    history = HistoricalRecords(excluded_fields=["token"])

    class Meta:
        verbose_name = _("подписка на календарь")
        verbose_name_plural = _("подписки на календарь")

    def __str__(self) -> str:
        return f"Календарь: {self.user}"
