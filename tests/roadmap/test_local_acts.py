"""Local acts in force for everyone they concern: the director signing, later hires, new roles."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from core.models import AuditEntry, Role, RoleAssignment
from roadmap import agreements, services
from roadmap.models import AgreementStatus, MentorAgreement, Order, OrderKind, OrderPerson
from tests.factories import PASSWORD, StaffMemberFactory, UserFactory, member
from tests.roadmap.factories import draft, esign_in_force, signed, staff_of


def _teacher_hired_later(
    org, *, last="Кузнецова", first="Дарья", middle="Игоревна", role=Role.MENTOR
):
    user = UserFactory(username=f"new-{last}", last_name=last, first_name=first, middle_name=middle)
    RoleAssignment.objects.create(user=user, organization=org, role=role)
    StaffMemberFactory(
        organization=org, user=user, last_name=last, first_name=first, middle_name=middle
    )
    return user


def _agreement_signed_by_director(org, users, mentor_user):
    mentee = staff_of(users["mentee"], org)
    agreement = agreements.agreement_draft(
        organization=org,
        author=users["curator"],
        mentor=staff_of(mentor_user, org),
        mentees=[mentee],
        starts_on=dt.date(2026, 12, 10),
        ends_on=dt.date(2027, 5, 31),
        form="индивидуальная",
        pay_amount=15,
        pay_terms="ежемесячно",
    )
    return agreements.agreement_sign(
        agreement=agreement, signer=users["director"], password=PASSWORD
    )


def test_the_regulation_lists_the_director_and_everyone_concerned_even_when_people_are_given(
    org, users
):
    given = staff_of(users["admin"], org)  # the curator may add anyone she wants
    order = draft(org, users["curator"], OrderKind.APPROVE_REGULATION, people=[given])
    named = set(order.people.values_list("staff__user__username", flat=True))
    assert named == {"admin", "director", "curator", "mentor", "mentee", "council"}


def test_the_director_who_signs_a_local_act_is_acquainted_by_signing(org, users):
    order = signed(org, users["curator"], users["director"], OrderKind.ESIGN_REGULATION)
    link = order.people.get(staff__user=users["director"])
    assert link.acknowledged_at == order.signed_at
    assert link.acknowledged_ip == "10.0.0.7"
    # Any other order she signs leaves her unacknowledged until she reads it.
    other = signed(
        org,
        users["curator"],
        users["director"],
        OrderKind.INTRODUCE_MODEL,
        people=[staff_of(users["curator"], org), staff_of(users["director"], org)],
    )
    assert other.people.get(staff__user=users["director"]).acknowledged_at is None


def test_a_teacher_hired_after_the_regulation_cannot_sign_until_she_acknowledges_it(org, users):
    esign_in_force(org, users["curator"], users["director"])
    teacher = _teacher_hired_later(org)
    agreement = _agreement_signed_by_director(org, users, teacher)
    with pytest.raises(ValidationError) as refused:
        agreements.agreement_sign(agreement=agreement, signer=teacher, password=PASSWORD)
    (message,) = refused.value.messages
    assert message.startswith(
        "Электронно подписывать документы можно только после ознакомления с Положением об "
        "использовании простой электронной подписи (приказ №"
    )
    assert message.endswith("Откройте этот приказ и нажмите «Я ознакомлена».")
    regulation = Order.objects.get(kind=OrderKind.ESIGN_REGULATION)
    assert not regulation.people.filter(staff__user=teacher).exists()

    link = services.order_acknowledge(order=regulation, user=teacher, ip="10.2.2.2")

    assert link.staff.user == teacher and link.acknowledged_at is not None
    assert AuditEntry.objects.filter(action="order.acknowledged", actor=teacher).count() == 1
    agreement = agreements.agreement_sign(agreement=agreement, signer=teacher, password=PASSWORD)
    assert agreement.status == AgreementStatus.SIGNED


def test_a_man_hired_later_is_told_to_press_the_button_in_his_gender(org, users):
    esign_in_force(org, users["curator"], users["director"])
    teacher = _teacher_hired_later(org, last="Орлов", first="Павел", middle="Андреевич")
    agreement = _agreement_signed_by_director(org, users, teacher)
    with pytest.raises(ValidationError) as refused:
        agreements.agreement_sign(agreement=agreement, signer=teacher, password=PASSWORD)
    assert refused.value.messages[0].endswith("Откройте этот приказ и нажмите «Я ознакомлен».")


def test_a_person_whose_role_the_act_does_not_concern_cannot_acknowledge_it(org, users):
    esign_in_force(org, users["curator"], users["director"])
    clerk = _teacher_hired_later(org, role=Role.ADMIN)
    regulation = Order.objects.get(kind=OrderKind.ESIGN_REGULATION)
    with pytest.raises(ValidationError, match="Вы не указаны в этом приказе"):
        services.order_acknowledge(order=regulation, user=clerk, ip=None)
    assert not OrderPerson.objects.filter(staff__user=clerk).exists()


def test_a_replaced_act_is_no_longer_offered_to_later_hires(org, users):
    first = esign_in_force(org, users["curator"], users["director"])
    second = signed(org, users["curator"], users["director"], OrderKind.ESIGN_REGULATION)
    teacher = _teacher_hired_later(org)
    with pytest.raises(ValidationError, match="Вы не указаны в этом приказе"):
        services.order_acknowledge(order=first, user=teacher, ip=None)
    services.order_acknowledge(order=second, user=teacher, ip=None)


def test_the_later_hire_opens_the_act_and_sees_the_button_in_her_gender(org, users, client):
    regulation = esign_in_force(org, users["curator"], users["director"])
    teacher = _teacher_hired_later(org)
    client.force_login(teacher)
    page = client.get(reverse("roadmap:order-detail", args=[regulation.pk]))
    assert page.status_code == 200
    text = page.content.decode()
    assert "Это локальный акт организации, он действует и касается вас." in text
    assert ">Я ознакомлена</button>" in text

    reply = client.post(reverse("roadmap:order-acknowledge", args=[regulation.pk]), follow=True)

    assert "Отмечено: вы ознакомились с приказом." in reply.content.decode()
    assert regulation.people.get(staff__user=teacher).acknowledged_at is not None


def test_a_man_sees_the_button_in_his_gender(org, users, client):
    regulation = esign_in_force(org, users["curator"], users["director"])
    teacher = _teacher_hired_later(org, last="Орлов", first="Павел", middle="Андреевич")
    client.force_login(teacher)
    text = client.get(reverse("roadmap:order-detail", args=[regulation.pk])).content.decode()
    assert ">Я ознакомлен</button>" in text


def test_an_order_that_is_no_local_act_stays_closed_to_people_not_named_in_it(org, users, client):
    esign_in_force(org, users["curator"], users["director"])
    order = signed(
        org,
        users["curator"],
        users["director"],
        OrderKind.INTRODUCE_MODEL,
        people=[staff_of(users["curator"], org)],
    )
    teacher = _teacher_hired_later(org)
    client.force_login(teacher)
    assert client.get(reverse("roadmap:order-detail", args=[order.pk])).status_code == 404


def test_home_page_asks_a_later_hire_for_every_act_in_force_esign_first(org, users, client):
    esign_in_force(org, users["curator"], users["director"], users["curator"])
    services.order_acknowledge(
        order=signed(org, users["curator"], users["director"], OrderKind.APPROVE_REGULATION),
        user=users["curator"],
        ip=None,
    )
    teacher = _teacher_hired_later(org, role=Role.MENTEE)
    client.force_login(teacher)
    text = client.get(reverse("home")).content.decode()
    esign_text = (
        "«Положение об использовании простой электронной подписи» утверждено приказом № 1-од"
    )
    assert esign_text in text
    assert "Откройте его, прочитайте и нажмите «Я ознакомлена». Без этого электронно" in text
    assert (
        "«Положение о системе наставничества педагогических работников» утверждено приказом "
        "№ 2-од" in text
    )
    assert "Сначала ознакомьтесь с Положением об использовании простой электронной подписи" in text
    assert text.index(esign_text) < text.index("Положение о системе наставничества")
    assert text.count(">Ознакомиться</a>") == 2


def test_home_page_stops_asking_once_she_acknowledged(org, users, client):
    regulation = esign_in_force(org, users["curator"], users["director"])
    teacher = _teacher_hired_later(org)
    services.order_acknowledge(order=regulation, user=teacher, ip=None)
    client.force_login(teacher)
    text = client.get(reverse("home")).content.decode()
    assert "Ознакомьтесь с локальным актом" not in text


def test_a_new_role_brings_the_act_to_the_home_page(org, users, client):
    """The administrator is not concerned; named mentor later, she must read the acts."""
    esign_in_force(org, users["curator"], users["director"])
    client.force_login(users["admin"])
    assert "Ознакомьтесь с локальным актом" not in client.get(reverse("home")).content.decode()
    RoleAssignment.objects.create(user=users["admin"], organization=org, role=Role.MENTOR)
    assert "Ознакомьтесь с локальным актом" in client.get(reverse("home")).content.decode()


def test_a_new_director_sees_the_acknowledge_button_on_the_act(org, users, client):
    regulation = esign_in_force(org, users["curator"], users["director"])
    new_director = member(org, Role.DIRECTOR, username="new-director")
    client.force_login(new_director)
    text = client.get(reverse("roadmap:order-detail", args=[regulation.pk])).content.decode()
    assert ">Я ознакомлена</button>" in text
    client.post(reverse("roadmap:order-acknowledge", args=[regulation.pk]))
    assert regulation.people.get(staff__user=new_director).acknowledged_at is not None
    assert MentorAgreement.objects.count() == 0


def test_the_curator_sees_who_joined_later_and_has_not_read_the_act_yet(org, users, client_for):
    regulation = esign_in_force(org, users["curator"], users["director"])
    _teacher_hired_later(org)
    _teacher_hired_later(org, last="Орлов", first="Павел", middle="Андреевич")
    text = (
        client_for("curator")
        .get(reverse("roadmap:order-detail", args=[regulation.pk]))
        .content.decode()
    )
    assert "Пришли позже, ещё не ознакомились (2)" in text
    assert "Кузнецова Д. И. — ещё не ознакомлена" in text
    assert "Орлов П. А. — ещё не ознакомлен<" in text
