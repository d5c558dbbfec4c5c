"""The monitoring page's figures, counted together (``monitoring.figures``), equal the numbers
of the one-number functions they stand for, on a varied data set, for every filter; and the
page asks the database the same number of times for a few pairs as for many.

The data set: teachers of every kind the counts tell apart (an outside mentor, the head, one who
withdrew consent, one who left before the year and one during it, a young specialist by the
bank and one by experience, an experienced teacher the bank calls young); pairs fixed, active,
closed this year, proposed, and closed before the year began; two forms of mentoring; activity
records confirmed and not, of this year and the last; satisfaction surveys of mentees and
mentors; impact surveys before and after, one «after» still missing and one «before» sent last
year; two young specialists whose programs were completed in full; and a second kindergarten
with answers of its own.
"""

import datetime as dt

import pytest
from django.core.files.base import ContentFile
from django.db.models import OuterRef, Subquery
from django.utils import timezone

from core import cache
from mentoring import consents
from mentoring.models import (
    MenteeCategory,
    MenteeProfile,
    MentoringForm,
    PairStatus,
    Position,
    StaffMember,
)
from monitoring import dashboard, figures, indicators, selectors
from monitoring import indicators_growth as growth
from monitoring.indicators import Filters, pairs_in_scope, young_specialist
from monitoring.models import Measure, SurveyKind, SurveyResponse
from monitoring.periods import AcademicYear, current_year
from programs.models import Activity, EndReason, Program
from tests.factories import UserFactory
from tests.monitoring.factories import answer_all, assign, pair, staff
from tests.programs.factories import make_program

ALL = Measure.values


def _record(program, person, kind, *, status="confirmed", days_ago=0):
    activity = Activity(
        organization=program.organization,
        program=program,
        staff=person,
        kind=kind,
        title="Запись",
        happened_on=timezone.localdate() - dt.timedelta(days=days_ago),
        level="municipal",
        result="участие",
        status=status,
    )
    activity.evidence_file.save("d.pdf", ContentFile(b"%PDF-1.4\n"), save=False)
    activity.save()


def _complete(program, *, days_ago=0):
    program.end_reason = EndReason.PLAN_DONE
    program.finished_at = timezone.now() - dt.timedelta(days=days_ago)
    program.status = "completed"
    program.save()


def _surveyed(assignment, pair, person, role="mentee"):
    """A response for someone the assignment left out (withdrew consent, or left later on)."""
    SurveyResponse.objects.create(assignment=assignment, pair=pair, staff=person, role=role)


def _measures(**values):
    return {m: values.get(m) for m in ALL}


