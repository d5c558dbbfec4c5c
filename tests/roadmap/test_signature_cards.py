"""Home cards for documents awaiting a signature, the agreements menu entry, the order warning."""

import datetime as dt

import pytest
from django.urls import reverse

from monitoring import report_signing
from monitoring.periods import current_year
from roadmap import agreements, plans
from roadmap.models import OrderKind
from roadmap.selectors import current_cycle
from tests.factories import PASSWORD
from tests.roadmap.factories import draft, staff_of

pytestmark = pytest.mark.django_db


def _agreement(org, users):
    return agreements.agreement_draft(
        organization=org,
        author=users["curator"],
        mentor=staff_of(users["mentor"], org),
        mentees=[staff_of(users["mentee"], org)],
        starts_on=dt.date(2026, 9, 1),
        ends_on=dt.date(2027, 5, 31),
        form="Традиционная (один на один)",
        pay_amount=10,
    )


def _home(client_for, persona) -> str:
    return client_for(persona).get(reverse("home")).content.decode()


def test_the_director_sees_a_card_for_an_agreement_to_sign(org, users, client_for):
    agreement = _agreement(org, users)
    page = _home(client_for, "director")
    assert "Дополнительное соглашение ждёт вашей подписи" in page
    assert agreement.get_absolute_url() in page
    assert "Дополнительное соглашение ждёт вашей подписи" not in _home(client_for, "mentor")


def test_after_the_director_signs_the_mentor_gets_the_card(org, users, esign, client_for):
    agreement = _agreement(org, users)
    agreements.agreement_sign(agreement=agreement, signer=users["director"], password=PASSWORD)
    assert "Дополнительное соглашение ждёт вашей подписи" in _home(client_for, "mentor")
    assert "Дополнительное соглашение ждёт вашей подписи" not in _home(client_for, "director")


def test_the_director_sees_a_card_for_the_report_sent_for_approval(org, users, client_for):
    assert "Итоговый отчёт ждёт утверждения" not in _home(client_for, "director")
    report_signing.report_send(
        organization=org, year_start=current_year().start_year, actor=users["curator"]
    )
    page = _home(client_for, "director")
    assert "Итоговый отчёт ждёт утверждения" in page
    assert "Итоговый отчёт ждёт утверждения" not in _home(client_for, "curator")


def test_the_director_sees_a_card_for_a_new_roadmap_version(org, users, esign, client_for):
    plans.roadmap_approve(cycle=current_cycle(org), actor=users["director"], password=PASSWORD)
    assert "редакция дорожной карты" not in _home(client_for, "director")
    plans.roadmap_version_draft(cycle=current_cycle(org), actor=users["curator"])
    assert "Новая редакция дорожной карты (2)" in _home(client_for, "director")


def test_the_menu_has_the_mentors_agreements_for_managers(client_for):
    link = reverse("roadmap:agreement-list")
    assert "Соглашения наставников" in _home(client_for, "curator")
    assert f'href="{link}"' in _home(client_for, "curator")
    assert f'href="{link}"' not in _home(client_for, "mentee")


def test_the_appointment_order_warns_about_a_mentor_without_a_signed_agreement(
    org, users, client_for
):
    mentor = staff_of(users["mentor"], org)
    order = draft(org, users["curator"], OrderKind.APPOINT_MENTORS, people=[mentor])
    page = client_for("curator").get(order.get_absolute_url()).content.decode()
    assert "Нет дополнительного соглашения к трудовому договору" in page
    assert mentor.short_name in page


def test_the_warning_is_gone_once_the_agreement_is_signed_by_both(org, users, esign, client_for):
    mentor = staff_of(users["mentor"], org)
    agreement = _agreement(org, users)
    agreements.agreement_sign(agreement=agreement, signer=users["director"], password=PASSWORD)
    agreements.agreement_sign(agreement=agreement, signer=users["mentor"], password=PASSWORD)
    order = draft(org, users["curator"], OrderKind.APPOINT_MENTORS, people=[mentor])
    page = client_for("curator").get(order.get_absolute_url()).content.decode()
    assert "Нет дополнительного соглашения к трудовому договору" not in page
