"""The final report approved by the director with the simple e-signature, like an order."""

import hashlib
import io

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from monitoring import report_signing, services
from monitoring.models import CycleReport, ReportStatus
from monitoring.periods import current_year
from tests.factories import PASSWORD
from tests.roadmap.factories import esign_in_force

pytestmark = pytest.mark.django_db


@pytest.fixture
def esign(org, users):
    return esign_in_force(org, users["curator"], users["director"], users["curator"])


def _sent(org, users, conclusions="Адаптация молодых педагогов прошла успешно."):
    services.report_conclusions_save(
        organization=org,
        year_start=current_year().start_year,
        conclusions=conclusions,
        author=users["curator"],
    )
    return report_signing.report_send(
        organization=org, year_start=current_year().start_year, actor=users["curator"]
    )


def _approved(org, users):
    return report_signing.report_approve(
        report=_sent(org, users), signer=users["director"], password=PASSWORD, ip="10.0.0.9"
    )


def _text(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def test_the_curator_sends_the_report_and_the_director_sees_the_approval_form(
    org, users, client_for
):
    response = client_for("curator").post(reverse("monitoring:report-send"), follow=True)
    assert "Отчёт отправлен руководителю на утверждение." in response.content.decode()
    report = CycleReport.objects.get()
    assert report.status == ReportStatus.SENT and report.sent_by == users["curator"]
    page = client_for("director").get(reverse("monitoring:report-detail")).content.decode()
    assert "Утвердить отчёт" in page


def test_the_director_approves_with_her_password_and_the_pdf_is_stored_with_its_checksum(
    org, users, esign, client_for
):
    report = _sent(org, users)
    response = client_for("director").post(
        reverse("monitoring:report-approve", args=[report.pk]),
        {"password": PASSWORD},
        follow=True,
    )
    assert "Итоговый отчёт утверждён" in response.content.decode()
    report.refresh_from_db()
    assert report.status == ReportStatus.APPROVED and report.approved_by == users["director"]
    assert report.pdf_sha256 == hashlib.sha256(bytes(report.pdf)).hexdigest()
    assert len(report.verify_code) == 16


def test_the_approved_pdf_has_the_filled_approval_block_and_the_verification_code(
    org, users, esign, client_for
):
    report = _approved(org, users)
    download = client_for("curator").get(reverse("monitoring:report-signed-pdf", args=[report.pk]))
    content = b"".join(download.streaming_content) if download.streaming else download.content
    assert hashlib.sha256(content).hexdigest() == report.pdf_sha256
    text = _text(content)
    day = timezone.localtime(report.approved_at)
    assert "УТВЕРЖДАЮ" in text and report.approver_name in text
    assert f"«{day:%d}»" in text and "«___»" not in text
    assert "Отчёт утверждён простой электронной подписью" in text
    assert report.verify_code in text
    assert "Адаптация молодых педагогов прошла успешно." in text


def test_a_wrong_password_leaves_the_report_unapproved(org, users, esign, client_for):
    report = _sent(org, users)
    response = client_for("director").post(
        reverse("monitoring:report-approve", args=[report.pk]), {"password": "нет"}, follow=True
    )
    assert "Пароль введён неверно. Отчёт не утверждён" in response.content.decode()
    report.refresh_from_db()
    assert report.status == ReportStatus.SENT and not report.pdf_sha256


def test_a_report_not_sent_cannot_be_approved(org, users, esign):
    services.report_conclusions_save(
        organization=org,
        year_start=current_year().start_year,
        conclusions="",
        author=users["curator"],
    )
    report = CycleReport.objects.get()
    with pytest.raises(ValidationError, match="ещё не отправлен на утверждение"):
        report_signing.report_approve(report=report, signer=users["director"], password=PASSWORD)


def test_the_conclusions_of_an_approved_report_never_change(org, users, esign, client_for):
    _approved(org, users)
    response = client_for("curator").post(
        reverse("monitoring:report-save"), {"conclusions": "Новый текст"}, follow=True
    )
    assert "утверждён" in response.content.decode()
    assert "больше не меняется" in response.content.decode()
    assert CycleReport.objects.get().conclusions == "Адаптация молодых педагогов прошла успешно."


def test_anyone_with_the_code_sees_who_approved_the_report(org, users, esign, client):
    report = _approved(org, users)
    page = client.get(reverse("monitoring:report-verify", args=[report.verify_code]))
    text = page.content.decode()
    assert page.status_code == 200 and "Отчёт действителен" in text
    assert report.approver_name in text and report.pdf_sha256 in text


def test_an_unknown_report_code_is_not_found(client):
    assert client.get(reverse("monitoring:report-verify", args=["x" * 16])).status_code == 404
