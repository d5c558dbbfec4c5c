"""The kinds of signed documents, registered by the apps that own them.

An app describes each of its documents in ``<app>/signed_documents.py``::

    from core.signing.registry import DocumentKind, register

    register(
        DocumentKind(
            name="report",
            model=CycleReport,
            verify_title="Проверка итогового отчёта",
            genitive="отчёта",
            not_found="Отчёт с таким кодом проверки не найден.",
            details_template="monitoring/verify/report.html",
            pdf_template="monitoring/pdf/report.html",
            pdf_context=approved_context,
            signed=Q(status="approved"),
            can_download=can_download_report,
            file_name=lambda report: f"otchet-{report.year_start}.pdf",
        )
    )

The modules are found by ``core.plugins.autodiscover("signed_documents")`` the first time
a kind is asked for; this package never imports the apps.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.db.models import Q

from core.plugins import autodiscover


@dataclass(frozen=True)
class DocumentKind:
    """One kind of signed document: its model, its texts, its PDF and who may download it."""

    name: str
    model: type
    # «Проверка подписанного приказа», «приказа», «Приказ с таким кодом проверки не найден.»
    verify_title: str
    genitive: str
    not_found: str
    # A fragment showing the document's details on the verify page (``document`` in context).
    details_template: str
    pdf_template: str
    pdf_context: Callable
    # Rows that count as signed: only those can be verified or downloaded.
    signed: Q
    # A named rule ``(user, document) -> bool`` for the download (None: every member let in).
    can_download: Callable | None
    file_name: Callable
    # Roles that may download the file at all (None: any member); then ``can_download``.
    roles: frozenset | None = None
    # Related objects the verify page shows, for ``select_related``.
    related: tuple[str, ...] = ("organization",)
    defer: tuple[str, ...] = field(default=("pdf", "signed_html"))
    # The URL name of the download (``args=[pk]``), linked once the worker stored the PDF.
    download: str = ""

    def signed_rows(self):
        queryset = self.model._default_manager.filter(self.signed).select_related(*self.related)
        return queryset.defer(*self.defer) if self.defer else queryset


_KINDS: dict[str, DocumentKind] = {}


def register(kind: DocumentKind) -> DocumentKind:
    """Add a kind; registering the same name twice with another model is a mistake."""
    existing = _KINDS.get(kind.name)
    if existing is not None and existing.model is not kind.model:
        raise ValueError(f"Signed document kind {kind.name!r} is already registered.")
    _KINDS[kind.name] = kind
    return kind


def kinds() -> dict[str, DocumentKind]:
    """Every registered kind, after the apps' ``signed_documents`` modules are imported."""
    autodiscover("signed_documents")
    return dict(_KINDS)


def get_kind(name: str) -> DocumentKind:
    """The kind registered as ``name``; an unknown name raises ``LookupError``."""
    try:
        return kinds()[name]
    except KeyError:
        raise LookupError(f"Unknown signed document kind {name!r}.") from None


def kind_of(document) -> DocumentKind:
    """The kind whose model ``document`` is an instance of."""
    for kind in kinds().values():
        if isinstance(document, kind.model):
            return kind
    raise LookupError(f"{type(document).__name__} is not a registered signed document.")


def find_by_code(code: str) -> tuple[DocumentKind, object] | None:
    """The signed document with this verification code, of whatever kind."""
    for kind in kinds().values():
        document = kind.signed_rows().filter(verify_code=code).first()
        if document is not None:
            return kind, document
    return None


def find_by_digest(digest: str) -> tuple[DocumentKind, object] | None:
    """The signed document whose stored PDF, or whose signed text, has this SHA-256."""
    if not digest:
        return None
    for kind in kinds().values():
        rows = kind.signed_rows().filter(Q(pdf_sha256=digest) | Q(text_sha256=digest))
        document = rows.first()
        if document is not None:
            return kind, document
    return None
