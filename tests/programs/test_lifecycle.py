"""The program's life cycle: the transition table, agreement, review, approval, end."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from core.lifecycle import TransitionError
from mentoring.models import PairStatus
from programs import services
from programs.models import AgreementKind, EndReason, ProgramStatus, RowStatus
from programs.services.lifecycle import PROGRAM_ACTIONS
from tests.audit import actions as audit_actions
from tests.programs.factories import make_program, signed_order, today

S = ProgramStatus


def _agree(program, users):
    services.program_agree(program=program, user=users["mentor"])
    services.program_agree(program=program, user=users["mentee"])


MOVES = {
    S.AGREED: _agree,
    S.REVIEWED: lambda p, users: services.program_review(program=p, user=users["curator"]),
    S.DRAFT: lambda p, users: services.program_return(
        program=p, user=users["curator"], comment="Уточните задачи"
    ),
    S.APPROVED: lambda p, users: services.programs_approve(order=signed_order(), programs=[p]),
    S.IN_PROGRESS: lambda p, users: services.program_start(program=p, user=users["curator"]),
    S.COMPLETED: lambda p, users: services.program_complete(program=p, user=users["curator"]),
    S.ENDED_EARLY: lambda p, users: services.program_end(
        order=signed_order(), program=p, reason=EndReason.CURATOR
    ),
}
CASES = [(a, b) for a in S.values for b in S.values if a != b]


@pytest.mark.parametrize(("source", "target"), CASES)
def test_transition_matrix_drives_the_program_services(source, target, pair, users):
    # Approval of a program that starts later leaves it «approved»; completion needs a done plan.
    starts_on = today() + dt.timedelta(days=10) if target == S.APPROVED else None
    program = make_program(
        pair, status=source, rows=0 if target == S.COMPLETED else 2, starts_on=starts_on
    )
    if target in services.ALLOWED.get(source, ()):
        MOVES[target](program, users)
        program.refresh_from_db()
        assert program.status == target
        assert audit_actions(program)[-1][0] == PROGRAM_ACTIONS[target]
    else:
        with pytest.raises(ValidationError) as refused:
            MOVES[target](program, users)
        assert refused.value.messages[0].startswith(
            f"Нельзя перейти из состояния «{S(source).label}» в «{S(target).label}»."
        )
        program.refresh_from_db()
        assert program.status == source
        assert audit_actions(program) == []


def test_approving_a_program_starts_its_fixed_pair_through_the_pair_life_cycle(pair, users):
    program = make_program(pair, status=S.REVIEWED)
    services.programs_approve(order=signed_order("7-од"), programs=[program])
    pair.refresh_from_db()
    assert pair.status == PairStatus.ACTIVE
    assert audit_actions(pair) == [("pair.activated", None)]
    assert pair.history.filter(status=PairStatus.ACTIVE).exists()


@pytest.mark.parametrize("finish", ["complete", "end"])
def test_a_finished_program_closes_its_pair_through_the_pair_life_cycle(finish, pair, users):
    program = make_program(pair, status=S.IN_PROGRESS, rows=0)
    if finish == "complete":
        services.program_complete(program=program, user=users["curator"])
    else:
        services.program_end(order=signed_order(), program=program, reason=EndReason.CURATOR)
    pair.refresh_from_db()
    assert pair.status == PairStatus.CLOSED and pair.closed_at is not None
    assert audit_actions(pair)[-1][0] == "pair.closed"


def test_mentor_and_mentee_agreeing_make_the_program_agreed(program, users):
    services.program_agree(program=program, user=users["mentor"])
    program.refresh_from_db()
    assert program.status == S.DRAFT
    services.program_agree(program=program, user=users["mentee"])
    program.refresh_from_db()
    assert program.status == S.AGREED
    kinds = {a.as_mentor: a.kind for a in program.agreements.all()}
    assert kinds[True] == AgreementKind.AGREED
    # The mentor wrote it and agreed first: the mentee acknowledged it.
    assert kinds[False] == AgreementKind.ACKNOWLEDGED
    assert program.history.filter(status=S.AGREED).exists()


def test_an_edit_after_one_agreement_requires_agreeing_again(program, users):
    services.program_agree(program=program, user=users["mentor"])
    program.refresh_from_db()
    data = {f: getattr(program, f) for f in services.PROGRAM_SNAPSHOT_FIELDS}
    data["goal"] = "Новая цель"
    services.program_note_save(
        program=program, data=data, loaded_version=program.version, user=users["mentee"]
    )
    program.refresh_from_db()
    services.program_agree(program=program, user=users["mentee"])
    program.refresh_from_db()
    assert program.status == S.DRAFT  # the mentor agreed to an older revision


def test_someone_outside_the_pair_cannot_agree(program, users):
    with pytest.raises(ValidationError) as error:
        services.program_agree(program=program, user=users["curator"])
    assert "только наставник и наставляемый" in error.value.messages[0]


def test_curator_returns_the_program_with_comments_to_the_draft(pair, users):
    program = make_program(pair, status=S.AGREED)
    services.program_return(program=program, user=users["curator"], comment="Уточните задачи.")
    program.refresh_from_db()
    assert program.status == S.DRAFT
    assert program.curator_comment == "Уточните задачи."


def test_the_returned_program_and_the_remarks_are_on_the_mentors_home(pair, users, client_for):
    program = make_program(pair, status=S.AGREED)
    services.program_return(program=program, user=users["curator"], comment="Уточните задачи.")
    home = client_for("mentor").get(reverse("home")).content.decode()
    assert "Программа возвращена на доработку" in home
    assert "Замечания куратора: «Уточните задачи.»" in home


def test_returning_without_a_comment_is_refused(pair, users):
    program = make_program(pair, status=S.AGREED)
    with pytest.raises(ValidationError) as error:
        services.program_return(program=program, user=users["curator"], comment="  ")
    assert "Напишите, что нужно исправить" in str(error.value)


def test_signed_approval_order_starts_a_reviewed_program(pair, users):
    program = make_program(pair, status=S.REVIEWED)
    services.programs_approve(order=signed_order("7-од"), programs=[program])
    program.refresh_from_db()
    pair.refresh_from_db()
    assert program.status == S.IN_PROGRESS  # its start date has come
    assert program.approval_order_number == "7-од"
    assert pair.status == PairStatus.ACTIVE


def test_a_draft_cannot_be_approved_by_an_order(program):
    with pytest.raises(TransitionError):
        services.programs_approve(order=signed_order(), programs=[program])
    program.refresh_from_db()
    assert program.status == S.DRAFT


def test_completion_needs_every_event_closed(pair, users):
    program = make_program(pair, status=S.IN_PROGRESS)
    with pytest.raises(ValidationError) as error:
        services.program_complete(program=program, user=users["curator"])
    assert "невыполненные мероприятия" in error.value.messages[0]
    program.rows.update(status=RowStatus.DONE, actual_result="Сделано")
    services.program_complete(program=program, user=users["curator"])
    program.refresh_from_db()
    assert program.status == S.COMPLETED
    assert program.end_reason == EndReason.PLAN_DONE
    assert program.case.given  # the case is prefilled


def test_early_end_by_order_records_the_reason(pair):
    program = make_program(pair, status=S.IN_PROGRESS)
    services.program_end(order=signed_order("9-од"), program=program, reason=EndReason.CURATOR)
    program.refresh_from_db()
    assert program.status == S.ENDED_EARLY
    assert program.end_reason == EndReason.CURATOR
    assert program.end_order_number == "9-од"


def test_mentee_cannot_review_through_the_page(client_for, pair):
    program = make_program(pair, status=S.AGREED)
    response = client_for("mentee").post(reverse("programs:program-review", args=[program.pk]))
    assert response.status_code == 403
    program.refresh_from_db()
    assert program.status == S.AGREED


def test_curator_reviewing_a_draft_sees_a_russian_refusal(client_for, program):
    response = client_for("curator").post(
        reverse("programs:program-review", args=[program.pk]), follow=True
    )
    assert "Нельзя перейти из состояния «Черновик» в «Проверена куратором»" in (
        response.content.decode()
    )
    program.refresh_from_db()
    assert program.status == S.DRAFT


def test_agreeing_through_the_page_as_mentor_then_mentee(client_for, program):
    client_for("mentor").post(reverse("programs:program-agree", args=[program.pk]))
    response = client_for("mentee").post(
        reverse("programs:program-agree", args=[program.pk]), follow=True
    )
    assert "Ваше согласие записано." in response.content.decode()
    program.refresh_from_db()
    assert program.status == S.AGREED


def test_a_program_cannot_be_completed_before_it_starts(pair, users):
    import datetime as dt

    from django.utils import timezone

    start = timezone.localdate() + dt.timedelta(days=1)
    program = make_program(pair, status=ProgramStatus.IN_PROGRESS, starts_on=start, rows=0)
    with pytest.raises(ValidationError, match="завершить её раньше начала нельзя"):
        services.program_complete(program=program, user=users["curator"])
    program.refresh_from_db()
    assert program.status == ProgramStatus.IN_PROGRESS


def test_the_notes_last_change_moves_only_when_its_text_changes(client_for, program, users):
    url = reverse("programs:program-edit", args=[program.pk])
    page = client_for("mentor").get(reverse("programs:program-detail", args=[program.pk]))
    assert "Последнее изменение записки" in page.content.decode()
    services.program_agree(program=program, user=users["mentor"])
    program.refresh_from_db()
    assert program.note_changed_at is None  # made by the factory, not edited since

    form = client_for("mentor").get(url).context["form"]
    data = {name: form[name].value() or "" for name in form.fields}
    data["starts_on"], data["ends_on"] = program.starts_on, program.ends_on
    data["goal"] = "Новая цель"
    client_for("mentor").post(url, data)
    program.refresh_from_db()
    edited_at = program.note_changed_at
    assert edited_at is not None and program.note_changed_by == users["mentor"]

    services.program_agree(program=program, user=users["mentor"])
    program.refresh_from_db()
    assert program.note_changed_at == edited_at
