"""One signed-document capability: every kind is verified, downloaded and locked the same way.

The four kinds (an order, a mentor's agreement, the final report, the roadmap approval) are
signed through their own pages; each is then checked by its QR link, by the typed code and by
uploading its PDF, and guessing the password at any of them locks the signer out.
"""

import datetime as dt
import hashlib
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader

from core.audit import audit_for
from core.signing import registry
from core.signing.services import verify_url
from monitoring import report_signing
from monitoring import services as monitoring_services
from monitoring.models import CycleReport
from monitoring.periods import current_year
from roadmap import agreements, plans
from roadmap.models import MentorAgreement, Order, RoadmapVersion
from roadmap.selectors import current_cycle
from tests.factories import PASSWORD
from tests.roadmap.factories import esign_in_force, sent, staff_of

pytestmark = pytest.mark.django_db

KINDS = ["order", "agreement", "report", "roadmap"]
VALID = {
    "order": "Приказ действителен",
    "agreement": "Соглашение действительно",
    "report": "Отчёт действителен",
    "roadmap": "Дорожная карта действительна",
}


@pytest.fixture
def esign(org, users):
    return esign_in_force(
        org, users["curator"], users["director"], users["curator"], users["mentor"]
    )


def _agreement(org, users) -> MentorAgreement:
    return agreements.agreement_draft(
        organization=org,
        author=users["curator"],
        mentor=staff_of(users["mentor"], org),
        mentees=[staff_of(users["mentee"], org)],
        starts_on=dt.date(2026, 9, 1),
        ends_on=dt.date(2027, 5, 31),
        form="традиционная",
        pay_amount=15,
        pay_terms="ежемесячно",
    )


def _sent_report(org, users) -> CycleReport:
    year = current_year().start_year
    monitoring_services.report_conclusions_save(
        organization=org, year_start=year, conclusions="Выводы.", author=users["curator"]
    )
    return report_signing.report_send(organization=org, year_start=year, actor=users["curator"])


def _pending(kind, org, users):
    """A document of ``kind`` waiting for its signer: (document, signer persona, sign URL)."""
    if kind == "order":
        order = sent(org, users["curator"])
        return order, "director", reverse("roadmap:order-sign", args=[order.pk])
    if kind == "agreement":
        agreement = _agreement(org, users)
        return agreement, "director", reverse("roadmap:agreement-sign", args=[agreement.pk])
    if kind == "report":
        report = _sent_report(org, users)
        return report, "director", reverse("monitoring:report-approve", args=[report.pk])
    version = plans.roadmap_version_draft(cycle=current_cycle(org), actor=users["curator"])
    return version, "director", reverse("roadmap:roadmap-approve")


def _signed(kind, org, users, client_for):
    """Sign a document of ``kind`` through its page, as the signer does."""
    document, persona, url = _pending(kind, org, users)
    client_for(persona).post(url, {"password": PASSWORD})
    if kind == "agreement":
        client_for("mentor").post(url, {"password": PASSWORD})
    document = type(document).objects.get(pk=document.pk)
    assert document.verify_code, f"the {kind} was not signed"
    return document


def _pdf_text(content: bytes) -> str:
    return " ".join(
        " ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(content)).pages
    )


def _upload(content: bytes):
    return {"file": SimpleUploadedFile("document.pdf", content, "application/pdf")}


def _tampered(content: bytes) -> bytes:
    changed = bytearray(content)
    changed[-20] ^= 1
    return bytes(changed)


@pytest.mark.parametrize("kind", KINDS)
def test_every_kind_prints_its_code_and_qr_link_and_the_link_confirms_it(
    kind, org, users, esign, client_for
):
    document = _signed(kind, org, users, client_for)
    content = document.signed_pdf()
    assert hashlib.sha256(content).hexdigest() == document.pdf_sha256
    text = _pdf_text(content)
    assert document.verify_code in text
    assert verify_url(document.verify_code) in text.replace(" ", "")
    response = Client().get(reverse("signing:verify", args=[document.verify_code]))
    page = response.content.decode()
    assert response.status_code == 200
    assert VALID[kind] in page and document.pdf_sha256 in page


