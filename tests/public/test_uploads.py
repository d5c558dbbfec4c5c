"""Uploads are checked by what is inside: a file that is not what it claims is refused."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from public.models import NewsItem, PublicFile


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), (200, 30, 30)).save(buffer, format="PNG")
    return buffer.getvalue()


PNG = _png()


def test_a_news_picture_that_is_a_renamed_program_is_refused(client_for, org):
    client = client_for("curator")
    upload = SimpleUploadedFile("photo.png", b"MZ\x90\x00 not a picture", content_type="image/png")
    response = client.post(
        reverse("public:news-create"),
        {"title": "Круглый стол", "body": "Итоги", "image": upload, "image_alt": "Фото"},
    )
    assert response.status_code == 400
    assert "не является изображением JPG или PNG" in response.content.decode()
    assert not NewsItem.objects.exists()


def test_a_real_png_is_kept_with_its_description(client_for, org):
    client = client_for("curator")
    upload = SimpleUploadedFile("photo.png", PNG, content_type="image/png")
    response = client.post(
        reverse("public:news-create"),
        {"title": "Круглый стол", "body": "Итоги", "image": upload, "image_alt": "Участники"},
    )
    assert response.status_code == 302
    item = NewsItem.objects.get()
    assert item.image_type == "image/png" and bytes(item.image) == PNG
    assert item.published_at is None  # a draft until the curator publishes it


def test_a_picture_without_a_description_is_refused(client_for, org):
    upload = SimpleUploadedFile("photo.png", PNG, content_type="image/png")
    response = client_for("curator").post(
        reverse("public:news-create"), {"title": "Круглый стол", "body": "Итоги", "image": upload}
    )
    assert response.status_code == 400
    assert "Опишите изображение" in response.content.decode()


def test_a_pdf_that_is_not_a_pdf_is_refused(client_for, org):
    upload = SimpleUploadedFile("polozhenie.pdf", b"<html>phishing</html>")
    response = client_for("curator").post(
        reverse("public:file-create"),
        {"kind": "normative", "level": "local", "title": "Положение", "upload": upload},
    )
    assert response.status_code == 400
    assert "внутри не PDF" in response.content.decode()
    assert not PublicFile.objects.exists()


def test_a_real_pdf_is_published_and_downloadable_by_a_visitor(client_for, org):
    from django.test import Client

    upload = SimpleUploadedFile("polozhenie.pdf", b"%PDF-1.4 demo")
    response = client_for("curator").post(
        reverse("public:file-create"),
        {
            "kind": "normative",
            "level": "regional",
            "title": "Региональное положение",
            "upload": upload,
        },
    )
    assert response.status_code == 302
    item = PublicFile.objects.get()
    download = Client().get(reverse("public:file-download", args=[org.slug, item.pk]))
    assert download.status_code == 200 and download["Content-Type"] == "application/pdf"
    page = Client().get(reverse("public:documents", args=[org.slug])).content.decode()
    assert "Региональное положение" in page


def test_a_normative_document_needs_its_level(client_for, org):
    response = client_for("curator").post(
        reverse("public:file-create"),
        {"kind": "normative", "title": "Закон", "url": "https://example.ru/zakon"},
    )
    assert response.status_code == 400
    assert "Выберите уровень документа" in response.content.decode()


@pytest.mark.parametrize("origin", ["javascript:alert(1)", "https://a.ru; script-src *", "ds20.ru"])
def test_a_frame_ancestor_that_is_not_a_site_address_is_refused(client_for, org, origin):
    response = client_for("curator").post(
        reverse("public:settings-edit"),
        {"curator_contact": "", "intro": "", "frame_ancestors": origin},
    )
    assert response.status_code == 400
    assert "не похож на адрес сайта" in response.content.decode()
