"""The roadmap's checks served by the public section.

* Stage 7 (completion): the final event of the cycle is recorded and the best practices chosen.
* Roadmap item 7 of seed 002, «Информационная поддержка системы наставничества», runs through
  every stage: each stage gets a check that something was published on the site in its period.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import CharField
from django.db.models.functions import Cast, TruncDate
from django.urls import reverse
from django.utils import timezone

from core.tally import Part, part
from public.models import FinalEvent, NewsItem, PublicFile
from public.selectors.cases import visible_cases
from roadmap import stages
from roadmap.stages import STAGES, Check, planned_dates

INFO_LABEL = "Информационная поддержка: ход этапа освещён на сайте"


def stage_window(stage, cycle) -> tuple[dt.date, dt.date]:
    """The stage's standard dates, moved for a kindergarten that joined after the cycle began."""
    return planned_dates(stage, cycle)


def _window(cycle) -> tuple[dt.datetime, dt.datetime]:
    """From the first stage's first day to the last stage's last, in the site's time zone."""
    tz = timezone.get_current_timezone()
    windows = [stage_window(s, cycle) for s in STAGES]
    return (
        dt.datetime.combine(min(first for first, _ in windows), dt.time.min, tzinfo=tz),
        dt.datetime.combine(max(last for _, last in windows), dt.time.max, tzinfo=tz),
    )


def figures(organization, cycle) -> list[Part]:
    """What the information checks count (``roadmap.stages.figures``): the news items and files
    published during the cycle's stages, by the day they appeared (at most a year's days,
    whatever the number of publications); each stage adds up the days of its own period."""
    day = Cast(TruncDate("published_at", tzinfo=timezone.get_current_timezone()), CharField())
    return [
        part(
            f"public:published {model.__name__}",
            model.objects.filter(organization=organization, published_at__range=_window(cycle)),
            group=day,
        )
        for model in (NewsItem, PublicFile)
    ]


def _published_by_stage(organization, cycle) -> dict[int, int]:
    by_day: dict[dt.date, int] = {}
    found = stages.figures(organization, cycle)
    for model in (NewsItem, PublicFile):
        for day, n in found.groups(f"public:published {model.__name__}").items():
            by_day[dt.date.fromisoformat(day)] = by_day.get(dt.date.fromisoformat(day), 0) + n
    published = {}
    for stage in STAGES:
        first, last = stage_window(stage, cycle)
        published[stage.number] = sum(n for day, n in by_day.items() if first <= day <= last)
    return published


def _information(number: int):
    stage = next(s for s in STAGES if s.number == number)

    def check(organization, cycle) -> list[Check]:
        starts_on, ends_on = stage_window(stage, cycle)
        count = _published_by_stage(organization, cycle)[number]
        return [
            Check(
                INFO_LABEL,
                count > 0,
                f"опубликовано новостей и материалов: {count}"
                if count
                else "опубликуйте новость или материал "
                f"с {starts_on:%d.%m.%Y} по {ends_on:%d.%m.%Y}",
                reverse("public:manage"),
            )
        ]

    return check


def final_event(organization, cycle) -> list[Check]:
    url = reverse("public:event-edit")
    events = FinalEvent.objects.filter(organization=organization, cycle_id=cycle.pk)
    event = events.order_by("pk").first() if cycle.pk else None
    # Its best practices still shown on the site: asked only once there is an event.
    best = (
        event.best_cases.filter(pk__in=visible_cases(organization.pk).values("pk")).count()
        if event is not None
        else 0
    )
    return [
        Check(
            "Проведено итоговое мероприятие (конференция, семинар или круглый стол)",
            event is not None,
            f"{event.get_kind_display()} {event.held_on:%d.%m.%Y}"
            if event
            else "запишите его в публичном разделе",
            url,
        ),
        Check(
            "На итоговом мероприятии отобраны лучшие практики",
            best > 0,
            f"лучших практик: {best}" if best else "отметьте опубликованные кейсы как лучшие",
            url,
        ),
    ]


def _stage_7(organization, cycle) -> list[Check]:
    return final_event(organization, cycle) + _information(7)(organization, cycle)


# The groups of tables these checks read (``roadmap.stages.checks_of`` keeps them until one
# changes).
READS = ("people", "mentoring", "programs", "public")

FIGURES = figures
PROGRESS = {s.number: _information(s.number) for s in STAGES if s.number != 7}
PROGRESS[7] = _stage_7
