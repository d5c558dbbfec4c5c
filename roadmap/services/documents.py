"""The normative base of the organization: uploaded documents."""

from __future__ import annotations

from django.core.exceptions import ValidationError

from core.files import CONTENT_TYPES, EVERY_KIND, check_upload, checked_kind
from core.models import Organization, User
from roadmap.models import (
    NormativeDocument,
)

MAX_DOCUMENT_BYTES = 10 * 1024 * 1024


def normative_document_add(
    *, organization: Organization, title: str, uploaded_file, actor: User
) -> NormativeDocument:
    """Add a document to the normative base of the organization."""
    title = (title or "").strip()
    if not title:
        raise ValidationError("Укажите название документа.", code="required")
    if uploaded_file is None:
        raise ValidationError("Выберите файл документа.", code="required")
    if uploaded_file.size > MAX_DOCUMENT_BYTES:
        raise ValidationError("Файл больше 10 МБ: загрузите файл поменьше.", code="too_big")
    # Checked by content, never by the uploader's word: the stored type is the checked kind's.
    content = check_upload(uploaded_file, allowed=EVERY_KIND)
    return NormativeDocument.objects.create(
        organization=organization,
        title=title,
        file_name=uploaded_file.name[:255],
        content=content,
        content_type=CONTENT_TYPES[checked_kind(content, uploaded_file.name)],
        uploaded_by=actor,
    )
