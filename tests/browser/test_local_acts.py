"""In chromium: a teacher hired after the e-signature regulation was signed reads it from her
home page and then signs her mentor's agreement."""

import datetime as dt

import pytest

from core.models import Role, RoleAssignment, User
from mentoring.models import Position, StaffMember
from mentoring.seeding import seed_demo
from roadmap import agreements, services
from roadmap.models import AgreementStatus, MentorAgreement, OrderKind
from tests.browser.conftest import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _regulation_signed_before_she_came(organization):
    curator = User.objects.get(username="curator")
    director = User.objects.get(username="director")
    order = services.order_draft(
        organization=organization, kind=OrderKind.ESIGN_REGULATION, author=curator
    )
    services.order_send(order=order, actor=curator)
    return services.order_sign(order=order, signer=director, password="director-2026", ip=None)


def _teacher_hired_later(organization) -> User:
    user = User(
        username="kuznetsova",
        last_name="Кузнецова",
        first_name="Дарья",
        middle_name="Игоревна",
        email="kuznetsova@example.ru",
    )
    user.set_password("kuznetsova-2026")
    user.save()
    RoleAssignment.objects.create(user=user, organization=organization, role=Role.MENTOR)
    StaffMember.objects.create(
        organization=organization,
        user=user,
        last_name="Кузнецова",
        first_name="Дарья",
        middle_name="Игоревна",
        position=Position.EDUCATOR,
    )
    return user


def test_a_teacher_hired_later_acknowledges_the_regulation_from_home_and_signs(
    new_page, live_server, settings, monkeypatch
):
    # The demo's people and logins only; the regulation is signed here, before she comes.
    monkeypatch.setattr("mentoring.seeding._seed_apps", lambda organizations, rng: None)
    monkeypatch.setattr("mentoring.seeding.autodiscover", lambda module_name: ())
    seed_demo()
    settings.SITE_URL = live_server.url
    director = User.objects.get(username="director")
    organization = director.role_assignments.get().organization
    regulation = _regulation_signed_before_she_came(organization)
    teacher = _teacher_hired_later(organization)
    agreement = agreements.agreement_draft(
        organization=organization,
        author=User.objects.get(username="curator"),
        mentor=teacher.staff_records.get(),
        mentees=[User.objects.get(username="mentee").staff_records.get()],
        starts_on=dt.date(2026, 12, 10),
        ends_on=dt.date(2027, 5, 31),
        form="индивидуальная",
        pay_amount=15,
        pay_terms="ежемесячно",
    )
    agreements.agreement_sign(agreement=agreement, signer=director, password="director-2026")

    page = new_page()
    login(page, "kuznetsova", "kuznetsova-2026")
    cards = page.get_by_test_id("home-cards")
    assert "Ознакомьтесь с локальным актом" in cards.inner_text()
    page.get_by_role("link", name="Ознакомиться").first.click()
    page.get_by_role("button", name="Я ознакомлена").click()
    page.get_by_text("Отмечено: вы ознакомились с приказом.").wait_for()
    assert regulation.people.get(staff__user=teacher).acknowledged_at is not None

    page.get_by_role("link", name="Главная").first.click()
    assert "Ознакомьтесь с локальным актом" not in page.get_by_test_id("home-cards").inner_text()
    page.get_by_role("link", name="Открыть соглашение").click()
    page.get_by_label("Подписать простой электронной подписью: ваш пароль").fill("kuznetsova-2026")
    page.get_by_role("button", name="Подписать").click()
    page.get_by_text("Соглашение подписано обеими сторонами.").wait_for()
    assert MentorAgreement.objects.get(pk=agreement.pk).status == AgreementStatus.SIGNED
