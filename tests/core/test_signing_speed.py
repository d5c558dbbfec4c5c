"""Signing returns at once (issue 24): the request records the signature and the signed text,
the worker lays out the PDF right after the commit, and the document verifies meanwhile.

These tests take the production path: ``SIGNED_PDF_AT_ONCE`` off, so the PDF is handed to the
worker only by the commit callbacks, which ``django_capture_on_commit_callbacks`` runs here.
"""

import hashlib
from unittest import mock

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from core.signing.pdfs import signed_pdfs_sweep
from roadmap.models import Order, OrderFile, OrderStatus
from tests.factories import PASSWORD
from tests.roadmap.factories import esign_in_force, sent

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _after_commit(settings):
    settings.SIGNED_PDF_AT_ONCE = False


@pytest.fixture
def esign(org, users):
    return esign_in_force(
        org, users["curator"], users["director"], users["curator"], users["mentor"]
    )


def test_signing_records_number_and_text_without_laying_out_the_pdf(
    org, users, esign, client_for, django_capture_on_commit_callbacks
):
    order = sent(org, users["curator"])
    with (
        mock.patch("weasyprint.HTML") as weasyprint,
        mock.patch("core.signing.pdfs.html_to_pdf") as renderer,
        django_capture_on_commit_callbacks(execute=False) as callbacks,
    ):
        response = client_for("director").post(
            reverse("roadmap:order-sign", args=[order.pk]), {"password": PASSWORD}
        )
    assert response.status_code == 302
    renderer.assert_not_called()
    weasyprint.assert_not_called()
    assert callbacks, "the PDF is handed to the worker after the commit"

    order = Order.objects.get(pk=order.pk)
    assert order.status == OrderStatus.SIGNED
    assert order.number_text == "2-од"  # №1 is the e-signature regulation of the fixture
    assert order.verify_code
    assert order.text_sha256 == hashlib.sha256(order.signed_html.encode()).hexdigest()
    assert order.verify_code in order.signed_html  # the stamp with the code is in the text
    assert order.pdf_sha256 == ""
    assert not OrderFile.objects.filter(order=order).exists()


def test_the_page_says_pdf_is_coming_then_the_worker_stores_it(
    org, users, esign, client_for, django_capture_on_commit_callbacks
):
    order = sent(org, users["curator"])
    director = client_for("director")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        director.post(reverse("roadmap:order-sign", args=[order.pk]), {"password": PASSWORD})

    page = director.get(reverse("roadmap:order-detail", args=[order.pk])).content.decode()
    assert "PDF готовится: документ уже подписан и проверяется по коду" in page
    assert reverse("signing:pdf-status", args=["order", order.pk]) in page
    assert reverse("roadmap:order-pdf", args=[order.pk]) not in page
    poll = director.get(reverse("signing:pdf-status", args=["order", order.pk]))
    assert poll.status_code == 204 and "HX-Refresh" not in poll
    assert director.get(reverse("roadmap:order-pdf", args=[order.pk])).status_code == 404

    for callback in callbacks:  # the worker, right after the commit
        callback()

    order = Order.objects.get(pk=order.pk)
    stored = OrderFile.objects.get(order=order)
    assert order.pdf_sha256 == stored.sha256 == hashlib.sha256(stored.content).hexdigest()
    poll = director.get(reverse("signing:pdf-status", args=["order", order.pk]))
    assert poll["HX-Refresh"] == "true"
    page = director.get(reverse("roadmap:order-detail", args=[order.pk])).content.decode()
    assert "PDF готовится" not in page
    download = director.get(reverse("roadmap:order-pdf", args=[order.pk]))
    assert download.status_code == 200
    assert hashlib.sha256(download.content).hexdigest() == order.pdf_sha256
    # The file verifies by upload now that it exists.
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("prikaz.pdf", download.content, "application/pdf")
    checked = director.post(reverse("signing:verify-lookup"), {"file": upload})
    assert "Приказ действителен" in checked.content.decode()


def test_verify_by_code_and_by_text_checksum_before_the_pdf_exists(
    org, users, esign, client_for, django_capture_on_commit_callbacks
):
    order = sent(org, users["curator"])
    with django_capture_on_commit_callbacks(execute=False):
        client_for("director").post(
            reverse("roadmap:order-sign", args=[order.pk]), {"password": PASSWORD}
        )
    order = Order.objects.get(pk=order.pk)
    anonymous = client_for("anonymous")

    by_code = anonymous.get(reverse("signing:verify", args=[order.verify_code])).content.decode()
    assert "Приказ действителен" in by_code
    assert order.number_text in by_code
    assert order.text_sha256 in by_code
    assert "PDF-файл готовится: документ уже подписан, файл появится через несколько секунд." in (
        by_code
    )

    lookup = anonymous.get(reverse("signing:verify-lookup"), {"code": order.text_sha256})
    assert lookup.status_code == 200
    assert "Приказ действителен" in lookup.content.decode()
    unknown = anonymous.get(reverse("signing:verify-lookup"), {"code": "ab" * 32})
    assert unknown.status_code == 404


def test_the_sweep_hands_over_a_pdf_the_broker_lost_and_renders_it_once(
    org, users, esign, client_for, django_capture_on_commit_callbacks
):
    import datetime as dt

    from django.utils import timezone

    order = sent(org, users["curator"])
    with django_capture_on_commit_callbacks(execute=False):  # the message is lost
        client_for("director").post(
            reverse("roadmap:order-sign", args=[order.pk]), {"password": PASSWORD}
        )
    assert signed_pdfs_sweep() == 0  # signed just now: its message may still be on the way
    later = timezone.now() + dt.timedelta(minutes=2)
    # This order and the e-signature regulation the fixture signed on the same path.
    assert signed_pdfs_sweep(now=later) == 2
    assert OrderFile.objects.filter(order_id=order.pk).count() == 1
    assert signed_pdfs_sweep(now=later) == 0  # nothing waits any more

    from core.signing.pdfs import signed_pdf_render

    assert signed_pdf_render(kind="order", pk=order.pk) == "exists"
    assert OrderFile.objects.filter(order_id=order.pk).count() == 1


def test_a_signed_order_needs_a_number_and_its_signed_text(org, users):
    order = sent(org, users["curator"])
    base = Order._base_manager.filter(pk=order.pk)
    with pytest.raises(IntegrityError), transaction.atomic():
        base.update(status=OrderStatus.SIGNED, number=7, text_sha256="", pdf_sha256="")
    with pytest.raises(IntegrityError), transaction.atomic():
        base.update(status=OrderStatus.SIGNED, number=None, text_sha256="a" * 64)
    base.update(status=OrderStatus.SIGNED, number=7, text_sha256="a" * 64, pdf_sha256="")
    assert Order.objects.get(pk=order.pk).pdf_pending is False  # no verification code yet
