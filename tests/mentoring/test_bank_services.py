"""Life cycles of mentors and pairs, capacities, order effects and participants' requests."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from core.lifecycle import TransitionError
from mentoring import services
from mentoring.models import (
    ChangeRequestKind,
    ChangeRequestStatus,
    ConsentKind,
    MenteeStatus,
    MentorStatus,
    PairStatus,
    TrainingSession,
)
from tests.audit import actions, entry
from tests.mentoring import factories as f

pytestmark = pytest.mark.django_db

MENTOR_CASES = [(a, b) for a in MentorStatus.values for b in MentorStatus.values if a != b]


@pytest.mark.parametrize(("current", "target"), MENTOR_CASES)
def test_mentor_status_transition_matrix(org, users, current, target):
    profile = f.mentor(org, status=current)
    _attend_training(org, profile)
    allowed = target in services.MENTOR_ALLOWED.get(current, set())
    if allowed:
        services.mentor_status_change(profile=profile, target=target, actor=users["curator"])
        profile.refresh_from_db()
        assert profile.status == target
        change = entry(profile, "mentor.status_changed")
        assert (change.data["old"], change.data["new"]) == (current, target)
        assert change.actor == users["curator"]
        assert change.label == (
            f"Статус наставника: «{MentorStatus(current).label}» → «{MentorStatus(target).label}»"
        )
    else:
        with pytest.raises(TransitionError) as refused:
            services.mentor_status_change(profile=profile, target=target, actor=users["curator"])
        assert refused.value.messages[0].startswith(
            f"Нельзя перейти из состояния «{MentorStatus(current).label}» "
            f"в «{MentorStatus(target).label}»."
        )
        profile.refresh_from_db()
        assert profile.status == current
        assert actions(profile) == []


def _attend_training(org, profile):
    session = TrainingSession.objects.create(
        organization=org, title="Установочная сессия", held_on=dt.date(2026, 10, 1)
    )
    session.attendees.add(profile)


def test_a_mentor_becomes_trained_only_after_a_training_session(org):
    profile = f.mentor(org, status=MentorStatus.SELECTED)
    with pytest.raises(TransitionError, match="после установочной сессии"):
        services.mentor_status_change(profile=profile, target=MentorStatus.TRAINED)
    profile.refresh_from_db()
    assert profile.status == MentorStatus.SELECTED


def test_active_is_reached_only_by_the_order():
    assert all(MentorStatus.ACTIVE not in t for t in services.MENTOR_ALLOWED.values())


PAIR_CASES = [(a, b) for a in PairStatus.values for b in PairStatus.values if a != b]


@pytest.mark.parametrize(("current", "target"), PAIR_CASES)
def test_pair_status_transition_matrix(org, users, current, target):
    pair = f.pair(org, [f.mentor(org).staff], [f.mentee(org).staff], status=current)
    if target in services.PAIR_ALLOWED[current]:
        services.pair_transition(pair=pair, target=target, actor=users["curator"])
        pair.refresh_from_db()
        assert pair.status == target
        assert actions(pair) == [(services.PAIR_ACTIONS[target], "curator")]
    else:
        with pytest.raises(TransitionError) as refused:
            services.pair_transition(pair=pair, target=target, actor=users["curator"])
        assert refused.value.messages[0].startswith(
            f"Нельзя перейти из состояния «{PairStatus(current).label}» "
            f"в «{PairStatus(target).label}»."
        )
        pair.refresh_from_db()
        assert pair.status == current
        assert actions(pair) == []


MENTEE_CASES = [(a, b) for a in MenteeStatus.values for b in MenteeStatus.values if a != b]


@pytest.mark.parametrize(("current", "target"), MENTEE_CASES)
def test_mentee_status_transition_matrix(org, users, current, target):
    profile = f.mentee(org)
    profile.status = current
    profile.save()
    save = {
        "staff": profile.staff,
        "category": profile.category,
        "desired_forms": [],
        "mode": profile.mode,
        "portrait": "Новый портрет",
        "requests": [("ict", "Освоить интерактивную доску")],
        "status": target,
        "actor": users["curator"],
    }
    if target in services.MENTEE_ALLOWED[current]:
        services.mentee_profile_save(**save)
        profile.refresh_from_db()
        assert profile.status == target
        assert actions(profile) == [
            ("mentee.saved", "curator"),
            ("mentee.status_changed", "curator"),
        ]
    else:
        with pytest.raises(TransitionError) as refused:
            services.mentee_profile_save(**save)
        assert refused.value.messages[0].startswith(
            f"Нельзя перейти из состояния «{MenteeStatus(current).label}» "
            f"в «{MenteeStatus(target).label}»."
        )
        profile.refresh_from_db()
        assert (profile.status, profile.portrait) == (current, "")
        assert actions(profile) == []


@pytest.mark.parametrize("current", ChangeRequestStatus.values)
@pytest.mark.parametrize("approve", [True, False])
def test_change_request_decision_matrix(org, users, current, approve):
    mentor = f.mentor(org, status=MentorStatus.ACTIVE)
    request = services.change_request_create(
        author=mentor.staff, kind=ChangeRequestKind.RELEASE_MENTOR, reason="Переезжаю"
    )
    request.status = current
    request.save()
    target = ChangeRequestStatus.APPROVED if approve else ChangeRequestStatus.DECLINED
    decide = {"request": request, "by": users["director"], "approve": approve, "comment": "Нет"}
    if current == ChangeRequestStatus.PENDING:
        services.change_request_decide(**decide)
        request.refresh_from_db()
        assert request.status == target
        assert entry(request, f"change_request.{target}").actor == users["director"]
        mentor.refresh_from_db()
        assert mentor.status == (MentorStatus.RELEASED if approve else MentorStatus.ACTIVE)
    else:
        with pytest.raises(ValidationError, match="По этому заявлению уже принято решение."):
            services.change_request_decide(**decide)
        request.refresh_from_db()
        assert request.status == current
        assert [a for a, _ in actions(request)] == ["change_request.created"]


def test_a_pair_whose_mentor_has_no_free_capacity_is_refused_with_a_message(org, users):
    mentor = f.mentor(org, capacity=1)
    first, second = f.mentee(org), f.mentee(org)
    services.pair_create(
        organization=org,
        mentors=[mentor.staff],
        mentees=[first.staff],
        forms=["traditional"],
        created_by=users["curator"],
    )
    with pytest.raises(ValidationError, match="нет свободных мест"):
        services.pair_create(
            organization=org,
            mentors=[mentor.staff],
            mentees=[second.staff],
            forms=["traditional"],
            created_by=users["curator"],
        )
    second.refresh_from_db()
    first.refresh_from_db()
    assert second.status == MenteeStatus.NEW and first.status == MenteeStatus.IN_PAIR


def test_a_group_with_combined_forms_and_reasons_is_formed(org, users):
    mentor = f.mentor(org, capacity=2)
    a, b = f.mentee(org), f.mentee(org)
    pair = services.pair_create(
        organization=org,
        mentors=[mentor.staff],
        mentees=[a.staff, b.staff],
        forms=["traditional", "virtual"],
        role_model="новичок – мастер",
        match_reasons={"score": 70},
        created_by=users["curator"],
    )
    assert pair.kind_label == "Группа"
    assert sorted(pair.forms.values_list("form", flat=True)) == ["traditional", "virtual"]
    assert pair.match_reasons == {"score": 70}
    assert pair.history.exists()


def test_closing_a_pair_leaves_its_mentee_flagged_and_searching(org):
    mentee = f.mentee(org)
    mentee.status = MenteeStatus.IN_PAIR
    mentee.save()
    pair = f.pair(org, [f.mentor(org).staff], [mentee.staff])
    services.pair_transition(pair=pair, target=PairStatus.CLOSED)
    mentee.refresh_from_db()
    assert mentee.status == MenteeStatus.WITHOUT_PAIR


def test_a_pair_without_consents_cannot_go_into_an_order(org):
    mentor = f.mentor(org)
    mentee = f.mentee(org, last_name="Соколова")
    pair = f.pair(org, [mentor.staff], [mentee.staff], status=PairStatus.AGREED)
    problems = services.pairs_fix_problems([pair])
    assert any("Соколова" in p and "обработку персональных данных" in p for p in problems)
    with pytest.raises(ValidationError, match="Нет согласия"):
        services.pairs_fix(order=None, pairs=[pair])
    pair.refresh_from_db()
    assert pair.status == PairStatus.AGREED


def test_pairs_fix_fixes_an_agreed_pair_with_all_consents(org):
    mentor = f.mentor(org)
    mentee = f.mentee(org)
    pair = f.pair(org, [mentor.staff], [mentee.staff], status=PairStatus.AGREED)
    f.consent(mentor.staff, ConsentKind.MENTOR_DUTIES)
    f.consent(mentee.staff)
    for person in (mentor.staff, mentee.staff):
        f.consent(person, ConsentKind.PAIR_DUTIES, pair=pair)
    services.pairs_fix(order=None, pairs=[pair])
    pair.refresh_from_db()
    assert pair.status == PairStatus.FIXED and pair.fixed_at is not None


def test_mentors_appoint_needs_the_mentor_duties_consent(org):
    mentor = f.mentor(org, status=MentorStatus.TRAINED)
    with pytest.raises(ValidationError, match="нет согласия на выполнение обязанностей"):
        services.mentors_appoint(order=None, mentors=[mentor])
    f.consent(mentor.staff, ConsentKind.MENTOR_DUTIES)
    services.mentors_appoint(order=None, mentors=[mentor])
    mentor.refresh_from_db()
    assert mentor.status == MentorStatus.ACTIVE


def test_a_mentee_asks_for_another_mentor_and_the_curator_approves(org, users):
    mentee = f.mentee(org)
    pair = f.pair(org, [f.mentor(org).staff], [mentee.staff], status=PairStatus.ACTIVE)
    request = services.change_request_create(
        author=mentee.staff,
        kind=ChangeRequestKind.CHANGE_MENTOR,
        reason="Не совпали графики",
        pair=pair,
    )
    services.change_request_decide(request=request, by=users["curator"], approve=True, comment="")
    request.refresh_from_db()
    pair.refresh_from_db()
    mentee.refresh_from_db()
    assert request.status == ChangeRequestStatus.APPROVED
    assert pair.status == PairStatus.CLOSED
    assert mentee.status == MenteeStatus.WITHOUT_PAIR
    assert request.history.count() == 2


def test_declining_a_release_needs_a_comment_and_keeps_the_mentor(org, users):
    mentor = f.mentor(org, status=MentorStatus.ACTIVE)
    request = services.change_request_create(
        author=mentor.staff, kind=ChangeRequestKind.RELEASE_MENTOR, reason="Переезжаю"
    )
    with pytest.raises(ValidationError, match="Объясните"):
        services.change_request_decide(request=request, by=users["director"], approve=False)
    services.change_request_decide(
        request=request, by=users["director"], approve=False, comment="Дождёмся конца года"
    )
    mentor.refresh_from_db()
    assert mentor.status == MentorStatus.ACTIVE
