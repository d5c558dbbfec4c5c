"""Every upload form refuses a file that is not what it is named; stored files are served safely.

Each bad file is posted to each upload form as the person who may use it; nothing is stored and
the page says why in Russian. Stored files come back with the Content-Type of their checked kind,
as attachments unless they are a checked PDF or picture.
"""

import hashlib
import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from PIL import Image

from mentoring.models import StaffMember
from programs.models import ProgramStatus
from public.models import NewsItem, PublicFile
from roadmap.models import NormativeDocument
from tests.programs.factories import fixed_pair, make_program

pytestmark = pytest.mark.django_db

HTML = b"<!doctype html><html><body><script>alert(document.cookie)</script></body></html>"
SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 64
FAKE_PNG = b"\x89PNG\r\n\x1a\n" + b"<script>alert(1)</script>" * 4


def _zip(names: list[str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in names:
            archive.writestr(name, "x")
    return buffer.getvalue()


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "green").save(buffer, format="PNG")
    return buffer.getvalue()


BAD_FILES = {
    "html": ("polozhenie.html", HTML),
    "html named pdf": ("polozhenie.pdf", HTML),
    "svg with a script": ("shema.svg", SVG),
    "svg named png": ("shema.png", SVG),
    "exe renamed pdf": ("prikaz.pdf", EXE),
    "fake png": ("foto.png", FAKE_PNG),
    "zip named docx": ("plan.docx", _zip(["evil.exe"])),
}
GOOD_DOCX = _zip(["[Content_Types].xml", "word/document.xml"])


def _refused(text: str) -> bool:
    return any(
        reason in text
        for reason in ("Такой файл загрузить нельзя", "но внутри не", "не является изображением")
    )


def _upload(name, data):
    # The browser's word for the type is the attacker's choice: claim the harmless one.
    return SimpleUploadedFile(name, data, content_type="application/pdf")


@pytest.fixture
def curator(client_for):
    return client_for("curator")


@pytest.mark.parametrize("bad", BAD_FILES)
def test_the_normative_base_refuses_a_file_by_its_content(curator, bad):
    name, data = BAD_FILES[bad]
    response = curator.post(
        reverse("roadmap:document-add"), {"title": "Положение", "file": _upload(name, data)}
    )
    assert response.status_code == 302
    text = curator.get(response["Location"]).content.decode()
    assert _refused(text)
    assert not NormativeDocument.objects.exists()


@pytest.mark.parametrize("bad", BAD_FILES)
def test_the_public_section_refuses_a_file_by_its_content(curator, bad):
    name, data = BAD_FILES[bad]
    response = curator.post(
        reverse("public:file-create"),
        {
            "kind": "normative",
            "level": "local",
            "title": "Положение",
            "upload": _upload(name, data),
        },
    )
    assert response.status_code == 400
    text = response.content.decode()
    assert _refused(text)
    assert not PublicFile.objects.exists()


@pytest.mark.parametrize("bad", BAD_FILES)
def test_a_news_picture_is_refused_by_its_content(curator, bad):
    name, data = BAD_FILES[bad]
    response = curator.post(
        reverse("public:news-create"),
        {
            "title": "Круглый стол",
            "body": "Итоги",
            "image": _upload(name, data),
            "image_alt": "Фото",
        },
    )
    assert response.status_code == 400
    assert "изображени" in response.content.decode()  # «не является изображением JPG или PNG»
    assert not NewsItem.objects.exists()


@pytest.mark.parametrize("bad", BAD_FILES)
def test_programme_evidence_is_refused_by_its_content(
    client_for, org, users, bad, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    pair = fixed_pair(org, users["mentor"], users["mentee"], request_text="Общение с родителями")
    row = make_program(pair, status=ProgramStatus.IN_PROGRESS).rows.first()
    name, data = BAD_FILES[bad]
    response = client_for("mentor").post(
        reverse("programs:row-save", args=[row.pk]),
        {
            "status": "done",
            "actual_result": "Готово",
            "version": row.version,
            "evidence_file": _upload(name, data),
        },
        HTTP_HX_REQUEST="true",
    )
    text = response.content.decode()
    assert _refused(text)
    row.refresh_from_db()
    assert not row.evidence_file
    assert row.status == "planned"


@pytest.mark.parametrize("bad", ["html", "exe renamed pdf", "zip named docx", "fake png"])
def test_the_staff_import_refuses_a_file_that_is_not_a_table(curator, org, bad):
    name, data = BAD_FILES[bad]
    before = StaffMember.objects.filter(organization=org).count()
    response = curator.post(
        reverse("mentoring:staff-import"), {"file": _upload(name.rsplit(".", 1)[0] + ".xlsx", data)}
    )
    assert response.status_code in (200, 400)
    assert "Сохраните" in response.content.decode()  # «Сохраните список заново…»
    assert StaffMember.objects.filter(organization=org).count() == before


@pytest.mark.parametrize("bad", ["html named pdf", "exe renamed pdf", "svg named png"])
def test_the_verification_of_a_file_takes_only_a_pdf(bad):
    name, data = BAD_FILES[bad]
    response = Client().post(reverse("signing:verify-lookup"), {"file": _upload(name, data)})
    text = response.content.decode()
    assert "Такой файл загрузить нельзя" in text or "но внутри не PDF" in text
    assert hashlib.sha256(data).hexdigest() not in text  # the file was not even looked at


@pytest.mark.parametrize(
    ("name", "data", "content_type", "disposition"),
    [
        ("polozhenie.pdf", b"%PDF-1.4 demo", "application/pdf", "inline"),
        ("shema.png", _png(), "image/png", "inline"),
        (
            "plan.docx",
            GOOD_DOCX,
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "attachment",
        ),
    ],
)
def test_a_checked_file_is_stored_and_served_with_its_own_type(
    curator, org, name, data, content_type, disposition
):
    response = curator.post(
        reverse("roadmap:document-add"),
        {"title": "Положение", "file": SimpleUploadedFile(name, data, content_type="text/html")},
    )
    assert response.status_code == 302
    document = NormativeDocument.objects.get()
    assert document.content_type == content_type  # never the uploader's «text/html»
    download = curator.get(reverse("roadmap:document-download", args=[document.pk]))
    assert download.content == data
    assert download["Content-Type"] == content_type
    assert download["Content-Disposition"].startswith(disposition + ";")
    assert download["X-Content-Type-Options"] == "nosniff"


def test_a_file_stored_before_the_checks_is_served_as_a_download_of_unknown_type(
    curator, org, users
):
    document = NormativeDocument.objects.create(
        organization=org,
        title="Старый файл",
        file_name="staroe.pdf",
        content=HTML,
        content_type="text/html",
        uploaded_by=users["curator"],
    )
    download = curator.get(reverse("roadmap:document-download", args=[document.pk]))
    assert download["Content-Type"] == "application/octet-stream"
    assert download["Content-Disposition"].startswith("attachment;")


def test_a_public_file_stored_before_the_checks_is_not_shown_in_the_browser(org):
    from tests.public.factories import document

    item = document(org, url="", file_name="shema.svg", content=SVG, content_type="image/svg+xml")
    download = Client().get(reverse("public:file-download", args=[org.slug, item.pk]))
    assert download["Content-Type"] == "application/octet-stream"
    assert download["Content-Disposition"].startswith("attachment;")
