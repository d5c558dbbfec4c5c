"""A kindergarten's section: found by its address, its parts cached, long lists paged."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from django.core.paginator import Paginator
from django.db.models import Count, QuerySet

from core.cache import EVERYTHING, org_cached, shared_cached
from core.compiled import rows_of
from core.models import Organization
from programs.models import Program, ProgramStatus
from public.models import PublicSettings
from public.selectors.cards import Paged, Site

LIST_LIMIT = 200
SITE_READS = ("org", "public")  # the organization, its municipality, its section's settings
RUNNING = (ProgramStatus.APPROVED, ProgramStatus.IN_PROGRESS)
FINISHED = (ProgramStatus.COMPLETED, ProgramStatus.ENDED_EARLY)


def cached_part(org_id: int, part: str, build: Callable, *, reads: Iterable[str] = EVERYTHING):
    """A part of one organization's section, kept until the organization writes to the groups
    of tables it reads (``core.cache``: ``reads`` names them; everything by default)."""
    return org_cached(org_id, f"public:{part}", build, reads=reads)


def program_counts(org_id: int) -> dict[str, int]:
    """How many programs of the organization are in each status (one aggregate, kept until a
    program changes)."""
    return cached_part(
        org_id,
        "program-counts",
        lambda: dict(
            rows_of(
                ("public:program-counts", org_id),
                lambda: (
                    Program.objects.filter(organization_id=org_id)
                    .values_list("status")
                    .annotate(n=Count("pk"))
                    .order_by()
                ),
            )
        ),
        reads=("programs",),
    )


def site_for_slug(slug: str) -> Site | None:
    """The active organization behind a slug, or None (the page answers 404)."""
    active = Organization.objects.filter(slug=slug, is_active=True)
    org_id = shared_cached(
        f"public:slug:{slug}",
        lambda: active.values_list("pk", flat=True).first() or 0,
        reads=("org",),
    )
    if not org_id:
        return None
    return cached_part(org_id, "site", lambda: _build_site(org_id), reads=SITE_READS)


def _build_site(org_id: int) -> Site | None:
    org = (
        Organization.objects.select_related("municipality", "public_settings")
        .filter(is_active=True, pk=org_id)
        .first()
    )
    if org is None:
        return None
    try:
        settings = org.public_settings
    except PublicSettings.DoesNotExist:
        settings = None
    contact = settings.curator_contact if settings and settings.curator_contact else ""
    if not contact:
        contact = ", ".join(part for part in (org.phone, org.email) if part)
    return Site(
        id=org.pk,
        slug=org.slug,
        short_name=org.short_name,
        full_name=org.full_name,
        address=org.address,
        phone=org.phone,
        email=org.email,
        curator_contact=contact,
        intro=settings.intro if settings else "",
        origins=tuple(settings.origins) if settings else (),
        municipality_slug=org.municipality.slug if org.municipality else "",
    )


def all_sites() -> list[Site]:
    """Every active organization's section, for the sitemap."""
    slugs = (
        Organization.objects.filter(is_active=True).order_by("pk").values_list("slug", flat=True)
    )
    return [s for s in (site_for_slug(slug) for slug in slugs) if s is not None]


def paged(
    store: Callable,
    part: str,
    number,
    *,
    per_page: int,
    count: Callable[[], int] | int,
    rows: Callable[[], QuerySet],
    cards: Callable[[QuerySet], tuple],
) -> Paged:
    """One page of the list ``rows()`` by Django's rules: a number that is not one gives the
    first page, one past the end the last. The length (unless given as a number, read from a
    part already kept) and each page (under its real number) are cached; querysets are built
    only when the cache misses."""
    length = count if isinstance(count, int) else store(f"{part}:count", count)
    page = Paginator(range(length), per_page).get_page(number)
    span = page.object_list  # the page's positions in the list
    return store(
        f"{part}:{page.number}",
        lambda: Paged(cards(rows()[span.start : span.stop]), page.number, length, per_page),
    )
