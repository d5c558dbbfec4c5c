"""The long tables of the programs pages as plain values, so that a template loop only prints them.

Printing model rows through the template engine costs, for every cell, a chain of lookups, a
translation of a choice label, a date format or a URL reversal: about 0.3 ms a row, 20 ms for
the plan of 60 events and as much for 100 meetings. Here the labels are translated once per
table, dates are formatted with ``strftime``, links are made from one reversed URL, and the
templates (``programs/partials/row.html``, ``meeting_rows.html``, ``program_rows.html``) read
dictionaries, the template engine's quickest lookup.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Callable, Iterable

from django.urls import reverse
from django.utils import timezone

from mentoring.models import Direction
from programs.models import Meeting, MeetingFormat, PlanRow, Program, ProgramStatus, RowStatus
from programs.selectors import row_is_overdue

_PK = 987654321  # stands for the object's id in a reversed URL


def _link(name: str) -> Callable[[int], str]:
    """The URL of ``name`` (a pattern with one ``<int:pk>``) for an id, reversed only once."""
    before, after = reverse(name, args=[_PK]).split(str(_PK))
    return lambda pk: f"{before}{pk}{after}"


def _labels(choices) -> dict[str, str]:
    return {value: str(label) for value, label in choices}


def _day(day: dt.date | None) -> str:
    """As the ``date:"d.m.Y"`` filter prints it."""
    return f"{day.day:02d}.{day.month:02d}.{day.year:04d}" if day else ""


# The colour of an event's status badge.
ROW_STATUS_CLASS = {
    RowStatus.DONE: "text-bg-success",
    RowStatus.CANCELLED: "text-bg-secondary",
    RowStatus.MOVED: "text-bg-warning",
}


def plan_rows(
    rows: Iterable[PlanRow],
    *,
    running: bool,
    can_edit: bool,
    can_report: bool,
    today: dt.date | None = None,
) -> list:
    """The plan's events as ``row.html`` prints them: an open event past its deadline in a
    running program is overdue; the button says what the user may do (none: no button)."""
    today = today or timezone.localdate()
    directions, statuses = _labels(Direction.choices), _labels(RowStatus.choices)
    edit, evidence = _link("programs:row-edit"), _link("programs:row-evidence")
    action = "Изменить" if can_edit else "Отметить" if can_report else ""
    return [
        {
            "pk": row.pk,
            "direction": directions.get(row.direction, row.direction),
            "event": row.event,
            "event_form": row.event_form,
            "deadline": _day(row.deadline),
            "expected_result": row.expected_result,
            "status_class": ROW_STATUS_CLASS.get(row.status, "text-bg-light border"),
            "status_label": statuses.get(row.status, row.status),
            "done_on": _day(row.done_on),
            "done_late": bool(row.done_on and row.done_on > row.deadline),
            "actual_result": row.actual_result,
            "evidence_file_url": evidence(row.pk) if row.evidence_file else "",
            "evidence_url": row.evidence_url,
            "is_overdue": row_is_overdue(row, today, running=running),
            "action": action,
            "edit_url": edit(row.pk),
        }
        for row in rows
    ]


def meetings(items: Iterable[Meeting]) -> list:
    """The meeting log as ``meeting_rows.html`` prints it."""
    formats, ics = _labels(MeetingFormat.choices), _link("programs:meeting-ics")
    return [
        {
            "held_on": _day(m.held_on),
            "start_time": f"{m.start_time:%H:%M}" if m.start_time else "",
            "duration_minutes": m.duration_minutes,
            "format": formats.get(m.format, m.format),
            "place": m.place,
            "place_is_link": m.place[:4] == "http",
            "topic": m.topic,
            "notes": m.notes,
            "ics_url": ics(m.pk),
        }
        for m in items
    ]


def programs(items: Iterable[Program]) -> list:
    """The programs of a list page as ``program_rows.html`` prints them (their progress, pair
    and people annotated and prefetched: ``selectors.decorate_page``)."""
    statuses, detail = _labels(ProgramStatus.choices), _link("programs:program-detail")
    return [
        {
            "url": detail(p.pk),
            "heading": p.heading,
            "mentors": ", ".join(m.short_name for m in p.pair.mentors.all()),
            "mentees": ", ".join(m.short_name for m in p.pair.mentees.all()),
            "starts_on": _day(p.starts_on),
            "ends_on": _day(p.ends_on),
            "status_tone": p.status_tone,
            "status_label": statuses.get(p.status, p.status),
            "rows_done": p.rows_done,
            "rows_total": p.rows_total,
            "rows_overdue": p.rows_overdue,
            "meetings_count": p.meetings_count,
        }
        for p in items
    ]


# --- the program page's two long tables printed without the template engine ---------------------
# The template engine spends about 1 µs on every variable and tag: 4 ms for the plan of 60 events
# and the log of 100 meetings, rebuilt after every write to the programs. These print exactly
# what ``plan_rows.html`` (with ``row.html``) and ``meeting_rows.html`` print, escaped as the
# templates escape (tests/programs/test_page_tables.py compares them); the templates stay the
# reference, and ``row.html`` prints a saved or added row alone.


def _e(value) -> str:
    """As ``{{ value }}`` prints a string or a number with autoescaping (Django's ``escape``)."""
    return html.escape(str(value))


def _plan_row_html(row: dict) -> str:
    pk, event, overdue = row["pk"], _e(row["event"]), row["is_overdue"]
    action = _e(row["action"]) if row["action"] else ""
    button = (
        f'\n    <button class="btn btn-sm btn-outline-primary" data-focus-return '
        f'aria-label="{action}: {event}" data-hx-get="{_e(row["edit_url"])}" '
        f'data-hx-target="#row-{pk}" data-hx-swap="outerHTML">{action}</button>\n    '
        if row["action"]
        else ""
    )
    done = ""
    if row["done_on"]:
        late = " (позже срока)" if row["done_late"] else ""
        done = f' <span class="text-nowrap">{_e(row["done_on"])}{late}</span>'
    form = (
        f'<div class="small text-secondary">{_e(row["event_form"])}</div>'
        if row["event_form"]
        else ""
    )
    actual = f"<div>{_e(row['actual_result'])}</div>" if row["actual_result"] else ""
    file = (
        f'<div><a href="{_e(row["evidence_file_url"])}">файл</a></div>'
        if row["evidence_file_url"]
        else ""
    )
    link = (
        f'<div><a href="{_e(row["evidence_url"])}" rel="noopener" target="_blank">ссылка</a></div>'
        if row["evidence_url"]
        else ""
    )
    marked = ' class="table-danger"' if overdue else ""
    badge = '<div class="badge text-bg-danger">просрочено</div>' if overdue else ""
    return (
        f'<tr id="row-{pk}" data-testid="plan-row"{marked}>\n'
        f'  <td data-label="Направление" class="small">{_e(row["direction"])}</td>\n'
        f'  <td data-label="Мероприятие">{event}{form}</td>\n'
        f'  <td data-label="Срок" class="small text-nowrap">{_e(row["deadline"])}{badge}</td>\n'
        f'  <td data-label="Ожидаемый результат" class="small">{_e(row["expected_result"])}</td>\n'
        f'  <td data-label="Статус" class="small"><span class="badge {_e(row["status_class"])}">'
        f"{_e(row['status_label'])}</span>{done}\n"
        f"    {actual}\n"
        f"    {file}\n"
        f"    {link}\n"
        "  </td>\n"
        '  <td class="text-end text-nowrap no-print">\n'
        f"    {button}\n"
        "  </td>\n"
        "</tr>\n"
    )


def plan_rows_html(rows: list[dict]) -> str:
    """The plan's rows (``plan_rows``) as ``programs/partials/plan_rows.html`` prints them."""
    empty = (
        ""
        if rows
        else '\n      <tr><td colspan="6" class="text-secondary text-center py-3">'
        "В плане пока нет мероприятий.</td></tr>"
    )
    return "\n      \n" + "".join(_plan_row_html(row) for row in rows) + "\n" + empty + "\n"


def _meeting_html(m: dict) -> str:
    start = f" {_e(m['start_time'])}" if m["start_time"] else ""
    place = ""
    if m["place"]:
        where = _e(m["place"])
        shown = (
            f'<a href="{where}" rel="noopener" target="_blank">{where}</a>'
            if m["place_is_link"]
            else where
        )
        place = f'<div class="small text-break">{shown}</div>'
    held_on = _e(m["held_on"])
    return (
        '\n      <tr data-testid="meeting"><td class="text-nowrap" data-label="Дата">'
        f"{held_on}{start}</td>"
        f'<td data-label="Длительность">{_e(m["duration_minutes"])} мин</td>'
        f'<td data-label="Формат и место">{_e(m["format"])}{place}</td>'
        f'<td data-label="Тема">{_e(m["topic"])}</td>'
        f'<td class="small text-pre" data-label="Заметки">{_e(m["notes"])}</td>'
        f'<td><a class="small" href="{_e(m["ics_url"])}">Встреча {held_on} в календарь (.ics)</a>'
        "</td></tr>\n    "
    )


def meeting_rows_html(items: list[dict]) -> str:
    """The meeting log (``meetings``) as ``programs/partials/meeting_rows.html`` prints it."""
    if not items:
        body = (
            '<tr><td colspan="6" class="text-secondary text-center py-3">'
            "Встреч пока не записано.</td></tr>"
        )
    else:
        body = "".join(_meeting_html(m) for m in items)
    return "\n    " + body + "\n"
