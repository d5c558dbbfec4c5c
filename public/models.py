"""The public section of the kindergarten's site (seed 002 §9): settings, news, files, final event.

Binary contents are excluded from history: the history keeps who changed what, not every upload.
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.history import HistoricalRecords
from core.models import Organization, User
from core.models.base import OrganizationOwned


class PublicSettings(models.Model):
    """What the organization shows about itself and which sites may embed the section."""

    organization = models.OneToOneField(
        Organization,
        on_delete=models.CASCADE,
        related_name="public_settings",
        verbose_name=_("организация"),
    )
    curator_contact = models.CharField(
        _("контакт куратора"),
        max_length=300,
        blank=True,
        help_text=_("Должность, телефон, электронная почта. Пустое поле — контакты организации."),
    )
    intro = models.TextField(_("о системе наставничества в ДОУ"), blank=True)
    frame_ancestors = models.TextField(
        _("сайты, которые могут встраивать раздел"),
        blank=True,
        help_text=_("По одному адресу в строке, например https://ds20.example.ru"),
    )
    updated_at = models.DateTimeField(_("изменено"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("настройки публичного раздела")
        verbose_name_plural = _("настройки публичного раздела")

    def __str__(self) -> str:
        return f"Публичный раздел: {self.organization}"

    @property
    def origins(self) -> list[str]:
        return [
            line.strip().rstrip("/") for line in self.frame_ancestors.splitlines() if line.strip()
        ]


class NewsItem(OrganizationOwned):
    """A news item or an announcement: a draft until the curator publishes it."""

    organization_related_name = "news"
    organization_on_delete = models.CASCADE
    title = models.CharField(_("заголовок"), max_length=300)
    body = models.TextField(_("текст"))
    is_announcement = models.BooleanField(_("анонс мероприятия"), default=False)
    image = models.BinaryField(_("изображение"), null=True, blank=True)
    image_type = models.CharField(max_length=40, blank=True)
    image_alt = models.CharField(_("описание изображения"), max_length=300, blank=True)
    published_at = models.DateTimeField(_("опубликовано"), null=True, blank=True)
    created_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("создано"), auto_now_add=True)
    updated_at = models.DateTimeField(_("изменено"), auto_now=True)

    history = HistoricalRecords(excluded_fields=["image"])

    class Meta:
        verbose_name = _("новость")
        verbose_name_plural = _("новости и анонсы")
        ordering = ["-published_at", "-created_at"]
        indexes = [
            models.Index(fields=["organization", "-published_at"], name="news_org_published")
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_published(self) -> bool:
        return self.published_at is not None


class FileKind(models.TextChoices):
    NORMATIVE = "normative", _("Нормативный документ")
    MATERIAL = "material", _("Методический материал")
    EVENT = "event", _("Материал итогового мероприятия")


class DocumentLevel(models.TextChoices):
    FEDERAL = "federal", _("Федеральный уровень")
    REGIONAL = "regional", _("Региональный уровень")
    MUNICIPAL = "municipal", _("Муниципальный уровень")
    LOCAL = "local", _("Локальные акты ДОУ")


class PublicFile(OrganizationOwned):
    """A document, a methodical material or a material of the final event: a file or a link."""

    organization_related_name = "public_files"
    organization_on_delete = models.CASCADE
    kind = models.CharField(_("раздел"), max_length=20, choices=FileKind.choices)
    level = models.CharField(_("уровень"), max_length=20, choices=DocumentLevel.choices, blank=True)
    title = models.CharField(_("название"), max_length=300)
    description = models.TextField(_("описание"), blank=True)
    url = models.URLField(_("ссылка"), max_length=500, blank=True)
    file_name = models.CharField(_("имя файла"), max_length=255, blank=True)
    content = models.BinaryField(_("файл"), null=True, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    size = models.PositiveIntegerField(_("размер, байт"), default=0)
    final_event = models.ForeignKey(
        "public.FinalEvent",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="materials",
        verbose_name=_("итоговое мероприятие"),
    )
    published_at = models.DateTimeField(_("опубликовано"), null=True, blank=True)
    created_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("добавлено"), auto_now_add=True)

    history = HistoricalRecords(excluded_fields=["content"])

    class Meta:
        verbose_name = _("документ или материал")
        verbose_name_plural = _("документы и материалы")
        ordering = ["kind", "level", "title"]
        indexes = [models.Index(fields=["organization", "kind"], name="publicfile_org_kind")]
        constraints = [
            models.CheckConstraint(
                condition=~Q(url="") | ~Q(file_name=""),
                name="publicfile_has_file_or_link",
                violation_error_message=_("Загрузите файл или укажите ссылку."),
            )
        ]

    def __str__(self) -> str:
        return self.title


class EventKind(models.TextChoices):
    CONFERENCE = "conference", _("Конференция")
    SEMINAR = "seminar", _("Семинар")
    ROUND_TABLE = "round_table", _("Круглый стол")


class EventFormat(models.TextChoices):
    IN_PERSON = "in_person", _("Очно")
    ONLINE = "online", _("Онлайн")
    MIXED = "mixed", _("Очно и онлайн")


class FinalEvent(OrganizationOwned):
    """The final event of a cycle that selects the best practices (seed 002, roadmap item 6)."""

    organization_related_name = "final_events"
    organization_on_delete = models.CASCADE
    cycle = models.ForeignKey(
        "roadmap.Cycle", on_delete=models.CASCADE, related_name="+", verbose_name=_("цикл")
    )
    kind = models.CharField(_("вид"), max_length=20, choices=EventKind.choices)
    title = models.CharField(_("тема"), max_length=300)
    held_on = models.DateField(_("дата проведения"))
    format = models.CharField(
        _("формат"), max_length=20, choices=EventFormat.choices, default=EventFormat.IN_PERSON
    )
    participants_count = models.PositiveSmallIntegerField(_("участников"), default=0)
    participant_roles = models.CharField(
        _("кто участвовал"),
        max_length=500,
        blank=True,
        help_text=_("Без имён: например, «наставники, наставляемые, педагоги других ДОУ»."),
    )
    summary = models.TextField(_("итоги"), blank=True)
    best_cases = models.ManyToManyField(
        "programs.Case", blank=True, related_name="+", verbose_name=_("лучшие практики")
    )
    created_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(_("изменено"), auto_now=True)

    history = HistoricalRecords(m2m_fields=[best_cases])

    class Meta:
        verbose_name = _("итоговое мероприятие")
        verbose_name_plural = _("итоговые мероприятия")
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "cycle"], name="finalevent_one_per_cycle"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} «{self.title}»"