def _kindergarten(org, *, last_year_before: bool = True):
    today = timezone.localdate()
    year = current_year()
    p = {
        "M1": staff(org, years=20),
        "M2": staff(org, years=15),
        "X": staff(  # a mentor from outside the staff
            org,
            years=12,
            is_external=True,
            external_kind="parent",
            personnel_number="",
            position="",
        ),
        "A": staff(org, years=1, date_hired=today - dt.timedelta(days=400)),
        "B": staff(org, years=2, personal_data_withdrawn_at=timezone.now()),
        "C": staff(org, years=5, left_on=today, is_active=False, leaving_reason="own_wish"),
        "Y": staff(org, years=0, date_hired=today - dt.timedelta(days=200)),
        "K": staff(org, years=9, date_hired=today - dt.timedelta(days=900)),  # young by the bank
        "D": staff(org, years=0),
        "E": staff(org, years=10),
        "F": staff(org, years=25, position=Position.HEAD),
        "G": staff(org, years=4),
        "L": staff(
            org,
            years=0,
            left_on=year.starts_on - dt.timedelta(days=1),
            is_active=False,
            leaving_reason="own_wish",
        ),
    }
    MenteeProfile.objects.create(organization=org, staff=p["K"], category=MenteeCategory.YOUNG)
    pairs = {
        "P1": pair(
            org,
            mentors=[p["M1"]],
            mentees=[p["A"], p["B"], p["C"]],
            forms=[MentoringForm.TRADITIONAL],
        ),
        "P2": pair(
            org,
            mentors=[p["M2"], p["X"]],
            mentees=[p["Y"]],
            status=PairStatus.FIXED,
            forms=[MentoringForm.VIRTUAL],
        ),
        "P3": pair(org, mentors=[p["M2"]], mentees=[p["G"]], status=PairStatus.PROPOSED),
        "P4": pair(org, mentors=[p["M1"]], mentees=[p["K"]], status=PairStatus.CLOSED),
        "OLD": pair(org, mentors=[p["M2"]], mentees=[p["E"]], status=PairStatus.CLOSED),
    }
    pairs["P4"].closed_at = timezone.now()
    pairs["P4"].save()
    pairs["OLD"].closed_at = year.starts_at - dt.timedelta(days=10)
    pairs["OLD"].save()

    first = make_program(pairs["P1"], status="in_progress")
    _record(first, p["A"], "contest")
    _record(first, p["A"], "innovation")
    _record(first, p["B"], "course")  # withdrawn: not counted
    _record(first, p["M1"], "course")
    _record(first, p["C"], "publication", status="submitted")  # not confirmed
    second = make_program(pairs["P2"])
    _record(second, p["X"], "innovation")
    _record(second, p["Y"], "course", days_ago=400)  # last year
    _complete(second, days_ago=5)
    fourth = make_program(pairs["P4"])
    _complete(fourth, days_ago=1)
    _complete(make_program(pairs["OLD"]), days_ago=400)

    author = UserFactory()
    working = [pairs["P1"], pairs["P2"], pairs["P4"]]
    sat = assign(org, SurveyKind.SATISFACTION_MENTEE, pairs=working, author=author)
    answer_all(sat, p["A"], [5, 4, 3])
    _surveyed(sat, pairs["P1"], p["B"])
    answer_all(sat, p["B"], [1, 1, 1])  # withdrawn: not counted
    answer_all(sat, p["K"], [4, 4, 5])
    sat_mentors = assign(org, SurveyKind.SATISFACTION_MENTOR, pairs=working, author=author)
    answer_all(sat_mentors, p["M1"], [5, 5, 4], pair=pairs["P1"])
    answer_all(sat_mentors, p["M1"], [3, 4, 4], pair=pairs["P4"])
    answer_all(sat_mentors, p["X"], [2, 3, 3])
    before = assign(org, SurveyKind.IMPACT, pairs=working, author=author, roles={"mentee"})
    after = assign(
        org, SurveyKind.IMPACT, pairs=working, author=author, roles={"mentee"}, moment="after"
    )
    answer_all(before, p["A"], {m: 2 for m in ALL})
    for person in ("B", "C"):
        _surveyed(before, pairs["P1"], p[person])
    answer_all(before, p["C"], {m: 3 for m in ALL})  # C (left today) has no «after»
    answer_all(before, p["B"], {m: 1 for m in ALL})  # withdrawn
    y_before = answer_all(before, p["Y"], _measures(motivation=2, stress=4, future_mentor=5))
    if last_year_before:  # Y answered «before» last year: still compared with this «after»
        SurveyResponse.objects.filter(pk=y_before.pk).update(
            submitted_at=year.starts_at - dt.timedelta(days=30)
        )
    answer_all(before, p["K"], _measures(adaptation=3, innovation=1, future_mentor=3))
    answer_all(after, p["A"], {m: 4 for m in ALL})
    answer_all(after, p["Y"], _measures(motivation=5, stress=3, future_mentor=4))
    answer_all(after, p["K"], _measures(adaptation=5, innovation=2, future_mentor=2))
    return p, pairs


@pytest.fixture
def data(org, other_org):
    people, pairs = _kindergarten(org)
    _kindergarten(other_org, last_year_before=False)
    return {"org": org, "people": people, "pairs": pairs}


def _filters(data):
    year = current_year()
    return [
        Filters(year=year),
        Filters(year=year, form=MentoringForm.TRADITIONAL),
        Filters(year=year, form=MentoringForm.VIRTUAL),
        Filters(year=year, mentor_id=data["people"]["M1"].pk),
        Filters(year=year, mentor_id=data["people"]["X"].pk),
        Filters(year=AcademicYear(year.start_year - 1)),
    ]


