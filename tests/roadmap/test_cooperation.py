"""Network cooperation: agreements with partners signed and verified, joint events shown."""

import datetime as dt
import io

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pypdf import PdfReader

from core.models import AuditEntry
from roadmap.models import CooperationAgreement, CooperationStatus, JointEvent
from tests.factories import PASSWORD
from tests.roadmap.cooperation_factories import agreement, joint_event, partner, scan_file

pytestmark = pytest.mark.django_db


def _shown(response) -> str:
    return " ".join(str(m) for m in get_messages(response.wsgi_request))


def _draft(client, partner_pk, **overrides):
    data = {
        "partner": partner_pk,
        "kind": "partnership",
        "subject": "Социальное партнёрство в сфере наставничества",
        "obligations": "Проводить совместные мастер-классы.\nОбмениваться опытом.",
        "starts_on": "2026-09-01",
        "ends_on": "2027-08-31",
        **overrides,
    }
    return client.post(reverse("roadmap:cooperation-create"), data)


def test_the_curator_drafts_the_director_signs_and_anyone_verifies_it_by_code(
    org, users, esign, client_for
):
    ours = partner(org)
    response = _draft(client_for("curator"), ours.pk)
    drafted = CooperationAgreement.objects.get()
    assert response.status_code == 302 and response["Location"] == drafted.get_absolute_url()
    assert drafted.status == CooperationStatus.DRAFT and drafted.number is None

    director = client_for("director")
    page = director.get(drafted.get_absolute_url()).content.decode()
    assert "Подписать простой электронной подписью" in page and "проект" in page
    response = director.post(
        reverse("roadmap:cooperation-sign", args=[drafted.pk]), {"password": PASSWORD}
    )
    assert "Договор № 1 подписан: ждёт подписи партнёра." in _shown(response)
    drafted.refresh_from_db()
    assert drafted.status == CooperationStatus.SIGNED_BY_US and drafted.number == 1
    assert drafted.signed_by == users["director"] and drafted.verify_code
    assert AuditEntry.objects.filter(action="cooperation.signed_by_us").count() == 1
    text = " ".join(
        p.extract_text() for p in PdfReader(io.BytesIO(bytes(drafted.pdf))).pages
    ).split()
    assert "партнёрстве" in " ".join(text) and "ГАУ" in " ".join(text)
    assert "подписан нами" in director.get(drafted.get_absolute_url()).content.decode()

    visitor = client_for("anonymous")
    page = visitor.get(reverse("signing:verify", args=[drafted.verify_code])).content.decode()
    assert "Договор действителен" in page and "Соглашение о социальном партнёрстве № 1" in page
    typed = visitor.get(reverse("signing:verify-lookup"), {"code": drafted.verify_code})
    assert typed.status_code == 302 and drafted.verify_code in typed["Location"]
    upload = SimpleUploadedFile("dogovor.pdf", bytes(drafted.pdf), "application/pdf")
    page = visitor.post(reverse("signing:verify-lookup"), {"file": upload}).content.decode()
    assert "Договор действителен" in page


def test_a_wrong_password_leaves_the_draft_and_says_so(org, users, esign, client_for):
    drafted = agreement(org, users["curator"])
    response = client_for("director").post(
        reverse("roadmap:cooperation-sign", args=[drafted.pk]), {"password": "не тот"}
    )
    assert "Пароль введён неверно. Договор не подписан" in _shown(response)
    drafted.refresh_from_db()
    assert drafted.status == CooperationStatus.DRAFT and drafted.verify_code is None


def test_the_partners_scan_makes_the_agreement_signed_by_the_parties(org, users, client_for):
    ours = agreement(org, users["curator"], status=CooperationStatus.SIGNED_BY_US)
    curator = client_for("curator")
    response = curator.post(
        reverse("roadmap:cooperation-partner-signed", args=[ours.pk]),
        {"signed_on": dt.date.today().isoformat(), "scan": scan_file()},
    )
    assert "договор подписан сторонами" in _shown(response)
    ours.refresh_from_db()
    assert ours.status == CooperationStatus.SIGNED and ours.partner_signed_on == dt.date.today()
    assert len(ours.scan_sha256) == 64
    assert AuditEntry.objects.filter(action="cooperation.partner_signed").exists()
    page = curator.get(ours.get_absolute_url()).content.decode()
    assert "подписан сторонами" in page and "Скан экземпляра партнёра" in page
    scan = curator.get(reverse("roadmap:cooperation-scan", args=[ours.pk]))
    assert scan["Content-Type"] == "application/pdf" and scan.content.startswith(b"%PDF")


def test_a_program_renamed_as_a_scan_is_refused_and_nothing_changes(org, users, client_for):
    ours = agreement(org, users["curator"], status=CooperationStatus.SIGNED_BY_US)
    response = client_for("curator").post(
        reverse("roadmap:cooperation-partner-signed", args=[ours.pk]),
        {"signed_on": dt.date.today().isoformat(), "scan": scan_file("skan.pdf", b"MZ\x90\x00")},
    )
    assert "внутри не PDF" in _shown(response)
    ours.refresh_from_db()
    assert ours.status == CooperationStatus.SIGNED_BY_US and not ours.scan_sha256


