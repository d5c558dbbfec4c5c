"""Twenty orders signed at once get twenty consecutive numbers (SQLite and PostgreSQL).

The test is about the numbering, not the PDF: signing renders inside the journal's lock, and
twenty WeasyPrint renders queued behind SQLite's single writer outlast its lock timeout on a busy
machine («database is locked»). With the tests' PDF stand-in (``core.pdf_stand_in``, never
``real_pdf`` here) each signing holds the lock for milliseconds, so the outcome does not depend
on the machine's load.
"""

import threading

import pytest
from django.conf import settings
from django.db import connection

from roadmap import services
from roadmap.models import Order, OrderJournalCounter, OrderStatus
from tests.factories import PASSWORD
from tests.roadmap.factories import esign_in_force, sent

pytestmark = pytest.mark.django_db(transaction=True)


def test_twenty_parallel_signings_get_twenty_consecutive_numbers(org, users):
    assert settings.PDF_STAND_IN, "rendering for real inside the lock makes this test flaky"
    esign_in_force(org, users["curator"], users["director"])  # takes number 1
    orders = [sent(org, users["curator"]) for _ in range(20)]
    director = users["director"]
    barrier = threading.Barrier(20)
    errors: list[BaseException] = []

    def sign(order):
        try:
            barrier.wait(timeout=30)
            services.order_sign(order=order, signer=director, password=PASSWORD, ip="10.0.0.1")
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=sign, args=(o,)) for o in orders]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert not errors, errors
    numbers = sorted(
        Order.objects.filter(pk__in=[o.pk for o in orders]).values_list("number", flat=True)
    )
    assert numbers == list(range(2, 22))
    assert Order.objects.filter(organization=org, status=OrderStatus.SIGNED).count() == 21
    assert OrderJournalCounter.objects.get(organization=org).last_number == 21
