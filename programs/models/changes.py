"""What the participants agree to: each revision of the program, and changes after approval."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from core.history import HistoricalRecords
from core.models import User
from mentoring.models import Direction, StaffMember
from programs.models.program import EndReason, Program, WorkMode


class AgreementKind(models.TextChoices):
    AGREED = "agreed", _("Согласование")
    ACKNOWLEDGED = "acknowledged", _("Ознакомление")


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
