"""order_effects and roadmap_progress: what signing the orders does and stages 6-7."""

import datetime as dt

import pytest
from django.utils import timezone

from programs import order_effects, roadmap_progress, services
from programs.models import ChangeKind, EndReason, Program, ProgramChange, ProgramStatus
from roadmap import effects
from tests.programs.factories import make_program


@pytest.fixture
def roadmap_api():
    return type("Api", (), {"effects": order_effects, "progress": roadmap_progress})


def test_handlers_are_registered_for_the_three_kinds_of_order():
    assert order_effects.approve_programs in effects._signed["approve_programs"]
    assert order_effects.approve_programs_problems in effects._validators["approve_programs"]
    assert order_effects._apply_changes in effects._signed["change_program"]
    assert order_effects._apply_changes in effects._signed["end_program"]


class StubOrder:
    def __init__(self, number, subjects):
        self.number_text, self.order_date = number, timezone.localdate()
        self.reference = f"№ {number} от {self.order_date:%d.%m.%Y}"
        self.signed_by = None
        self.pk = None
        self._subjects = subjects

    def subjects_of(self, model):
        return model.objects.filter(pk__in=[s.pk for s in self._subjects if isinstance(s, model)])


def test_signing_the_approval_order_approves_reviewed_programs(roadmap_api, pair):
    program = make_program(pair, status=ProgramStatus.REVIEWED)
    order = StubOrder("31-од", [program])
    assert roadmap_api.effects.approve_programs_problems(order) == []
    roadmap_api.effects.approve_programs(order)
    program.refresh_from_db()
    assert program.status == ProgramStatus.IN_PROGRESS
    assert program.approval_order_number == "31-од"


def test_a_draft_in_the_approval_order_blocks_signing(roadmap_api, program):
    problems = roadmap_api.effects.approve_programs_problems(StubOrder("1", [program]))
    assert problems and "не проверена куратором" in problems[0]


def test_signing_the_change_order_extends_the_program(roadmap_api, pair, users):
    program = make_program(pair, status=ProgramStatus.IN_PROGRESS)
    change = services.change_propose(
        program=program,
        user=users["mentee"],
        kind=ChangeKind.EXTEND,
        reason="Больничный",
        new_ends_on=program.ends_on + dt.timedelta(days=60),
    )
    services.change_agree(change=change, user=users["mentor"])
    change = services.change_accept(change=change, user=users["curator"])
    order = StubOrder("40-од", [change])
    assert roadmap_api.effects._changes_problems(order) == []
    roadmap_api.effects._apply_changes(order)
    program.refresh_from_db()
    assert program.ends_on == change.new_ends_on


def test_signing_the_end_order_ends_the_program(roadmap_api, pair, users):
    program = make_program(pair, status=ProgramStatus.IN_PROGRESS)
    change = ProgramChange.objects.create(
        program=program,
        kind=ChangeKind.END,
        reason="Форс-мажор",
        end_reason=EndReason.CURATOR,
        proposed_by=users["curator"],
        status="accepted",
    )
    roadmap_api.effects._apply_changes(StubOrder("41-од", [change]))
    program.refresh_from_db()
    assert program.status == ProgramStatus.ENDED_EARLY
    assert program.case is not None


def test_stage_six_and_seven_checks_follow_the_programs(roadmap_api, org, pair, users):
    stage_6, stage_7 = roadmap_api.progress.PROGRESS[6], roadmap_api.progress.PROGRESS[7]
    checks = stage_6(org, None)
    assert not checks[0].done  # the pair has no program yet
    program = make_program(pair, status=ProgramStatus.IN_PROGRESS)
    checks = {c.label: c for c in stage_6(org, None)}
    assert checks["Персонализированные программы написаны для всех закреплённых пар"].done
    assert checks["Программы утверждены приказом руководителя"].done
    assert not checks["Встречи пар записываются в журнал"].done
    assert "просрочено: 1" in checks["Мероприятия планов выполняются в срок"].detail
    program.rows.update(status="done", actual_result="Сделано")
    services.program_complete(program=program, user=users["curator"])
    seven = {c.label: c for c in stage_7(org, None)}
    assert seven["Кейсы завершённых программ подготовлены"].done
    assert not seven["Лучшие кейсы отмечены к публикации (с согласия участников)"].done
    assert Program.objects.get().status == ProgramStatus.COMPLETED


