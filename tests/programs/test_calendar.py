"""Meetings and plan deadlines as RFC 5545 files and a private subscription feed."""

import datetime as dt

import icalendar
import pytest
from django.test import Client
from django.urls import reverse

from programs import calendar
from programs.models import Meeting, MeetingFormat, ProgramStatus

pytestmark = pytest.mark.django_db


def _lines_fit(content: bytes) -> None:
    assert content.endswith(b"\r\n")
    for line in content.split(b"\r\n"):
        assert len(line) <= 75, line


def _events(content: bytes) -> list:
    return icalendar.Calendar.from_ical(content).walk("VEVENT")


@pytest.fixture
def live_program(pair):
    from tests.programs.factories import make_program

    return make_program(pair, status=ProgramStatus.IN_PROGRESS)


def _meeting(program, **kwargs):
    data = {
        "held_on": program.starts_on + dt.timedelta(days=3),
        "topic": "Разбор открытого занятия по развитию речи в старшей группе детского сада",
        "duration_minutes": 45,
    }
    data.update(kwargs)
    return Meeting.objects.create(program=program, **data)


def test_a_timed_meeting_is_in_moscow_time_with_its_place_and_participants(live_program):
    meeting = _meeting(
        live_program, start_time=dt.time(15, 30), place="Методический кабинет, 2 этаж"
    )
    content = calendar.meeting_ics(meeting)
    _lines_fit(content)
    cal = icalendar.Calendar.from_ical(content)
    assert [tz["TZID"] for tz in cal.walk("VTIMEZONE")] == ["Europe/Moscow"]
    (event,) = cal.walk("VEVENT")
    start = event.decoded("DTSTART")
    assert start == dt.datetime(
        meeting.held_on.year,
        meeting.held_on.month,
        meeting.held_on.day,
        15,
        30,
        tzinfo=start.tzinfo,
    )
    assert str(start.tzinfo) == "Europe/Moscow"
    assert event.decoded("DTEND") - start == dt.timedelta(minutes=45)
    assert str(event["LOCATION"]) == "Методический кабинет, 2 этаж"
    mentor, mentee = live_program.pair.mentors.get(), live_program.pair.mentees.get()
    summary = str(event["SUMMARY"])
    assert mentor.name_in("gen", short=True) in summary
    assert mentee.name_in("gen", short=True) in summary
    assert str(event["UID"]) == f"meeting-{meeting.pk}@dou-mentoring"
    assert b"TZID=Europe/Moscow" in content


def test_a_meeting_without_a_time_is_an_all_day_event(live_program):
    meeting = _meeting(live_program)
    (event,) = _events(calendar.meeting_ics(meeting))
    assert event.decoded("DTSTART") == meeting.held_on
    assert event.decoded("DTEND") == meeting.held_on + dt.timedelta(days=1)
    assert "15:00" not in event.to_ical().decode()


def test_the_format_never_stands_in_for_the_place(live_program):
    meeting = _meeting(live_program, format=MeetingFormat.OFFLINE)
    (event,) = _events(calendar.meeting_ics(meeting))
    assert "LOCATION" not in event


def test_an_online_meeting_has_its_link_as_the_place(live_program):
    link = "https://telemost.yandex.ru/j/12345678901234567890123456789012345678901234567890"
    meeting = _meeting(
        live_program, format=MeetingFormat.ONLINE, place=link, start_time=dt.time(10, 0)
    )
    content = calendar.meeting_ics(meeting)
    _lines_fit(content)
    (event,) = _events(content)
    assert str(event["LOCATION"]) == link


def test_the_uid_stays_the_same_between_downloads(live_program):
    meeting = _meeting(live_program)
    first, second = _events(calendar.meeting_ics(meeting)), _events(calendar.meeting_ics(meeting))
    assert first[0]["UID"] == second[0]["UID"]
    assert first[0].decoded("DTSTAMP") == second[0].decoded("DTSTAMP")


