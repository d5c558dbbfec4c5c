"""Writes of the public section: settings, news, files, cases shown, the final event.

Every write bumps the organization's cache version (through the model signals) so the visitor
sees the change on the next request.
"""

from __future__ import annotations

import io
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from core.audit import log_action, register_actions
from core.files import CONTENT_TYPES, FILE_SIGNATURES, content_matches
from core.models import Organization, User
from programs.models import Case, ProgramStatus
from public.models import FileKind, FinalEvent, NewsItem, PublicFile, PublicSettings
from roadmap.models import Cycle

MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_IMAGE_BYTES = 3 * 1024 * 1024
IMAGE_FORMATS = {"JPEG": "image/jpeg", "PNG": "image/png"}


register_actions(
    {
        "public.settings.saved": "Настройки публичного раздела сохранены",
        "public.news.saved": "Новость сохранена",
        "public.news.published": "Новость опубликована",
        "public.news.unpublished": "Новость снята с публикации",
        "public.news.deleted": "Новость «{title}» удалена",
        "public.file.added": "Документ или материал добавлен",
        "public.file.deleted": "Документ или материал «{title}» удалён",
        "public.case.shown": "Кейс показан в публичном разделе",
        "public.case.hidden": "Кейс скрыт из публичного раздела",
        "public.final_event.saved": "Итоговое мероприятие сохранено",
    }
)


# --- checking uploads by content ------------------------------------------------------------


def check_file(upload, *, field: str = "upload") -> tuple[bytes, str]:
    """The bytes and content type of an office document, PDF or picture, checked by content."""
    suffix = Path(upload.name).suffix.lower()
    if suffix not in FILE_SIGNATURES:
        raise ValidationError(
            {
                field: "Такой файл загрузить нельзя: подойдут PDF, DOC, DOCX, ODT, XLS, XLSX, PPT, "
                "PPTX, JPG или PNG."
            },
            code="file_type",
        )
    if upload.size > MAX_FILE_BYTES:
        raise ValidationError(
            {field: "Файл больше 10 МБ: сожмите его или опубликуйте ссылку на него."},
            code="file_size",
        )
    upload.seek(0)
    content = upload.read()
    if not content.startswith(FILE_SIGNATURES[suffix]):
        raise ValidationError(
            {
                field: f"Файл называется «{upload.name}», но внутри не {suffix[1:].upper()}: "
                "сохраните документ заново в нужном формате."
            },
            code="file_content",
        )
    if suffix in (".jpg", ".jpeg", ".png"):
        _image_format(content, field=field, name=upload.name)
    elif not content_matches(content, suffix):  # a ZIP that holds no office document
        raise ValidationError(
            {
                field: f"Файл называется «{upload.name}», но внутри не {suffix[1:].upper()}: "
                "сохраните документ заново в нужном формате."
            },
            code="file_content",
        )
    return content, CONTENT_TYPES[suffix]


def _image_format(content: bytes, *, field: str, name: str) -> str:
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(content)) as image:
            image.verify()
            fmt = image.format
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        fmt = None
    if fmt not in IMAGE_FORMATS:
        raise ValidationError(
            {
                field: f"Файл «{name}» не является изображением JPG или PNG: выберите фотографию "
                "или картинку в одном из этих форматов."
            },
            code="image_content",
        )
    return fmt


def check_image(upload, *, field: str = "image") -> tuple[bytes, str]:
    """The bytes and content type of a JPG or PNG picture, checked by what is inside."""
    if upload.size > MAX_IMAGE_BYTES:
        raise ValidationError(
            {field: "Изображение больше 3 МБ: уменьшите его и загрузите снова."},
            code="image_size",
        )
    upload.seek(0)
    content = upload.read()
    fmt = _image_format(content, field=field, name=upload.name)
    return content, IMAGE_FORMATS[fmt]


# --- settings ------------------------------------------------------------------------------


def settings_for(organization: Organization) -> PublicSettings:
    settings, _ = PublicSettings.objects.get_or_create(organization=organization)
    return settings


@transaction.atomic
def settings_save(
    *,
    organization: Organization,
    curator_contact: str,
    intro: str,
    frame_ancestors: str,
    user: User,
) -> PublicSettings:
    settings = PublicSettings.objects.select_for_update().get(pk=settings_for(organization).pk)
    settings.curator_contact = curator_contact
    settings.intro = intro
    settings.frame_ancestors = frame_ancestors
    settings.full_clean()
    settings.save()
    log_action(settings, "public.settings.saved", actor=user)
    return settings


# --- news -----------------------------------------------------------------------------------


