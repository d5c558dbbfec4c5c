"""The programs' progress counted from grouped rows equals the old correlated counts.

``selectors.attach_progress`` (the list's rows) and ``selectors.participant_programs`` (the
participants' home cards) replaced ``with_progress``'s subqueries and the two queries of the old
``my_programs`` and ``waiting_counts``; the organization's counts became one ``tally_of``; the
program page's tables are printed without the templates. Each is compared here with the old
computation on programs in every state, with plan rows in every status, meetings, agreements and
changes of both participants.
"""

import datetime as dt
import itertools

import pytest

from programs import selectors
from programs.models import (
    AgreementKind,
    ChangeKind,
    ChangeStatus,
    Meeting,
    PlanRow,
    Program,
    ProgramAgreement,
    ProgramChange,
    ProgramStatus,
    RowStatus,
)
from tests.programs.factories import fixed_pair, make_program, other_pair, today

ROW_STATUSES = [RowStatus.PLANNED, RowStatus.DONE, RowStatus.MOVED, RowStatus.CANCELLED]
PROGRESS = ("rows_total", "rows_done", "rows_overdue", "meetings_count")


def _vary(program: Program, n: int) -> None:
    """Rows in every status, past and future deadlines, and a few meetings."""
    statuses = itertools.cycle(ROW_STATUSES[n % 4 :] + ROW_STATUSES[: n % 4])
    for row, status in zip(program.rows.order_by("position"), statuses, strict=False):
        row.status = status
        row.deadline = today() + dt.timedelta(days=(-5 if row.position % 2 else 5) * (n + 1))
        row.save()
    for k in range(n % 3):
        Meeting.objects.create(program=program, held_on=program.starts_on, topic=f"Встреча {k}")


@pytest.fixture
def varied(org, users):
    """The mentor and the mentee share a program in every status (several drafts: one agreed
    by the mentor, one agreed at an older revision, one returned with remarks); another pair's
    programs are not theirs."""
    mentor, mentee = (users[r].staff_records.get(organization=org) for r in ("mentor", "mentee"))
    programs = []
    statuses = [*ProgramStatus.values, ProgramStatus.DRAFT, ProgramStatus.DRAFT]
    statuses += [ProgramStatus.IN_PROGRESS]
    for n, status in enumerate(statuses):
        pair = fixed_pair(org, users["mentor"], users["mentee"])
        program = make_program(pair, status=status, rows=3 + n % 4)
        _vary(program, n)
        programs.append(program)
    drafts = [p for p in programs if p.status == ProgramStatus.DRAFT]
    ProgramAgreement.objects.create(
        program=drafts[0], staff=mentor, revision=drafts[0].revision, kind=AgreementKind.AGREED
    )
    Program.objects.filter(pk=drafts[1].pk).update(revision=3)
    ProgramAgreement.objects.create(
        program=drafts[1], staff=mentee, revision=2, kind=AgreementKind.AGREED
    )
    Program.objects.filter(pk=drafts[2].pk).update(curator_comment="Уточните сроки.")
    running = [p for p in programs if p.status == ProgramStatus.IN_PROGRESS]
    for program, by in ((running[0], users["mentor"]), (running[1], users["mentee"])):
        for status in (ChangeStatus.PROPOSED, ChangeStatus.PROPOSED, ChangeStatus.AGREED):
            ProgramChange.objects.create(
                program=program, kind=ChangeKind.EXTEND, status=status, reason="—", proposed_by=by
            )
    other, *_ = other_pair(org)
    foreign = make_program(other, status=ProgramStatus.IN_PROGRESS, rows=5)
    _vary(foreign, 1)
    return programs + [foreign]


def test_attach_progress_counts_as_with_progress(varied):
    ids = [p.pk for p in varied]
    old = {p.pk: p for p in selectors.with_progress(Program.objects.filter(pk__in=ids))}
    new = selectors.attach_progress(list(Program.objects.filter(pk__in=ids)))
    assert len(new) == len(old) == len(varied)
    assert any(p.rows_overdue for p in new) and any(p.meetings_count for p in new)
    for program in new:
        assert [getattr(program, a) for a in PROGRESS] == [
            getattr(old[program.pk], a) for a in PROGRESS
        ]


def test_a_page_of_the_list_counts_as_with_progress(varied):
    ids = [p.pk for p in varied][::-1]
    old = {p.pk: p for p in selectors.with_progress(Program.objects.filter(pk__in=ids))}
    page = selectors.decorate_page(ids)
    assert [p.pk for p in page] == ids
    for program in page:
        assert [getattr(program, a) for a in PROGRESS] == [
            getattr(old[program.pk], a) for a in PROGRESS
        ]