def _old_adaptation(organization, filters):
    """``indicators_growth.adaptation`` as it was: the first completion looked up per person."""
    year = filters.year
    programs = Program.objects.filter(
        organization=organization,
        end_reason=EndReason.PLAN_DONE,
        finished_at__gte=year.starts_at,
        finished_at__lt=year.ends_at,
        pair__in=pairs_in_scope(organization, filters),
    )
    finished = programs.filter(pair__mentees=OuterRef("pk")).order_by("finished_at")
    people = consents.without_withdrawn(
        StaffMember.objects.filter(organization=organization, date_hired__isnull=False)
        .filter(young_specialist())
        .annotate(goals_met_at=Subquery(finished.values("finished_at")[:1]))
        .filter(goals_met_at__isnull=False)
    )
    rows = []
    for person in people.order_by("search_name", "pk"):
        met = person.goals_met_at.date()
        rows.append(
            {
                "staff": person,
                "hired": person.date_hired,
                "met": met,
                "months": round((met - person.date_hired).days / growth.DAYS_IN_MONTH, 1),
            }
        )
    mean = round(sum(r["months"] for r in rows) / len(rows), 1) if rows else None
    return growth.Adaptation(mean, len(rows)), rows


def test_the_people_counted_together_equal_each_share(data):
    org = data["org"]
    seen = set()
    for filters in _filters(data):
        people = figures.people(org, filters)
        assert (people.teachers, people.young) == indicators.mentee_shares(org, filters)
        assert people.active_mentees == growth.active_people(org, filters, role="mentee")[0]
        assert people.active_mentors == growth.active_people(org, filters, role="mentor")[0]
        assert (
            people.innovation
            == growth.active_people(org, filters, role="mentee", kinds=["innovation"])[0]
        )
        assert people.withdrawn == growth.withdrawn_count(org)
        seen.add(people)
    assert len(seen) >= 4  # the filters do change the figures: the data set tells them apart


def test_the_people_counted_by_hand(data):
    people = figures.people(data["org"], Filters(year=current_year()))
    # Teachers: M1 M2 A C Y K D E G (not X outside, B withdrawn, F head, L gone) = 9; mentees
    # of entered pairs A C Y K = 4. Young: A Y D (experience) and K (bank) = 4, all but D
    # mentees.
    assert (people.teachers.part, people.teachers.total) == (4, 9)
    assert (people.young.part, people.young.total) == (3, 4)
    # Mentees A C Y K: A active this year (contest, innovation); mentors M1 M2 X: M1, X.
    assert (people.active_mentees.part, people.active_mentees.total) == (1, 4)
    assert (people.active_mentors.part, people.active_mentors.total) == (2, 3)
    assert (people.innovation.part, people.innovation.total) == (1, 4)
    assert people.withdrawn == 1


def test_the_answers_counted_together_equal_each_level(data):
    org = data["org"]
    for filters in _filters(data):
        answers = figures.answers(org, filters)
        assert answers.mentees == indicators.satisfaction_of_mentees(org, filters)
        assert answers.mentors == indicators.satisfaction_of_mentors(org, filters)
        assert answers.planning == growth.planning_to_mentor(org, filters)[0]


def test_the_answers_counted_by_hand(data):
    answers = figures.answers(data["org"], Filters(year=current_year()))
    # Mentees A 5 4 3, K 4 4 5 → 25 / 6 of 5 = 83.3 %; B withdrawn.
    assert (answers.mentees.percent, answers.mentees.respondents) == (83.3, 2)
    # Mentors M1 5 5 4 and 3 4 4, X 2 3 3 → 33 / 9 of 5 = 73.3 %, two people.
    assert (answers.mentors.percent, answers.mentors.respondents, answers.mentors.answers) == (
        73.3,
        2,
        9,
    )
    # «Хочу стать наставником» this year: A 2 and 4, C 3, K 3 and 2, Y 4 → A and Y agree.
    assert (answers.planning.part, answers.planning.total) == (2, 4)


def test_before_and_after_counted_together_equal_the_organizations_and_each_pairs(data):
    org = data["org"]
    for filters in _filters(data):
        impact = figures.impact(org, filters)
        assert impact.changes == indicators.impact_changes(org, filters)
        assert impact.by_pair == indicators.impact_changes_by_pair(org, filters)


