"""The methodical council of mentors (методический совет наставников, Положение §4.5).

Its composition comes from a signed order «Об утверждении состава методического совета
наставников»: each ``CouncilSeat`` is one person that order names, with her place (chair,
secretary, member); the latest signed order of that kind is the council in force. Its meetings
(``CouncilMeeting``) have an agenda, attendees, minutes and decisions; the protocol is a signed
document, signed by the chair with the simple e-signature.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.history import HistoricalRecords
from core.models.base import OrganizationOwned
from core.signing.models import SignedDocument
from mentoring.models import StaffMember
from roadmap.models.orders import Order


class CouncilPosition(models.TextChoices):
    CHAIR = "chair", _("Председатель")
    SECRETARY = "secretary", _("Секретарь")
    MEMBER = "member", _("Член совета")


class CouncilSeat(models.Model):
    """One person a council composition order names, with her place in the council."""

    ORGANIZATION_PATH = "order__organization"

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="council_seats")
    staff = models.ForeignKey(
        StaffMember, on_delete=models.PROTECT, related_name="+", verbose_name=_("сотрудник")
    )
    position = models.CharField(_("место в совете"), max_length=20, choices=CouncilPosition.choices)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("место в методическом совете")
        verbose_name_plural = _("состав методического совета")
        ordering = ["order", "position", "staff__search_name"]
        constraints = [
            models.UniqueConstraint(fields=["order", "staff"], name="council_seat_unique"),
            models.UniqueConstraint(
                fields=["order"],
                condition=Q(position="chair"),
                name="council_seat_one_chair",
            ),
            models.UniqueConstraint(
                fields=["order"],
                condition=Q(position="secretary"),
                name="council_seat_one_secretary",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_position_display()}: {self.staff}"


class MeetingStatus(models.TextChoices):
    DRAFT = "draft", _("Проект протокола")
    SIGNED = "signed", _("Протокол подписан")


class CouncilMeeting(OrganizationOwned, SignedDocument):
    """A meeting (заседание) of the council and its protocol, signed by the chair."""

    organization_related_name = "council_meetings"

    number = models.PositiveIntegerField(_("номер протокола"))
    held_on = models.DateField(_("дата заседания"))
    council_order = models.ForeignKey(
        Order,
        on_delete=models.PROTECT,
        related_name="council_meetings",
        verbose_name=_("приказ о составе совета"),
    )
    chair = models.ForeignKey(
        StaffMember, on_delete=models.PROTECT, related_name="+", verbose_name=_("председатель")
    )
    secretary = models.ForeignKey(
        StaffMember,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("секретарь"),
    )
    attendees = models.ManyToManyField(
        StaffMember, related_name="council_meetings", verbose_name=_("присутствовали")
    )
    agenda = models.TextField(_("повестка"), help_text=_("По одному вопросу в строке."))
    heard = models.TextField(_("слушали"), blank=True)
    spoke = models.TextField(_("выступили"), blank=True)
    status = models.CharField(
        _("статус"), max_length=20, choices=MeetingStatus.choices, default=MeetingStatus.DRAFT
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("создан"), auto_now_add=True)
    signed_at = models.DateTimeField(_("подписан"), null=True, blank=True)
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("подписал"),
    )
    signer_name = models.CharField(_("ФИО подписавшего"), max_length=300, blank=True)

    history = HistoricalRecords(excluded_fields=["pdf", "signed_html"])

    class Meta:
        verbose_name = _("заседание методического совета")
        verbose_name_plural = _("заседания методического совета")
        ordering = ["-held_on", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "number"], name="council_meeting_unique_number"
            ),
            models.CheckConstraint(
                condition=~Q(status="signed") | Q(signed_at__isnull=False),
                name="council_meeting_signed_has_time",
            ),
        ]

    def __str__(self) -> str:
        return f"Протокол № {self.number} заседания методического совета от {self.held_on:%d.%m.%Y}"

    def get_absolute_url(self) -> str:
        return reverse("roadmap:council-meeting-detail", args=[self.pk])

    @property
    def is_signed(self) -> bool:
        return self.status == MeetingStatus.SIGNED

    @property
    def agenda_items(self) -> list[str]:
        return [line.strip() for line in self.agenda.splitlines() if line.strip()]


class CouncilDecision(models.Model):
    """One decision («решили») of a meeting; programs may refer to it (``programs`` app)."""

    ORGANIZATION_PATH = "meeting__organization"

    meeting = models.ForeignKey(CouncilMeeting, on_delete=models.CASCADE, related_name="decisions")
    position = models.PositiveSmallIntegerField(_("номер"))
    text = models.TextField(_("решение"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("решение методического совета")
        verbose_name_plural = _("решения методического совета")
        ordering = ["meeting", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "position"], name="council_decision_unique_position"
            )
        ]

    def __str__(self) -> str:
        return f"{self.meeting}: {self.position}. {self.text[:60]}"