@pytest.mark.parametrize("kind", KINDS)
def test_every_kind_is_found_by_the_typed_code(kind, org, users, esign, client_for):
    document = _signed(kind, org, users, client_for)
    response = Client().get(
        reverse("signing:verify-lookup"), {"code": f" {document.verify_code} "}, follow=True
    )
    assert response.redirect_chain[0][0] == reverse("signing:verify", args=[document.verify_code])
    assert VALID[kind] in response.content.decode()


@pytest.mark.parametrize("kind", KINDS)
def test_every_kind_accepts_its_own_pdf_and_refuses_a_tampered_one(
    kind, org, users, esign, client_for
):
    document = _signed(kind, org, users, client_for)
    content = document.signed_pdf()
    url = reverse("signing:verify", args=[document.verify_code])
    same = Client().post(url, _upload(content)).content.decode()
    assert "Файл совпадает с подписанным" in same
    changed = Client().post(url, _upload(_tampered(content))).content.decode()
    assert "Файл не совпадает с подписанным" in changed
    assert hashlib.sha256(_tampered(content)).hexdigest() in changed


@pytest.mark.parametrize("kind", KINDS)
def test_every_kind_is_found_by_uploading_its_pdf_without_a_code(
    kind, org, users, esign, client_for
):
    document = _signed(kind, org, users, client_for)
    content = document.signed_pdf()
    lookup = reverse("signing:verify-lookup")
    found = Client().post(lookup, _upload(content)).content.decode()
    assert VALID[kind] in found and "Файл совпадает с подписанным" in found
    refused = Client().post(lookup, _upload(_tampered(content))).content.decode()
    assert "Среди подписанных документов нет файла с такой контрольной суммой" in refused
    assert VALID[kind] not in refused


@pytest.mark.parametrize("kind", KINDS)
def test_every_kind_downloads_the_stored_file_for_its_readers_only(
    kind, org, users, esign, client_for
):
    document = _signed(kind, org, users, client_for)
    names = {
        "order": "roadmap:order-pdf",
        "agreement": "roadmap:agreement-pdf",
        "report": "monitoring:report-signed-pdf",
        "roadmap": "roadmap:plan-version-pdf",
    }
    url = reverse(names[kind], args=[document.pk])
    response = client_for("director").get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert hashlib.sha256(response.content).hexdigest() == document.pdf_sha256
    assert client_for("outsider").get(url).status_code == 404


@pytest.mark.parametrize("kind", KINDS)
def test_every_kind_writes_its_audit_entry(kind, org, users, esign, client_for):
    document = _signed(kind, org, users, client_for)
    actions = {entry.action for entry in audit_for(document)}
    expected = {
        "order": "order.signed",
        "agreement": "agreement.signed",
        "report": "report.approved",
        "roadmap": "roadmap.version.approved",
    }
    assert expected[kind] in actions


@pytest.mark.parametrize("kind", KINDS)
def test_five_wrong_passwords_lock_every_kind_and_the_right_one_is_refused_next(
    kind, org, users, esign, client_for
):
    document, persona, url = _pending(kind, org, users)
    signer = client_for(persona)
    first = signer.post(url, {"password": "guess-0"}, REMOTE_ADDR="10.5.5.5", follow=True)
    assert "Пароль введён неверно" in first.content.decode()
    statuses = [
        signer.post(url, {"password": f"guess-{i}"}, REMOTE_ADDR="10.5.5.5").status_code
        for i in range(1, 5)
    ]
    assert statuses == [302, 302, 302, 429]
    response = signer.post(url, {"password": PASSWORD}, REMOTE_ADDR="10.5.5.5")
    assert response.status_code == 429
    text = response.content.decode()
    assert "Слишком много неверных паролей" in text and "Попробуйте снова после" in text
    document = type(document).objects.get(pk=document.pk)
    assert not document.verify_code and not document.pdf_sha256


