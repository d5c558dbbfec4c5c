"""Roles that come from signed orders: mentors, the curator, and their end (issue 22)."""

import datetime as dt

import pytest
from django.urls import reverse

from core.audit import audit_for
from core.invariants import find_violations
from core.models import Organization, Role, RoleAssignment
from core.roles import role_grant
from mentoring import services as bank_services
from mentoring.models import ConsentKind, MentorStatus
from roadmap import agreements, bank_orders, services
from roadmap.models import AgreementPay, OrderKind
from tests.factories import PASSWORD, member
from tests.mentoring import factories as f
from tests.roadmap.factories import signed

pytestmark = pytest.mark.django_db


def _rules(org):
    return sorted(v.rule for v in find_violations(Organization.objects.filter(pk=org.pk)))


def _held(user, org):
    return {a.role: a for a in RoleAssignment.objects.filter(user=user, organization=org)}


@pytest.fixture
def appointed(org, users, regulation):
    """The mentee persona, a teacher, selected as a mentor and appointed by a signed order."""
    teacher = users["mentee"]
    profile = f.mentor(org, person=teacher.staff_records.get(), status=MentorStatus.SELECTED)
    f.consent(profile.staff, ConsentKind.MENTOR_DUTIES)
    order, _left_out = bank_orders.mentors_order_draft(organization=org, author=users["curator"])
    services.order_send(order=order, actor=users["curator"])
    order = services.order_sign(order=order, signer=users["director"], password=PASSWORD, ip=None)
    return teacher, profile, order


def test_a_mentor_appointed_by_a_signed_order_is_a_mentor_not_a_mentee(org, appointed):
    teacher, _profile, order = appointed
    held = _held(teacher, org)
    assert set(held) == {Role.MENTOR}
    label = f"приказ № {order.number_text} от {order.order_date:%d.%m.%Y}"
    assert held[Role.MENTOR].basis_label == label
    assert held[Role.MENTOR].basis_id == order.pk
    labels = [e.label for e in audit_for(teacher)]
    assert f"Назначена роль «Наставник»: {label}" in labels
    assert f"Снята роль «Наставляемый»: {label}" in labels
    assert _rules(org) == []


def test_her_home_page_asks_for_her_questionnaire_not_for_requests(org, appointed, client_for):
    text = client_for("mentee").get(reverse("home")).content.decode()
    assert "Мои профессиональные запросы" not in text
    assert "Наставник" in text


def test_her_agreement_signed_by_the_director_waits_for_her_on_her_home_page(
    org, users, appointed, client_for
):
    teacher, profile, _order = appointed
    agreement = agreements.agreement_draft(
        organization=org,
        author=users["curator"],
        mentor=profile.staff,
        mentees=[users["mentor"].staff_records.get()],
        starts_on=dt.date(2026, 9, 1),
        ends_on=dt.date(2027, 5, 31),
        form="традиционная, «педагог — педагог»",
        pay=AgreementPay.PERCENT,
        pay_amount=15,
        pay_terms="ежемесячно",
    )
    agreements.agreement_sign(agreement=agreement, signer=users["director"], password=PASSWORD)
    text = client_for("mentee").get(reverse("home")).content.decode()
    assert "Дополнительное соглашение ждёт вашей подписи" in text
    assert agreement.get_absolute_url() in text


def test_a_mentee_of_the_bank_appointed_mentor_keeps_both_roles(org, users, regulation):
    teacher = users["mentee"]
    card = teacher.staff_records.get()
    f.mentee(org, person=card)
    profile = f.mentor(org, person=card, status=MentorStatus.SELECTED)
    f.consent(profile.staff, ConsentKind.MENTOR_DUTIES)
    order, _ = bank_orders.mentors_order_draft(organization=org, author=users["curator"])
    services.order_send(order=order, actor=users["curator"])
    services.order_sign(order=order, signer=users["director"], password=PASSWORD, ip=None)
    assert set(_held(teacher, org)) == {Role.MENTOR, Role.MENTEE}


def test_a_released_mentor_loses_the_role(org, users, appointed):
    teacher, profile, _order = appointed
    bank_services.mentor_release(profile=profile, actor=users["curator"], reason="по заявлению")
    assert Role.MENTOR not in _held(teacher, org)
    assert audit_for(teacher)[-1].label == (
        "Снята роль «Наставник»: освобождение от обязанностей наставника"
    )
    assert _rules(org) == []


def test_a_mentor_role_resting_on_no_signed_order_is_reported(org, users, appointed):
    teacher, profile, order = appointed
    draft = services.order_draft(
        organization=org, kind=OrderKind.FIX_PAIRS, author=users["curator"]
    )
    role_grant(
        user=users["mentor"],
        organization=org,
        role=Role.MENTOR,
        actor=None,
        basis=draft,
        basis_label="проект приказа",
    )
    assert "order_roles_match_signed_orders" in _rules(org)


def test_the_curators_appointment_order_makes_her_curator_and_ends_the_earlier_one(
    org, users, esign
):
    first = member(org, Role.COUNCIL, username="first_curator")
    order = signed(
        org,
        users["curator"],
        users["director"],
        OrderKind.INTRODUCE_MODEL,
        people=[first.staff_records.get()],
    )
    assert _held(first, org)[Role.CURATOR].basis_id == order.pk
    second = member(org, Role.MENTEE, username="second_curator")
    signed(
        org,
        users["curator"],
        users["director"],
        OrderKind.INTRODUCE_MODEL,
        people=[second.staff_records.get(), first.staff_records.get()],
    )
    assert Role.CURATOR in _held(second, org)
    assert Role.CURATOR not in _held(first, org)
    assert Role.CURATOR in _held(users["curator"], org)  # named on the roles page: kept
    assert "order_roles_match_signed_orders" not in _rules(org)
