"""Public guessing is rate-limited; oversized bodies are refused before they are read."""

import io

import pytest
from django.test import Client
from django.urls import reverse

from roadmap.models import NormativeDocument
from tests.roadmap.factories import esign_in_force, sent

pytestmark = pytest.mark.django_db


def test_guessing_verification_codes_is_stopped_with_a_russian_page(settings, db):
    settings.VERIFY_RATE_LIMIT = 10
    client = Client()
    statuses = [
        client.get(reverse("roadmap:verify", args=[f"guess{i:04d}abcdefgh"])).status_code
        for i in range(10)
    ]
    assert set(statuses) == {404}
    response = client.get(reverse("roadmap:verify", args=["guess9999abcdefgh"]))
    assert response.status_code == 429
    assert "Слишком много запросов" in response.content.decode()
    assert int(response["Retry-After"]) <= 60
    # Another address is not affected.
    other = client.get(reverse("roadmap:verify-lookup"), REMOTE_ADDR="10.7.7.7")
    assert other.status_code == 200


def test_checking_uploaded_files_is_rate_limited_too(settings, org, users):
    settings.VERIFY_RATE_LIMIT = 3
    esign_in_force(org, users["curator"], users["director"])
    from roadmap import services
    from tests.factories import PASSWORD

    order = services.order_sign(
        order=sent(org, users["curator"]), signer=users["director"], password=PASSWORD, ip=None
    )
    url = reverse("roadmap:verify", args=[order.verify_code])
    client = Client()
    for _ in range(3):
        upload = io.BytesIO(b"%PDF-1.4 not the order")
        upload.name = "check.pdf"
        assert client.post(url, {"file": upload}).status_code == 200
    upload = io.BytesIO(b"%PDF-1.4 not the order")
    upload.name = "check.pdf"
    assert client.post(url, {"file": upload}).status_code == 429


def test_a_fifty_megabyte_upload_is_refused_before_it_is_read(users, org):
    client = Client()
    client.force_login(users["curator"])

    response = client.generic(
        "POST",
        reverse("roadmap:document-add"),
        data=b"",
        content_type="multipart/form-data; boundary=xyz",
        CONTENT_LENGTH=str(50 * 1024 * 1024),
    )
    assert response.status_code == 413
    assert "Файл слишком большой" in response.content.decode()
    assert "12 МБ" in response.content.decode()


def test_a_real_fifty_megabyte_body_is_refused_with_413(users, settings):
    client = Client()
    client.force_login(users["curator"])
    upload = io.BytesIO(b"0" * (50 * 1024 * 1024))
    upload.name = "big.pdf"
    response = client.post(reverse("roadmap:document-add"), {"title": "Большой", "file": upload})
    assert response.status_code == 413
    assert not NormativeDocument.objects.filter(title="Большой").exists()


def test_a_small_upload_passes_the_size_check(users):
    client = Client()
    client.force_login(users["curator"])
    upload = io.BytesIO(b"%PDF-1.4 small")
    upload.name = "small.pdf"
    response = client.post(reverse("roadmap:document-add"), {"title": "Положение", "file": upload})
    assert response.status_code == 302