def test_a_wrong_password_on_a_draft_report_says_only_that_the_password_is_wrong(
    org, users, esign, client_for
):
    year = current_year().start_year
    monitoring_services.report_conclusions_save(
        organization=org, year_start=year, conclusions="", author=users["curator"]
    )
    report = CycleReport.objects.get()
    url = reverse("monitoring:report-approve", args=[report.pk])
    wrong = client_for("director").post(url, {"password": "нет"}, follow=True).content.decode()
    assert "Пароль введён неверно. Отчёт не утверждён" in wrong
    assert "ещё не отправлен" not in wrong
    right = client_for("director").post(url, {"password": PASSWORD}, follow=True)
    assert "ещё не отправлен на утверждение" in right.content.decode()


def test_a_wrong_password_on_an_approved_roadmap_says_only_that_the_password_is_wrong(
    org, users, esign, client_for
):
    url = reverse("roadmap:roadmap-approve")
    client_for("director").post(url, {"password": PASSWORD})
    assert RoadmapVersion.objects.get().approved_at is not None
    wrong = client_for("director").post(url, {"password": "нет"}, follow=True).content.decode()
    assert "Пароль введён неверно. Дорожная карта не утверждена" in wrong
    assert "уже утверждена" not in wrong


def test_a_mentor_guessing_at_a_draft_agreement_learns_only_that_the_password_is_wrong(
    org, users, esign, client_for
):
    agreement = _agreement(org, users)
    url = reverse("roadmap:agreement-sign", args=[agreement.pk])
    wrong = client_for("mentor").post(url, {"password": "нет"}, follow=True).content.decode()
    assert "Пароль введён неверно. Соглашение не подписано" in wrong
    assert "Первым соглашение подписывает руководитель" not in wrong


def test_the_old_verification_addresses_printed_in_qr_codes_still_confirm(
    org, users, esign, client_for
):
    order = _signed("order", org, users, client_for)
    agreement = _signed("agreement", org, users, client_for)
    for url in (
        reverse("roadmap:verify", args=[order.verify_code]),
        reverse("roadmap:agreement-verify", args=[agreement.verify_code]),
    ):
        assert Client().get(url).status_code == 200


def test_every_verification_address_shares_one_rate_limit(settings, org, users, esign, client_for):
    settings.VERIFY_RATE_LIMIT = 4
    client = Client()
    for name in ("signing:verify", "roadmap:verify", "roadmap:agreement-verify"):
        assert client.get(reverse(name, args=["x" * 16])).status_code == 404
    assert client.get(reverse("monitoring:report-verify", args=["x" * 16])).status_code == 404
    response = client.get(reverse("signing:verify-lookup"))
    assert response.status_code == 429
    assert "Слишком много запросов" in response.content.decode()


# Kinds tested in their own app's tests rather than in the matrix of this file.
OTHER_KINDS = {
    "cooperation",  # tests/roadmap/test_cooperation.py
    "agreement_ending",  # tests/roadmap/test_agreement_endings.py
    "council_protocol",  # tests/roadmap/test_council.py
}


def test_the_registry_knows_the_kinds_and_refuses_a_second_model_under_one_name():
    assert set(registry.kinds()) == set(KINDS) | OTHER_KINDS
    assert registry.kind_of(Order()).name == "order"
    with pytest.raises(ValueError, match="already registered"):
        registry.register(
            registry.DocumentKind(**{**registry.get_kind("order").__dict__, "model": CycleReport})
        )


def test_the_versions_page_offers_the_approved_roadmap_pdf_with_its_code(
    org, users, esign, client_for
):
    version = _signed("roadmap", org, users, client_for)
    page = client_for("curator").get(reverse("roadmap:plan-versions")).content.decode()
    assert version.verify_code in page
    assert reverse("roadmap:plan-version-pdf", args=[version.pk]) in page
