"""Meetings and plan deadlines as iCalendar (RFC 5545), built with the icalendar library.

One meeting downloads as a file; each person also has a private subscription URL (a secret
token they can reset) that calendar programs poll. Times are in Europe/Moscow with its
VTIMEZONE; a meeting without a start time and a plan deadline are all-day events; LOCATION is
the place or the link of an online meeting, never the format; SUMMARY names the participants.
"""

from __future__ import annotations

import datetime as dt
import secrets
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from icalendar import Calendar, Event, Timezone

from core.declension import decline_name
from core.models import User
from core.text import sentence
from programs.models import CalendarToken, Meeting, MeetingFormat, PlanRow, ProgramStatus, RowStatus

UID_DOMAIN = "dou-mentoring"
LIVE_PROGRAMS = (ProgramStatus.APPROVED, ProgramStatus.IN_PROGRESS)
# The VTIMEZONE covers the years the events can fall in, not the whole history of the zone.
TZ_FIRST, TZ_LAST = dt.date(2020, 1, 1), dt.date(2038, 1, 1)


def _zone() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def _calendar(name: str) -> Calendar:
    cal = Calendar()
    cal.add("prodid", "-//Наставничество ДОУ//RU")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", settings.TIME_ZONE)
    return cal


def _participants(pair) -> str:
    """«Лебедевой И. А. и Соколовой А. С.»: who meets, in the genitive after «Встреча»."""
    people = [*pair.mentors.all(), *pair.mentees.all()]
    names = [decline_name(p, "gen", short=True) for p in people]
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " и " + names[-1]


def _stamp(moment: dt.datetime | None) -> dt.datetime:
    return (moment or dt.datetime(2020, 1, 1, tzinfo=dt.UTC)).astimezone(dt.UTC)


def meeting_event(meeting: Meeting) -> Event:
    program = meeting.program
    event = Event()
    event.add("uid", f"meeting-{meeting.pk}@{UID_DOMAIN}")
    event.add("dtstamp", _stamp(meeting.created_at))
    if meeting.start_time is None:
        event.add("dtstart", meeting.held_on)  # VALUE=DATE: an all-day event
        event.add("dtend", meeting.held_on + dt.timedelta(days=1))
    else:
        start = dt.datetime.combine(meeting.held_on, meeting.start_time, _zone())
        event.add("dtstart", start)
        event.add("dtend", start + dt.timedelta(minutes=meeting.duration_minutes))
    who = _participants(program.pair)
    event.add("summary", f"Встреча {who}: {meeting.topic}" if who else meeting.topic)
    if meeting.place.strip():
        event.add("location", meeting.place.strip())
    lines = [
        f"Формат: {meeting.get_format_display().lower()}.",
        sentence(f"Программа: {program.heading}"),
    ]
    if meeting.format == MeetingFormat.ONLINE and meeting.place.startswith("http"):
        event.add("url", meeting.place.strip())
    if meeting.notes.strip():
        lines.append(meeting.notes.strip())
    lines.append(settings.SITE_URL + program.get_absolute_url())
    event.add("description", "\n".join(lines))
    return event


def row_event(row: PlanRow) -> Event:
    """A plan deadline as an all-day event on its date."""
    program = row.program
    event = Event()
    event.add("uid", f"plan-row-{row.pk}@{UID_DOMAIN}")
    event.add("dtstamp", _stamp(row.updated_at))
    event.add("dtstart", row.deadline)
    event.add("dtend", row.deadline + dt.timedelta(days=1))
    event.add("summary", f"Срок: {row.event} ({program.heading})")
    event.add("description", f"Ожидаемый результат: {row.expected_result or '—'}")
    event.add("transp", "TRANSPARENT")
    return event


def _timezone() -> Timezone:
    """Our zone's VTIMEZONE, without the library's English COMMENT («This timezone only works
    from …»): the file speaks Russian or says nothing."""
    zone = Timezone.from_tzinfo(_zone(), first_date=TZ_FIRST, last_date=TZ_LAST)
    for component in zone.walk():
        component.pop("COMMENT", None)
    return zone


def _to_bytes(cal: Calendar) -> bytes:
    """Always with the VTIMEZONE first: RFC 5545 wants at least one component in a VCALENDAR,
    so a feed with nothing in it yet is still a valid calendar."""
    cal.subcomponents.insert(0, _timezone())
    cal.add_missing_timezones(first_date=TZ_FIRST, last_date=TZ_LAST)
    for component in cal.walk("VTIMEZONE"):
        component.pop("COMMENT", None)
    return cal.to_ical()


def meeting_ics(meeting: Meeting) -> bytes:
    cal = _calendar("Встреча наставничества")
    cal.add_component(meeting_event(meeting))
    return _to_bytes(cal)


def feed_ics(user: User) -> bytes:
    """Every meeting and open plan deadline of the programs the person takes part in."""
    mine = Q(program__pair__mentors__user=user) | Q(program__pair__mentees__user=user)
    meetings = (
        Meeting.objects.filter(mine)
        .distinct()
        .select_related("program__pair")
        .prefetch_related("program__pair__mentors", "program__pair__mentees")
        .order_by("held_on", "pk")
    )
    rows = (
        PlanRow.objects.filter(mine, program__status__in=LIVE_PROGRAMS, deadline__isnull=False)
        .exclude(status__in=(RowStatus.DONE, RowStatus.CANCELLED))
        .distinct()
        .select_related("program__pair")
        .prefetch_related("program__pair__mentees")
        .order_by("deadline", "pk")
    )
    cal = _calendar("Наставничество")
    for meeting in meetings:
        cal.add_component(meeting_event(meeting))
    for row in rows:
        cal.add_component(row_event(row))
    return _to_bytes(cal)


# --- the private subscription ---------------------------------------------------------------


def calendar_token_get(*, user: User) -> CalendarToken:
    """The person's token, created on first use."""
    token = CalendarToken.objects.filter(user=user).first()
    if token is None:
        with transaction.atomic():
            token, _ = CalendarToken.objects.get_or_create(
                user=user, defaults={"token": secrets.token_urlsafe(24)}
            )
    return token


def calendar_token_reset(*, user: User) -> CalendarToken:
    """A new secret: the old subscription URL stops working at once."""
    with transaction.atomic():
        token = CalendarToken.objects.select_for_update().filter(user=user).first()
        if token is None:
            return CalendarToken.objects.create(user=user, token=secrets.token_urlsafe(24))
        token.token = secrets.token_urlsafe(24)
        token.save()
    return token


def feed_url(token: CalendarToken) -> str:
    return settings.SITE_URL + reverse("programs:calendar-feed", args=[token.token])