@transaction.atomic
def news_save(
    *,
    organization: Organization,
    user: User,
    title: str,
    body: str,
    is_announcement: bool = False,
    image=None,
    image_alt: str = "",
    remove_image: bool = False,
    item: NewsItem | None = None,
) -> NewsItem:
    """Create a draft or change a news item; a picture is checked by content."""
    if item is None:
        item = NewsItem(organization=organization, created_by=user)
    else:
        item = NewsItem.objects.select_for_update().get(pk=item.pk, organization=organization)
    item.title, item.body, item.is_announcement = title, body, is_announcement
    if image is not None:
        item.image, item.image_type = check_image(image)
    elif remove_image:
        item.image, item.image_type = None, ""
    item.image_alt = image_alt
    if item.image_type and not item.image_alt.strip():
        raise ValidationError(
            {
                "image_alt": "Опишите изображение в двух-трёх словах: это описание прочитают "
                "посетители, которые не видят картинку."
            },
            code="image_alt_required",
        )
    item.full_clean(exclude=["image"])
    item.save()
    log_action(item, "public.news.saved", actor=user)
    return item


@transaction.atomic
def news_publish(*, item: NewsItem, user: User, publish: bool = True) -> NewsItem:
    item = NewsItem.objects.select_for_update().get(pk=item.pk)
    if publish and item.published_at is None:
        item.published_at = timezone.now()
    elif not publish:
        item.published_at = None
    item.save(update_fields=["published_at", "updated_at"])
    log_action(item, "public.news.published" if publish else "public.news.unpublished", actor=user)
    return item


@transaction.atomic
def news_delete(*, item: NewsItem, user: User) -> None:
    log_action(item, "public.news.deleted", actor=user, title=item.title)
    NewsItem.objects.filter(pk=item.pk).delete()


# --- documents and materials ----------------------------------------------------------------


@transaction.atomic
def file_add(
    *,
    organization: Organization,
    user: User,
    kind: str,
    title: str,
    level: str = "",
    description: str = "",
    url: str = "",
    upload=None,
    final_event: FinalEvent | None = None,
) -> PublicFile:
    """Publish a document or material: an uploaded file (checked by content) or a link."""
    if kind == FileKind.NORMATIVE and not level:
        raise ValidationError(
            {
                "level": "Выберите уровень документа: федеральный, региональный, муниципальный или "
                "локальный."
            },
            code="level_required",
        )
    if upload is None and not url:
        raise ValidationError(
            {"upload": "Загрузите файл или укажите ссылку на документ."}, code="file_or_link"
        )
    item = PublicFile(
        organization=organization,
        kind=kind,
        level=level if kind == FileKind.NORMATIVE else "",
        title=title,
        description=description,
        url=url,
        final_event=final_event,
        created_by=user,
        published_at=timezone.now(),
    )
    if upload is not None:
        item.content, item.content_type = check_file(upload)
        item.file_name, item.size = Path(upload.name).name[:255], len(item.content)
    item.full_clean(exclude=["content", "final_event"])
    item.save()
    log_action(item, "public.file.added", actor=user)
    return item


@transaction.atomic
def file_delete(*, item: PublicFile, user: User) -> None:
    log_action(item, "public.file.deleted", actor=user, title=item.title)
    PublicFile.objects.filter(pk=item.pk).delete()


# --- cases shown ----------------------------------------------------------------------------


def case_show(*, case: Case, user: User, show: bool = True) -> Case:
    """Show or hide a case; only a finished program's case with both consents can be shown.

    The consent is checked again at every read (``selectors.visible_cases``).
    """
    from programs.services import case_publish

    if show and case.program.status not in (ProgramStatus.COMPLETED, ProgramStatus.ENDED_EARLY):
        raise ValidationError(
            "Кейс можно показать только после завершения программы.", code="program_not_finished"
        )
    case = case_publish(case=case, user=user, publish=show)
    log_action(case, "public.case.shown" if show else "public.case.hidden", actor=user)
    return case


# --- the final event ------------------------------------------------------------------------


@transaction.atomic
def final_event_save(
    *,
    organization: Organization,
    cycle: Cycle,
    user: User,
    data: dict,
    best_cases: list[Case],
) -> FinalEvent:
    """Record or change the final event of a cycle; best practices come from visible cases."""
    from public.selectors.cases import visible_cases

    visible = set(visible_cases(organization.pk).values_list("pk", flat=True))
    refused = [c for c in best_cases if c.pk not in visible]
    if refused:
        raise ValidationError(
            {
                "best_cases": "Лучшей практикой можно отметить только опубликованный кейс, на "
                "публикацию которого согласны оба участника."
            },
            code="case_not_visible",
        )
    event = (
        FinalEvent.objects.select_for_update()
        .filter(organization=organization, cycle=cycle)
        .first()
    )
    if event is None:
        event = FinalEvent(organization=organization, cycle=cycle, created_by=user)
    for name, value in data.items():
        setattr(event, name, value)
    event.full_clean()
    event.save()
    event.best_cases.set(best_cases)
    log_action(event, "public.final_event.saved", actor=user)
    return event
