"""Changes after approval (seed 002, 8.2): proposed, agreed by the other, accepted, applied."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from core.audit import audit_for
from core.lifecycle import TransitionError
from programs import services
from programs.models import ChangeKind, ChangeStatus, EndReason, ProgramChange, ProgramStatus
from tests.programs.factories import make_program, signed_order

CS = ChangeStatus

CHANGE_MOVES = {
    CS.AGREED: lambda c, users: services.change_agree(change=c, user=users["mentor"]),
    CS.ACCEPTED: lambda c, users: services.change_accept(change=c, user=users["curator"]),
    CS.APPLIED: lambda c, users: services.program_change_apply(order=signed_order(), change=c),
    CS.REJECTED: lambda c, users: services.change_reject(
        change=c, user=users["curator"], comment="Не нужно"
    ),
}
CHANGE_CASES = [(a, b) for a in CS.values for b in CHANGE_MOVES if a != b]


@pytest.mark.parametrize(("source", "target"), CHANGE_CASES)
def test_change_transition_matrix_drives_the_services(source, target, pair, users):
    program = make_program(pair, status=ProgramStatus.IN_PROGRESS)
    change = ProgramChange.objects.create(
        program=program,
        kind=ChangeKind.EXTEND,
        reason="Больничный",
        new_ends_on=program.ends_on + dt.timedelta(days=30),
        proposed_by=users["mentee"],
        status=source,
    )
    if target in services.CHANGE_ALLOWED.get(source, ()):
        CHANGE_MOVES[target](change, users)
        change.refresh_from_db()
        assert change.status == target
        logged = [e for e in audit_for(change) if e.data.get("new") == target]
        assert len(logged) == 1 and logged[0].action == f"program_change.{target}"
        assert [e.action for e in audit_for(program)][-1] == f"program_change.{target}"
    else:
        with pytest.raises(TransitionError) as refused:
            CHANGE_MOVES[target](change, users)
        assert refused.value.messages[0].startswith(
            f"Нельзя перейти из состояния «{CS(source).label}» в «{CS(target).label}»."
        )
        change.refresh_from_db()
        assert change.status == source
        assert audit_for(change) == []


def test_shortening_moves_later_deadlines_one_row_at_a_time_with_history(pair, users):
    program = make_program(pair, status=ProgramStatus.IN_PROGRESS, rows=3)
    new_end = program.rows.order_by("deadline").first().deadline
    change = ProgramChange.objects.create(
        program=program,
        kind=ChangeKind.SHORTEN,
        reason="Раньше выходит на аттестацию",
        new_ends_on=new_end,
        proposed_by=users["mentee"],
        status=CS.ACCEPTED,
    )
    services.program_change_apply(order=signed_order("3-од"), change=change)
    later = [r for r in program.rows.order_by("position") if r.version > 1]
    assert len(later) == 2
    for row in later:
        assert row.deadline == new_end
        last = row.history.first()
        assert (last.history_type, last.deadline) == ("~", new_end)
        assert [e.action for e in audit_for(row)] == ["plan_row.deadline_moved"]


@pytest.fixture
def running(pair):
    return make_program(pair, status=ProgramStatus.IN_PROGRESS)


def test_extension_is_proposed_agreed_accepted_and_applied_by_order(running, users):
    new_end = running.ends_on + dt.timedelta(days=180)  # past one year in total: allowed
    change = services.change_propose(
        program=running,
        user=users["mentor"],
        kind=ChangeKind.EXTEND,
        reason="Наставляемая была на больничном два месяца.",
        new_ends_on=new_end,
    )
    with pytest.raises(ValidationError):
        services.change_agree(change=change, user=users["mentor"])  # not the proposer
    change = services.change_agree(change=change, user=users["mentee"])
    change = services.change_accept(change=change, user=users["curator"])
    assert change.status == CS.ACCEPTED  # waits for the order
    services.program_change_apply(order=signed_order("15-од"), change=change)
    change.refresh_from_db()
    running.refresh_from_db()
    assert change.status == CS.APPLIED
    assert change.order_number == "15-од"
    assert running.ends_on == new_end
    assert (change.proposed_by, change.agreed_by, change.accepted_by) == (
        users["mentor"],
        users["mentee"],
        users["curator"],
    )
    assert change.history.count() >= 4  # who and when at every step


def test_plan_change_is_applied_when_the_curator_accepts(running, users):
    change = services.change_propose(
        program=running,
        user=users["mentee"],
        kind=ChangeKind.PLAN,
        reason="Нужно больше практики",
        description="Добавить два открытых занятия",
    )
    services.change_agree(change=change, user=users["mentor"])
    change = services.change_accept(change=change, user=users["curator"])
    assert change.status == CS.APPLIED


def test_early_end_through_a_change_ends_the_program(running, users):
    change = services.change_propose(
        program=running,
        user=users["mentee"],
        kind=ChangeKind.END,
        reason="Переезд в другой город",
        end_reason=EndReason.PARTICIPANT,
    )
    services.change_agree(change=change, user=users["mentor"])
    change = services.change_accept(change=change, user=users["curator"])
    services.program_change_apply(order=signed_order(), change=change)
    running.refresh_from_db()
    assert running.status == ProgramStatus.ENDED_EARLY
    assert running.end_reason == EndReason.PARTICIPANT


def test_extension_to_an_earlier_date_is_refused(running, users):
    with pytest.raises(ValidationError) as error:
        services.change_propose(
            program=running,
            user=users["mentor"],
            kind=ChangeKind.EXTEND,
            reason="Продлить",
            new_ends_on=running.ends_on - dt.timedelta(days=1),
        )
    assert "новая дата окончания должна быть позже" in str(error.value)


def test_a_draft_cannot_be_changed_this_way(program, users):
    with pytest.raises(ValidationError) as error:
        services.change_propose(
            program=program, user=users["mentor"], kind=ChangeKind.PLAN, reason="x", description="y"
        )
    assert "утверждённой программы" in error.value.messages[0]


def test_curator_may_end_early_on_own_initiative_only(running, users):
    with pytest.raises(ValidationError):
        services.change_propose(
            program=running,
            user=users["curator"],
            kind=ChangeKind.PLAN,
            reason="x",
            description="y",
        )
    change = services.change_propose(
        program=running,
        user=users["curator"],
        kind=ChangeKind.END,
        reason="План не выполняется",
        end_reason=EndReason.CURATOR,
    )
    assert change.status == CS.AGREED


def test_plan_change_adds_its_event_when_accepted(running, users):
    deadline = running.ends_on - dt.timedelta(days=10)
    change = services.change_propose(
        program=running,
        user=users["mentor"],
        kind=ChangeKind.PLAN,
        reason="Появилась возможность посетить семинар",
        description="Отчёт на методическом объединении",
        new_direction="methods",
        new_event="Городской семинар по ранней профориентации",
        new_deadline=deadline,
    )
    services.change_agree(change=change, user=users["mentee"])
    services.change_accept(change=change, user=users["curator"])
    row = running.rows.get(event="Городской семинар по ранней профориентации")
    assert row.deadline == deadline
    assert row.history.count() == 1


def test_form_change_switches_the_mode_of_work(running, users):
    change = services.change_propose(
        program=running,
        user=users["mentee"],
        kind=ChangeKind.FORM,
        reason="Наставляемая работает в другом корпусе",
        description="Перейти на онлайн-встречи",
        new_mode="online",
    )
    services.change_agree(change=change, user=users["mentor"])
    services.change_accept(change=change, user=users["curator"])
    running.refresh_from_db()
    assert running.mode == "online"


def test_a_new_event_outside_the_program_is_refused(running, users):
    with pytest.raises(ValidationError) as error:
        services.change_propose(
            program=running,
            user=users["mentor"],
            kind=ChangeKind.PLAN,
            reason="x",
            description="y",
            new_direction="methods",
            new_event="Семинар",
            new_deadline=running.ends_on + dt.timedelta(days=1),
        )
    assert "Срок должен быть в пределах программы" in str(error.value)


def test_a_moved_event_gets_a_new_deadline_within_the_program(running, users):
    row = running.rows.first()
    new = row.deadline + dt.timedelta(days=14)
    data = {"status": "moved", "deadline": new, "actual_result": "", "evidence_url": ""}
    services.plan_row_save(row=row, data=data, loaded_version=row.version, user=users["mentee"])
    row.refresh_from_db()
    assert (row.status, row.deadline, row.version) == ("moved", new, 2)
    data["deadline"] = running.ends_on + dt.timedelta(days=1)
    with pytest.raises(ValidationError):
        services.plan_row_save(row=row, data=data, loaded_version=row.version, user=users["mentee"])