def _old_my_programs(*, user, organization) -> list[Program]:
    """The participant's newest programs as the home cards read them before
    ``participant_programs``."""
    from django.db.models import Exists, OuterRef

    mine = ProgramAgreement.objects.filter(
        program=OuterRef("pk"), staff__user=user, revision=OuterRef("revision")
    )
    newest = selectors.visible_programs(
        user=user, organization=organization, roles=frozenset()
    ).order_by("-created_at", "-pk")[: selectors.MY_PROGRAMS_ON_HOME]
    qs = selectors.with_progress(
        Program.objects.filter(pk__in=list(newest.values_list("pk", flat=True)))
    )
    return list(
        qs.annotate(i_agreed=Exists(mine))
        .select_related("pair")
        .prefetch_related("pair__mentees")
        .order_by("-created_at", "-pk")[: selectors.MY_PROGRAMS_ON_HOME]
    )


@pytest.mark.parametrize("persona", ["mentor", "mentee", "mentor2", "curator"])
def test_participant_programs_equal_the_old_programs_and_waiting_counts(
    persona, varied, org, users
):
    from core.models import User

    user = users.get(persona) or User.objects.get(username=persona)
    programs, waiting = selectors.participant_programs(user=user, organization=org)
    old = _old_my_programs(user=user, organization=org)
    assert [p.pk for p in programs] == [p.pk for p in old]
    for new_one, old_one in zip(programs, old, strict=True):
        assert [getattr(new_one, a) for a in (*PROGRESS, "i_agreed", "heading")] == [
            getattr(old_one, a) for a in (*PROGRESS, "i_agreed", "heading")
        ]
    expected = selectors.waiting_counts(user=user, organization=org, roles=frozenset())
    assert waiting == expected
    if persona in ("mentor", "mentee"):
        assert waiting["to_agree"] and waiting["overdue"] and waiting["changes"]
        assert waiting["returned"]


def test_a_participant_without_programs_waits_for_nothing(org, users):
    programs, waiting = selectors.participant_programs(user=users["mentor"], organization=org)
    assert programs == []
    assert waiting == selectors.waiting_counts(
        user=users["mentor"], organization=org, roles=frozenset()
    )


def test_participant_programs_ask_as_many_queries_for_many_programs(
    varied, org, users, django_assert_max_num_queries
):
    with django_assert_max_num_queries(7):
        selectors.participant_programs(user=users["mentor"], organization=org)
    for _ in range(5):
        program = make_program(
            fixed_pair(org, users["mentor"], users["mentee"]), status=ProgramStatus.IN_PROGRESS
        )
        PlanRow.objects.filter(program=program).update(deadline=today() - dt.timedelta(days=1))
    with django_assert_max_num_queries(7):
        selectors.participant_programs(user=users["mentor"], organization=org)


def _old_organization_counts(organization) -> dict:
    """The organization's counts as the selector computed them before ``tally_of``."""
    from django.db.models import Count, IntegerField, OuterRef, Subquery, Sum
    from django.db.models.functions import Coalesce

    from programs.selectors import OPEN_ROW, RUNNING, _per_program

    def _total(queryset):
        counted = (
            queryset.order_by().values("program__organization").annotate(n=Count("pk")).values("n")
        )
        return Coalesce(Subquery(counted, output_field=IntegerField()), 0)

    late = PlanRow.objects.filter(program=OuterRef("pk"), status__in=OPEN_ROW, deadline__lt=today())
    overdue = (
        Program.objects.filter(organization=organization, status__in=RUNNING)
        .annotate(n=_per_program(late))
        .order_by()
        .values("organization")
        .annotate(total=Sum("n"))
        .values("total")
    )
    changes = ProgramChange.objects.filter(program__organization=organization, status="agreed")
    rows = list(
        Program.objects.filter(organization=organization)
        .values("status")
        .annotate(
            n=Count("pk"),
            overdue=Coalesce(Subquery(overdue, output_field=IntegerField()), 0),
            changes=_total(changes),
        )
        .order_by()
    )
    return {
        "by_status": {row["status"]: row["n"] for row in rows},
        "overdue": rows[0]["overdue"] if rows else 0,
        "changes": rows[0]["changes"] if rows else 0,
    }


def test_the_organization_counts_equal_the_old_subqueries(varied, org, other_org):
    found = selectors._organization_counts(org)
    assert found == _old_organization_counts(org)
    assert found["overdue"] and found["changes"] and len(found["by_status"]) > 3
    assert selectors._organization_counts(other_org) == _old_organization_counts(other_org)
    # The SQL is made once: a new plan row past its deadline is counted on the next call.
    running = next(p for p in varied if p.status == ProgramStatus.IN_PROGRESS)
    PlanRow.objects.create(
        program=running, position=99, event="Ещё", deadline=today() - dt.timedelta(days=1)
    )
    again = selectors._organization_counts(org)
    assert again["overdue"] == found["overdue"] + 1 == _old_organization_counts(org)["overdue"]


