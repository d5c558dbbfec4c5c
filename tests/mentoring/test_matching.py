"""Explained matching: ranking, hard limits and the optimal whole-organization proposal."""

import datetime as dt

import pytest

from mentoring import matching
from mentoring.matching import MenteeData, MenteeRequestData, MentorData, scoring
from mentoring.models import MentorStatus, Position
from tests.mentoring import factories as f

TODAY = dt.date(2026, 11, 1)


def _mentee(pid, requests, **kw):
    base = dict(
        profile_id=pid,
        staff_id=1000 + pid,
        name=f"Наставляемая {pid}",
        position=Position.EDUCATOR,
        teaching_years=1,
        birth_date=dt.date(2000, 1, 1),
        requests=tuple(MenteeRequestData(d, t) for d, t in requests),
    )
    base.update(kw)
    return MenteeData(**base)


def _mentor(pid, expertise, capacity=1, load=0, **kw):
    base = dict(
        profile_id=pid,
        staff_id=pid,
        name=f"Наставник {pid}",
        position=Position.EDUCATOR,
        teaching_years=15,
        birth_date=dt.date(1980, 1, 1),
        expertise=frozenset(expertise),
        forms=frozenset(),
        hours_per_week=2,
        capacity=capacity,
        load=load,
        status=MentorStatus.ACTIVE,
    )
    base.update(kw)
    return MentorData(**base)


def test_the_mentor_covering_the_requests_comes_first_and_names_them():
    mentee = _mentee(
        1, [("ict", "Освоить интерактивную доску"), ("psychology", "Работа с родителями")]
    )
    good = _mentor(1, {"ict", "psychology"})
    partial = _mentor(2, {"ict"})
    other = _mentor(3, {"health"}, position=Position.MUSIC)
    ranked, excluded = matching.rank_mentors(mentee, [other, partial, good], today=TODAY)
    assert [s.mentor.profile_id for s in ranked] == [1, 2, 3]
    assert not excluded
    directions = ranked[0].contributions[0]
    assert "Освоить интерактивную доску" in directions.text
    assert "Работа с родителями" in directions.text
    assert "2 из 2" in directions.text
    reasons = ranked[0].as_reasons()
    assert reasons["covered_requests"] == [
        "ИКТ-компетенции: Освоить интерактивную доску",
        "Психолого-педагогические (работа с детьми и родителями): Работа с родителями",
    ]


def test_a_mentor_at_full_capacity_is_excluded_and_never_proposed():
    mentee = _mentee(1, [("ict", "Доска")])
    full = _mentor(1, {"ict"}, capacity=2, load=2)
    free = _mentor(2, {"health"})
    ranked, excluded = matching.rank_mentors(mentee, [full, free], today=TODAY)
    assert [s.mentor.profile_id for s in ranked] == [2]
    assert "Нет свободных мест: уже 2 из 2." in excluded[0].reasons
    proposal = matching.propose_assignment([mentee], [full, free], today=TODAY)
    assert [p.suggestion.mentor.profile_id for p in proposal] == [2]


@pytest.mark.parametrize(
    ("kw", "reason"),
    [
        ({"has_personal_data_consent": False}, "Нет согласия на обработку персональных данных."),
        ({"status": MentorStatus.RELEASED}, "Освобождён от обязанностей наставника"),
        ({"status": MentorStatus.CANDIDATE}, "Кандидат ещё не отобран куратором."),
        ({"staff_id": 1001}, "Это тот же человек."),
    ],
)
def test_hard_limits_exclude_with_a_reason(kw, reason):
    mentee = _mentee(1, [("ict", "Доска")])
    ranked, excluded = matching.rank_mentors(mentee, [_mentor(1, {"ict"}, **kw)], today=TODAY)
    assert not ranked
    assert any(r.startswith(reason) for r in excluded[0].reasons)


