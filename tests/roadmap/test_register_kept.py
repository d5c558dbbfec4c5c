"""The register of orders keeps its rendered rows until what they show changes, and shows at
once what a write changed.

These tests commit for real (``transaction=True``, as ``tests/core/test_cache.py`` explains):
inside the usual test transaction nothing is ever kept.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from roadmap import services
from roadmap.models import OrderKind
from tests.factories import PASSWORD
from tests.reads import served_again
from tests.roadmap.factories import draft, sent, signed

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_register_served_again_reads_no_order_rows(org, users, esign, client_for):
    signed(org, users["curator"], users["director"])
    page, read = served_again(client_for("director"), reverse("roadmap:order-list"))
    assert "Найдено: 2" in page
    # The page's ids and nothing else of the orders: no acknowledgements, no signers.
    assert not [sql for sql in read if '"roadmap_orderperson"' in sql], read
    assert not [sql for sql in read if "DISTINCT" in sql.upper()], read


def test_the_register_shows_at_once_a_signature_and_an_acknowledgement(
    org, users, regulation, client_for
):
    client = client_for("director")
    url = reverse("roadmap:order-list")
    mentor = users["mentor"].staff_records.get()
    order = sent(org, users["curator"], OrderKind.APPOINT_MENTORS, people=[mentor])
    page = client.get(url).content.decode()
    assert "На подписи" in page
    signed_order = services.order_sign(
        order=order, signer=users["director"], password=PASSWORD, ip="10.0.0.7"
    )
    page = client.get(url).content.decode()
    assert signed_order.number_text in page and "0 из 1" in page
    services.order_acknowledge(order=signed_order, user=users["mentor"], ip="10.0.0.8")
    assert "1 из 1" in client.get(url).content.decode()
    # A new draft counts at once: the regulations, the appointment and the draft.
    draft(org, users["curator"])
    assert "Найдено: 4" in client.get(url).content.decode()
