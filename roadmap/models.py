"""Orders of the organization, their journal, people and subjects; cycles and the roadmap.

A signed order is frozen: ``Order.save()`` and ``Order.delete()`` refuse a row whose stored
status is «signed», the queryset refuses bulk deletes of signed rows, and the admin is read-only
for it. A change is a new order with ``refers_to``.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.models import Organization
from core.text import fold
from mentoring.models import StaffMember

MAIN_JOURNAL = "од"


class OrderKind(models.TextChoices):
    APPROVE_REGULATION = (
        "approve_regulation",
        _("Об утверждении Положения о системе наставничества"),
    )
    INTRODUCE_MODEL = (
        "introduce_model",
        _("О внедрении целевой модели наставничества, назначении куратора и рабочей группы"),
    )
    ESIGN_REGULATION = (
        "esign_regulation",
        _("Об утверждении Положения об использовании простой электронной подписи"),
    )
    APPOINT_MENTORS = "appoint_mentors", _("О назначении наставников")
    FIX_PAIRS = "fix_pairs", _("О закреплении наставнических пар (групп)")
    APPROVE_PROGRAMS = "approve_programs", _("Об утверждении персонализированных программ")
    CHANGE_PROGRAM = "change_program", _("Об изменении (продлении) программы наставничества")
    END_PROGRAM = "end_program", _("О досрочном завершении программы наставничества")
    ENCOURAGE_MENTORS = "encourage_mentors", _("О поощрении наставников")


class OrderStatus(models.TextChoices):
    DRAFT = "draft", _("Черновик")
    SENT = "sent", _("На подписи")
    RETURNED = "returned", _("Возвращён на доработку")
    SIGNED = "signed", _("Подписан")


class FrozenOrderError(ValidationError):
    """Any attempt to change or delete a signed order."""

    def __init__(self):
        super().__init__(
            _(
                "Подписанный приказ нельзя изменить или удалить. Чтобы внести изменения, "
                "подготовьте новый приказ со ссылкой на этот."
            ),
            code="order_signed",
        )


class Cycle(models.Model):
    """One mentoring cycle (an academic year) of an organization, with its roadmap approval."""

    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="cycles", verbose_name=_("организация")
    )
    title = models.CharField(_("название"), max_length=100)
    starts_on = models.DateField(_("начало"))
    ends_on = models.DateField(_("окончание"))
    # A kindergarten that joins after the cycle began counts its roadmap from the day it joined
    # (the coordinator's click): the standard stage dates move by that many days.
    roadmap_starts_on = models.DateField(
        _("дорожная карта отсчитывается с"),
        null=True,
        blank=True,
        help_text=_("День подключения организации, если она подключилась после начала цикла."),
    )
    roadmap_approved_at = models.DateTimeField(
        _("дорожная карта утверждена"), null=True, blank=True
    )
    roadmap_approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("кто утвердил дорожную карту"),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("цикл наставничества")
        verbose_name_plural = _("циклы наставничества")
        ordering = ["-starts_on"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "starts_on"], name="cycle_unique_start")
        ]

    def __str__(self) -> str:
        return self.title

    def contains(self, day: dt.date) -> bool:
        return self.starts_on <= day <= self.ends_on


class OrderJournalCounter(models.Model):
    """The last number taken in one journal of one organization for one journal year."""

    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="+")
    journal = models.CharField(max_length=20, default=MAIN_JOURNAL)
    year = models.PositiveSmallIntegerField()
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("счётчик журнала приказов")
        verbose_name_plural = _("счётчики журналов приказов")
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "journal", "year"], name="journal_counter_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organization_id}/{self.journal}/{self.year}: {self.last_number}"


class OrderQuerySet(models.QuerySet):
    def update(self, **kwargs):
        if self.filter(status=OrderStatus.SIGNED).exists():
            raise FrozenOrderError()
        return super().update(**kwargs)

    def delete(self):
        if self.filter(status=OrderStatus.SIGNED).exists():
            raise FrozenOrderError()
        return super().delete()

    def search(self, query: str) -> OrderQuerySet:
        needle = fold(query)
        return self.filter(search_text__contains=needle) if needle else self


class Order(models.Model):
    """An order (приказ) of the organization: drafted, sent, returned or signed."""

    # Set on the instance ``order_draft`` returns when it opened an existing draft.
    reused_draft = False

    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="orders", verbose_name=_("организация")
    )
    kind = models.CharField(_("вид приказа"), max_length=30, choices=OrderKind.choices)
    status = models.CharField(
        _("статус"), max_length=20, choices=OrderStatus.choices, default=OrderStatus.DRAFT
    )
    title = models.CharField(_("заголовок"), max_length=500)
    body = models.TextField(_("текст"))
    annexes = models.TextField(
        _("приложения"), blank=True, help_text=_("По одному приложению в строке.")
    )
    # The text of the document the order approves (the Положение): generated from a template
    # with the organization's requisites, edited by the curator, frozen with the signed order.
    document_text = models.TextField(
        _("текст утверждаемого документа"),
        blank=True,
        help_text=_("Заголовок раздела начинайте с «#», каждый пункт — с новой строки."),
    )
    refers_to = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="changed_by",
        verbose_name=_("изменяет приказ"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("исполнитель"),
    )
    created_at = models.DateTimeField(_("создан"), auto_now_add=True)
    sent_at = models.DateTimeField(_("отправлен на подпись"), null=True, blank=True)
    return_comment = models.TextField(_("комментарий при возврате"), blank=True)
    journal = models.CharField(_("журнал"), max_length=20, default=MAIN_JOURNAL)
    journal_year = models.PositiveSmallIntegerField(_("год журнала"), null=True, blank=True)
    number = models.PositiveIntegerField(_("порядковый номер"), null=True, blank=True)
    number_text = models.CharField(_("номер"), max_length=40, blank=True)
    order_date = models.DateField(_("дата приказа"), null=True, blank=True)
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
    signer_position = models.CharField(_("должность подписавшего"), max_length=200, blank=True)
    signed_ip = models.GenericIPAddressField(_("IP-адрес при подписании"), null=True, blank=True)
    pdf_sha256 = models.CharField(_("SHA-256 файла"), max_length=64, blank=True)
    verify_code = models.CharField(
        _("код проверки"), max_length=32, null=True, blank=True, unique=True
    )
    search_text = models.TextField(editable=False, default="")

    objects = OrderQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["search_text"])

    class Meta:
        verbose_name = _("приказ")
        verbose_name_plural = _("приказы")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "journal", "journal_year", "number"],
                condition=Q(number__isnull=False),
                name="order_unique_number_in_journal_year",
            ),
            models.CheckConstraint(
                condition=~Q(status="signed") | Q(number__isnull=False, pdf_sha256__gt=""),
                name="order_signed_has_number_and_file",
            ),
        ]
        indexes = [
            models.Index(fields=["organization", "status"]),
            models.Index(
                fields=["organization", "-journal_year", "-number", "-created_at"],
                name="order_register_idx",
            ),
            models.Index(fields=["organization", "kind"]),
            models.Index(fields=["organization", "signed_by"], name="order_org_signer_idx"),
        ]

    def __str__(self) -> str:
        if self.number_text:
            return f"Приказ №{self.number_text} от {self.order_date:%d.%m.%Y}"
        return f"Проект приказа «{self.title}»"

    def save(self, *args, **kwargs):
        if self._stored_as_signed():
            raise FrozenOrderError()
        self.search_text = fold(" ".join((self.number_text, self.title, self.body)))
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "search_text"}
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("roadmap:order-detail", args=[self.pk])

    def delete(self, *args, **kwargs):
        if self.status == OrderStatus.SIGNED or self._stored_as_signed():
            raise FrozenOrderError()
        return super().delete(*args, **kwargs)

    @property
    def is_signed(self) -> bool:
        return self.status == OrderStatus.SIGNED

    @property
    def is_editable(self) -> bool:
        return self.status in (OrderStatus.DRAFT, OrderStatus.RETURNED)

    @property
    def annex_list(self) -> list[str]:
        return [line.strip() for line in self.annexes.splitlines() if line.strip()]

    @property
    def reference(self) -> str:
        """«№12-од от 01.10.2026» for a signed order."""
        if not self.number_text:
            return ""
        return f"№{self.number_text} от {self.order_date:%d.%m.%Y}"

    def subjects_of(self, model) -> models.QuerySet:
        """Objects of ``model`` this order is about."""
        content_type = ContentType.objects.get_for_model(model)
        ids = self.subjects.filter(content_type=content_type).values("object_id")
        return model._default_manager.filter(pk__in=ids)

    def _stored_as_signed(self) -> bool:
        return (
            self.pk is not None
            and type(self)._default_manager.filter(pk=self.pk, status=OrderStatus.SIGNED).exists()
        )


class OrderFile(models.Model):
    """The PDF rendered once at signing, stored in the database with its checksum.

    In the database rather than under MEDIA_ROOT: it is written in the signing transaction, so
    a signing that rolls back leaves no orphan file, backups hold order and file together, and
    no public media URL can ever serve it.
    """

    ORGANIZATION_PATH = "order__organization"

    order = models.OneToOneField(Order, on_delete=models.PROTECT, related_name="file")
    content = models.BinaryField(_("PDF"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    size = models.PositiveIntegerField(_("размер, байт"))
    created_at = models.DateTimeField(_("создан"), auto_now_add=True)

    class Meta:
        verbose_name = _("файл подписанного приказа")
        verbose_name_plural = _("файлы подписанных приказов")

    def __str__(self) -> str:
        return f"{self.order_id}: {self.sha256[:12]}…"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise FrozenOrderError()
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise FrozenOrderError()


class OrderSubject(models.Model):
    """An object an order is about (a pair, a program, a mentor entry…)."""

    ORGANIZATION_PATH = "order__organization"

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="subjects")
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT)
    object_id = models.PositiveBigIntegerField()
    subject = GenericForeignKey("content_type", "object_id")

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("предмет приказа")
        verbose_name_plural = _("предметы приказов")
        constraints = [
            models.UniqueConstraint(
                fields=["order", "content_type", "object_id"], name="order_subject_unique"
            )
        ]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.content_type_id}:{self.object_id}"


class OrderPerson(models.Model):
    """A person named in an order, who acknowledges it («ознакомлен(а)»)."""

    ORGANIZATION_PATH = "order__organization"

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="people")
    staff = models.ForeignKey(
        StaffMember, on_delete=models.PROTECT, related_name="order_links", verbose_name=_("кто")
    )
    acknowledged_at = models.DateTimeField(_("ознакомлен(а)"), null=True, blank=True)
    acknowledged_ip = models.GenericIPAddressField(null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("ознакомление с приказом")
        verbose_name_plural = _("ознакомление с приказами")
        ordering = ["staff__search_name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["order", "staff"], name="order_person_unique")
        ]

    def __str__(self) -> str:
        return f"{self.staff} — {self.order_id}"


class NormativeDocument(models.Model):
    """A document of the normative base (Положение, методические рекомендации…), uploaded."""

    organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        related_name="normative_documents",
        verbose_name=_("организация"),
    )
    title = models.CharField(_("название"), max_length=300)
    file_name = models.CharField(_("имя файла"), max_length=255)
    content = models.BinaryField(_("файл"))
    content_type = models.CharField(max_length=100, default="application/octet-stream")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("загружен"), auto_now_add=True)

    history = HistoricalRecords(excluded_fields=["content"])

    class Meta:
        verbose_name = _("нормативный документ")
        verbose_name_plural = _("нормативные документы")
        ordering = ["-uploaded_at"]

    def __str__(self) -> str:
        return self.title


class AgreementStatus(models.TextChoices):
    DRAFT = "draft", _("Проект")
    DIRECTOR_SIGNED = "director_signed", _("Подписано руководителем")
    SIGNED = "signed", _("Подписано сторонами")


class AgreementPay(models.TextChoices):
    PAID = "paid", _("Доплата за наставничество")
    UNPAID = "unpaid", _("Без доплаты (указать основание)")


class MentorAgreement(models.Model):
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
        _("оплата"), max_length=10, choices=AgreementPay.choices, default=AgreementPay.PAID
    )
    pay_terms = models.CharField(
        _("размер доплаты или основание без доплаты"),
        max_length=500,
        help_text=_(
            "Например: «доплата 15 % должностного оклада ежемесячно» или основание, по которому "
            "наставничество не оплачивается."
        ),
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
    verify_code = models.CharField(
        _("код проверки"), max_length=32, null=True, blank=True, unique=True
    )
    pdf = models.BinaryField(_("PDF"), null=True, blank=True, editable=False)
    pdf_sha256 = models.CharField(_("SHA-256 файла"), max_length=64, blank=True)

    history = HistoricalRecords(excluded_fields=["pdf"])

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

    def __str__(self) -> str:
        number = f" № {self.number}" if self.number else ""
        return f"Дополнительное соглашение{number}: {self.mentor.short_name}"

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


class RoadmapVersionStatus(models.TextChoices):
    DRAFT = "draft", _("Проект")
    APPROVED = "approved", _("Утверждена")


class RoadmapVersion(models.Model):
    """One edition of the organization's roadmap for a cycle: drafted by the curator, approved
    by the director with the simple e-signature, then frozen (seed 002 §4.4.4).

    A later change is a new version; the latest approved one drives the live progress and the
    annex of the order introducing the model.
    """

    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="+", verbose_name=_("организация")
    )
    cycle = models.ForeignKey(
        Cycle, on_delete=models.PROTECT, related_name="roadmap_versions", verbose_name=_("цикл")
    )
    number = models.PositiveSmallIntegerField(_("редакция"))
    status = models.CharField(
        _("статус"),
        max_length=10,
        choices=RoadmapVersionStatus.choices,
        default=RoadmapVersionStatus.DRAFT,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("создана"), auto_now_add=True)
    approved_at = models.DateTimeField(_("утверждена"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    approver_name = models.CharField(_("ФИО утвердившего"), max_length=300, blank=True)
    approved_ip = models.GenericIPAddressField(_("IP-адрес"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("редакция дорожной карты")
        verbose_name_plural = _("редакции дорожной карты")
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["cycle", "number"], name="roadmap_version_number"),
            models.UniqueConstraint(
                fields=["cycle"],
                condition=Q(status="draft"),
                name="roadmap_version_one_draft",
                violation_error_message=_("У дорожной карты уже есть проект новой редакции."),
            ),
        ]

    def __str__(self) -> str:
        return f"Дорожная карта, редакция {self.number} ({self.get_status_display().lower()})"

    @property
    def is_draft(self) -> bool:
        return self.status == RoadmapVersionStatus.DRAFT


class RoadmapStageRow(models.Model):
    """A stage of one roadmap version: its dates and the people responsible."""

    ORGANIZATION_PATH = "version__organization"

    version = models.ForeignKey(RoadmapVersion, on_delete=models.CASCADE, related_name="stages")
    stage_number = models.PositiveSmallIntegerField(_("этап"))
    starts_on = models.DateField(_("начало"))
    ends_on = models.DateField(_("окончание"))
    responsible = models.CharField(_("ответственные"), max_length=300)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("этап дорожной карты")
        verbose_name_plural = _("этапы дорожной карты")
        ordering = ["stage_number"]
        constraints = [
            models.UniqueConstraint(
                fields=["version", "stage_number"], name="roadmap_stage_row_once"
            ),
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")),
                name="roadmap_stage_row_ends_after_start",
                violation_error_message=_("Окончание этапа не может быть раньше его начала."),
            ),
        ]

    def __str__(self) -> str:
        return f"Этап {self.stage_number}"


class RoadmapEvent(models.Model):
    """An event the organization adds to its roadmap; the curator marks it done with a date."""

    ORGANIZATION_PATH = "version__organization"

    version = models.ForeignKey(RoadmapVersion, on_delete=models.CASCADE, related_name="events")
    stage_number = models.PositiveSmallIntegerField(_("этап"))
    title = models.CharField(_("мероприятие"), max_length=500)
    due_on = models.DateField(_("срок"))
    responsible = models.CharField(_("ответственный"), max_length=300)
    expected_result = models.CharField(_("ожидаемый результат"), max_length=500)
    done_on = models.DateField(_("выполнено"), null=True, blank=True)
    # The same event in the previous version: its «done» mark carries over on approval.
    copied_from = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("мероприятие дорожной карты")
        verbose_name_plural = _("мероприятия дорожной карты")
        ordering = ["stage_number", "due_on", "pk"]

    def __str__(self) -> str:
        return self.title
