"""Indicators on a small hand-made data set equal the numbers counted by hand below.

Teachers: mentors M1, M2; mentees A (1 year), B (2 years), C (5 years); D (0 years) and E
(10 years) not in programs; G (4 years) only in a proposed pair. The head F is not a teacher.
Pairs: P1 = M1 with A and B (active, traditional), P2 = M2 with C (fixed, virtual),
P3 = M2 with G (proposed).
"""

import pytest

from mentoring.models import MentoringForm, PairStatus, Position
from monitoring import indicators
from monitoring.indicators import Filters
from monitoring.models import Measure, SurveyKind
from monitoring.periods import current_year
from tests.factories import UserFactory
from tests.monitoring.factories import answer_all, assign, pair, staff

ALL = Measure.values


def every(value):
    return {m: value for m in ALL}


@pytest.fixture
def data(org):
    people = {
        "M1": staff(org, years=20),
        "M2": staff(org, years=15),
        "A": staff(org, years=1),
        "B": staff(org, years=2),
        "C": staff(org, years=5),
        "D": staff(org, years=0),
        "E": staff(org, years=10),
        "F": staff(org, years=25, position=Position.HEAD),
        "G": staff(org, years=4),
    }
    p = people
    pairs = {
        "P1": pair(
            org, mentors=[p["M1"]], mentees=[p["A"], p["B"]], forms=[MentoringForm.TRADITIONAL]
        ),
        "P2": pair(
            org,
            mentors=[p["M2"]],
            mentees=[p["C"]],
            status=PairStatus.FIXED,
            forms=[MentoringForm.VIRTUAL],
        ),
        "P3": pair(org, mentors=[p["M2"]], mentees=[p["G"]], status=PairStatus.PROPOSED),
    }
    author = UserFactory()
    both = [pairs["P1"], pairs["P2"]]
    sat = assign(org, SurveyKind.SATISFACTION_MENTEE, pairs=both, author=author)
    answer_all(sat, p["A"], [5, 4, 3])
    answer_all(sat, p["B"], [4, 4, 4])
    # C saves answers but never sends them: not counted.
    response = sat.responses.get(staff=p["C"])
    response.answers.create(question_key=1, kind="scale5", value=1, scale_max=5)
    sat_mentors = assign(org, SurveyKind.SATISFACTION_MENTOR, pairs=both, author=author)
    answer_all(sat_mentors, p["M1"], [5, 5, 4])
    answer_all(sat_mentors, p["M2"], [3, 3, 3])
    before = assign(org, SurveyKind.IMPACT, pairs=both, author=author, roles={"mentee"})
    after = assign(
        org, SurveyKind.IMPACT, pairs=both, author=author, roles={"mentee"}, moment="after"
    )
    answer_all(before, p["A"], every(2))
    answer_all(before, p["B"], every(3))
    answer_all(before, p["C"], every(4))
    answer_all(after, p["A"], every(4))
    answer_all(after, p["C"], every(5))  # B has not answered «after» yet
    return {"org": org, "people": people, "pairs": pairs}


def test_share_of_teachers_and_young_specialists_who_entered_as_mentees(data):
    teachers, young = indicators.mentee_shares(data["org"], Filters(year=current_year()))
    # Teachers M1 M2 A B C D E G = 8, mentees of entered pairs A B C = 3.
    assert (teachers.part, teachers.total, teachers.percent) == (3, 8, 37.5)
    # Young (< 3 years): A B D = 3, of them mentees A B = 2.
    assert (young.part, young.total, young.percent) == (2, 3, 66.7)


def test_form_filter_narrows_the_mentees_but_not_the_teachers(data):
    filters = Filters(year=current_year(), form=MentoringForm.VIRTUAL)
    teachers, young = indicators.mentee_shares(data["org"], filters)
    assert (teachers.part, teachers.total, teachers.percent) == (1, 8, 12.5)
    assert (young.part, young.total, young.percent) == (0, 3, 0.0)


def test_mentor_filter_keeps_only_that_mentors_pairs(data):
    filters = Filters(year=current_year(), mentor_id=data["people"]["M1"].pk)
    teachers, _young = indicators.mentee_shares(data["org"], filters)
    assert teachers.part == 2
    level = indicators.satisfaction_of_mentors(data["org"], filters)
    assert level.percent == 93.3  # M1: (5 + 5 + 4) / 3 / 5


def test_satisfaction_of_mentees_counts_only_sent_answers(data):
    level = indicators.satisfaction_of_mentees(data["org"], Filters(year=current_year()))
    # A: 5 4 3, B: 4 4 4 → 24 / 6 = 4.0 of 5 = 80 %; C's draft is ignored.
    assert (level.percent, level.respondents, level.answers) == (80.0, 2, 6)


def test_satisfaction_of_mentors(data):
    level = indicators.satisfaction_of_mentors(data["org"], Filters(year=current_year()))
    # M1: 5 5 4, M2: 3 3 3 → 23 / 6 = 3.833 of 5 = 76.7 %.
    assert (level.percent, level.respondents) == (76.7, 2)


def test_before_after_change_for_the_organization_reports_missing_not_zero(data):
    changes = indicators.impact_changes(data["org"], Filters(year=current_year()))
    assert [c.measure for c in changes] == ALL
    for change in changes:
        # A: 2 → 4, C: 4 → 5; B has no «after»: missing, left out of both means.
        assert (change.before, change.after, change.delta) == (60.0, 90.0, 30.0)
        assert (change.paired, change.missing) == (2, 1)


