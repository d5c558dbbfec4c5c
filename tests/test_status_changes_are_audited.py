"""Every status change in a whole life of the data goes through a service and leaves an entry.

A scripted cycle through the real services — banks, appointment and pair orders, a program
approved by order and ended early by a change order, a survey, a participant's request, a
withdrawn consent — and then every status change recorded in the simple_history tables must
have its AuditEntry: a status written around the services would leave a history row alone.
"""

import datetime as dt

import pytest
from django.apps import apps
from django.contrib.contenttypes.models import ContentType

from core.models import AuditEntry
from mentoring import consents
from mentoring import services as banks
from mentoring.models import ChangeRequestKind, ConsentKind, MentorStatus, TrainingSession
from monitoring import services as surveys
from monitoring.models import SurveyKind
from programs import services as programs
from programs.models import ChangeKind, EndReason
from roadmap.models import Order, OrderKind
from tests.factories import PASSWORD
from tests.monitoring.factories import assign
from tests.roadmap.factories import local_acts_in_force
from tests.roadmap.factories import services as orders

pytestmark = pytest.mark.django_db


def _sign(order, director):
    orders.order_send(order=order, actor=order.author)
    return orders.order_sign(order=order, signer=director, password=PASSWORD, ip="10.0.0.1")


def _life(org, users):
    curator, director = users["curator"], users["director"]
    mentor_staff = users["mentor"].staff_records.get()
    mentee_staff = users["mentee"].staff_records.get()
    local_acts_in_force(org, curator, director, curator, users["mentor"], users["mentee"])
    for staff in (mentor_staff, mentee_staff):
        consents.consent_give(staff=staff, kind=ConsentKind.PERSONAL_DATA, recorded_by=curator)
    consents.consent_give(staff=mentor_staff, kind=ConsentKind.MENTOR_DUTIES, recorded_by=curator)
    mentor = banks.mentor_profile_save(staff=mentor_staff, actor=curator, capacity=2)
    banks.mentor_status_change(profile=mentor, target=MentorStatus.SELECTED, actor=curator)
    session = TrainingSession.objects.create(
        organization=org, title="Установочная сессия", held_on=dt.date(2026, 10, 1)
    )
    banks.training_attendance_set(session=session, mentors=[mentor], actor=curator)
    mentee = banks.mentee_profile_save(
        staff=mentee_staff,
        category="young",
        desired_forms=["traditional"],
        mode="mixed",
        portrait="Молодой специалист.",
        requests=[("ict", "Освоить интерактивную доску")],
        actor=curator,
    )
    _sign(
        orders.order_draft(
            organization=org,
            kind=OrderKind.APPOINT_MENTORS,
            author=curator,
            subjects=[mentor],
            people=[mentor_staff],
        ),
        director,
    )
    pair = banks.pair_create(
        organization=org,
        mentors=[mentor_staff],
        mentees=[mentee_staff],
        forms=["traditional"],
        created_by=curator,
    )
    banks.pair_transition(pair=pair, target="agreed", actor=curator)
    for staff in (mentor_staff, mentee_staff):
        consents.consent_give(
            staff=staff, kind=ConsentKind.PAIR_DUTIES, pair=pair, recorded_by=curator
        )
    _sign(
        orders.order_draft(
            organization=org, kind=OrderKind.FIX_PAIRS, author=curator, subjects=[pair]
        ),
        director,
    )
    pair.refresh_from_db()
    today = dt.date.today()
    program = programs.program_create(
        pair=pair, author=users["mentor"], starts_on=today, ends_on=today + dt.timedelta(days=150)
    )
    programs.plan_fill_from_requests(program=program, user=users["mentor"])
    programs.program_agree(program=program, user=users["mentor"])
    programs.program_agree(program=program, user=users["mentee"])
    programs.program_review(program=program, user=curator)
    _sign(
        orders.order_draft(
            organization=org, kind=OrderKind.APPROVE_PROGRAMS, author=curator, subjects=[program]
        ),
        director,
    )
    survey = assign(org, SurveyKind.SATISFACTION_MENTEE, pairs=[pair], author=curator)
    keys = [q["key"] for q in survey.version.questions]
    surveys.response_submit(
        response=survey.responses.get(), data={keys[0]: ["5"], keys[1]: ["5"], keys[2]: ["4"]}
    )
    change = programs.change_propose(
        program=program,
        user=curator,
        kind=ChangeKind.END,
        reason="Наставляемый переходит в другую организацию.",
        end_reason=EndReason.CURATOR,
    )
    programs.change_accept(change=change, user=curator)
    _sign(Order.objects.get(kind=OrderKind.END_PROGRAM), director)
    request = banks.change_request_create(
        author=mentor_staff, kind=ChangeRequestKind.RELEASE_MENTOR, reason="Переезд"
    )
    banks.change_request_decide(request=request, by=director, approve=True)
    consents.consent_withdraw(
        consent=mentee_staff.consents.get(kind=ConsentKind.PERSONAL_DATA), by=curator
    )
    return mentee


def _status_changes():
    """(model, object id, old, new) of every status change in the history tables."""
    found = []
    for model in apps.get_models():
        history = getattr(model, "history", None)
        if history is None or "status" not in {f.name for f in model._meta.concrete_fields}:
            continue
        rows = model.history.model.objects.order_by("id", "history_date", "history_id")
        previous = {}
        for row in rows.values("id", "status"):
            old = previous.get(row["id"])
            if old is not None and old != row["status"]:
                found.append((model, row["id"], old, row["status"]))
            previous[row["id"]] = row["status"]
    return found


def _audited(model, pk, old: str, new: str) -> bool:
    """The object's audit entries lead from ``old`` to ``new`` (one save may hold two moves)."""
    moves = AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(model), object_id=pk, data__has_key="new"
    ).values_list("data__old", "data__new")
    reached, frontier = {old}, [old]
    while frontier:
        state = frontier.pop()
        for source, target in moves:
            if source == state and target not in reached:
                reached.add(target)
                frontier.append(target)
    return new in reached


def test_every_status_change_of_a_whole_life_has_its_audit_entry(org, users):
    _life(org, users)
    changes = _status_changes()
    moved = {model._meta.label for model, *_ in changes}
    assert {
        "mentoring.MentorProfile",
        "mentoring.MenteeProfile",
        "mentoring.Pair",
        "mentoring.ChangeRequest",
        "roadmap.Order",
        "programs.Program",
        "programs.ProgramChange",
        "monitoring.SurveyResponse",
    } <= moved
    missing = [
        (model._meta.label, pk, old, new)
        for model, pk, old, new in changes
        if not _audited(model, pk, old, new)
    ]
    assert missing == []


def test_no_status_was_written_around_the_history_in_that_life(org, users):
    """A queryset ``update(status=…)`` leaves no history row: the last one would disagree."""
    _life(org, users)
    stale = []
    for model in apps.get_models():
        history = getattr(model, "history", None)
        if history is None or "status" not in {f.name for f in model._meta.concrete_fields}:
            continue
        last = {}
        for row in model.history.model.objects.order_by("history_date", "history_id").values(
            "id", "status"
        ):
            last[row["id"]] = row["status"]
        for pk, status in model._default_manager.values_list("pk", "status"):
            if last.get(pk) != status:
                stale.append((model._meta.label, pk, last.get(pk), status))
    assert stale == []
