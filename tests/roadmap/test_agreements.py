"""The mentor's additional agreement (ТК РФ ст. 351.8): drafted, signed by both, referenced."""

import datetime as dt
import io

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader

from roadmap import agreements
from roadmap.models import AgreementPay, AgreementStatus, OrderKind
from tests.factories import PASSWORD
from tests.roadmap.factories import draft, staff_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def agreement(org, users):
    mentor = staff_of(users["mentor"], org)
    mentor.last_name, mentor.first_name, mentor.middle_name = "Лебедева", "Ирина", "Александровна"
    mentor.save()
    mentee = staff_of(users["mentee"], org)
    mentee.last_name, mentee.first_name, mentee.middle_name = "Соколова", "Арина", "Сергеевна"
    mentee.save()
    return agreements.agreement_draft(
        organization=org,
        author=users["curator"],
        mentor=mentor,
        mentees=[mentee],
        starts_on=dt.date(2026, 9, 1),
        ends_on=dt.date(2027, 5, 31),
        form="традиционная, «педагог — педагог»",
        pay=AgreementPay.PERCENT,
        pay_amount=15,
        pay_terms="ежемесячно",
    )


def _sign(agreement, user):
    return agreements.agreement_sign(agreement=agreement, signer=user, password=PASSWORD)


def test_the_director_signs_first_then_the_mentor_and_the_pdf_is_stored(agreement, users, esign):
    with pytest.raises(ValidationError):
        _sign(agreement, users["mentor"])  # the mentor cannot sign before the director
    agreement = _sign(agreement, users["director"])
    assert agreement.status == AgreementStatus.DIRECTOR_SIGNED and agreement.number == 1
    agreement = _sign(agreement, users["mentor"])
    assert agreement.status == AgreementStatus.SIGNED
    assert agreement.verify_code and len(agreement.pdf_sha256) == 64
    text = " ".join(
        " ".join(
            p.extract_text() for p in PdfReader(io.BytesIO(bytes(agreement.pdf))).pages
        ).split()
    )
    assert "Дополнительное соглашение № 1" in text
    assert "статья 351.8 Трудового кодекса" in text
    assert "в отношении Соколовой Арины Сергеевны" in text  # the genitive after «в отношении»
    assert "с 01.09.2026 по 31.05.2027" in text
    assert "доплата в размере 15 % должностного оклада, ежемесячно." in text
    assert agreement.verify_code in text
    assert ".." not in text
    with pytest.raises(ValidationError):
        _sign(agreement, users["mentor"])


def test_a_wrong_password_signs_nothing(agreement, users, esign):
    with pytest.raises(ValidationError):
        agreements.agreement_sign(agreement=agreement, signer=users["director"], password="x")
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.DRAFT


def test_the_verification_page_confirms_a_signed_agreement_without_login(agreement, users, esign):
    agreement = _sign(_sign(agreement, users["director"]), users["mentor"])
    response = Client().get(reverse("roadmap:agreement-verify", args=[agreement.verify_code]))
    assert response.status_code == 200
    assert "Соглашение действительно" in response.content.decode()


def test_the_appointment_order_refers_to_the_mentors_agreement(org, agreement, users, esign):
    agreement = _sign(agreement, users["director"])
    order = draft(org, users["curator"], OrderKind.APPOINT_MENTORS, people=[agreement.mentor])
    assert (
        "– Лебедеву Ирину Александровну, воспитателя (дополнительное соглашение к трудовому "
        f"договору {agreement.reference})." in order.body
    )
    assert "статья 351.8 Трудового кодекса Российской Федерации" in order.body


def test_the_curator_drafts_an_agreement_on_its_page(org, users, client_for):
    mentor, mentee = staff_of(users["mentor"], org), staff_of(users["mentee"], org)
    response = client_for("curator").post(
        reverse("roadmap:agreement-create"),
        {
            "mentor": mentor.pk,
            "mentees": [mentee.pk],
            "content": agreements.DEFAULT_CONTENT,
            "starts_on": "2026-09-01",
            "ends_on": "2027-05-31",
            "form": "традиционная",
            "pay": "roubles",
            "pay_amount": "5000",
            "pay_terms": "ежемесячно",
        },
    )
    assert response.status_code == 302
    page = client_for("curator").get(response["Location"]).content.decode()
    assert "Соглашение ждёт подписи руководителя." in page
    assert "Доплата за наставничество: 5\u00a0000\u00a0руб. в месяц, ежемесячно." in page


def test_the_directors_card_ends_the_sentence_on_the_mentors_initials_once(
    client_for, agreement, esign
):
    page = client_for("director").get(reverse("home")).content.decode()
    assert "Соглашение о наставничестве: наставник Лебедева И. А. Прочитайте его" in page


def test_the_agreement_waits_for_the_director_then_for_the_mentor(org, agreement, users, esign):
    from roadmap.selectors import agreements_to_sign

    assert list(agreements_to_sign(user=users["director"], organization=org)) == [agreement]
    assert not agreements_to_sign(user=users["mentor"], organization=org).exists()
    _sign(agreement, users["director"])
    assert not agreements_to_sign(user=users["director"], organization=org).exists()
    assert list(agreements_to_sign(user=users["mentor"], organization=org)) == [agreement]
