"""Wording an acceptance tester read on the pages: an external mentor's volunteer agreement in
the order warning, the agreement form and page; flash messages and cards; the council table on
a phone; the cooperation agreement's parties."""

import datetime as dt

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from mentoring.models import ExternalKind
from roadmap import agreements, cooperation
from roadmap.models import OrderKind
from tests.factories import PASSWORD
from tests.roadmap.cooperation_factories import partner
from tests.roadmap.factories import draft, staff_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def external(org, users):
    """The mentor persona's card as Григорьева Анна Сергеевна, a mentor from outside the staff."""
    card = staff_of(users["mentor"], org)
    card.last_name, card.first_name, card.middle_name = "Григорьева", "Анна", "Сергеевна"
    card.is_external, card.position, card.personnel_number = True, "", ""
    card.external_kind = ExternalKind.RETIRED
    card.save()
    return card


@pytest.fixture
def mentee(org, users):
    card = staff_of(users["mentee"], org)
    card.last_name, card.first_name, card.middle_name = "Соколова", "Арина", "Сергеевна"
    card.save()
    return card


def _draft(org, users, mentor, mentee, **pay):
    return agreements.agreement_draft(
        organization=org,
        author=users["curator"],
        mentor=mentor,
        mentees=[mentee],
        starts_on=dt.date(2026, 9, 1),
        ends_on=dt.date(2027, 5, 31),
        form="традиционная",
        **pay,
    )


def _text(response) -> str:
    return " ".join(response.content.decode().split())


def _shown(response) -> str:
    return " ".join(str(m) for m in get_messages(response.wsgi_request))


def test_the_order_asks_an_external_mentor_for_the_volunteer_agreement(
    org, users, external, client_for
):
    order = draft(org, users["curator"], OrderKind.APPOINT_MENTORS, people=[external])
    page = _text(client_for("curator").get(order.get_absolute_url()))
    assert (
        "Нет соглашения о наставничестве на безвозмездной основе, подписанного обеими "
        "сторонами, у 1 из названных в приказе наставников не из числа работников: "
        "Григорьева А. С. Подготовьте соглашения" in page
    )
    assert "351.8), у 1 из названных" not in page
    assert "Нет дополнительного соглашения к трудовому договору" not in page


def test_the_agreement_form_for_an_external_mentor_has_no_pay_fields(
    org, users, external, client_for
):
    url = reverse("roadmap:agreement-create")
    page = _text(client_for("curator").get(url, {"mentor": external.pk}))
    assert '<h1 class="h3 mb-3" data-testid="agreement-form-title">Соглашение о ' in page
    assert (
        "Наставник не из числа работников: соглашение заключается на безвозмездной основе, "
        "доплата не указывается." in page
    )
    assert 'name="pay_amount"' not in page and "Процент должностного оклада" not in page
    neutral = _text(client_for("curator").get(url))
    assert 'data-testid="agreement-form-title">Соглашение наставника</h1>' in neutral


def test_the_volunteer_agreement_page_says_without_pay(org, users, external, mentee, client_for):
    agreement = _draft(org, users, external, mentee)
    page = _text(client_for("curator").get(agreement.get_absolute_url()))
    assert "Оплата: на безвозмездной основе (наставник не работник организации)." in page
    assert "размер не указан" not in page
    assert "Соглашение ждёт подписи руководителя." in page


def test_signing_says_who_signed_once_and_the_mentor_in_the_feminine(
    org, users, external, mentee, esign, client_for
):
    agreement = _draft(org, users, external, mentee)
    url = reverse("roadmap:agreement-sign", args=[agreement.pk])
    response = client_for("director").post(url, {"password": PASSWORD})
    assert _shown(response) == "Соглашение подписано руководителем."
    page = _text(client_for("mentor").get(agreement.get_absolute_url()))
    assert "Соглашение о наставничестве на безвозмездной основе ждёт вашей подписи" in _text(
        client_for("mentor").get(reverse("home"))
    )
    assert "Подписать" in page
    response = client_for("mentor").post(url, {"password": PASSWORD})
    assert _shown(response) == "Соглашение подписано обеими сторонами."
    page = _text(client_for("curator").get(agreement.get_absolute_url()))
    assert "Наставница подписала" in page and "Наставник подписала" not in page


def test_the_employees_card_keeps_the_addendum_title(org, users, mentee, client_for):
    _draft(org, users, staff_of(users["mentor"], org), mentee, pay_amount=10)
    page = _text(client_for("director").get(reverse("home")))
    assert "Дополнительное соглашение ждёт вашей подписи" in page


def test_the_council_meetings_table_scrolls_on_a_phone(request, client_for):
    import tests.access_table  # noqa: F401  (loads the matrix rows before one app's helpers)
    from tests.roadmap.access_rows import _council_meeting

    _council_meeting(request)
    page = _text(client_for("curator").get(reverse("roadmap:council")))
    assert (
        '<div class="table-responsive" tabindex="0" role="region" '
        'aria-label="Заседания совета наставников"> <table' in page
    )


def test_the_cooperation_agreement_names_the_partners_representative(org, users, esign):
    ours = partner(org, contact_person="Петрова Анна Ивановна")
    drafted = cooperation.cooperation_draft(
        organization=org,
        author=users["curator"],
        partner=ours,
        kind="partnership",
        subject="Социальное партнёрство в сфере наставничества",
        obligations="Проводить совместные мастер-классы.",
        starts_on=dt.date(2026, 9, 1),
        ends_on=dt.date(2027, 8, 31),
    )
    signed = cooperation.cooperation_sign(
        agreement=drafted, signer=users["director"], password=PASSWORD
    )
    text = " ".join(signed.signed_html.replace("&laquo;", "«").replace("&raquo;", "»").split())
    assert (
        ", с одной стороны, и Государственное автономное учреждение «Институт развития "
        "образования» в лице Петровой Анны Ивановны, с другой стороны (далее вместе — "
        "Стороны), заключили настоящий договор" in text
    )
