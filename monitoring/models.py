"""Surveys (templates, frozen versions, assignments, answers) and the curator's report notes.

A template is what the curator edits; a version is a frozen copy of its questions that an
assignment points to, so answers stay readable after the template changes. Answers to scale
and choice questions live in ``Answer`` (aggregated on the monitoring page); free-text answers
live only in ``TextAnswer``, which no aggregate or public view reads.
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.history import HistoricalRecords
from core.models import Organization, User
from core.models.base import OrganizationOwned
from core.signing.models import SignedDocument
from mentoring.models import Pair, StaffMember


class SurveyKind(models.TextChoices):
    MENTOR_QUESTIONNAIRE = "mentor_questionnaire", _("Анкета наставника")
    MENTEE_REQUEST = "mentee_request", _("Анкета-запрос наставляемого")
    SATISFACTION_MENTEE = "satisfaction_mentee", _("Удовлетворённость наставляемых")
    SATISFACTION_MENTOR = "satisfaction_mentor", _("Удовлетворённость наставников")
    IMPACT = "impact", _("Самооценка до и после программы")
    OTHER = "other", _("Другая анкета")


class QuestionKind(models.TextChoices):
    SCALE5 = "scale5", _("Шкала от 1 до 5")
    SCALE10 = "scale10", _("Шкала от 1 до 10")
    SINGLE = "single", _("Один вариант ответа")
    MULTIPLE = "multiple", _("Несколько вариантов ответа")
    TEXT = "text", _("Свободный ответ")


SCALE_MAX = {QuestionKind.SCALE5: 5, QuestionKind.SCALE10: 10}


class Measure(models.TextChoices):
    """Impact measures of seed 002, «Мониторинг» 5, assessed before and after a program."""

    MOTIVATION = "motivation", _("Мотивированность и осознанность в саморазвитии")
    INNOVATION = "innovation", _("Включённость в инновационную деятельность")
    ADAPTATION = "adaptation", _("Качество и темпы адаптации")
    STRESS = "stress", _("Свобода от стресса и выгорания")
    FUTURE_MENTOR = "future_mentor", _("Желание стать наставником")


class Moment(models.TextChoices):
    BEFORE = "before", _("До входа в программу")
    INTERMEDIATE = "intermediate", _("Промежуточное")
    AFTER = "after", _("По итогам программы")


class SurveyTemplate(OrganizationOwned):
    """A questionnaire the curator keeps; shipped ones are created for each organization."""

    organization_related_name = "survey_templates"
    kind = models.CharField(_("назначение"), max_length=30, choices=SurveyKind.choices)
    title = models.CharField(_("название"), max_length=300)
    description = models.TextField(_("пояснение для участника"), blank=True)
    # Set for the templates the system ships, so they are created once per organization.
    shipped_key = models.CharField(max_length=30, blank=True, default="", editable=False)
    created_at = models.DateTimeField(_("создана"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("шаблон анкеты")
        verbose_name_plural = _("шаблоны анкет")
        ordering = ["title", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "shipped_key"],
                condition=~Q(shipped_key=""),
                name="survey_template_shipped_once",
            )
        ]

    def __str__(self) -> str:
        return self.title


class Question(models.Model):
    """One question of a template, in the order the curator set."""

    ORGANIZATION_PATH = "template__organization"

    template = models.ForeignKey(
        SurveyTemplate, on_delete=models.CASCADE, related_name="questions", verbose_name=_("анкета")
    )
    position = models.PositiveIntegerField(_("порядок"), default=0)
    text = models.CharField(_("вопрос"), max_length=500)
    kind = models.CharField(_("тип ответа"), max_length=20, choices=QuestionKind.choices)
    options = models.TextField(
        _("варианты ответа"), blank=True, help_text=_("Каждый вариант с новой строки.")
    )
    required = models.BooleanField(_("обязательный"), default=True)
    measure = models.CharField(
        _("показатель влияния"), max_length=20, choices=Measure.choices, blank=True
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("вопрос анкеты")
        verbose_name_plural = _("вопросы анкет")
        ordering = ["template", "position", "pk"]

    def __str__(self) -> str:
        return self.text

    @property
    def option_list(self) -> list[str]:
        return [line.strip() for line in self.options.splitlines() if line.strip()]

    def frozen(self) -> dict:
        """The question as a version keeps it."""
        return {
            "key": self.pk,
            "text": self.text,
            "kind": self.kind,
            "options": self.option_list,
            "required": self.required,
            "measure": self.measure,
        }


class SurveyVersion(models.Model):
    """A frozen copy of a template's questions; assignments and answers refer to it."""

    ORGANIZATION_PATH = "template__organization"

    template = models.ForeignKey(
        SurveyTemplate, on_delete=models.PROTECT, related_name="versions", verbose_name=_("анкета")
    )
    number = models.PositiveIntegerField(_("версия"))
    title = models.CharField(_("название"), max_length=300)
    questions = models.JSONField(_("вопросы"), default=list)
    created_at = models.DateTimeField(_("создана"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("версия анкеты")
        verbose_name_plural = _("версии анкет")
        ordering = ["template", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["template", "number"], name="survey_version_unique")
        ]

    def __str__(self) -> str:
        return f"{self.title}, версия {self.number}"


class SurveyAssignment(OrganizationOwned):
    """A survey version given to the participants of some pairs at a moment, with a deadline."""

    organization_related_name = "survey_assignments"
    version = models.ForeignKey(
        SurveyVersion,
        on_delete=models.PROTECT,
        related_name="assignments",
        verbose_name=_("версия анкеты"),
    )
    moment = models.CharField(_("этап"), max_length=20, choices=Moment.choices)
    deadline = models.DateField(_("заполнить до (включительно)"))
    created_by = models.ForeignKey(
        User, on_delete=models.PROTECT, related_name="+", verbose_name=_("кто назначил")
    )
    created_at = models.DateTimeField(_("назначена"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("назначение анкеты")
        verbose_name_plural = _("назначения анкет")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.version.title} — {self.get_moment_display().lower()}"


class ParticipantRole(models.TextChoices):
    MENTOR = "mentor", _("Наставник")
    MENTEE = "mentee", _("Наставляемый")


class ResponseStatus(models.TextChoices):
    DRAFT = "draft", _("Заполняется")
    SUBMITTED = "submitted", _("Отправлена")


class SurveyResponse(models.Model):
    """One participant's filling of one assignment, for one pair."""

    ORGANIZATION_PATH = "assignment__organization"

    assignment = models.ForeignKey(
        SurveyAssignment,
        on_delete=models.PROTECT,
        related_name="responses",
        verbose_name=_("назначение"),
    )
    pair = models.ForeignKey(
        Pair, on_delete=models.PROTECT, related_name="survey_responses", verbose_name=_("пара")
    )
    staff = models.ForeignKey(
        StaffMember,
        on_delete=models.PROTECT,
        related_name="survey_responses",
        verbose_name=_("участник"),
    )
    role = models.CharField(_("роль в паре"), max_length=10, choices=ParticipantRole.choices)
    status = models.CharField(
        _("состояние"),
        max_length=10,
        choices=ResponseStatus.choices,
        default=ResponseStatus.DRAFT,
    )
    submitted_at = models.DateTimeField(_("отправлена"), null=True, blank=True)
    last_reminded_at = models.DateTimeField(_("последнее напоминание"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("ответ на анкету")
        verbose_name_plural = _("ответы на анкеты")
        ordering = ["assignment", "staff__search_name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["assignment", "pair", "staff"], name="survey_response_once_per_pair"
            )
        ]
        indexes = [models.Index(fields=["status", "submitted_at"])]

    def __str__(self) -> str:
        return f"{self.staff} — {self.assignment}"

    @property
    def is_submitted(self) -> bool:
        return self.status == ResponseStatus.SUBMITTED


class Answer(models.Model):
    """A scale or choice answer; copies what aggregates need from the frozen question."""

    ORGANIZATION_PATH = "response__assignment__organization"

    response = models.ForeignKey(
        SurveyResponse, on_delete=models.CASCADE, related_name="answers", verbose_name=_("ответ")
    )
    question_key = models.PositiveIntegerField(_("вопрос"))
    kind = models.CharField(_("тип ответа"), max_length=20, choices=QuestionKind.choices)
    measure = models.CharField(
        _("показатель влияния"), max_length=20, choices=Measure.choices, blank=True
    )
    # Scale value (1..scale_max) or the index of the chosen option.
    value = models.PositiveSmallIntegerField(_("значение"), null=True, blank=True)
    scale_max = models.PositiveSmallIntegerField(_("максимум шкалы"), null=True, blank=True)
    choices = models.JSONField(_("выбранные варианты"), default=list, blank=True)
    updated_at = models.DateTimeField(_("изменён"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("оценка или выбор")
        verbose_name_plural = _("оценки и выборы")
        constraints = [
            models.UniqueConstraint(
                fields=["response", "question_key"], name="answer_once_per_question"
            ),
            models.CheckConstraint(
                condition=Q(value__isnull=True) | Q(scale_max__isnull=True) | Q(value__gte=1),
                name="answer_scale_at_least_one",
            ),
        ]
        indexes = [models.Index(fields=["kind", "measure"])]

    def __str__(self) -> str:
        return f"{self.response_id}/{self.question_key}"


class TextAnswer(models.Model):
    """A free-text answer: seen by the curator, the director and its author, never aggregated."""

    ORGANIZATION_PATH = "response__assignment__organization"

    response = models.ForeignKey(
        SurveyResponse,
        on_delete=models.CASCADE,
        related_name="text_answers",
        verbose_name=_("ответ"),
    )
    question_key = models.PositiveIntegerField(_("вопрос"))
    text = models.TextField(_("текст ответа"))
    updated_at = models.DateTimeField(_("изменён"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("свободный ответ")
        verbose_name_plural = _("свободные ответы")
        constraints = [
            models.UniqueConstraint(
                fields=["response", "question_key"], name="text_answer_once_per_question"
            )
        ]

    def __str__(self) -> str:
        return f"{self.response_id}/{self.question_key}"


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("Готовится")
    SENT = "sent", _("На утверждении")
    APPROVED = "approved", _("Утверждён")


class CycleReport(SignedDocument):
    """The curator's conclusions for the final report of one academic year."""

    organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        related_name="monitoring_reports",
        verbose_name=_("организация"),
    )
    year_start = models.PositiveSmallIntegerField(_("учебный год, с"))
    conclusions = models.TextField(_("выводы куратора"), blank=True)
    updated_by = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, related_name="+", verbose_name=_("кто изменил")
    )
    updated_at = models.DateTimeField(_("изменён"), auto_now=True)
    status = models.CharField(
        _("статус"), max_length=10, choices=ReportStatus.choices, default=ReportStatus.DRAFT
    )
    sent_at = models.DateTimeField(_("отправлен на утверждение"), null=True, blank=True)
    sent_by = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    approved_at = models.DateTimeField(_("утверждён"), null=True, blank=True)
    approved_by = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    approver_name = models.CharField(_("ФИО утвердившего"), max_length=300, blank=True)
    approver_position = models.CharField(_("должность утвердившего"), max_length=200, blank=True)
    approved_ip = models.GenericIPAddressField(_("IP-адрес"), null=True, blank=True)

    history = HistoricalRecords(excluded_fields=["pdf", "signed_html"])

    SIGNED_AT = "approved_at"
    SIGNED_BY = "approved_by"
    SIGNED_IP = "approved_ip"

    class Meta:
        verbose_name = _("итоговый отчёт мониторинга")
        verbose_name_plural = _("итоговые отчёты мониторинга")
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "year_start"], name="cycle_report_once_per_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organization}: {self.year_start}/{self.year_start + 1}"

    @property
    def is_approved(self) -> bool:
        return self.status == ReportStatus.APPROVED

    @property
    def year_label(self) -> str:
        """«2026/2027 учебный год»."""
        from monitoring.periods import AcademicYear

        return AcademicYear(self.year_start).label


class YearFigures(OrganizationOwned):
    """A finished year's figures as they stood when the next year was opened.

    Year one's report, dashboard and exports read these from then on, so work in year two (new
    people in the banks, a pair closing) never changes what year one says (``monitoring.years``).
    """

    organization_on_delete = models.CASCADE

    year_start = models.PositiveSmallIntegerField(_("учебный год, с"))
    figures = models.JSONField(_("показатели года"))
    frozen_at = models.DateTimeField(_("зафиксированы"), auto_now_add=True)

    class Meta:
        verbose_name = _("показатели завершённого года")
        verbose_name_plural = _("показатели завершённых лет")
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "year_start"], name="year_figures_once_per_year"
            )
        ]

    def __str__(self):
        return f"{self.organization_id}: {self.year_start}/{self.year_start + 1}"
