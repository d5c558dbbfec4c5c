"""The roadmap's checks served by the public section.

* Stage 7 (completion): the final event of the cycle is recorded and the best practices chosen.
* Roadmap item 7 of seed 002, «Информационная поддержка системы наставничества», runs through
  every stage: each stage gets a check that something was published on the site in its period.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Q
from django.urls import reverse

from public.models import FinalEvent
from public.selectors.cases import visible_cases
from public.selectors.news_items import published_in_periods
from roadmap.stages import STAGES, Check, planned_dates, shared

INFO_LABEL = "Информационная поддержка: ход этапа освещён на сайте"


def stage_window(stage, cycle) -> tuple[dt.date, dt.date]:
    """The stage's standard dates, moved for a kindergarten that joined after the cycle began."""
    return planned_dates(stage, cycle)


def _information(number: int):
    stage = next(s for s in STAGES if s.number == number)

    def check(organization, cycle) -> list[Check]:
        starts_on, ends_on = stage_window(stage, cycle)
        count = shared(
            ("published", organization.pk, cycle.pk, cycle.starts_on, cycle.ends_on),
            lambda: published_in_periods(
                organization.pk, {s.number: stage_window(s, cycle) for s in STAGES}
            ),
        )[number]
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
    visible = visible_cases(organization.pk).values("pk")
    event = (
        FinalEvent.objects.filter(organization=organization, cycle_id=cycle.pk)
        .annotate(best=Count("best_cases", filter=Q(best_cases__in=visible), distinct=True))
        .order_by("pk")
        .first()
        if cycle.pk
        else None
    )
    best = event.best if event is not None else 0
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


PROGRESS = {s.number: _information(s.number) for s in STAGES if s.number != 7}
PROGRESS[7] = _stage_7