def test_a_scan_before_our_signature_is_refused(org, users, client_for):
    ours = agreement(org, users["curator"])
    response = client_for("director").post(
        reverse("roadmap:cooperation-partner-signed", args=[ours.pk]),
        {"signed_on": dt.date.today().isoformat(), "scan": scan_file()},
    )
    assert "Сначала договор подписывает руководитель" in _shown(response)
    ours.refresh_from_db()
    assert ours.status == CooperationStatus.DRAFT


def test_an_end_before_the_start_is_refused_in_russian(org, users, client_for):
    response = _draft(client_for("curator"), partner(org).pk, ends_on="2026-08-01")
    assert response.status_code == 200
    assert "Дата окончания договора должна быть позже даты начала." in response.content.decode()
    assert not CooperationAgreement.objects.exists()


def test_a_partner_whose_cooperation_ended_gets_no_new_agreement(org, users, client_for):
    ended = partner(org, is_active=False)
    response = _draft(client_for("curator"), ended.pk)
    assert response.status_code == 200 and not CooperationAgreement.objects.exists()


def test_the_lists_are_bounded_in_queries(org, users, client_for, django_assert_max_num_queries):
    ours = partner(org)
    for n in range(30):
        signed = agreement(
            org,
            users["curator"],
            of=ours,
            status=CooperationStatus.SIGNED_BY_US,
            number=n + 1,
            verify_code=f"CoOpErAtIoNcOd{n:02d}",
        )
        joint_event(org, of=ours, agreement=signed, title=f"Семинар {n}")
    client = client_for("council")
    with django_assert_max_num_queries(12):
        response = client.get(reverse("roadmap:cooperation-list"))
    assert response.status_code == 200 and "Подготовить договор" not in response.content.decode()
    with django_assert_max_num_queries(12):
        response = client.get(reverse("roadmap:joint-event-list"), {"page": 2})
    assert response.status_code == 200


def test_the_curator_adds_a_joint_event_and_the_roadmap_stage_shows_it(org, users, client_for):
    ours = partner(org)
    curator = client_for("curator")
    held_on = dt.date.today() + dt.timedelta(days=5)
    response = curator.post(
        reverse("roadmap:joint-event-create"),
        {
            "partner": ours.pk,
            "held_on": held_on.isoformat(),
            "title": "Мастер-класс «Игровые технологии»",
            "format": "mixed",
            "participants": "наставники и молодые педагоги",
            "is_public": "on",
        },
    )
    assert response.status_code == 302
    event = JointEvent.objects.get()
    assert event.partner == ours and event.is_public
    page = curator.get(reverse("roadmap:roadmap-detail")).content.decode()
    block = page.split('data-testid="network-block"')[1].split("</section>")[0]
    assert "Мастер-класс «Игровые технологии»" in block and "Партнёров: 1" in block


def test_an_event_cannot_name_an_agreement_with_another_partner(org, users, client_for):
    first, second = partner(org), partner(org, name="Колледж", inn="", ogrn="")
    theirs = agreement(org, users["curator"], of=second, status=CooperationStatus.SIGNED_BY_US)
    response = client_for("curator").post(
        reverse("roadmap:joint-event-create"),
        {
            "partner": first.pk,
            "agreement": theirs.pk,
            "held_on": "2026-12-20",
            "title": "Семинар",
            "format": "in_person",
            "participants": "наставники",
        },
    )
    assert response.status_code == 200 and not JointEvent.objects.exists()
    assert "заключён с другой организацией" in response.content.decode()


def test_the_partner_card_lists_its_agreements_and_events(org, users, client_for):
    ours = partner(org)
    agreement(org, users["curator"], of=ours, status=CooperationStatus.SIGNED)
    joint_event(org, of=ours, title="Круглый стол наставников")
    page = (
        client_for("council")
        .get(reverse("mentoring:partner-detail", args=[ours.pk]))
        .content.decode()
    )
    assert "Договор о сетевом взаимодействии № 1: подписан сторонами" in page
    assert "Круглый стол наставников" in page


def test_the_director_sees_a_home_card_while_a_cooperation_agreement_waits(
    org, users, esign, client_for
):
    _draft(client_for("curator"), partner(org).pk)
    drafted = CooperationAgreement.objects.get()
    director = client_for("director")
    page = director.get(reverse("home")).content.decode()
    assert "Договор о сотрудничестве ждёт вашей подписи" in page
    assert drafted.get_absolute_url() in page
    director.post(reverse("roadmap:cooperation-sign", args=[drafted.pk]), {"password": PASSWORD})
    page = director.get(reverse("home")).content.decode()
    assert "Договор о сотрудничестве ждёт" not in page