def test_the_feed_holds_meetings_and_open_plan_deadlines_as_all_day_events(live_program, users):
    meeting = _meeting(live_program, start_time=dt.time(9, 0))
    token = calendar.calendar_token_get(user=users["mentee"])
    response = Client().get(reverse("programs:calendar-feed", args=[token.token]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    _lines_fit(response.content)
    events = _events(response.content)
    uids = {str(e["UID"]) for e in events}
    assert f"meeting-{meeting.pk}@dou-mentoring" in uids
    rows = list(live_program.rows.all())
    for row in rows:
        assert f"plan-row-{row.pk}@dou-mentoring" in uids
    deadline = next(e for e in events if str(e["UID"]) == f"plan-row-{rows[0].pk}@dou-mentoring")
    assert deadline.decoded("DTSTART") == rows[0].deadline
    assert str(deadline["SUMMARY"]).startswith("Срок: ")


def test_someone_elses_feed_does_not_show_this_program(live_program, users):
    _meeting(live_program)
    token = calendar.calendar_token_get(user=users["director"])
    response = Client().get(reverse("programs:calendar-feed", args=[token.token]))
    assert response.status_code == 200
    assert _events(response.content) == []


def test_resetting_the_token_retires_the_old_url(client_for, users):
    old = calendar.calendar_token_get(user=users["mentor"]).token
    response = client_for("mentor").post(reverse("programs:calendar-reset"))
    assert response.status_code == 302
    new = calendar.calendar_token_get(user=users["mentor"]).token
    assert new != old
    assert Client().get(reverse("programs:calendar-feed", args=[old])).status_code == 404
    assert Client().get(reverse("programs:calendar-feed", args=[new])).status_code == 200
    page = client_for("mentor").get(reverse("programs:calendar-settings")).content.decode()
    assert new in page and old not in page


def test_the_download_of_one_meeting_is_valid_ical(client_for, live_program):
    meeting = _meeting(live_program, start_time=dt.time(14, 0), place="Кабинет 5")
    response = client_for("mentor").get(reverse("programs:meeting-ics", args=[meeting.pk]))
    assert response.status_code == 200
    _lines_fit(response.content)
    assert str(_events(response.content)[0]["LOCATION"]) == "Кабинет 5"


def _vcalendar_is_valid(content: bytes) -> icalendar.Calendar:
    """RFC 5545 §3.4, §3.6: VERSION and PRODID once, at least one component; parsed strictly."""
    cal = icalendar.Calendar.from_ical(content)
    assert cal.name == "VCALENDAR"
    assert str(cal["VERSION"]) == "2.0"
    assert str(cal["PRODID"]) == "-//Наставничество ДОУ//RU"
    assert cal.subcomponents, "a VCALENDAR needs at least one component"
    assert content.startswith(b"BEGIN:VCALENDAR\r\n")
    assert content.endswith(b"END:VCALENDAR\r\n")
    for component in cal.walk():
        assert not component.errors, component.errors
    return cal


def test_an_empty_feed_is_still_a_calendar_with_its_time_zone(users):
    token = calendar.calendar_token_get(user=users["director"])
    content = Client().get(reverse("programs:calendar-feed", args=[token.token])).content
    _lines_fit(content)
    cal = _vcalendar_is_valid(content)
    assert cal.walk("VEVENT") == []
    assert [str(tz["TZID"]) for tz in cal.walk("VTIMEZONE")] == ["Europe/Moscow"]
    assert str(cal["X-WR-CALNAME"]) == "Наставничество"


def test_the_time_zone_carries_no_english_comment(live_program):
    meeting = _meeting(live_program, start_time=dt.time(10, 0))
    for content in (
        calendar.meeting_ics(meeting),
        calendar.feed_ics(live_program.pair.mentors.get().user),
    ):
        cal = _vcalendar_is_valid(content)
        (zone,) = cal.walk("VTIMEZONE")
        assert all("COMMENT" not in part for part in zone.walk())
        assert b"COMMENT" not in content
        assert b"This timezone" not in content
