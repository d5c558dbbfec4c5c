"""Background jobs: heavy work (exports, long PDFs) run by the worker, with progress and a file."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.history import HistoricalRecords


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("в очереди")
    RUNNING = "running", _("выполняется")
    DONE = "done", _("готово")
    FAILED = "failed", _("не удалось")


class BackgroundJob(models.Model):
    """One heavy task a person asked for; its file is kept in the database for them.

    A job belongs to one organization (a ДОУ's exports and PDFs) or to one municipality (the
    coordinator's roll-up), never both: the owner scopes who may open its page.
    """

    organization = models.ForeignKey(
        "core.Organization",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="background_jobs",
        verbose_name=_("организация"),
    )
    municipality = models.ForeignKey(
        "core.Municipality",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="background_jobs",
        verbose_name=_("муниципалитет"),
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="background_jobs",
        verbose_name=_("кто запросил"),
    )
    kind = models.CharField(_("вид"), max_length=60)
    title = models.CharField(_("что готовится"), max_length=300)
    params = models.JSONField(_("параметры"), default=dict, blank=True)
    back_url = models.CharField(_("страница, откуда запрошено"), max_length=500, blank=True)
    status = models.CharField(
        _("состояние"), max_length=10, choices=JobStatus.choices, default=JobStatus.QUEUED
    )
    progress = models.PositiveSmallIntegerField(_("готовность, %"), default=0)
    message = models.CharField(_("сообщение"), max_length=500, blank=True)
    filename = models.CharField(_("имя файла"), max_length=200, blank=True)
    content_type = models.CharField(_("тип файла"), max_length=120, blank=True)
    result = models.BinaryField(_("файл"), null=True, blank=True, editable=False)
    # Files hold personal data: kept until then (``core.job_results``), then deleted; empty
    # when there is no file (yet, or any more).
    kept_until = models.DateTimeField(_("файл хранится до"), null=True, blank=True)
    created_at = models.DateTimeField(_("создано"), auto_now_add=True)
    started_at = models.DateTimeField(_("начато"), null=True, blank=True)
    finished_at = models.DateTimeField(_("завершено"), null=True, blank=True)
    # The worker touches this at every step: a running job whose heartbeat stopped is stalled.
    heartbeat_at = models.DateTimeField(_("последний признак жизни"), null=True, blank=True)
    # When the job was last handed to the broker (empty: not yet, the broker was down).
    enqueued_at = models.DateTimeField(_("передано в очередь"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("запусков"), default=0)

    # Progress goes through .update() (no history row per percent); the file is not copied.
    history = HistoricalRecords(
        excluded_fields=["result"], table_name="mentoring_historicalbackgroundjob"
    )

    class Meta:
        db_table = "mentoring_backgroundjob"
        verbose_name = _("фоновая задача")
        verbose_name_plural = _("фоновые задачи")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["organization", "requested_by", "-created_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(progress__gte=0) & Q(progress__lte=100),
                name="background_job_progress_0_100",
                violation_error_message=_("Готовность задачи — от 0 до 100 процентов."),
            ),
            models.CheckConstraint(
                condition=Q(organization__isnull=False, municipality__isnull=True)
                | Q(organization__isnull=True, municipality__isnull=False),
                name="background_job_one_owner",
                violation_error_message=_(
                    "Фоновая задача относится либо к организации, либо к муниципалитету."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.get_status_display()})"

    def get_absolute_url(self) -> str:
        # A municipality's job has its page in the region app (``region:job``), above this one.
        return reverse("jobs:detail", args=[self.pk])

    @property
    def has_file(self) -> bool:
        """A finished job whose file is still kept (not expired, not deleted)."""
        return self.status == JobStatus.DONE and self.kept_until is not None

    @property
    def is_active(self) -> bool:
        return self.status in (JobStatus.QUEUED, JobStatus.RUNNING)


class ServiceBeat(models.Model):
    """When a periodic task last ran (beat's pulse, read by the detailed health page)."""

    name = models.CharField(_("задача"), max_length=60, unique=True)
    at = models.DateTimeField(_("последний запуск"))

    class Meta:
        verbose_name = _("отметка периодической задачи")
        verbose_name_plural = _("отметки периодических задач")

    def __str__(self) -> str:
        return f"{self.name}: {self.at:%d.%m.%Y %H:%M:%S}"
