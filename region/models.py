"""The municipality's view of its kindergartens: per-ДОУ figures kept ready."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from core.models import Organization


class OrganizationSummary(models.Model):
    """One kindergarten's aggregates for one academic year, as its own pages compute them.

    Refreshed by ``region.summaries.summary_refresh`` (the worker runs it for every ДОУ, and a
    coordinator can ask for one ДОУ); the municipality page reads these rows in one query.
    Only counts and means: never a person's data.
    """

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="summaries"
    )
    start_year = models.PositiveSmallIntegerField(_("учебный год (год начала)"))
    period_label = models.CharField(_("период"), max_length=100, blank=True)
    # roadmap
    stage_number = models.PositiveSmallIntegerField(_("текущий этап"), null=True, blank=True)
    stage_title = models.CharField(_("название этапа"), max_length=300, blank=True)
    roadmap_percent = models.PositiveSmallIntegerField(_("дорожная карта, %"), default=0)
    late_stages = models.JSONField(_("просроченные этапы"), default=list, blank=True)
    late_count = models.PositiveSmallIntegerField(_("просрочено этапов"), default=0)
    # seed 002 §6
    teachers_part = models.PositiveIntegerField(default=0)
    teachers_total = models.PositiveIntegerField(default=0)
    young_part = models.PositiveIntegerField(default=0)
    young_total = models.PositiveIntegerField(default=0)
    satisfaction_mentee = models.FloatField(null=True, blank=True)
    satisfaction_mentee_answers = models.PositiveIntegerField(default=0)
    satisfaction_mentee_respondents = models.PositiveIntegerField(default=0)
    satisfaction_mentor = models.FloatField(null=True, blank=True)
    satisfaction_mentor_answers = models.PositiveIntegerField(default=0)
    satisfaction_mentor_respondents = models.PositiveIntegerField(default=0)
    # seed 002 §5: [{measure, before, after, delta, paired}]
    impact = models.JSONField(_("изменения до и после"), default=list, blank=True)
    # work
    mentors = models.PositiveIntegerField(_("наставников"), default=0)
    mentees_without_pair = models.PositiveIntegerField(_("наставляемых без пары"), default=0)
    pairs = models.PositiveIntegerField(_("пар и групп"), default=0)
    programs_in_progress = models.PositiveIntegerField(_("программ реализуется"), default=0)
    programs_completed = models.PositiveIntegerField(_("программ завершено"), default=0)
    overdue_events = models.PositiveIntegerField(_("просроченных мероприятий"), default=0)
    stalled_pairs = models.PositiveIntegerField(_("пар без движения"), default=0)
    orders_signed = models.PositiveIntegerField(_("подписанных приказов"), default=0)
    refreshed_at = models.DateTimeField(_("обновлено"))

    class Meta:
        verbose_name = _("сводка по ДОУ")
        verbose_name_plural = _("сводки по ДОУ")
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "start_year"], name="summary_unique_per_org_year"
            )
        ]
        indexes = [
            models.Index(fields=["start_year", "organization"]),
            # the municipal pages' stamp (selectors.written_stamp) reads only this index
            models.Index(fields=["refreshed_at"], name="summary_refreshed_at"),
        ]

    def __str__(self) -> str:
        return f"{self.organization} — {self.start_year}"

    @staticmethod
    def _percent(part: int, total: int) -> float | None:
        return round(100 * part / total, 1) if total else None

    @property
    def teachers_percent(self) -> float | None:
        return self._percent(self.teachers_part, self.teachers_total)

    @property
    def young_percent(self) -> float | None:
        return self._percent(self.young_part, self.young_total)


class LateStage(models.Model):
    """One roadmap stage a ДОУ is late with, a row per item of its summary's ``late_stages``
    (written with it by ``region.summaries``): the deadlines page sorts, counts and pages these
    in the database instead of reading every summary's list."""

    summary = models.ForeignKey(
        OrganizationSummary, on_delete=models.CASCADE, related_name="late_rows"
    )
    # the summary's, so that the page joins the late stages to the ДОУ alone
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    start_year = models.PositiveSmallIntegerField(_("учебный год (год начала)"))
    number = models.PositiveSmallIntegerField(_("этап"))
    title = models.CharField(_("название этапа"), max_length=300)
    ends_on = models.DateField(_("срок"))
    days_late = models.PositiveIntegerField(_("просрочка, дней"))
    percent = models.PositiveSmallIntegerField(_("выполнено, %"))
    missing = models.JSONField(_("не сделано"), default=list, blank=True)

    class Meta:
        verbose_name = _("просроченный этап")
        verbose_name_plural = _("просроченные этапы")

    def __str__(self) -> str:
        return f"{self.summary} — этап {self.number}"
