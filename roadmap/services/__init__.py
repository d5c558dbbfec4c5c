"""Writes of the roadmap app, by topic: orders up to signing, signing, the normative base.

Everything is re-exported here, so callers keep writing ``services.order_sign(...)``.
"""

from roadmap.services.documents import MAX_DOCUMENT_BYTES, normative_document_add
from roadmap.services.order_signing import (
    order_acknowledge,
    order_pdf_context,
    order_preview_pdf,
    order_sign,
)
from roadmap.services.orders import (
    ALLOWED,
    DEFAULT_ANNEXES,
    DOCUMENT_KINDS,
    DRAFTING_ROLES,
    KINDS_NEEDING_PEOPLE,
    initials_first,
    journal_year,
    order_delete,
    order_draft,
    order_return,
    order_send,
    order_update,
)

__all__ = [
    "ALLOWED",
    "DEFAULT_ANNEXES",
    "DOCUMENT_KINDS",
    "DRAFTING_ROLES",
    "KINDS_NEEDING_PEOPLE",
    "MAX_DOCUMENT_BYTES",
    "initials_first",
    "journal_year",
    "normative_document_add",
    "order_acknowledge",
    "order_delete",
    "order_draft",
    "order_pdf_context",
    "order_preview_pdf",
    "order_return",
    "order_send",
    "order_sign",
    "order_update",
]
