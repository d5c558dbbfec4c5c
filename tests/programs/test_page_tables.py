"""The program page's plan and meeting log, and the list's rows, printed from plain values
(``programs.tables``); progress and overdue counts from aggregate queries; query budgets of the
pages right after a change and of the writes the load test makes."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core import cache
from core.models import Role
from programs import selectors
from programs.models import Meeting, PlanRow, Program, ProgramChange, ProgramStatus
from tests.factories import member
from tests.programs.factories import fixed_pair, make_program, other_pair, today


def _day(day: dt.date) -> str:
    return f"{day:%d.%m.%Y}"


def _row_html(page: str, row: PlanRow) -> str:
    found = re.search(rf'<tr id="row-{row.pk}".*?</tr>', page, re.DOTALL)
    assert found, f"row {row.pk} is not on the page"
    return found.group(0)


@pytest.fixture
def running(pair):
    """A running program whose plan has an event in every state."""
    program = make_program(pair, status=ProgramStatus.IN_PROGRESS, rows=5)
    first, late, moved, cancelled, planned = program.rows.order_by("position")
    now = today()
    PlanRow.objects.filter(pk=first.pk).update(
        status="done",
        deadline=now - dt.timedelta(days=9),
        done_on=now - dt.timedelta(days=10),
        actual_result="Провели открытое занятие",
        evidence_url="https://example.org/report?a=1&b=2",
    )
    PlanRow.objects.filter(pk=late.pk).update(
        status="done",
        deadline=now - dt.timedelta(days=10),
        done_on=now - dt.timedelta(days=5),
        actual_result="Провели позже",
        evidence_file="programs/1/evidence/report.pdf",
    )
    PlanRow.objects.filter(pk=moved.pk).update(status="moved", deadline=now - dt.timedelta(days=3))
    PlanRow.objects.filter(pk=cancelled.pk).update(
        status="cancelled", deadline=now - dt.timedelta(days=3)
    )
    PlanRow.objects.filter(pk=planned.pk).update(
        deadline=now + dt.timedelta(days=20), event="Встреча <с> родителями & детьми", event_form=""
    )
    return program


def test_the_plan_prints_every_state_of_an_event(running, client_for):
    page = client_for("mentor").get(running.get_absolute_url()).content.decode()
    first, late, moved, cancelled, planned = running.rows.order_by("position")

    html = _row_html(page, first)
    assert 'class="table-danger"' not in html and "просрочено" not in html
    assert (
        f'<td data-label="Направление" class="small">{first.get_direction_display()}</td>' in html
    )
    assert '<div class="small text-secondary">Открытое занятие</div>' in html
    assert f"{_day(first.deadline)}</td>" in html
    assert '<span class="badge text-bg-success">Выполнено</span>' in html
    assert f'<span class="text-nowrap">{_day(first.done_on)}</span>' in html
    assert "<div>Провели открытое занятие</div>" in html
    assert 'href="https://example.org/report?a=1&amp;b=2" rel="noopener"' in html
    assert "файл</a>" not in html
    edit = reverse("programs:row-edit", args=[first.pk])
    assert f'data-hx-get="{edit}" data-hx-target="#row-{first.pk}"' in html
    assert f'aria-label="Отметить: {first.event}"' in html

    html = _row_html(page, late)
    assert f"{_day(late.done_on)} (позже срока)</span>" in html
    evidence = reverse("programs:row-evidence", args=[late.pk])
    assert f'<div><a href="{evidence}">файл</a></div>' in html
    assert "ссылка</a>" not in html

    html = _row_html(page, moved)
    assert html.startswith(f'<tr id="row-{moved.pk}" data-testid="plan-row" class="table-danger">')
    assert '<div class="badge text-bg-danger">просрочено</div>' in html
    assert '<span class="badge text-bg-warning">Перенесено</span>' in html

    html = _row_html(page, cancelled)  # past its deadline, but not counted: cancelled
    assert "просрочено" not in html
    assert '<span class="badge text-bg-secondary">Отменено</span>' in html

    html = _row_html(page, planned)
    assert "Встреча &lt;с&gt; родителями &amp; детьми</td>" in html
    assert '<span class="badge text-bg-light border">Запланировано</span>' in html
    assert 'class="text-nowrap"' not in html  # not done: no day it was done

    progress = page.split('data-testid="progress"')[1].split("</div>\n</div>")[0]
    assert "Выполнено мероприятий: <b>2 из 4</b> (50%)" in progress
    assert "Просрочено: 1" in progress


def test_a_draft_shows_nothing_overdue_and_offers_its_editors_to_change_a_row(pair, client_for):
    program = make_program(pair, status=ProgramStatus.DRAFT)
    program.rows.update(deadline=today() - dt.timedelta(days=1))
    row = program.rows.order_by("position").first()
    page = client_for("curator").get(program.get_absolute_url()).content.decode()
    html = _row_html(page, row)
    assert "просрочено" not in html and "table-danger" not in html
    assert f'aria-label="Изменить: {row.event}"' in html and ">Изменить</button>" in html
    director = client_for("director").get(program.get_absolute_url()).content.decode()
    assert "<button" not in _row_html(director, row)  # neither writes nor reports


def test_an_empty_plan_and_log_say_so(pair, client_for):
    program = make_program(pair, status=ProgramStatus.IN_PROGRESS, rows=0)
    page = client_for("mentor").get(program.get_absolute_url()).content.decode()
    assert "В плане пока нет мероприятий." in page
    assert "Встреч пока не записано." in page


def test_the_meeting_log_prints_time_place_and_calendar_link(running, client_for):
    day = running.starts_on
    online = Meeting.objects.create(
        program=running,
        held_on=day,
        start_time=dt.time(9, 5),
        duration_minutes=30,
        format="online",
        topic="Разбор <занятия>",
        place="https://meet.example.org/room?a=1&b=2",
        notes="Первая строка\nвторая",
    )
    Meeting.objects.create(
        program=running, held_on=day, format="offline", topic="Очная", place="Кабинет 5"
    )
    Meeting.objects.create(program=running, held_on=day, topic="Без места")
    page = client_for("mentee").get(running.get_absolute_url()).content.decode()
    rows = re.findall(r'<tr data-testid="meeting">.*?</tr>', page, re.DOTALL)
    assert len(rows) == 3
    first = next(r for r in rows if "Разбор" in r)
    assert f'data-label="Дата">{_day(day)} 09:05</td>' in first
    assert '<td data-label="Длительность">30 мин</td>' in first
    assert (
        '<td data-label="Формат и место">Онлайн<div class="small text-break">'
        '<a href="https://meet.example.org/room?a=1&amp;b=2" rel="noopener" target="_blank">'
    ) in first
    assert '<td data-label="Тема">Разбор &lt;занятия&gt;</td>' in first
    assert 'data-label="Заметки">Первая строка\nвторая</td>' in first
    ics = reverse("programs:meeting-ics", args=[online.pk])
    assert f'<a class="small" href="{ics}">Встреча {_day(day)} в календарь (.ics)</a>' in first
    office = next(r for r in rows if "Очная" in r)
    assert '>Очно<div class="small text-break">Кабинет 5</div></td>' in office
    assert f'data-label="Дата">{_day(day)}</td>' in office
    bare = next(r for r in rows if "Без места" in r)
    assert '<td data-label="Формат и место">Очно</td>' in bare


def test_the_list_prints_each_program_with_its_people_and_progress(running, client_for):
    page = client_for("curator").get(reverse("programs:program-list")).content.decode()
    row = page.split(f'<a href="{running.get_absolute_url()}">')[1].split("</tr>")[0]
    mentor, mentee = running.pair.mentors.get(), running.pair.mentees.get()
    assert row.startswith(f"{running.heading}</a></td>")
    assert f'<td class="small">{mentor.short_name} → {mentee.short_name}</td>' in row
    assert f"{_day(running.starts_on)} – {_day(running.ends_on)}</td>" in row
    assert '<td><span class="badge text-bg-primary">Реализуется</span></td>' in row
    assert '<td class="text-end text-nowrap">2 из 4</td>' in row
    assert '<span class="badge text-bg-danger">1</span>' in row


def test_a_program_s_progress_counted_in_one_query_matches_its_rows(running, pair):
    Meeting.objects.create(program=running, held_on=running.starts_on, topic="Встреча")
    draft, *_ = other_pair(pair.organization)
    plan = make_program(draft, status=ProgramStatus.DRAFT)
    plan.rows.update(deadline=today() - dt.timedelta(days=1))
    for program in (running, plan):
        program = Program.objects.get(pk=program.pk)
        expected = selectors.progress_of(list(program.rows.all()), running=program.is_running)
        with CaptureQueriesContext(connection) as captured:
            progress, meetings = selectors.program_progress(program)
        assert len(captured) == 1
        assert progress == expected
        assert meetings == program.meetings.count()
    assert selectors.program_progress(running)[0] == selectors.Progress(4, 2, 1)
    assert selectors.program_progress(plan)[0] == selectors.Progress(3, 0, 0)


def test_the_organization_counts_only_open_past_events_of_running_programs(
    running, pair, other_org
):
    org = pair.organization
    draft, *_ = other_pair(org)
    make_program(draft, status=ProgramStatus.DRAFT).rows.update(
        deadline=today() - dt.timedelta(days=1)  # a draft has nothing overdue
    )
    mentor = member(org, Role.MENTOR, username="mentor3")
    mentee = member(org, Role.MENTEE, username="mentee3")
    approved = make_program(fixed_pair(org, mentor, mentee), status=ProgramStatus.APPROVED)
    approved.rows.filter(position__lte=2).update(deadline=today() - dt.timedelta(days=1))
    outsider = member(other_org, Role.MENTOR, username="outside-mentor")
    outsider_mentee = member(other_org, Role.MENTEE, username="outside-mentee")
    elsewhere = make_program(
        fixed_pair(other_org, outsider, outsider_mentee), status=ProgramStatus.IN_PROGRESS
    )
    elsewhere.rows.update(deadline=today() - dt.timedelta(days=1))
    ProgramChange.objects.create(
        program=running,
        kind="extend",
        status="agreed",
        reason="Болезнь",
        proposed_by=running.pair.mentors.get().user,
    )

    counts = selectors._organization_counts(org)

    # The running program's moved event and the approved program's two past events.
    assert counts == {
        "by_status": {"in_progress": 1, "draft": 1, "approved": 1},
        "overdue": 3,
        "changes": 1,
    }
    assert selectors._organization_counts(other_org)["overdue"] == 3


# --- queries ----------------------------------------------------------------------------------


def _queries(client, url, *, after_a_change: bool) -> int:
    client.get(url)  # the session and everything kept
    if after_a_change:
        cache.bump(None)  # every cached part stale, as after a write
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def _grow(program: Program, rows: int, meetings: int) -> None:
    PlanRow.objects.bulk_create(
        PlanRow(
            program=program,
            position=100 + n,
            direction="methods",
            event=f"Событие {n}",
            deadline=program.ends_on,
            status="done" if n % 3 == 0 else "planned",
            done_on=program.starts_on if n % 3 == 0 else None,
        )
        for n in range(rows)
    )
    Meeting.objects.bulk_create(
        Meeting(program=program, held_on=program.starts_on, topic=f"Встреча {n}")
        for n in range(meetings)
    )


@pytest.mark.parametrize("persona", ["mentor", "curator"])
def test_the_program_page_rebuilt_after_a_change_runs_the_same_queries_for_3_and_60_rows(
    pair, client_for, persona
):
    program = make_program(pair, status=ProgramStatus.IN_PROGRESS, rows=3)
    client = client_for(persona)
    url = program.get_absolute_url()
    small = _queries(client, url, after_a_change=True)
    _grow(program, rows=57, meetings=100)
    assert _queries(client, url, after_a_change=True) == small


def test_the_list_rebuilt_after_a_change_runs_the_same_queries_for_2_and_30_programs(
    org, pair, client_for
):
    make_program(pair, status=ProgramStatus.IN_PROGRESS)
    client = client_for("curator")
    url = reverse("programs:program-list")
    small = _queries(client, url, after_a_change=True)
    for n in range(29):
        mentor = member(org, Role.MENTOR, username=f"mm{n}")
        mentee = member(org, Role.MENTEE, username=f"ee{n}")
        _grow(make_program(fixed_pair(org, mentor, mentee), status=ProgramStatus.IN_PROGRESS), 5, 2)
    assert _queries(client, url, after_a_change=True) == small


def _save_row(client, row: PlanRow) -> int:
    row.refresh_from_db()
    with CaptureQueriesContext(connection) as captured:
        response = client.post(
            reverse("programs:row-save", args=[row.pk]),
            {"status": "done", "actual_result": "Готово", "version": row.version},
            HTTP_HX_REQUEST="true",
        )
    assert response.status_code == 200
    assert 'id="program-progress"' in response.content.decode()  # the progress out of band
    return len(captured)


def test_saving_a_row_runs_the_same_few_queries_for_a_plan_of_3_and_60_rows(pair, client_for):
    program = make_program(pair, status=ProgramStatus.IN_PROGRESS, rows=3)
    client = client_for("mentor")
    client.get(program.get_absolute_url())  # the session
    small = _save_row(client, program.rows.first())
    _grow(program, rows=57, meetings=100)
    assert _save_row(client, program.rows.last()) == small
    # Session, user and roles; the row with its program and pair, its people for the rights;
    # in the transaction the locked row, the old file's name, the update and its history; the
    # progress with the meetings. It was 20: the row read again for the form, its program and
    # user looked up by full_clean, the pair and people again, every row and the meetings apart.
    assert small <= 13


def test_logging_a_meeting_does_not_read_the_plan(pair, client_for):
    program = make_program(pair, status=ProgramStatus.IN_PROGRESS, rows=3)
    _grow(program, rows=57, meetings=0)
    client = client_for("mentor")
    client.get(program.get_absolute_url())
    with CaptureQueriesContext(connection) as captured:
        response = client.post(
            reverse("programs:meeting-add", args=[program.pk]),
            {
                "held_on": program.starts_on.isoformat(),
                "duration_minutes": 45,
                "format": "offline",
                "topic": "Разбор занятия",
            },
        )
    assert response.status_code == 302
    assert Meeting.objects.filter(program=program).count() == 1
    assert not any('FROM "programs_planrow"' in q["sql"] for q in captured.captured_queries)
    # Session, user and roles; the program with its pair, mentors and mentees for the rule;
    # the meeting and its history in a transaction (savepoints in the test). It was 18.
    assert len(captured) <= 10


def test_a_manager_s_whole_list_takes_its_total_from_the_counts(org, pair, client_for):
    make_program(pair, status=ProgramStatus.IN_PROGRESS)
    draft, *_ = other_pair(org)
    make_program(draft, status=ProgramStatus.DRAFT)
    client = client_for("curator")
    url = reverse("programs:program-list")
    client.get(url)
    cache.bump(None)
    with CaptureQueriesContext(connection) as captured:
        page = client.get(url).content.decode()
    assert "Найдено: 2</p>" in page
    assert not any(q["sql"].startswith("SELECT COUNT(*)") for q in captured.captured_queries)
    filtered = client.get(url, {"status": "draft"}).content.decode()
    assert "Найдено: 1</p>" in filtered
    assert "Найдено: 1</p>" in client_for("mentor").get(url).content.decode()
