"""The signed PDF read back, its checksum, and the public verification page."""

import hashlib
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader

from roadmap.models import OrderFile
from tests.roadmap.factories import signed

pytestmark = pytest.mark.django_db


@pytest.fixture
def order(org, users, esign):
    return signed(org, users["curator"], users["director"])


def _pdf_text(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    return "\n".join(page.extract_text() for page in reader.pages)


@pytest.mark.real_pdf
def test_the_pdf_reads_back_with_number_date_title_signer_and_code(order, users):
    content = bytes(OrderFile.objects.get(order=order).content)
    text = " ".join(_pdf_text(content).split())
    assert "ПРИКАЗ" in text and "ПРИКАЗЫВАЮ:" in text
    assert f"№ {order.number_text}" in text
    assert order.order_date.strftime("%d.%m.%Y") in text
    assert "Об утверждении Положения о системе наставничества" in text
    assert users["director"].full_name in text
    assert "М. П. Иванова" in text  # the signature block: initials, then the surname
    assert order.verify_code in text
    assert "Документ подписан простой электронной подписью" in text
    assert "С приказом ознакомлены" in text
    pages = PdfReader(io.BytesIO(content)).pages
    assert "С приказом ознакомлены" not in pages[0].extract_text()  # the sheet is on its own
    assert "С приказом ознакомлены" in pages[-1].extract_text()
    assert hashlib.sha256(content).hexdigest() == order.pdf_sha256


def test_the_downloaded_file_is_the_stored_one(order, client_for):
    response = client_for("director").get(reverse("roadmap:order-pdf", args=[order.pk]))
    assert hashlib.sha256(response.content).hexdigest() == order.pdf_sha256


def test_the_verification_page_confirms_the_order_without_login(order):
    response = Client().get(reverse("roadmap:verify", args=[order.verify_code]))
    page = response.content.decode()
    assert response.status_code == 200
    for part in ("Приказ действителен", order.number_text, order.title, order.pdf_sha256):
        assert part in page
    assert order.signer_name in page


def test_the_verification_page_accepts_the_signed_file(order):
    content = bytes(OrderFile.objects.get(order=order).content)
    response = Client().post(
        reverse("roadmap:verify", args=[order.verify_code]),
        {"file": SimpleUploadedFile("prikaz.pdf", content, "application/pdf")},
    )
    assert "Файл совпадает с подписанным" in response.content.decode()


def test_the_verification_page_rejects_a_changed_file(order):
    content = bytearray(OrderFile.objects.get(order=order).content)
    content[-20] ^= 1
    response = Client().post(
        reverse("roadmap:verify", args=[order.verify_code]),
        {"file": SimpleUploadedFile("prikaz.pdf", bytes(content), "application/pdf")},
    )
    assert "Файл не совпадает с подписанным" in response.content.decode()


def test_the_verification_form_without_a_file_says_what_to_do(order):
    response = Client().post(reverse("roadmap:verify", args=[order.verify_code]), {})
    assert "Выберите PDF-файл" in response.content.decode()


@pytest.mark.parametrize("code", ["AAAAAAAAAAAAAAAA", "short", "x;drop table", "ПРИКАЗ"])
def test_an_unknown_or_forged_code_gets_the_same_clear_page(order, code):
    response = Client().get(reverse("roadmap:verify", args=[code]))
    assert response.status_code == 404
    page = response.content.decode()
    assert "Приказ с таким кодом проверки не найден" in page
    assert order.title not in page and order.number_text not in page


def test_a_draft_has_no_verification(org, users):
    from tests.roadmap.factories import draft

    order = draft(org, users["curator"])
    assert order.verify_code is None
    response = Client().get(reverse("roadmap:verify", args=["x" * 16]))
    assert response.status_code == 404


def test_the_code_typed_in_by_hand_opens_the_order(order):
    response = Client().get(reverse("roadmap:verify-lookup"), {"code": f" {order.verify_code} "})
    assert response.status_code == 302
    assert response["Location"] == reverse("roadmap:verify", args=[order.verify_code])


@pytest.mark.parametrize("code", ["a/b", "AAAAAAAAAAAAAAAA", "ПРИКАЗ"])
def test_a_wrong_code_typed_in_gets_the_clear_page_and_the_form_again(order, code):
    response = Client().get(reverse("roadmap:verify-lookup"), {"code": code}, follow=True)
    page = response.content.decode()
    assert response.status_code == 404
    assert "Приказ с таким кодом проверки не найден" in page
    assert 'name="code"' in page
    assert order.title not in page


def test_the_lookup_page_asks_for_the_code_without_login():
    response = Client().get(reverse("roadmap:verify-lookup"))
    assert response.status_code == 200
    assert "Введите код проверки" in response.content.decode()
