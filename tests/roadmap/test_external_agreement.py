"""A mentor from outside the staff: a volunteer agreement instead of the ТК РФ 351.8 addendum,
and orders that name her as an external mentor, without a position in the staff."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from mentoring.models import ExternalKind, Partner
from roadmap import agreements
from roadmap.models import AgreementPay, AgreementStatus, OrderKind
from tests.factories import PASSWORD
from tests.roadmap.factories import draft, staff_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def external(org, users):
    """The mentor persona's card turned into a retired teacher from a partner organization."""
    partner = Partner.objects.create(organization=org, name="МБОУ «Средняя школа № 5»")
    card = staff_of(users["mentor"], org)
    card.last_name, card.first_name, card.middle_name = "Белова", "Галина", "Петровна"
    card.is_external, card.position, card.personnel_number = True, "", ""
    card.external_kind, card.partner = ExternalKind.RETIRED, partner
    card.save()
    return card


@pytest.fixture
def mentee(org, users):
    card = staff_of(users["mentee"], org)
    card.last_name, card.first_name, card.middle_name = "Соколова", "Арина", "Сергеевна"
    card.save()
    return card


def _draft(org, users, mentor, mentee):
    return agreements.agreement_draft(
        organization=org,
        author=users["curator"],
        mentor=mentor,
        mentees=[mentee],
        starts_on=dt.date(2026, 9, 1),
        ends_on=dt.date(2027, 5, 31),
        form="традиционная, дистанционная",
        pay=AgreementPay.PERCENT,  # whatever the draft says, she is not paid
        pay_amount=15,
        pay_terms="15 % должностного оклада",
    )


def _sign(agreement, user):
    return agreements.agreement_sign(agreement=agreement, signer=user, password=PASSWORD)


def test_an_external_mentor_signs_a_volunteer_agreement_not_a_labour_addendum(
    org, users, external, mentee, esign
):
    agreement = _draft(org, users, external, mentee)
    assert agreement.is_volunteer
    assert agreement.pay == AgreementPay.VOLUNTEER and agreement.pay_amount is None
    assert agreement.pay_terms == agreements.VOLUNTEER_TERMS
    assert agreement.contract_reference == ""
    assert str(agreement).startswith("Соглашение о наставничестве на безвозмездной основе")
    agreement = _sign(_sign(agreement, users["director"]), users["mentor"])
    assert agreement.status == AgreementStatus.SIGNED and agreement.verify_code
    text = " ".join(agreement.signed_html.split())
    assert "Соглашение о наставничестве на безвозмездной основе № 1" in text
    assert "351.8" not in text and "трудовому договору" not in text
    assert "Белова Галина Петровна (внешний наставник, педагог на пенсии, " in text
    assert "МБОУ «Средняя школа № 5»" in text or "МБОУ &laquo;Средняя школа № 5&raquo;" in text
    assert "в отношении Соколовой Арины Сергеевны" in text
    assert "Наставник не является работником Организации" in text
    # The one verify page confirms it like any signed document.
    response = Client().get(reverse("roadmap:agreement-verify", args=[agreement.verify_code]))
    assert "Соглашение действительно" in response.content.decode()


def test_an_employees_agreement_stays_the_labour_addendum(org, users, mentee, esign):
    mentor = staff_of(users["mentor"], org)
    agreement = _sign(_sign(_draft(org, users, mentor, mentee), users["director"]), users["mentor"])
    assert not agreement.is_volunteer and agreement.pay == AgreementPay.PERCENT
    assert "351.8" in agreement.signed_html


def test_the_agreement_page_names_the_external_mentor(org, users, external, mentee, client_for):
    agreement = _draft(org, users, external, mentee)
    page = client_for("curator").get(agreement.get_absolute_url()).content.decode()
    assert "Соглашение о наставничестве на безвозмездной основе" in page
    assert "Белова Галина Петровна</strong> (внешний наставник, педагог на пенсии," in page


def test_the_curator_drafts_it_without_pay_terms(org, users, external, mentee, client_for):
    response = client_for("curator").post(
        reverse("roadmap:agreement-create"),
        {
            "mentor": external.pk,
            "mentees": [mentee.pk],
            "content": agreements.DEFAULT_CONTENT,
            "starts_on": "2026-09-01",
            "ends_on": "2027-05-31",
            "form": "традиционная",
            "pay": "percent",
            "pay_terms": "",
        },
    )
    assert response.status_code == 302
    agreement = external.organization.mentor_agreements.get()
    assert agreement.pay_terms == agreements.VOLUNTEER_TERMS


def test_an_external_person_is_never_a_mentee_of_an_agreement(org, users, external, mentee):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="Наставляемым может быть только работник"):
        _draft(org, users, staff_of(users["curator"], org), external)


def test_the_appointment_order_names_her_as_an_external_mentor(org, users, external, mentee, esign):
    agreement = _sign(_draft(org, users, external, mentee), users["director"])
    employee = staff_of(users["council"], org)
    employee.last_name, employee.first_name, employee.middle_name = "Лебедева", "Ирина", "Олеговна"
    employee.save()
    order = draft(
        org, users["curator"], OrderKind.APPOINT_MENTORS, people=[agreement.mentor, employee]
    )
    assert (
        "– Белову Галину Петровну (внешний наставник, педагог на пенсии, МБОУ «Средняя школа "
        f"№ 5») (соглашение о наставничестве на безвозмездной основе {agreement.reference})"
        in order.body
    )
    assert "– Лебедеву Ирину Олеговну, воспитателя" in order.body
    assert "с наставниками не из числа работников — соглашений о наставничестве" in order.body
    assert "Белову Галину Петровну, " not in order.body  # no position in the staff


def test_the_encouragement_order_names_her_without_a_position(org, users, external):
    order = draft(org, users["curator"], OrderKind.ENCOURAGE_MENTORS, people=[external])
    assert "– Беловой Галине Петровне (внешний наставник, педагог на пенсии," in order.body
