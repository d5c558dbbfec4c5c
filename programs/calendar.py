"""A meeting as an iCalendar file (RFC 5545)."""

import datetime as dt
from zoneinfo import ZoneInfo

from django.conf import settings

from programs.models import Meeting


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def meeting_ics(meeting: Meeting) -> str:
    zone = ZoneInfo(settings.TIME_ZONE)
    start = dt.datetime.combine(meeting.held_on, meeting.start_time or dt.time(15, 0), zone)
    end = start + dt.timedelta(minutes=meeting.duration_minutes)
    utc = dt.UTC

    def fmt(moment):
        return moment.astimezone(utc).strftime("%Y%m%dT%H%M%SZ")

    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Nastavnichestvo DOU//RU",
        "CALSCALE:GREGORIAN",
        "BEGIN:VEVENT",
        f"UID:meeting-{meeting.pk}@dou-mentoring",
        f"DTSTAMP:{fmt(dt.datetime.now(utc))}",
        f"DTSTART:{fmt(start)}",
        f"DTEND:{fmt(end)}",
        f"SUMMARY:{_escape('Встреча наставника: ' + meeting.topic)}",
        f"DESCRIPTION:{_escape(meeting.notes)}",
        f"LOCATION:{_escape(meeting.get_format_display())}",
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    return "\r\n".join(lines) + "\r\n"
