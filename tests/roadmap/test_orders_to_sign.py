"""``make load`` tops every kindergarten up to the same number of orders to sign, and the
director can sign each of them."""

import pytest

from roadmap import services
from roadmap.models import Order, OrderStatus
from roadmap.seeding import orders_to_sign
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


def test_orders_are_topped_up_to_the_count_and_not_beyond(org, other_org, users, esign):
    assert orders_to_sign([org], 3) == 3
    assert orders_to_sign([org], 3) == 0
    sent = Order.objects.filter(organization=org, status=OrderStatus.SENT)
    assert sent.count() == 3
    services.order_sign(order=sent.first(), signer=users["director"], password=PASSWORD)
    assert orders_to_sign([org], 3) == 1
    assert not Order.objects.filter(organization=other_org).exists()