def test_programs_and_changes_read_well_in_an_order_text(pair, users):
    program = make_program(pair, status=ProgramStatus.IN_PROGRESS)
    mentor = users["mentor"].staff_records.get()
    mentee = users["mentee"].staff_records.get()
    assert str(program) == (
        f"Молодой специалист, первый год для {mentee.name_in('gen', short=True)} "
        f"(наставник {mentor.short_name})"
    )
    change = ProgramChange(
        program=program, kind=ChangeKind.EXTEND, new_ends_on=dt.date(2027, 8, 31), reason="x"
    )
    assert str(change).endswith("— продление срока до 31.08.2027")


def _sign(order, users):
    from roadmap import services as orders
    from tests.factories import PASSWORD

    orders.order_send(order=order, actor=users["curator"])
    return orders.order_sign(order=order, signer=users["director"], password=PASSWORD, ip=None)


@pytest.fixture
def esign(org, users):
    from tests.roadmap.factories import esign_in_force

    return esign_in_force(org, users["curator"], users["director"], users["curator"])


def test_curator_prepares_the_approval_order_and_signing_it_approves(
    client_for, pair, users, esign
):
    from roadmap.models import Order, OrderKind

    program = make_program(pair, status=ProgramStatus.REVIEWED)
    response = client_for("curator").post("/programs/approval-order/")
    order = Order.objects.get(kind=OrderKind.APPROVE_PROGRAMS)
    assert response.status_code == 302 and response["Location"] == order.get_absolute_url()
    assert list(order.subjects_of(Program)) == [program]
    assert "Молодой специалист, первый год" in order.body
    order = _sign(order, users)
    program.refresh_from_db()
    assert program.status == ProgramStatus.IN_PROGRESS
    assert program.approval_order_number == order.number_text


def test_accepting_an_extension_drafts_the_order_and_signing_applies_it(pair, users, esign):
    from roadmap.models import Order, OrderKind

    program = make_program(pair, status=ProgramStatus.IN_PROGRESS)
    change = services.change_propose(
        program=program,
        user=users["mentor"],
        kind=ChangeKind.EXTEND,
        reason="Больничный",
        new_ends_on=program.ends_on + dt.timedelta(days=45),
    )
    services.change_agree(change=change, user=users["mentee"])
    services.change_accept(change=change, user=users["curator"])
    order = Order.objects.get(kind=OrderKind.CHANGE_PROGRAM)
    assert list(order.subjects_of(ProgramChange)) == [change]
    order = _sign(order, users)
    program.refresh_from_db()
    change.refresh_from_db()
    assert program.ends_on == change.new_ends_on
    assert change.status == "applied" and change.order_number == order.number_text


def test_the_approval_order_with_a_draft_cannot_be_signed(pair, users, esign):
    from django.core.exceptions import ValidationError

    from programs.orders import draft_approval_order

    program = make_program(pair, status=ProgramStatus.DRAFT)
    order = draft_approval_order(
        organization=pair.organization, programs=[program], author=users["curator"]
    )
    with pytest.raises(ValidationError) as error:
        _sign(order, users)
    assert "не проверена куратором" in str(error.value)
    program.refresh_from_db()
    assert program.status == ProgramStatus.DRAFT


def test_preparing_the_approval_order_twice_does_not_draft_a_second_one(client_for, pair, esign):
    from roadmap.models import Order, OrderKind

    make_program(pair, status=ProgramStatus.REVIEWED)
    client = client_for("curator")
    client.post("/programs/approval-order/")
    response = client.post("/programs/approval-order/", follow=True)
    assert Order.objects.filter(kind=OrderKind.APPROVE_PROGRAMS).count() == 1
    assert "уже включены в проект приказа" in response.content.decode()


def test_program_page_links_the_approval_order_while_it_waits(client_for, pair, esign):
    program = make_program(pair, status=ProgramStatus.REVIEWED)
    client_for("curator").post("/programs/approval-order/")
    page = client_for("mentee").get(program.get_absolute_url()).content.decode()
    assert "Включена в приказ «Об утверждении персонализированных программ" in page
    assert "черновик" in page