def test_before_and_after_by_hand(data):
    changes = {
        c.measure: c for c in figures.impact(data["org"], Filters(year=current_year())).changes
    }
    # Motivation: A 2 → 4 and Y 2 (last year) → 5 compared; C's «before» waits for «after».
    motivation = changes[Measure.MOTIVATION]
    assert (motivation.before, motivation.after, motivation.paired, motivation.missing) == (
        40.0,
        90.0,
        2,
        1,
    )
    # Adaptation: A 2 → 4, K 3 → 5; Y never answered it.
    adaptation = changes[Measure.ADAPTATION]
    assert (adaptation.before, adaptation.after, adaptation.delta) == (50.0, 90.0, 40.0)


def test_the_pairs_labels_equal_the_prefetched_pairs_labels(data):
    """``figures.pair_labels`` (one statement) says what ``selectors.pair_label`` says of the
    prefetched pairs: numbers, pair or group, the role words' number and gender, the people in
    the staff list's order, without those who withdrew consent (B in P1)."""
    org = data["org"]
    pairs = data["pairs"]
    pairs["P3"].number = None  # a pair without a number yet: its id stands
    pairs["P3"].save()
    expected = {
        pair.pk: selectors.pair_label(pair)
        for pair in selectors.pairs_with_people(organization=org)
    }
    assert len(expected) == len(pairs)
    assert figures.pair_labels(org, list(expected) * 2) == expected
    assert figures.pair_labels(org, []) == {}
    other = data["pairs"]["P1"].pk
    assert figures.pair_labels(org, [other]) == {other: expected[other]}


@pytest.mark.django_db(transaction=True)
def test_a_write_to_the_programs_keeps_the_answers_figures(data, monkeypatch):
    """A plan row, a meeting or an activity record changes no answer: the answers' part of the
    page's figures is kept, the rest is counted again (committed for real: a part built inside
    a transaction that has written is never kept)."""
    org = data["org"]
    filters = Filters(year=current_year())
    first = dashboard.build(org, filters)
    cache.bump(org.pk, ("programs",))

    def counted_again(*args, **kwargs):
        raise AssertionError("the answers were counted again")

    monkeypatch.setattr(figures, "impact", counted_again)
    monkeypatch.setattr(figures, "answers", counted_again)
    again = dashboard.build(org, filters)
    assert again["pair_rows"] == first["pair_rows"]
    assert again["cards"] == first["cards"]
    cache.bump(org.pk, ("monitoring",))
    with pytest.raises(AssertionError, match="counted again"):
        dashboard.build(org, filters)


def test_process_measures_counted_together_equal_the_one_number_function(data):
    org = data["org"]
    for filters in _filters(data):
        assert figures.process(org, filters) == indicators.process_measures(org, filters)
    process = figures.process(org, Filters(year=current_year()))
    assert process.events_on_time.total > 0  # make_program's rows are due this year


def test_activity_counts_equal_the_one_number_function(data):
    org = data["org"]
    for filters in _filters(data):
        assert figures.activity_counts(org, filters) == growth.activity_counts(org, filters)
    counts = dict(figures.activity_counts(org, Filters(year=current_year())))
    assert counts["Инновационная или проектная деятельность"] == 2  # A and X; B withdrawn


def test_the_adaptation_card_equals_the_drill_down(data):
    org = data["org"]
    for filters in _filters(data):
        assert figures.adaptation(org, filters) == growth.adaptation(org, filters)[0]


def test_adaptation_equals_what_the_per_person_lookup_gave(data):
    org = data["org"]
    for filters in _filters(data):
        assert growth.adaptation(org, filters) == _old_adaptation(org, filters)
    summary, rows = growth.adaptation(org, Filters(year=current_year()))
    assert [r["staff"] for r in rows] == sorted(
        [data["people"]["K"], data["people"]["Y"]], key=lambda s: (s.search_name, s.pk)
    )
    assert summary.people == 2


