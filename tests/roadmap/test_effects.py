"""The effects registry: handlers run in the signing transaction; validators block a step."""

import pytest
from django.core.exceptions import ValidationError

from mentoring.models import Pair, PairStatus
from roadmap import effects, services
from roadmap.models import OrderJournalCounter, OrderKind, OrderStatus
from roadmap.selectors import orders_about
from tests.factories import PASSWORD
from tests.roadmap.factories import sent, signed

pytestmark = pytest.mark.django_db


@pytest.fixture
def registered():
    added = []

    def add(decorator, kind, fn):
        decorator(kind)(fn)
        added.append(fn)
        return fn

    yield add
    for fn in added:
        effects.unregister(fn)


def test_a_signed_handler_runs_with_the_numbered_order(org, users, esign, registered):
    pair = Pair.objects.create(organization=org)
    seen = []

    def fix(order):
        seen.append(order.number_text)
        order.subjects_of(Pair).update(status=PairStatus.FIXED)

    # A kind no app validates: the real FIX_PAIRS checks (roadmap/order_effects.py) refuse
    # an empty proposed pair, and this test is about the registry itself.
    kind = OrderKind.APPROVE_REGULATION
    registered(effects.on_signed, kind, fix)
    order = signed(org, users["curator"], users["director"], kind, subjects=[pair])
    pair.refresh_from_db()
    assert seen == ["2-од"] and pair.status == PairStatus.FIXED
    assert list(orders_about(pair)) == [order]
    assert list(order.subjects_of(Pair)) == [pair]


def test_a_failing_handler_rolls_the_signing_back_and_leaves_no_gap(
    org, users, regulation, registered
):
    def boom(order):
        raise ValidationError("Пара уже закреплена другим приказом.")

    registered(effects.on_signed, OrderKind.FIX_PAIRS, boom)
    order = sent(org, users["curator"], OrderKind.FIX_PAIRS)
    with pytest.raises(ValidationError, match="уже закреплена"):
        services.order_sign(order=order, signer=users["director"], password=PASSWORD, ip=None)
    order.refresh_from_db()
    assert order.status == OrderStatus.SENT and order.number is None
    # Numbers 1 and 2 went to the two local acts.
    assert OrderJournalCounter.objects.get(organization=org).last_number == 2
    effects.unregister(boom)
    nxt = signed(org, users["curator"], users["director"])
    assert nxt.number == 3


def test_a_validator_blocks_sending_with_its_russian_message(org, users, registered):
    registered(
        effects.on_validate,
        OrderKind.FIX_PAIRS,
        lambda order: ["Нет согласия участника пары № 3 на дополнительные обязанности."],
    )
    from tests.roadmap.factories import draft

    order = draft(org, users["curator"], OrderKind.FIX_PAIRS)
    with pytest.raises(ValidationError, match="Нет согласия участника пары № 3"):
        services.order_send(order=order, actor=users["curator"])
    order.refresh_from_db()
    assert order.status == OrderStatus.DRAFT


def test_handlers_of_other_kinds_do_not_run(org, users, esign, registered):
    called = []
    registered(effects.on_signed, OrderKind.ENCOURAGE_MENTORS, lambda o: called.append(o))
    signed(org, users["curator"], users["director"])
    assert called == []
