"""«Документы» and «Методические материалы»: published files and the local acts signed here."""

from __future__ import annotations

from functools import partial

from django.db.models import QuerySet

from public.models import FileKind, PublicFile
from public.selectors.cards import Documents, FileCard, LocalAct, Paged, Site
from public.selectors.site import LIST_LIMIT, cached_part, paged
from roadmap.models import Order, OrderKind, OrderStatus

LOCAL_ACTS_PER_PAGE = 50
# Local acts signed in the system that appear in «Документы» on their own.
LOCAL_ACT_KINDS = (
    OrderKind.APPROVE_REGULATION,
    OrderKind.ESIGN_REGULATION,
    OrderKind.INTRODUCE_MODEL,
)


def published_files(org_id: int) -> QuerySet[PublicFile]:
    return PublicFile.objects.filter(organization_id=org_id, published_at__isnull=False).defer(
        "content"
    )


def file_card(f: PublicFile) -> FileCard:
    return FileCard(
        id=f.pk,
        title=f.title,
        description=f.description,
        url=f.url,
        file_name=f.file_name,
        size=f.size,
        level=f.level,
        level_label=f.get_level_display() if f.level else "",
        published_at=f.published_at,
    )


def documents(site: Site) -> Documents:
    return cached_part(site.id, "documents", lambda: _build_documents(site.id), reads=("public",))


def _build_documents(org_id: int) -> Documents:
    from public.models import DocumentLevel

    files = [
        file_card(f) for f in published_files(org_id).filter(kind=FileKind.NORMATIVE)[:LIST_LIMIT]
    ]
    by_level = tuple(
        (value, str(label), tuple(f for f in files if f.level == value))
        for value, label in DocumentLevel.choices
    )
    return Documents(by_level=by_level)


def local_acts_page(site: Site, number) -> Paged:
    """A page of the local acts signed in the system, oldest first."""

    def listed() -> QuerySet[Order]:
        return Order.objects.filter(
            organization_id=site.id, kind__in=LOCAL_ACT_KINDS, status=OrderStatus.SIGNED
        )

    labels = dict(OrderKind.choices)
    return paged(
        partial(cached_part, site.id, reads=("roadmap",)),
        "local-acts",
        number,
        per_page=LOCAL_ACTS_PER_PAGE,
        count=lambda: listed().count(),
        rows=lambda: (
            listed()
            .only("kind", "number_text", "order_date", "verify_code")
            .order_by("order_date", "pk")
        ),
        cards=lambda rows: tuple(
            LocalAct(
                label=str(labels[o.kind]),
                reference=o.reference,
                order_date=o.order_date,
                verify_code=o.verify_code,
            )
            for o in rows
        ),
    )


def materials(site: Site) -> tuple[FileCard, ...]:
    return cached_part(
        site.id,
        "materials",
        lambda: tuple(
            file_card(f)
            for f in published_files(site.id)
            .filter(kind=FileKind.MATERIAL)
            .order_by("-published_at")[:LIST_LIMIT]
        ),
        reads=("public",),
    )


def published_file(site: Site, pk: int) -> PublicFile | None:
    """A published file's content for download (links have no content and answer None)."""
    return (
        PublicFile.objects.filter(
            organization_id=site.id, pk=pk, published_at__isnull=False, content__isnull=False
        )
        .exclude(file_name="")
        .only("file_name", "content_type", "content")
        .first()
    )
