"""The mentor's «Дополнительное соглашение к трудовому договору» (ТК РФ ст. 351.8)."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.history import HistoricalRecords
from core.models import Organization
from core.signing.models import SignedDocument
from mentoring.models import StaffMember


class AgreementStatus(models.TextChoices):
    DRAFT = "draft", _("Проект")
    DIRECTOR_SIGNED = "director_signed", _("Подписано руководителем")
    SIGNED = "signed", _("Подписано сторонами")


class AgreementPay(models.TextChoices):
    """How the mentor's extra pay is set: ТК РФ ст. 351.8 makes mentoring an employee paid."""

    ROUBLES = "roubles", _("Сумма в рублях в месяц")
    PERCENT = "percent", _("Процент должностного оклада")
    # Only for a mentor from outside the staff: she has no labour contract and no salary.
    VOLUNTEER = "volunteer", _("На безвозмездной основе (наставник не работник организации)")


def _amount_text(amount: Decimal, *, money: bool = False) -> str:
    """5000 → «5 000», 15 → «15», 12.5 → «12,5»; money 1250.5 → «1 250,50» (kopecks)."""
    amount = Decimal(amount)
    whole = int(amount)
    fraction = amount - whole
    text = f"{whole:,}".replace(",", "\u00a0")
    if fraction:
        digits = f"{fraction:.2f}"[2:]
        digits = digits if money else (digits.rstrip("0") or "0")
        text += "," + digits
    return text


class MentorAgreement(SignedDocument):
    """«Дополнительное соглашение к трудовому договору» on mentoring (ТК РФ ст. 351.8).

    The curator drafts it when a mentor is appointed; the director signs first, the mentor
    second, both with the simple e-signature. The mentor's signature renders and stores the PDF
    once, with its own verification code; from then on nothing changes.
    """

    organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        related_name="mentor_agreements",
        verbose_name=_("организация"),
    )
    mentor = models.ForeignKey(
        StaffMember, on_delete=models.PROTECT, related_name="+", verbose_name=_("наставник")
    )
    mentees = models.ManyToManyField(StaffMember, related_name="+", verbose_name=_("наставляемые"))
    contract_reference = models.CharField(
        _("трудовой договор"),
        max_length=200,
        blank=True,
        help_text=_("Например: от 01.09.2020 № 15."),
    )
    content = models.TextField(_("содержание наставничества"))
    starts_on = models.DateField(_("начало наставничества"))
    ends_on = models.DateField(_("окончание наставничества"))
    form = models.CharField(_("форма наставничества"), max_length=300)
    pay = models.CharField(
        _("доплата устанавливается"),
        max_length=10,
        choices=AgreementPay.choices,
        default=AgreementPay.PERCENT,
    )
    pay_amount = models.DecimalField(
        _("размер доплаты"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Рубли в месяц или процент должностного оклада — по выбору выше."),
    )
    pay_terms = models.CharField(
        _("порядок выплаты"),
        max_length=500,
        blank=True,
        help_text=_("Например: «ежемесячно, одновременно с заработной платой»."),
    )
    status = models.CharField(
        _("статус"), max_length=20, choices=AgreementStatus.choices, default=AgreementStatus.DRAFT
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("создано"), auto_now_add=True)
    number = models.PositiveIntegerField(_("номер"), null=True, blank=True)
    director_signed_at = models.DateTimeField(_("подписано руководителем"), null=True, blank=True)
    director_signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    director_name = models.CharField(_("ФИО руководителя"), max_length=300, blank=True)
    mentor_signed_at = models.DateTimeField(_("подписано наставником"), null=True, blank=True)

    history = HistoricalRecords(excluded_fields=["pdf", "signed_html"])

    # The mentor's signature completes it; the director's is recorded in its own columns.
    SIGNED_AT = "mentor_signed_at"
    SIGNED_BY = None

    class Meta:
        verbose_name = _("дополнительное соглашение наставника")
        verbose_name_plural = _("дополнительные соглашения наставников")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gt=models.F("starts_on")),
                name="agreement_ends_after_start",
                violation_error_message=_("Окончание наставничества должно быть позже начала."),
            ),
            models.UniqueConstraint(
                fields=["organization", "number"],
                condition=Q(number__isnull=False),
                name="agreement_unique_number",
            ),
        ]

    def clean(self):
        super().clean()
        self.pay_check()

    def pay_check(self) -> None:
        """Mentoring of an employee is paid (ТК РФ ст. 351.8): the amount must be written. A
        mentor from outside the staff works without pay and has no amount."""
        if self.mentor_id and self.is_volunteer:
            if self.pay != AgreementPay.VOLUNTEER or self.pay_amount is not None:
                raise ValidationError(
                    {"pay": "Наставник не из числа работников работает на безвозмездной основе."},
                    code="volunteer_pay",
                )
            return
        if self.pay not in (AgreementPay.ROUBLES, AgreementPay.PERCENT):
            raise ValidationError(
                {"pay": "Выберите, как устанавливается доплата: в рублях или в процентах оклада."},
                code="pay_kind",
            )
        if self.pay_amount is None or self.pay_amount <= 0:
            raise ValidationError(
                {
                    "pay_amount": "Укажите размер доплаты за наставничество: по статье 351.8 "
                    "Трудового кодекса наставничество оплачивается, размер доплаты "
                    "записывается в соглашении."
                },
                code="pay_required",
            )
        if self.pay == AgreementPay.PERCENT and self.pay_amount > 100:
            raise ValidationError(
                {"pay_amount": "Доплата в процентах оклада не может быть больше 100 %."},
                code="pay_percent",
            )

    @property
    def pay_text(self) -> str:
        """«15 % должностного оклада», «5 000 руб. в месяц», then the terms of payment."""
        if self.pay_amount is None:
            return ""
        if self.pay == AgreementPay.ROUBLES:
            text = f"{_amount_text(self.pay_amount, money=True)}\u00a0руб. в месяц"
        else:
            text = f"{_amount_text(self.pay_amount)}\u00a0% должностного оклада"
        terms = (self.pay_terms or "").strip().rstrip(".")
        return f"{text}, {terms}" if terms else text

    def __str__(self) -> str:
        number = f" № {self.number}" if self.number else ""
        return f"{self.title}{number}: {self.mentor.short_name}"

    @property
    def is_volunteer(self) -> bool:
        """A mentor from outside the staff signs an agreement on mentoring without pay, not an
        addendum to a labour contract (she has none)."""
        return self.mentor.is_external

    @property
    def title(self) -> str:
        return (
            "Соглашение о наставничестве на безвозмездной основе"
            if self.is_volunteer
            else "Дополнительное соглашение"
        )

    def get_absolute_url(self) -> str:
        return reverse("roadmap:agreement-detail", args=[self.pk])

    @property
    def is_signed(self) -> bool:
        return self.status == AgreementStatus.SIGNED

    @property
    def reference(self) -> str:
        """«от 30.11.2026 № 3», as the appointment order refers to it."""
        if not self.director_signed_at:
            return ""
        from django.utils import timezone

        day = timezone.localtime(self.director_signed_at).date()
        return f"от {day:%d.%m.%Y} № {self.number}"