def test_a_younger_mentor_may_mentor_an_older_teacher_on_digital_tools():
    older = _mentee(
        1, [("digital", "Цифровые сервисы")], teaching_years=25, birth_date=dt.date(1970, 1, 1)
    )
    young = _mentor(1, {"digital"}, teaching_years=3, birth_date=dt.date(1999, 1, 1))
    suggestion = matching.score(older, young, today=TODAY)
    reverse = [c for c in suggestion.contributions if c.criterion == "Реверсивное наставничество"]
    assert reverse and reverse[0].points > 0
    assert "Цифровые сервисы" in reverse[0].text


def _greedy_trap():
    # A asks two things that only X covers fully; B asks only what X covers.
    a = _mentee(1, [("ict", "Доска"), ("methods", "Конспекты")])
    b = _mentee(2, [("methods", "Конспекты занятий")])
    x = _mentor(1, {"ict", "methods"})
    y = _mentor(2, {"ict"})
    return [a, b], [x, y]


def test_the_optimal_proposal_beats_a_greedy_one_where_greedy_is_suboptimal():
    mentees, mentors = _greedy_trap()
    optimal = matching.propose_assignment(mentees, mentors, today=TODAY)
    greedy = matching.greedy_assignment(mentees, mentors, today=TODAY)
    assert matching.total_score(optimal) > matching.total_score(greedy)
    assert {(p.mentee.profile_id, p.suggestion.mentor.profile_id) for p in optimal} == {
        (1, 2),
        (2, 1),
    }


def test_the_proposal_never_exceeds_a_capacity_and_is_never_below_greedy():
    import random

    rng = random.Random(5)
    directions = ["ict", "methods", "psychology", "health", "legal"]
    mentees = [
        _mentee(i, [(d, f"Запрос {d}") for d in rng.sample(directions, rng.randint(1, 3))])
        for i in range(1, 31)
    ]
    mentors = [
        _mentor(
            i, set(rng.sample(directions, 2)), capacity=rng.randint(1, 3), load=rng.randint(0, 1)
        )
        for i in range(1, 13)
    ]
    optimal = matching.propose_assignment(mentees, mentors, today=TODAY)
    greedy = matching.greedy_assignment(mentees, mentors, today=TODAY)
    assert matching.total_score(optimal) >= matching.total_score(greedy) - 1e-9
    used = {}
    for p in optimal:
        used[p.suggestion.mentor.profile_id] = used.get(p.suggestion.mentor.profile_id, 0) + 1
    for m in mentors:
        assert used.get(m.profile_id, 0) <= m.free
    assert len({p.mentee.profile_id for p in optimal}) == len(optimal)


def test_loaded_mentors_count_open_pairs_and_consent(org):
    busy = f.mentor(org, capacity=1)
    no_consent = f.mentor(org, with_consent=False)
    person = f.mentee(org)
    f.pair(org, [busy.staff], [person.staff])
    data = {m.profile_id: m for m in matching.load_mentors(org)}
    assert data[busy.pk].load == 1 and data[busy.pk].free == 0
    assert data[no_consent.pk].has_personal_data_consent is False
    assert matching.load_mentees(org) and matching.load_mentees(org)[0].requests


def test_the_fast_score_equals_the_explained_sum():
    import random

    rng = random.Random(11)
    directions = ["ict", "digital", "methods", "psychology", "health"]
    for i in range(200):
        mentee = _mentee(
            i,
            [(d, "Запрос") for d in rng.sample(directions, rng.randint(0, 3))],
            teaching_years=rng.randint(0, 30),
            birth_date=dt.date(rng.randint(1965, 2003), 5, 5),
            desired_forms=frozenset(rng.sample(["traditional", "virtual"], rng.randint(0, 1))),
        )
        mentor = _mentor(
            i,
            set(rng.sample(directions, 2)),
            capacity=3,
            load=rng.randint(0, 2),
            teaching_years=rng.randint(0, 30),
            hours_per_week=rng.randint(0, 3),
            birth_date=dt.date(rng.randint(1965, 2003), 5, 5),
            forms=frozenset(rng.sample(["traditional", "virtual"], 1)),
        )
        fast = scoring._points_fn(mentee, TODAY)(mentor)
        assert fast == pytest.approx(matching.score(mentee, mentor, today=TODAY).score)
