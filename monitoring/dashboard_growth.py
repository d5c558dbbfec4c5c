"""The monitoring page's activity and growth indicators (seed 002 «Мониторинг» 4–6)."""

from __future__ import annotations

from core.models import Organization
from monitoring import figures
from monitoring import indicators_growth as growth
from monitoring.indicators import Filters, Share
from programs.models import ActivityKind

KEYS = ("activity_mentees", "activity_mentors", "innovation", "planning", "adaptation", "records")

TITLES = {
    "activity_mentees": "Наставляемые с подтверждённой профессиональной активностью",
    "activity_mentors": "Наставники с подтверждённой профессиональной активностью",
    "innovation": "Наставляемые, включённые в инновационную и проектную деятельность",
    "planning": "Планируют стать наставником",
    "adaptation": "Адаптация молодых специалистов: от приёма на работу до выполнения программы",
    "records": "Подтверждённые записи о профессиональной активности",
}


def cards(
    filters: Filters,
    link,
    *,
    people: figures.People,
    planning: Share,
    adapted: growth.Adaptation,
) -> list[dict]:
    """The cards, each with how it is computed and the link to the people behind it."""
    mentees, mentors, innovation = people.active_mentees, people.active_mentors, people.innovation

    def share(key, value, detail, how):
        return {
            "key": key,
            "label": TITLES[key],
            "value": value.percent,
            "unit": "%",
            "detail": detail,
            "how": how,
            "url": link(filters, what=key),
        }

    return [
        share(
            "activity_mentees",
            mentees,
            f"{mentees.part} из {mentees.total} наставляемых",
            "Наставляемые программ года, у которых есть хотя бы одна запись (курсы, конкурс, "
            "открытое мероприятие, публикация, выступление, аттестация, инновационная работа), "
            "датированная этим годом и подтверждённая куратором.",
        ),
        share(
            "activity_mentors",
            mentors,
            f"{mentors.part} из {mentors.total} наставников",
            "То же для наставников программ года.",
        ),
        share(
            "innovation",
            innovation,
            f"{innovation.part} из {innovation.total} наставляемых",
            "Наставляемые с подтверждённой записью вида «Инновационная или проектная "
            "деятельность» за год.",
        ),
        share(
            "planning",
            planning,
            f"{planning.part} из {planning.total} ответивших",
            "Из ответивших за год на вопрос анкеты «Мне хотелось бы стать наставником "
            "в ближайшем будущем» — те, кто поставил не ниже 4 из 5.",
        ),
        {
            "key": "adaptation",
            "label": TITLES["adaptation"],
            "value": adapted.months,
            "unit": "мес.",
            "detail": f"в среднем, молодых специалистов: {adapted.people}",
            "how": "Для молодых специалистов, чья программа завершена в этом году в полном "
            "объёме (цели достигнуты): месяцы от даты приёма на работу до завершения "
            "программы, в среднем.",
            "url": link(filters, what="adaptation"),
        },
    ]


def breakdown(organization: Organization, filters: Filters, what: str) -> dict | None:
    """The people (or records) behind one of the cards above."""
    title = TITLES.get(what)
    if title is None:
        return None
    if what == "adaptation":
        _, rows = growth.adaptation(organization, filters)
        return {"title": title, "kind": "adaptation", "rows": rows}
    if what == "records":
        rows = growth.activity_records(organization, filters).select_related("staff")
        return {"title": title, "kind": "records", "rows": rows.order_by("-happened_on", "pk")}
    if what == "planning":
        _, people = growth.planning_to_mentor(organization, filters)
    else:
        role = "mentor" if what == "activity_mentors" else "mentee"
        kinds = [ActivityKind.INNOVATION] if what == "innovation" else ()
        _, people = growth.active_people(organization, filters, role=role, kinds=kinds)
    return {"title": title, "kind": "people", "rows": people.order_by("search_name", "pk")}
