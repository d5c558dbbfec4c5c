"""A withdrawn consent ends a running program at once; the order on it is drafted by itself,
waits on the curator's home page, and signing it records the order on the program."""

import pytest
from django.urls import reverse

from mentoring.consents import consent_withdraw
from mentoring.models import ConsentKind, PairStatus
from programs.models import ChangeKind, ChangeStatus, ProgramStatus
from roadmap import services as orders
from roadmap.models import Order, OrderKind, OrderStatus
from tests.factories import PASSWORD
from tests.mentoring.factories import consent as given
from tests.programs.factories import fixed_pair, make_program
from tests.roadmap.factories import esign_in_force

pytestmark = pytest.mark.django_db


def test_a_withdrawal_in_a_working_pair_drafts_the_order_on_the_early_end(org, users, client_for):
    esign_in_force(org, users["curator"], users["director"], users["curator"])
    pair = fixed_pair(org, users["mentor"], users["mentee"])
    program = make_program(pair, status=ProgramStatus.IN_PROGRESS)
    mentee = users["mentee"].staff_records.get()
    consent = given(mentee, ConsentKind.PERSONAL_DATA)

    consent_withdraw(consent=consent, by=users["curator"])

    program.refresh_from_db()
    pair.refresh_from_db()
    assert (program.status, pair.status) == (ProgramStatus.ENDED_EARLY, PairStatus.CLOSED)
    order = Order.objects.get(kind=OrderKind.END_PROGRAM)
    assert (order.status, order.author) == (OrderStatus.DRAFT, users["curator"])
    [change] = order.subjects_of(program.changes.model)
    assert (change.kind, change.status) == (ChangeKind.END, ChangeStatus.ACCEPTED)
    assert "отозвал согласие на обработку персональных данных" in change.reason
    assert order.title == "О досрочном завершении программы наставничества"
    assert "Досрочно завершить персонализированную программу наставничества" in order.body

    home = client_for("curator").get("/").content.decode()
    assert "Приказ о досрочном завершении программы" in home
    assert "Программа завершена досрочно, проект приказа о её завершении подготовлен." in home
    assert reverse("roadmap:order-detail", args=[order.pk]) in home
    assert (
        "Приказ о досрочном завершении программы"
        not in client_for("mentor").get("/").content.decode()
    )

    orders.order_send(order=order, actor=users["curator"])
    signed = orders.order_sign(order=order, signer=users["director"], password=PASSWORD, ip=None)
    program.refresh_from_db()
    change.refresh_from_db()
    assert program.status == ProgramStatus.ENDED_EARLY
    assert program.end_order_number == signed.number_text
    assert change.status == ChangeStatus.APPLIED
    assert (
        "Приказ о досрочном завершении программы"
        not in client_for("curator").get("/").content.decode()
    )


def test_a_withdrawal_outside_a_running_program_drafts_no_order(org, users):
    fixed_pair(org, users["mentor"], users["mentee"])
    mentee = users["mentee"].staff_records.get()
    consent = given(mentee, ConsentKind.PERSONAL_DATA)
    consent_withdraw(consent=consent, by=users["curator"])
    assert not Order.objects.filter(kind=OrderKind.END_PROGRAM).exists()
