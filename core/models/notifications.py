"""E-mail notifications: the letters queued for sending and each person's choice of kinds."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.history import HistoricalRecords


class NotificationKind(models.TextChoices):
    ORDER_SENT = "order_sent", _("Приказ ждёт вашей подписи")
    ORDER_RETURNED = "order_returned", _("Приказ возвращён на доработку")
    ORDER_SIGNED = "order_signed", _("Подписан приказ, с которым нужно ознакомиться")
    PAIR_PROPOSED = "pair_proposed", _("Предложена пара наставничества")
    PAIR_FIXED = "pair_fixed", _("Пара закреплена приказом")
    PROGRAM_AGREED = "program_agreed", _("Программа наставничества согласована")
    CHANGE_PROPOSED = "change_proposed", _("Предложено изменение программы")
    SURVEY_ASSIGNED = "survey_assigned", _("Назначена анкета мониторинга")
    SURVEY_DEADLINE = "survey_deadline", _("Срок ответа на анкету подходит к концу")
    PLAN_DEADLINE = "plan_deadline", _("Через три дня срок мероприятия плана")
    MENTOR_CHANGE_REQUESTED = "mentor_change_requested", _("Заявление о замене наставника")
    RELEASE_REQUESTED = "release_requested", _("Заявление об освобождении от наставничества")
    AGREEMENT_ENDING = "agreement_ending", _("Досрочное прекращение наставничества")


# Letters about documents a person must act on cannot be turned off; the rest can.
REQUIRED_KINDS = frozenset(
    {
        NotificationKind.ORDER_SENT,
        NotificationKind.ORDER_RETURNED,
        NotificationKind.ORDER_SIGNED,
        # The written notice of ТК РФ ст. 351.8: the other side must get it.
        NotificationKind.AGREEMENT_ENDING,
    }
)
OPTIONAL_KINDS = tuple(kind for kind in NotificationKind if kind not in REQUIRED_KINDS)


class EmailStatus(models.TextChoices):
    QUEUED = "queued", _("в очереди")
    SENT = "sent", _("отправлено")
    FAILED = "failed", _("не доставлено")


class OutgoingEmail(models.Model):
    """One letter to one person, rendered when queued and sent by the worker with retries."""

    organization = models.ForeignKey(
        "core.Organization",
        on_delete=models.CASCADE,
        related_name="outgoing_emails",
        verbose_name=_("организация"),
    )
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="outgoing_emails",
        verbose_name=_("получатель"),
    )
    to_email = models.EmailField(_("адрес"))
    kind = models.CharField(_("вид"), max_length=40, choices=NotificationKind.choices)
    subject = models.CharField(_("тема"), max_length=300)
    body_text = models.TextField(_("текст"))
    body_html = models.TextField(_("HTML"), blank=True)
    status = models.CharField(
        _("состояние"), max_length=10, choices=EmailStatus.choices, default=EmailStatus.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(_("попыток"), default=0)
    last_error = models.TextField(_("последняя ошибка"), blank=True)
    # When the next attempt is due; a queued letter past it is handed to the worker again by
    # the beat's sweep (the broker was down, or lost its messages on a restart).
    next_attempt_at = models.DateTimeField(_("следующая попытка"), null=True, blank=True)
    created_at = models.DateTimeField(_("создано"), auto_now_add=True)
    updated_at = models.DateTimeField(_("изменено"), auto_now=True)
    sent_at = models.DateTimeField(_("отправлено"), null=True, blank=True)
    # A reminder sent at most once per person and key (e.g. a plan row on a given day).
    dedupe_key = models.CharField(_("ключ повтора"), max_length=100, blank=True, db_index=True)

    history = HistoricalRecords(
        excluded_fields=["body_text", "body_html"], table_name="mentoring_historicaloutgoingemail"
    )

    class Meta:
        db_table = "mentoring_outgoingemail"
        verbose_name = _("исходящее письмо")
        verbose_name_plural = _("исходящие письма")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["organization", "status", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.to_email}: {self.subject}"


class NotificationPreference(models.Model):
    """A person's choice for one optional kind; no row means the letters are wanted."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notification_preferences",
        verbose_name=_("пользователь"),
    )
    kind = models.CharField(_("вид"), max_length=40, choices=NotificationKind.choices)
    enabled = models.BooleanField(_("присылать"), default=True)

    history = HistoricalRecords(table_name="mentoring_historicalnotificationpreference")

    class Meta:
        db_table = "mentoring_notificationpreference"
        verbose_name = _("настройка уведомлений")
        verbose_name_plural = _("настройки уведомлений")
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="notification_pref_user_kind")
        ]

    def __str__(self) -> str:
        return f"{self.user}: {self.kind} {'да' if self.enabled else 'нет'}"
