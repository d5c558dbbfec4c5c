"""The only reads public pages make: published, consented and de-personalized data.

Every function returns plain frozen dataclasses (never model instances), so a template cannot
follow a relation to a person. Nothing here reads a name: programs are described by form, role
model, directions, dates and stage; cases only when the program is finished, the curator shows
the case, and every participant has an active consent to publication and has not withdrawn the
personal-data consent. Results are kept by ``mentoring.cache`` (any write to what they read
makes them stale at once); a municipality's page gathers the same cases from all its
kindergartens. Long lists come one page
at a time (``Paged``), by Django's paginator rules.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import partial

from django.core.paginator import Paginator
from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery
from django.urls import reverse
from django.utils import timezone

from mentoring.cache import org_cached, orgs_cached, shared_cached
from mentoring.models import (
    Consent,
    ConsentKind,
    Direction,
    MentoringForm,
    Municipality,
    Organization,
)
from programs.models import Case, PlanRow, Program, ProgramStatus
from public.models import FileKind, FinalEvent, NewsItem, PublicFile, PublicSettings
from roadmap.models import Cycle, Order, OrderKind, OrderStatus

LIST_LIMIT = 200
PROGRAMS_PER_PAGE = 25
LOCAL_ACTS_PER_PAGE = 50
AREA_CASES_PER_PAGE = 20
RUNNING = (ProgramStatus.APPROVED, ProgramStatus.IN_PROGRESS)
FINISHED = (ProgramStatus.COMPLETED, ProgramStatus.ENDED_EARLY)
# Local acts signed in the system that appear in «Документы» on their own.
LOCAL_ACT_KINDS = (
    OrderKind.APPROVE_REGULATION,
    OrderKind.ESIGN_REGULATION,
    OrderKind.INTRODUCE_MODEL,
)


@dataclass(frozen=True)
class Site:
    id: int
    slug: str
    short_name: str
    full_name: str
    address: str
    phone: str
    email: str
    curator_contact: str
    intro: str
    origins: tuple[str, ...] = ()
    municipality_slug: str = ""


@dataclass(frozen=True)
class StageCard:
    number: int
    title: str
    starts_on: dt.date
    ends_on: dt.date
    percent: int
    connected: bool
    complete: bool


@dataclass(frozen=True)
class About:
    cycle_title: str
    cycle_starts_on: dt.date
    cycle_ends_on: dt.date
    stages: tuple[StageCard, ...]
    programs_running: int
    programs_finished: int
    cases: int


@dataclass(frozen=True)
class ProgramCard:
    kind: str
    participants_form: str
    forms: tuple[str, ...]
    role_model: str
    directions: tuple[str, ...]
    starts_on: dt.date
    ends_on: dt.date
    stage: str
    case_id: int | None = None


@dataclass(frozen=True)
class CaseCard:
    id: int
    form_and_role_model: str
    given: str
    need: str
    who_needed: str
    results: str
    stages: tuple[tuple[int, str, str], ...]
    starts_on: dt.date
    ends_on: dt.date


@dataclass(frozen=True)
class FileCard:
    id: int
    title: str
    description: str
    url: str
    file_name: str
    size: int
    level: str
    level_label: str
    published_at: dt.datetime | None


@dataclass(frozen=True)
class LocalAct:
    label: str
    reference: str
    order_date: dt.date | None
    verify_code: str


@dataclass(frozen=True)
class EventCard:
    kind: str
    title: str
    held_on: dt.date
    format: str
    participants_count: int
    participant_roles: str
    summary: str
    cycle_title: str
    materials: tuple[FileCard, ...] = ()
    best_case_ids: tuple[int, ...] = ()


@dataclass(frozen=True)
class NewsCard:
    id: int
    title: str
    body: str
    published_at: dt.datetime
    is_announcement: bool
    has_image: bool
    image_alt: str


@dataclass(frozen=True)
class Documents:
    by_level: tuple[tuple[str, str, tuple[FileCard, ...]], ...]


@dataclass(frozen=True)
class Practices:
    cases: tuple[CaseCard, ...]
    events: tuple[EventCard, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class Paged:
    """One page of a long list as plain data (Django's ``Page`` holds a queryset: not cached)."""

    items: tuple
    number: int
    count: int
    per_page: int

    def paginator(self) -> Paginator:
        """Django's paginator over the list's length, for the page links."""
        return Paginator(range(self.count), self.per_page)


@dataclass(frozen=True)
class Kindergarten:
    id: int
    slug: str
    short_name: str
    url: str  # its public section; links are made once, when the card is cached
    cases: int = 0


@dataclass(frozen=True)
class Area:
    """A municipality and its kindergartens that have a public section (active ones)."""

    id: int
    slug: str
    name: str
    kindergartens: tuple[Kindergarten, ...]


@dataclass(frozen=True)
class AreaLink:
    slug: str
    name: str
    kindergartens: int


@dataclass(frozen=True)
class AreaCaseCard:
    id: int
    url: str
    kindergarten_url: str
    kindergarten_name: str
    form_and_role_model: str
    need: str
    starts_on: dt.date
    ends_on: dt.date


# --- the organization -----------------------------------------------------------------------


def _cached(org_id: int, part: str, build: Callable):
    """A part of one organization's section, kept until the organization's data changes."""
    return org_cached(org_id, f"public:{part}", build)


def site_for_slug(slug: str) -> Site | None:
    """The active organization behind a slug, or None (the page answers 404)."""
    active = Organization.objects.filter(slug=slug, is_active=True)
    org_id = shared_cached(
        f"public:slug:{slug}", lambda: active.values_list("pk", flat=True).first() or 0
    )
    if not org_id:
        return None
    return _cached(org_id, "site", lambda: _build_site(org_id))


def _build_site(org_id: int) -> Site | None:
    active = Organization.objects.select_related("municipality").filter(is_active=True)
    org = active.filter(pk=org_id).first()
    if org is None:
        return None
    settings = PublicSettings.objects.filter(organization=org).first()
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


def current_cycle(organization: Organization) -> Cycle:
    """The cycle of today's academic year without creating one (a GET never writes)."""
    from roadmap.selectors import cycle_bounds

    starts_on, ends_on = cycle_bounds(timezone.localdate())
    cycle = Cycle.objects.filter(organization=organization, starts_on=starts_on).first()
    if cycle is None:
        cycle = Cycle(
            organization=organization,
            starts_on=starts_on,
            ends_on=ends_on,
            title=f"{starts_on.year}/{ends_on.year} учебный год",
        )
    return cycle


# --- «О наставничестве» ---------------------------------------------------------------------


def about(site: Site) -> About:
    return _cached(site.id, "about", lambda: _build_about(site.id))


def _build_about(org_id: int) -> About:
    from roadmap.stages import roadmap_progress

    organization = Organization.objects.get(pk=org_id)
    cycle = current_cycle(organization)
    stages = tuple(
        StageCard(
            number=p.stage.number,
            title=p.stage.title,
            starts_on=p.starts_on,
            ends_on=p.ends_on,
            percent=p.percent,
            connected=p.connected,
            complete=p.is_complete,
        )
        for p in roadmap_progress(organization, cycle)
    )
    counts = dict(
        Program.objects.filter(organization_id=org_id)
        .values_list("status")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return About(
        cycle_title=cycle.title,
        cycle_starts_on=cycle.starts_on,
        cycle_ends_on=cycle.ends_on,
        stages=stages,
        programs_running=sum(counts.get(s, 0) for s in RUNNING),
        programs_finished=sum(counts.get(s, 0) for s in FINISHED),
        cases=visible_cases(org_id).count(),
    )


# --- «Программы» ----------------------------------------------------------------------------

PROGRAM_LISTS = {"running": RUNNING, "finished": FINISHED}


def _page(
    store: Callable,
    part: str,
    number,
    *,
    per_page: int,
    count: Callable[[], int],
    rows: Callable[[], QuerySet],
    cards: Callable[[QuerySet], tuple],
) -> Paged:
    """One page of the list ``rows()`` by Django's rules: a number that is not one gives the
    first page, one past the end the last. The length and each page (under its real number)
    are cached; querysets are built only when the cache misses."""
    length = store(f"{part}:count", count)
    page = Paginator(range(length), per_page).get_page(number)
    span = page.object_list  # the page's positions in the list
    return store(
        f"{part}:{page.number}",
        lambda: Paged(cards(rows()[span.start : span.stop]), page.number, length, per_page),
    )


def programs_page(site: Site, which: str, number) -> Paged:
    """A page of programs under way (``running``) or finished, newest first, without a single
    personal detail."""

    def listed() -> QuerySet[Program]:
        return Program.objects.filter(organization_id=site.id, status__in=PROGRAM_LISTS[which])

    def rows() -> QuerySet[Program]:
        shown_case = visible_cases(site.id).filter(program_id=OuterRef("pk")).values("pk")[:1]
        return (
            listed()
            .select_related("pair")
            .only("starts_on", "ends_on", "status", "pair__participants_form", "pair__role_model")
            .annotate(
                mentors_n=Count("pair__mentors", distinct=True),
                mentees_n=Count("pair__mentees", distinct=True),
                case_id=Subquery(shown_case),
            )
            .order_by("-starts_on", "-pk")
        )

    return _page(
        partial(_cached, site.id),
        f"programs:{which}",
        number,
        per_page=PROGRAMS_PER_PAGE,
        count=lambda: listed().count(),
        rows=rows,
        cards=_program_cards,
    )


def _program_cards(page_rows: QuerySet[Program]) -> tuple[ProgramCard, ...]:
    from mentoring.models import PairForm

    rows = list(page_rows)
    directions: dict[int, set[str]] = {}
    for program_id, direction in (
        PlanRow.objects.filter(program_id__in=[p.pk for p in rows])
        .values_list("program_id", "direction")
        .order_by()
        .distinct()
    ):
        directions.setdefault(program_id, set()).add(direction)
    forms: dict[int, list[str]] = {}
    for pair_id, form in PairForm.objects.filter(pair_id__in=[p.pair_id for p in rows]).values_list(
        "pair_id", "form"
    ):
        forms.setdefault(pair_id, []).append(str(MentoringForm(form).label))
    return tuple(
        ProgramCard(
            kind="Пара" if p.mentors_n == 1 and p.mentees_n == 1 else "Группа",
            participants_form=p.pair.get_participants_form_display(),
            forms=tuple(sorted(forms.get(p.pair_id, []))),
            role_model=p.pair.role_model.strip('«»" '),
            directions=tuple(
                str(label)
                for value, label in Direction.choices
                if value in directions.get(p.pk, ())
            ),
            starts_on=p.starts_on,
            ends_on=p.ends_on,
            stage=p.get_status_display(),
            case_id=p.case_id,
        )
        for p in rows
    )


# --- «Лучшие практики» ----------------------------------------------------------------------


def published_cases() -> QuerySet[Case]:
    """Cases the curator shows, of finished programs, with every participant's consent now,
    in every organization: the one rule of what the public section may show of a case.

    The consent is checked here, at every read, so a withdrawal takes the case down at once.
    """
    without_consent = Consent.objects.active().filter(
        staff=OuterRef("pk"), kind=ConsentKind.PUBLICATION
    )
    from mentoring.models import StaffMember

    refusing = StaffMember.objects.filter(
        Q(personal_data_withdrawn_at__isnull=False) | ~Exists(without_consent)
    )
    # Matched on the case's own program_id, not the program's pair_id: the database then looks
    # for refusals only once it has found a shown case, not for every program it scans.
    return Case.objects.filter(program__status__in=FINISHED, is_published=True).exclude(
        Exists(refusing.filter(pairs_as_mentor__program=OuterRef("program_id")))
        | Exists(refusing.filter(pairs_as_mentee__program=OuterRef("program_id")))
    )


def visible_cases(org_id: int) -> QuerySet[Case]:
    """The organization's cases that its public section shows (``published_cases``)."""
    return published_cases().filter(program__organization_id=org_id)


def _case_card(case: Case) -> CaseCard:
    return CaseCard(
        id=case.pk,
        form_and_role_model=case.form_and_role_model,
        given=case.given,
        need=case.need,
        who_needed=case.who_needed,
        results=case.results,
        stages=tuple(case.stages),
        starts_on=case.program.starts_on,
        ends_on=case.program.ends_on,
    )


def practices(site: Site) -> Practices:
    return _cached(site.id, "practices", lambda: _build_practices(site.id))


def _build_practices(org_id: int) -> Practices:
    cases = tuple(
        _case_card(c)
        for c in visible_cases(org_id)
        .select_related("program")
        .order_by("-program__ends_on")[:LIST_LIMIT]
    )
    shown = {c.id for c in cases}
    events = []
    for event in (
        FinalEvent.objects.filter(organization_id=org_id)
        .select_related("cycle")
        .prefetch_related("best_cases")
        .order_by("-held_on")[:10]
    ):
        materials = tuple(
            _file_card(f)
            for f in _published_files(org_id).filter(kind=FileKind.EVENT, final_event=event)
        )
        events.append(
            EventCard(
                kind=event.get_kind_display(),
                title=event.title,
                held_on=event.held_on,
                format=event.get_format_display(),
                participants_count=event.participants_count,
                participant_roles=event.participant_roles,
                summary=event.summary,
                cycle_title=event.cycle.title,
                materials=materials,
                best_case_ids=tuple(c.pk for c in event.best_cases.all() if c.pk in shown),
            )
        )
    return Practices(cases=cases, events=tuple(events))


def case(site: Site, pk: int) -> CaseCard | None:
    """A shown case of the organization; one older than the «Лучшие практики» list too (the
    municipality's page links to every case)."""
    found = next((c for c in practices(site).cases if c.id == pk), None)
    if found is None:
        found = _cached(site.id, f"case:{pk}", lambda: _one_case(site.id, pk))
    return found


def _one_case(org_id: int, pk: int) -> CaseCard | None:
    row = visible_cases(org_id).select_related("program").filter(pk=pk).first()
    return _case_card(row) if row is not None else None


# --- «Документы» and «Методические материалы» ------------------------------------------------


def _published_files(org_id: int) -> QuerySet[PublicFile]:
    return PublicFile.objects.filter(organization_id=org_id, published_at__isnull=False).defer(
        "content"
    )


def _file_card(f: PublicFile) -> FileCard:
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
    return _cached(site.id, "documents", lambda: _build_documents(site.id))


def _build_documents(org_id: int) -> Documents:
    from public.models import DocumentLevel

    files = [
        _file_card(f) for f in _published_files(org_id).filter(kind=FileKind.NORMATIVE)[:LIST_LIMIT]
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
    return _page(
        partial(_cached, site.id),
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
    return _cached(
        site.id,
        "materials",
        lambda: tuple(
            _file_card(f)
            for f in _published_files(site.id)
            .filter(kind=FileKind.MATERIAL)
            .order_by("-published_at")[:LIST_LIMIT]
        ),
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


# --- «Новости и анонсы» ---------------------------------------------------------------------


def news(site: Site) -> tuple[NewsCard, ...]:
    return _cached(site.id, "news", lambda: _build_news(site.id))


def _news_card(item: NewsItem) -> NewsCard:
    return NewsCard(
        id=item.pk,
        title=item.title,
        body=item.body,
        published_at=item.published_at,
        is_announcement=item.is_announcement,
        has_image=bool(item.image_type),
        image_alt=item.image_alt,
    )


def _build_news(org_id: int) -> tuple[NewsCard, ...]:
    return tuple(
        _news_card(item)
        for item in NewsItem.objects.filter(
            organization_id=org_id, published_at__isnull=False, published_at__lte=timezone.now()
        )
        .defer("image")
        .order_by("-published_at", "-pk")[:LIST_LIMIT]
    )


def news_item(site: Site, pk: int) -> NewsCard | None:
    return next((n for n in news(site) if n.id == pk), None)


def news_preview(organization_id: int, pk: int) -> NewsCard | None:
    """A draft as the visitor will see it (the curator's preview, never a public page)."""
    item = NewsItem.objects.filter(organization_id=organization_id, pk=pk).defer("image").first()
    if item is None:
        return None
    return (
        _news_card(item)
        if item.published_at
        else NewsCard(
            id=item.pk,
            title=item.title,
            body=item.body,
            published_at=timezone.now(),
            is_announcement=item.is_announcement,
            has_image=bool(item.image_type),
            image_alt=item.image_alt,
        )
    )


def news_image(site: Site, pk: int) -> NewsItem | None:
    return (
        NewsItem.objects.filter(
            organization_id=site.id, pk=pk, published_at__isnull=False, image__isnull=False
        )
        .exclude(image_type="")
        .only("image", "image_type")
        .first()
    )


# --- the roadmap's item 7: what was published, and when -------------------------------------


def published_between(org_id: int, start: dt.date, end: dt.date) -> int:
    """How many news items and files were published in a period (information support)."""
    tz = timezone.get_current_timezone()
    since = dt.datetime.combine(start, dt.time.min, tzinfo=tz)
    until = dt.datetime.combine(end, dt.time.max, tzinfo=tz)
    news_n = NewsItem.objects.filter(
        organization_id=org_id, published_at__range=(since, until)
    ).count()
    files_n = PublicFile.objects.filter(
        organization_id=org_id, published_at__range=(since, until)
    ).count()
    return news_n + files_n


# --- the municipality's page: the best cases of all its kindergartens ----------------------


def municipalities() -> tuple[AreaLink, ...]:
    """Municipalities with at least one kindergarten that has a public section, by name."""
    return shared_cached("public:municipalities", _build_municipalities)


def _build_municipalities() -> tuple[AreaLink, ...]:
    active = Q(organizations__is_active=True)
    return tuple(
        AreaLink(slug=m.slug, name=m.name, kindergartens=m.kindergartens)
        for m in Municipality.objects.annotate(kindergartens=Count("organizations", filter=active))
        .filter(kindergartens__gt=0)
        .order_by("name", "pk")
    )


def area_for_slug(slug: str) -> Area | None:
    """The municipality behind a slug with its kindergartens, or None (the page answers 404)."""
    municipality_id = shared_cached(
        f"public:mo-slug:{slug}",
        lambda: Municipality.objects.filter(slug=slug).values_list("pk", flat=True).first() or 0,
    )
    if not municipality_id:
        return None
    return shared_cached(f"public:area:{municipality_id}", lambda: _build_area(municipality_id))


def _natural(name: str) -> list:
    """«Детский сад №2» before «Детский сад №10»."""
    return [int(part) if part.isdigit() else part.casefold() for part in re.split(r"(\d+)", name)]


def _build_area(municipality_id: int) -> Area | None:
    municipality = Municipality.objects.filter(pk=municipality_id).first()
    if municipality is None:
        return None
    kindergartens = sorted(
        (
            Kindergarten(
                id=pk, slug=slug, short_name=name, url=reverse("public:about", args=[slug])
            )
            for pk, slug, name in Organization.objects.filter(
                municipality_id=municipality_id, is_active=True
            ).values_list("pk", "slug", "short_name")
        ),
        key=lambda k: _natural(k.short_name),
    )
    if not kindergartens:
        return None
    return Area(
        id=municipality.pk,
        slug=municipality.slug,
        name=municipality.name,
        kindergartens=tuple(kindergartens),
    )


def _area_ids(area: Area) -> list[int]:
    return [k.id for k in area.kindergartens]


def _across(area: Area, part: str, build: Callable):
    """A part that shows the municipality's kindergartens' cases: stale when any one of them
    changes."""
    return orgs_cached(_area_ids(area), f"public:area:{area.id}:{part}", build)


def area_kindergartens(area: Area) -> tuple[Kindergarten, ...]:
    """The municipality's kindergartens, each with the number of cases its section shows."""
    return _across(area, "kindergartens", lambda: _count_cases(area))


def _count_cases(area: Area) -> tuple[Kindergarten, ...]:
    counts = dict(
        published_cases()
        .filter(program__organization_id__in=_area_ids(area))
        .values_list("program__organization_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return tuple(replace(k, cases=counts.get(k.id, 0)) for k in area.kindergartens)


def area_cases_page(area: Area, number, *, kindergarten: Kindergarten | None = None) -> Paged:
    """A page of the cases shown by the municipality's kindergartens (or by one), newest
    programs first; the same cases as each kindergarten's «Лучшие практики»."""
    ids = [kindergarten.id] if kindergarten else _area_ids(area)

    def listed() -> QuerySet[Case]:
        return published_cases().filter(program__organization_id__in=ids)

    return _page(
        partial(_across, area),
        f"cases:{kindergarten.id if kindergarten else 'all'}",
        number,
        per_page=AREA_CASES_PER_PAGE,
        count=lambda: listed().count(),
        rows=lambda: (
            listed().select_related("program__organization").order_by("-program__ends_on", "-pk")
        ),
        cards=lambda page_rows: tuple(
            AreaCaseCard(
                id=c.pk,
                url=reverse("public:case-detail", args=[c.program.organization.slug, c.pk]),
                kindergarten_url=reverse("public:about", args=[c.program.organization.slug]),
                kindergarten_name=c.program.organization.short_name,
                form_and_role_model=c.form_and_role_model,
                need=c.need,
                starts_on=c.program.starts_on,
                ends_on=c.program.ends_on,
            )
            for c in page_rows
        ),
    )