def test_before_after_change_per_pair(data):
    rows = indicators.impact_changes_by_pair(data["org"], Filters(year=current_year()))
    p1, p2 = data["pairs"]["P1"].pk, data["pairs"]["P2"].pk
    by_pair = {(r["response__pair"], r["measure"]): r for r in rows}
    first = by_pair[(p1, Measure.MOTIVATION)]
    assert (first["before"], first["after"], first["paired"], first["missing"]) == (
        40.0,
        80.0,
        1,
        1,
    )
    second = by_pair[(p2, Measure.STRESS)]
    assert (second["before"], second["after"], second["paired"], second["missing"]) == (
        80.0,
        100.0,
        1,
        0,
    )


def test_no_answers_gives_no_data_rather_than_zero(org):
    filters = Filters(year=current_year())
    assert indicators.satisfaction_of_mentees(org, filters).percent is None
    assert all(
        c.before is None and c.delta is None for c in indicators.impact_changes(org, filters)
    )


def test_indicators_run_a_constant_number_of_queries(data, django_assert_max_num_queries):
    filters = Filters(year=current_year())
    with django_assert_max_num_queries(4):
        indicators.mentee_shares(data["org"], filters)
        indicators.satisfaction_of_mentees(data["org"], filters)
        indicators.satisfaction_of_mentors(data["org"], filters)
        indicators.impact_changes(data["org"], filters)


def test_bank_category_decides_who_is_a_young_specialist(data):
    from mentoring.models import MenteeCategory, MenteeProfile

    org, p = data["org"], data["people"]
    # C (5 years) is categorized as young in the bank; A (1 year) as a new employee.
    MenteeProfile.objects.create(organization=org, staff=p["C"], category=MenteeCategory.YOUNG)
    MenteeProfile.objects.create(
        organization=org, staff=p["A"], category=MenteeCategory.NEW_EMPLOYEE
    )
    _teachers, young = indicators.mentee_shares(org, Filters(year=current_year()))
    # Young now: B and D by experience (not in the bank), C by category = 3; mentees B and C.
    assert (young.part, young.total, young.percent) == (2, 3, 66.7)
    names = set(indicators.mentee_teachers(org, Filters(year=current_year()), young=True))
    assert names == {p["B"], p["C"]}


def test_process_measures_count_events_done_on_time_and_meetings(data):
    import datetime as dt

    from django.utils import timezone

    from programs.models import Meeting, PlanRow, Program, RowStatus

    org, pairs = data["org"], data["pairs"]
    today = timezone.localdate()
    year = current_year()
    program = Program.objects.create(
        organization=org, pair=pairs["P1"], starts_on=year.starts_on, ends_on=year.ends_on
    )

    def row(days, status, done_days=None):
        return PlanRow.objects.create(
            program=program,
            direction="methods",
            event="Открытое занятие",
            deadline=today + dt.timedelta(days=days),
            status=status,
            done_on=None if done_days is None else today + dt.timedelta(days=done_days),
        )

    row(3, RowStatus.DONE, 0)  # not yet due: not counted
    row(0, RowStatus.DONE, 0)  # due today, done today: on time
    late = row(-5, RowStatus.DONE, 0)  # done today, after its deadline: late
    row(-2, RowStatus.PLANNED)  # due and not done
    assert late.deadline < today
    Meeting.objects.create(program=program, held_on=today, topic="Разбор занятия")
    Meeting.objects.create(program=program, held_on=today, topic="Планирование")
    measures = indicators.process_measures(org, Filters(year=current_year()))
    # Due by today: 3 rows; done on time: 1 → 33.3 %.
    assert measures.available
    assert (measures.events_on_time.part, measures.events_on_time.total) == (1, 3)
    assert measures.events_on_time.percent == 33.3
    assert measures.meetings_held == 2


def test_a_done_event_edited_after_its_deadline_still_counts_as_on_time(data, client_for):
    """The row's last edit is not its completion date: «в срок» compares ``done_on``."""
    import datetime as dt

    from django.urls import reverse
    from django.utils import timezone

    from programs.models import PlanRow, Program, ProgramStatus, RowStatus
    from programs.roadmap_progress import stage_6

    org, pairs = data["org"], data["pairs"]
    today = timezone.localdate()
    year = current_year()
    program = Program.objects.create(
        organization=org,
        pair=pairs["P1"],
        starts_on=year.starts_on,
        ends_on=year.ends_on,
        status=ProgramStatus.IN_PROGRESS,
    )
    done_early = [
        PlanRow.objects.create(
            program=program,
            direction="methods",
            event=f"Мероприятие {n}",
            deadline=today - dt.timedelta(days=10 + n),
            status=RowStatus.DONE,
            done_on=today - dt.timedelta(days=20 + n),
            actual_result="Проведено",
        )
        for n in range(3)
    ]
    # Weeks later the result text of one row is corrected: it stays done on time.
    row = done_early[0]
    row.actual_result = "Проведено, протокол приложен"
    row.save()
    measures = indicators.process_measures(org, Filters(year=current_year()))
    assert (measures.events_on_time.part, measures.events_on_time.total) == (3, 3)
    checks = {c.label: c for c in stage_6(org, None)}
    on_time = checks["Мероприятия планов выполняются в срок"]
    assert on_time.done and "выполнено в срок: 3 из 3" in on_time.detail
    assert reverse("programs:program-list") in on_time.url
