"""Section 6 shares and the activity and adaptation indicators against counts made by hand.

Teachers: mentor M; mentees A (1 year), B (2 years, withdrew consent), C (5 years, left this
year), Y (0 years, hired 400 days ago, program completed in full today); D (0 years) not in
programs; L left before the year began.
Counted teachers: M, A, C, D, Y = 5 (B withdrawn, L gone); mentees among them A, C, Y = 3.
Young specialists: A, D, Y = 3; mentees among them A, Y = 2.
Confirmed activity this year: A contest + innovation, B course (withdrawn), M course;
C has only an unconfirmed record. Mentees counted: A, C, Y → active 1 of 3; mentors 1 of 1.
"""

import datetime as dt

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from mentoring.models import PairStatus
from monitoring import indicators
from monitoring import indicators_growth as growth
from monitoring.indicators import Filters
from monitoring.periods import current_year
from programs.models import Activity
from tests.monitoring.factories import pair, staff
from tests.programs.factories import make_program


def _record(program, person, kind, status="confirmed"):
    activity = Activity(
        organization=program.organization,
        program=program,
        staff=person,
        kind=kind,
        title="Запись",
        happened_on=timezone.localdate(),
        level="municipal",
        result="участие",
        status=status,
    )
    activity.evidence_file.save("d.pdf", ContentFile(b"%PDF-1.4\n"), save=False)
    activity.save()


@pytest.fixture
def data(org):
    today = timezone.localdate()
    year = current_year()
    p = {
        "M": staff(org, years=20),
        "A": staff(org, years=1),
        "B": staff(org, years=2, personal_data_withdrawn_at=timezone.now()),
        "C": staff(org, years=5, left_on=today, is_active=False, leaving_reason="own_wish"),
        "Y": staff(org, years=0, date_hired=today - dt.timedelta(days=400)),
        "D": staff(org, years=0),
        "L": staff(
            org,
            years=0,
            left_on=year.starts_on - dt.timedelta(days=1),
            is_active=False,
            leaving_reason="own_wish",
        ),
    }
    p1 = pair(org, mentors=[p["M"]], mentees=[p["A"], p["B"], p["C"]])
    program = make_program(p1, status="in_progress")
    _record(program, p["A"], "contest")
    _record(program, p["A"], "innovation")
    _record(program, p["B"], "course")
    _record(program, p["M"], "course")
    _record(program, p["C"], "publication", status="submitted")
    p2 = pair(org, mentors=[p["M"]], mentees=[p["Y"]], status=PairStatus.ACTIVE)
    done = make_program(p2, status="completed")
    done.end_reason, done.finished_at = "plan_done", timezone.now()
    done.save()
    return p


def test_section_6_shares_leave_out_the_withdrawn_and_count_who_left_this_year(org, data):
    teachers, young = indicators.mentee_shares(org, Filters(year=current_year()))
    assert (teachers.part, teachers.total) == (3, 5)
    assert (young.part, young.total) == (2, 3)
    listed = set(indicators.mentee_teachers(org, Filters(year=current_year())))
    assert listed == {data["A"], data["C"], data["Y"]}


def test_activity_of_mentees_and_mentors_counts_confirmed_records_only(org, data):
    filters = Filters(year=current_year())
    mentees, people = growth.active_people(org, filters, role="mentee")
    assert (mentees.part, mentees.total) == (1, 3)
    assert set(people) == {data["A"]}
    mentors, _ = growth.active_people(org, filters, role="mentor")
    assert (mentors.part, mentors.total) == (1, 1)
    innovation, _ = growth.active_people(org, filters, role="mentee", kinds=["innovation"])
    assert (innovation.part, innovation.total) == (1, 3)
    counts = dict(growth.activity_counts(org, filters))
    assert counts["Конкурс профессионального мастерства"] == 1
    assert counts["Курсы повышения квалификации (КПК)"] == 1  # B's course is not counted
    assert counts["Публикация"] == 0


def test_adaptation_is_months_from_hire_to_the_completed_program(org, data):
    result, rows = growth.adaptation(org, Filters(year=current_year()))
    assert result.people == 1
    assert result.months == round(400 / 30.44, 1) == 13.1
    assert rows[0]["staff"] == data["Y"]


def test_monitoring_page_shows_the_cards_and_the_drill_down_agrees(org, data, client_for):
    client = client_for("curator")
    page = client.get("/monitoring/").content.decode()
    assert "Наставляемые с подтверждённой профессиональной активностью" in page
    assert "1 из 3 наставляемых" in page
    assert "отозвавшие согласие" in page
    listed = client.get("/monitoring/breakdown/?what=activity_mentees").content.decode()
    assert data["A"].full_name in listed
    assert data["B"].full_name not in listed