def _cold_page_queries(client, django_assert_max_num_queries) -> int:
    cache.bump(None)
    with django_assert_max_num_queries(40) as captured:
        response = client.get("/monitoring/")
    assert response.status_code == 200
    return len(captured)


def _more_pairs(org, count):
    author = UserFactory()
    made = []
    for _ in range(count):
        mentor, mentee = staff(org, years=10), staff(org, years=1)
        made.append(pair(org, mentors=[mentor], mentees=[mentee]))
        _complete(make_program(made[-1]))
    for kind in (SurveyKind.SATISFACTION_MENTEE, SurveyKind.IMPACT):
        assignment = assign(org, kind, pairs=made, author=author)
        values = {m: 3 for m in ALL} if kind == SurveyKind.IMPACT else [3, 3, 3]
        for one in made:
            answer_all(assignment, one.mentees.get(), values)
    return made


def test_the_monitoring_page_asks_the_same_number_of_queries_for_many_pairs(
    data, client_for, django_assert_max_num_queries
):
    client = client_for("curator")
    few = _cold_page_queries(client, django_assert_max_num_queries)
    _more_pairs(data["org"], 12)
    assert _cold_page_queries(client, django_assert_max_num_queries) == few
    # The session, the user, the roles and the year (6, as on every page), the frozen year, and
    # 9 for the figures (21 before they were counted together).
    assert few <= 16


def test_the_page_shows_the_figures_counted_together(data, client_for):
    client = client_for("curator")  # the personas join the staff: count after them
    filters = Filters(year=current_year())
    people = figures.people(data["org"], filters)
    assert people.teachers == indicators.mentee_shares(data["org"], filters)[0]
    page = client.get("/monitoring/").content.decode()
    teachers, mentors = people.teachers, people.active_mentors
    assert f"{teachers.part} из {teachers.total} педагогов" in page
    assert f"{mentors.part} из {mentors.total} наставников" in page
    assert "2 из 4 ответивших" in page
    assert "83,3" in page


def test_dashboard_figures_are_the_same_for_a_frozen_year(data):
    """A year frozen as the next one opens keeps the figures the page showed (years.freeze)."""
    org, filters = data["org"], Filters(year=current_year())
    live = dashboard.live_figures(org, filters)
    assert live["withdrawn"] == 1
    assert [card["value"] for card in live["cards"]] == [44.4, 75.0, 83.3, 73.3]


def test_the_pairs_cells_written_once_read_as_the_template_wrote_them(rf):
    """``texts`` (made with the figures) are what the template writes of ``cells`` itself, as
    it still does for a year frozen before them: rise, fall, none, halves, no «after»."""
    from django.template.loader import render_to_string

    values = [
        {"before": 40.0, "after": 90.0, "delta": 50.0},
        {"before": 62.5, "after": 37.5, "delta": -25.0},
        {"before": 50.0, "after": 50.0, "delta": 0.0},
        {"before": 33.3, "after": 66.7, "delta": 33.4},
        {"before": 20.0, "after": None, "delta": None},
        None,
    ]
    texts = [dashboard._cell_text(cell) for cell in values]
    assert texts[:3] == ["40 → 90 (+50)", "63 → 38 (-25)", "50 → 50 (0)"]
    assert texts[4:] == ["—", "—"]
    template = "{% for cell in cells %}<td>{% if cell and cell.delta is not None %}{{ cell.before|floatformat:0 }} → {{ cell.after|floatformat:0 }} ({% if cell.delta > 0 %}+{% endif %}{{ cell.delta|floatformat:0 }}){% else %}—{% endif %}</td>{% endfor %}"  # noqa: E501 — the template's own cell, verbatim
    from django.template import engines

    written = engines["django"].from_string(template).render({"cells": values})
    assert written == "".join(f"<td>{text}</td>" for text in texts)
    page = "monitoring/dashboard.html"
    row = {"label": "Пара № 1", "url": "/m/", "cells": values, "missing": 0}
    context = {"pair_rows": [row], "measures": [], "cards": [], "changes": []}
    old = render_to_string(page, context, request=None)
    new = render_to_string(page, {**context, "pair_rows": [{**row, "texts": texts}]})
    assert old == new
    assert '<td class="text-end">63 → 38 (-25)</td>' in new
