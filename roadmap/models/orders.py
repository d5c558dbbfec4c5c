"""Orders of the organization: their journal, people and subjects, and the signed file.

A signed order is frozen: ``Order.save()`` and ``Order.delete()`` refuse a row whose stored
status is «signed», the queryset refuses bulk deletes of signed rows, and the admin is read-only
for it. A change is a new order with ``refers_to``.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.history import HistoricalRecords
from core.models import Organization
from core.signing.models import SignedDocument
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
    COUNCIL_COMPOSITION = (
        "council_composition",
        _("Об утверждении состава методического совета наставников"),
    )


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


class Order(SignedDocument):
    """An order (приказ) of the organization: drafted, sent, returned or signed.

    Its signed PDF lives in ``OrderFile``, not on the row (``pdf = None``).
    """

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
    pdf = None
    search_text = models.TextField(editable=False, default="")

    objects = OrderQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["search_text", "signed_html"])

    SIGNED_AT = "signed_at"
    SIGNED_BY = "signed_by"
    SIGNED_IP = "signed_ip"

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
            # The signature records the number and the signed text in the request; the worker
            # adds the file right after (orders signed before then had their file at once).
            # ``check_invariants`` reports a signed order still without its file.
            models.CheckConstraint(
                condition=~Q(status="signed")
                | (Q(number__isnull=False) & (Q(text_sha256__gt="") | Q(pdf_sha256__gt=""))),
                name="order_signed_has_number_and_text",
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
            return f"Приказ № {self.number_text} от {self.order_date:%d.%m.%Y}"
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
        """«№ 12-од от 01.10.2026» for a signed order."""
        if not self.number_text:
            return ""
        return f"№ {self.number_text} от {self.order_date:%d.%m.%Y}"

    def subjects_of(self, model) -> models.QuerySet:
        """Objects of ``model`` this order is about."""
        content_type = ContentType.objects.get_for_model(model)
        ids = self.subjects.filter(content_type=content_type).values("object_id")
        return model._default_manager.filter(pk__in=ids)

    def signed_pdf(self) -> bytes | None:
        file = OrderFile.objects.filter(order=self).only("content").first()
        return bytes(file.content) if file is not None else None

    def _attach(self, content: bytes, digest: str) -> None:
        """The worker's PDF as the order's ``OrderFile`` (``attach_pdf`` holds the row lock)."""
        OrderFile.objects.create(order=self, content=content, sha256=digest, size=len(content))

    def _stored_as_signed(self) -> bool:
        return (
            self.pk is not None
            and type(self)._default_manager.filter(pk=self.pk, status=OrderStatus.SIGNED).exists()
        )


class OrderFile(models.Model):
    """The PDF rendered once from the signed text, stored in the database with its checksum.

    In the database rather than under MEDIA_ROOT: the worker writes it with the order's checksum
    in one transaction, backups hold order and file together, and no public media URL can ever
    serve it.
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
    acknowledged_at = models.DateTimeField(_("дата ознакомления"), null=True, blank=True)
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
