"""``make load`` tops every kindergarten up to the same number of orders to sign, with the
e-signature regulation in force for its director, who can then sign them."""

import pytest

from roadmap import services
from roadmap.models import Order, OrderKind, OrderStatus
from roadmap.seeding import SIGNABLE_KINDS, orders_to_sign
from roadmap.selectors import esign_acknowledged
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


def test_orders_are_topped_up_to_the_count_and_the_director_can_sign_them(org, other_org, users):
    assert not esign_acknowledged(user=users["director"], organization=org)
    assert orders_to_sign([org], 3) == 3
    assert esign_acknowledged(user=users["director"], organization=org)
    assert orders_to_sign([org], 3) == 0
    sent = Order.objects.filter(organization=org, status=OrderStatus.SENT)
    assert sent.count() == 3
    regulation = sent.get(kind=OrderKind.APPROVE_REGULATION)
    signed = services.order_sign(order=regulation, signer=users["director"], password=PASSWORD)
    assert signed.status == OrderStatus.SIGNED and signed.number_text
    assert orders_to_sign([org], 3) == 1
    assert Order.objects.filter(organization=org, kind=OrderKind.ESIGN_REGULATION).count() == 1
    assert not Order.objects.filter(organization=other_org).exists()


def test_every_kind_given_to_sign_is_signed_without_the_regulations_beforehand(org, users):
    orders_to_sign([org], 2 * len(SIGNABLE_KINDS))
    for order in Order.objects.filter(organization=org, status=OrderStatus.SENT):
        signed = services.order_sign(order=order, signer=users["director"], password=PASSWORD)
        assert signed.status == OrderStatus.SIGNED, order.kind