def test_the_organization_without_programs_counts_nothing(org):
    assert selectors._organization_counts(org) == _old_organization_counts(org)
    assert selectors._organization_counts(org) == {"by_status": {}, "overdue": 0, "changes": 0}


def _plan_row(pk, **changes) -> dict:
    row = {
        "pk": pk,
        "direction": "Психолого-педагогическое",
        "event": "Посещение занятия <наставника> & «разбор» \"вместе\" с 'коллегой'",
        "event_form": "Открытое занятие",
        "deadline": "01.02.2026",
        "expected_result": "Освоены приёмы",
        "status_class": "text-bg-light border",
        "status_label": "Запланировано",
        "done_on": "",
        "done_late": False,
        "actual_result": "",
        "evidence_file_url": "",
        "evidence_url": "",
        "is_overdue": False,
        "action": "Изменить",
        "edit_url": f"/programs/rows/{pk}/edit/",
    }
    return row | changes


PLAN_ROWS = [
    _plan_row(1),
    _plan_row(2, is_overdue=True, event_form="", action="Отметить"),
    _plan_row(
        3,
        done_on="03.02.2026",
        done_late=True,
        actual_result="Сделано <b>всё</b>\nи ещё",
        evidence_file_url="/programs/rows/3/evidence/",
        evidence_url="https://example.org/?a=1&b=<2>",
        status_class="text-bg-success",
        status_label="Выполнено",
    ),
    _plan_row(4, done_on="01.01.2026", action="", expected_result=""),
]

MEETINGS = [
    {
        "held_on": "05.02.2026",
        "start_time": "15:30",
        "duration_minutes": 45,
        "format": "Очно",
        "place": 'https://meet.example.org/x?y=1&z="2"',
        "place_is_link": True,
        "topic": "Тема <1> & «2»",
        "notes": "Заметки\nв две строки 'с кавычками'",
        "ics_url": "/programs/meetings/7/ics/",
    },
    {
        "held_on": "06.02.2026",
        "start_time": "",
        "duration_minutes": 1200,
        "format": "Дистанционно",
        "place": "Кабинет №3 <методический>",
        "place_is_link": False,
        "topic": "",
        "notes": "",
        "ics_url": "/programs/meetings/8/ics/",
    },
    {
        "held_on": "07.02.2026",
        "start_time": "09:00",
        "duration_minutes": 30,
        "format": "Очно",
        "place": "",
        "place_is_link": False,
        "topic": "Без места",
        "notes": "",
        "ics_url": "/programs/meetings/9/ics/",
    },
]


@pytest.mark.parametrize("rows", [PLAN_ROWS, PLAN_ROWS[:1], []])
def test_the_plan_printed_without_the_templates_is_what_they_print(rows):
    from django.template.loader import render_to_string

    from programs import tables

    expected = render_to_string("programs/partials/plan_rows.html", {"rows": rows})
    assert tables.plan_rows_html(rows) == expected


@pytest.mark.parametrize("meetings", [MEETINGS, MEETINGS[1:2], []])
def test_the_meeting_log_printed_without_the_template_is_what_it_prints(meetings):
    from django.template.loader import render_to_string

    from programs import tables

    expected = render_to_string("programs/partials/meeting_rows.html", {"meetings": meetings})
    assert tables.meeting_rows_html(meetings) == expected


def test_the_plan_rows_of_a_program_print_as_the_template(pair):
    """From the rows as ``tables.plan_rows`` makes them, for every combination of buttons."""
    from django.template.loader import render_to_string

    from programs import tables

    running = make_program(pair, status=ProgramStatus.IN_PROGRESS, rows=8)
    _vary(running, 2)
    Meeting.objects.create(
        program=running,
        held_on=running.starts_on,
        topic="Онлайн <встреча>",
        place="https://meet.example.org/?a=1&b=2",
        notes="Первая строка\nвторая",
    )
    rows = list(running.rows.all())
    for can_edit, can_report in itertools.product((True, False), repeat=2):
        plan = tables.plan_rows(rows, running=True, can_edit=can_edit, can_report=can_report)
        expected = render_to_string("programs/partials/plan_rows.html", {"rows": plan})
        assert tables.plan_rows_html(plan) == expected
    meetings = tables.meetings(Meeting.objects.filter(program=running))
    expected = render_to_string("programs/partials/meeting_rows.html", {"meetings": meetings})
    assert tables.meeting_rows_html(meetings) == expected
