"""What public pages receive: plain frozen data, never a model instance."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.core.paginator import Paginator


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
