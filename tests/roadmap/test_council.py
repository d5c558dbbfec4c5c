"""The methodical council of mentors: its order gives and ends the role, its protocols are
signed by the chair and verifiable (issues 22 and 23)."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from core.audit import audit_for
from core.invariants import find_violations
from core.models import Organization, Role, RoleAssignment
from roadmap import council, council_meetings, services
from roadmap.models import (
    CouncilMeeting,
    CouncilSeat,
    MeetingStatus,
    Order,
    OrderKind,
    OrderStatus,
)
from tests.factories import PASSWORD, StaffMemberFactory, member
from tests.roadmap.factories import staff_of

pytestmark = pytest.mark.django_db


def _rules(org):
    return sorted(v.rule for v in find_violations(Organization.objects.filter(pk=org.pk)))


def _held(user, org):
    return {a.role: a for a in RoleAssignment.objects.filter(user=user, organization=org)}


def _sign(order, users):
    order = services.order_send(order=order, actor=users["curator"])
    return services.order_sign(order=order, signer=users["director"], password=PASSWORD)


@pytest.fixture
def chair(org, users, esign):
    """The council persona chairs; she has read the e-signature regulation."""
    services.order_acknowledge(order=esign, user=users["council"], ip=None)
    return users["council"]


@pytest.fixture
def council_order(org, users, chair):
    """A signed council: the council persona chairs, the mentor is secretary, the mentee sits."""
    order = council.council_order_draft(
        organization=org,
        author=users["curator"],
        chair=staff_of(chair, org),
        secretary=staff_of(users["mentor"], org),
        members=[staff_of(users["mentee"], org)],
    )
    return _sign(order, users)


def _meeting(org, users, order, **overrides):
    data = {
        "held_on": dt.date.today(),
        "agenda": "О плане работы совета\nО подборе наставнических пар",
        "attendees": [s.staff for s in order.council_seats.all()],
        "heard": "Куратора о плане работы.",
        "spoke": "Члены совета поддержали план.",
        "decisions": ["Утвердить план работы совета.", "Рекомендовать пары к закреплению."],
    }
    data.update(overrides)
    return council_meetings.meeting_create(organization=org, author=users["curator"], **data)


# --- the order and the role ----------------------------------------------------------------


def test_the_signed_council_order_makes_its_members_council_members_with_the_order_as_basis(
    org, users, council_order
):
    label = f"приказ № {council_order.number_text} от {council_order.order_date:%d.%m.%Y}"
    for persona in ("council", "mentor", "mentee"):
        held = _held(users[persona], org)[Role.COUNCIL]
        assert held.basis_id == council_order.pk
        assert held.basis_label == label
    labels = [e.label for e in audit_for(users["mentee"])]
    assert f"Назначена роль «Член методического совета»: {label}" in labels
    assert _rules(org) == []


def test_the_order_text_names_the_chair_secretary_and_members_declined(org, users, chair):
    order = council.council_order_draft(
        organization=org,
        author=users["curator"],
        chair=staff_of(chair, org),
        secretary=staff_of(users["mentor"], org),
        members=[staff_of(users["mentee"], org)],
    )
    assert order.title == "Об утверждении состава методического совета наставников"
    assert "председатель совета — Иванова Мария Петровна" in order.body
    assert "Возложить на Иванову Марию Петровну обязанности председателя" in order.body
    assert "Ивановой Марии Петровне вести протоколы" in order.body
    assert {s.position for s in order.council_seats.all()} == {"chair", "secretary", "member"}
    assert order.people.count() == 3


def test_a_male_chair_is_named_in_the_masculine(org, users, chair):
    man = StaffMemberFactory(
        organization=org,
        last_name="Петров",
        first_name="Иван",
        middle_name="Сергеевич",
        gender="m",
    )
    order = council.council_order_draft(
        organization=org, author=users["curator"], chair=man, members=[staff_of(chair, org)]
    )
    assert "председатель совета — Петров Иван Сергеевич" in order.body
    assert "Возложить на Петрова Ивана Сергеевича обязанности председателя" in order.body
    assert "секретарь" not in order.body


def test_the_same_composition_opens_the_existing_draft(org, users, chair):
    kwargs = {
        "organization": org,
        "author": users["curator"],
        "chair": staff_of(chair, org),
        "members": [staff_of(users["mentee"], org)],
    }
    first = council.council_order_draft(**kwargs)
    again = council.council_order_draft(**kwargs)
    assert again.pk == first.pk and again.reused_draft
    swapped = council.council_order_draft(
        organization=org,
        author=users["curator"],
        chair=staff_of(users["mentee"], org),
        members=[staff_of(chair, org)],
    )
    assert swapped.pk != first.pk


def test_chair_and_secretary_must_differ(org, users, chair):
    with pytest.raises(ValidationError, match="разные люди"):
        council.council_order_draft(
            organization=org,
            author=users["curator"],
            chair=staff_of(chair, org),
            secretary=staff_of(chair, org),
        )


def test_a_council_order_without_a_chair_is_not_sent(org, users, esign):
    order = services.order_draft(
        organization=org,
        kind=OrderKind.COUNCIL_COMPOSITION,
        author=users["curator"],
        people=[staff_of(users["mentee"], org)],
    )
    with pytest.raises(ValidationError, match="не назван председатель"):
        services.order_send(order=order, actor=users["curator"])


def test_a_new_council_order_ends_the_role_of_whom_it_leaves_out(org, users, council_order):
    order = council.council_order_draft(
        organization=org,
        author=users["curator"],
        chair=staff_of(users["council"], org),
        members=[staff_of(users["mentor"], org)],
    )
    assert order.refers_to_id == council_order.pk
    assert "Признать утратившим силу приказ" in order.body
    order = _sign(order, users)
    assert Role.COUNCIL not in _held(users["mentee"], org)
    assert _held(users["mentor"], org)[Role.COUNCIL].basis_id == order.pk
    assert _held(users["council"], org)[Role.COUNCIL].basis_id == order.pk
    label = f"приказ № {order.number_text} от {order.order_date:%d.%m.%Y}"
    labels = [e.label for e in audit_for(users["mentee"])]
    assert f"Снята роль «Член методического совета»: {label}" in labels
    assert council.council_order_in_force(organization=org) == order
    assert _rules(org) == []


def test_a_role_from_a_replaced_council_order_is_a_violation(org, users, council_order):
    order = council.council_order_draft(
        organization=org,
        author=users["curator"],
        chair=staff_of(users["council"], org),
        members=[staff_of(users["mentor"], org)],
    )
    _sign(order, users)
    # Someone put the old basis back by hand, around role_grant.
    RoleAssignment.objects.create(
        user=users["mentee"],
        organization=org,
        role=Role.COUNCIL,
        basis_type=RoleAssignment.objects.filter(basis_id=order.pk).first().basis_type,
        basis_id=council_order.pk,
        basis_label="старый приказ",
    )
    assert _rules(org) == ["council_roles_match_council_order"]


def test_a_role_given_by_hand_is_left_alone_by_a_new_order(org, users, council_order):
    admin_made = member(org, Role.COUNCIL, username="hand")
    order = council.council_order_draft(
        organization=org, author=users["curator"], chair=staff_of(users["council"], org)
    )
    _sign(order, users)
    assert Role.COUNCIL in _held(admin_made, org)


# --- through the pages ---------------------------------------------------------------------


def test_the_curator_drafts_the_council_order_on_the_council_page(org, users, chair, client_for):
    client = client_for("curator")
    page = client.get(reverse("roadmap:council")).content.decode()
    assert "Совет ещё не утверждён" in page
    response = client.post(
        reverse("roadmap:council-order-create"),
        {
            "chair": staff_of(chair, org).pk,
            "secretary": staff_of(users["mentor"], org).pk,
            "members": [staff_of(users["mentee"], org).pk],
        },
    )
    order = Order.objects.get(kind=OrderKind.COUNCIL_COMPOSITION)
    assert response.status_code == 302
    assert response["Location"] == reverse("roadmap:order-edit", args=[order.pk])
    assert CouncilSeat.objects.filter(order=order).count() == 3
    # The director signs it on the order's page; the council page then lists the members.
    client.post(reverse("roadmap:order-send", args=[order.pk]))
    client_for("director").post(
        reverse("roadmap:order-sign", args=[order.pk]), {"password": PASSWORD}
    )
    order.refresh_from_db()
    assert order.status == OrderStatus.SIGNED
    assert Role.COUNCIL in _held(users["mentee"], org)
    page = client.get(reverse("roadmap:council")).content.decode()
    assert order.reference in page
    assert "председатель совета" in page
    person = client_for("director").get(reverse("mentoring:person", args=[users["mentee"].pk]))
    text = person.content.decode()
    assert "Член методического совета" in text and order.number_text in text


def test_a_council_order_without_a_chair_is_refused_with_a_message(org, users, chair, client_for):
    response = client_for("curator").post(
        reverse("roadmap:council-order-create"), {"secretary": ""}
    )
    assert response.status_code == 200
    assert "Выберите председателя методического совета." in response.content.decode()
    assert not Order.objects.filter(kind=OrderKind.COUNCIL_COMPOSITION).exists()


# --- meetings and the protocol -------------------------------------------------------------


def test_the_chair_signs_the_protocol_and_the_verify_page_finds_it(
    org, users, council_order, client
):
    meeting = _meeting(org, users, council_order)
    assert meeting.number == 1
    assert meeting.chair == staff_of(users["council"], org)
    meeting = council_meetings.meeting_sign(
        meeting=meeting, signer=users["council"], password=PASSWORD
    )
    assert meeting.status == MeetingStatus.SIGNED
    assert meeting.verify_code and meeting.text_sha256
    response = client.get(reverse("signing:verify-lookup"), {"code": meeting.verify_code})
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "Протокол действителен" in page
    assert f"№ {meeting.number} заседания методического совета" in page
    # The signed text's checksum, typed, finds it too.
    page = client.get(reverse("signing:verify-lookup"), {"code": meeting.text_sha256})
    assert "Протокол действителен" in page.content.decode()
    labels = [e.label for e in audit_for(meeting)]
    assert f"Подписала протокол № {meeting.number} как председатель совета" in labels


def test_only_the_chair_signs_and_a_signed_protocol_does_not_change(org, users, council_order):
    meeting = _meeting(org, users, council_order)
    with pytest.raises(ValidationError, match="подписывает председатель"):
        council_meetings.meeting_sign(meeting=meeting, signer=users["mentor"], password=PASSWORD)
    with pytest.raises(ValidationError, match="Пароль введён неверно"):
        council_meetings.meeting_sign(meeting=meeting, signer=users["council"], password="x")
    meeting = council_meetings.meeting_sign(
        meeting=meeting, signer=users["council"], password=PASSWORD
    )
    with pytest.raises(ValidationError, match="больше не меняется"):
        council_meetings.meeting_update(
            meeting=meeting,
            actor=users["curator"],
            held_on=meeting.held_on,
            agenda="Другое",
            attendees=list(meeting.attendees.all()),
            decisions=["Другое"],
        )


def test_a_meeting_needs_a_council_attendees_and_decisions(org, users, chair, esign):
    with pytest.raises(ValidationError, match="ещё не утверждён"):
        council_meetings.meeting_create(
            organization=org,
            author=users["curator"],
            held_on=dt.date.today(),
            agenda="О плане",
            attendees=[],
            decisions=["Утвердить"],
        )


def test_attendees_are_members_of_the_council(org, users, council_order):
    outsider_card = staff_of(users["director"], org)
    with pytest.raises(ValidationError, match="только членов совета"):
        _meeting(org, users, council_order, attendees=[outsider_card])
    with pytest.raises(ValidationError, match="хотя бы одно решение"):
        _meeting(org, users, council_order, decisions=["  "])
    assert not CouncilMeeting.objects.exists()


def test_the_meeting_pages_record_and_sign_a_protocol(org, users, council_order, client_for):
    curator = client_for("curator")
    members = [s.staff_id for s in council_order.council_seats.all()]
    response = curator.post(
        reverse("roadmap:council-meeting-create"),
        {
            "held_on": dt.date.today().isoformat(),
            "agenda": "О плане работы",
            "attendees": members,
            "heard": "Куратора.",
            "spoke": "",
            "decisions": "Утвердить план.\n\nНазначить ответственных.",
        },
    )
    meeting = CouncilMeeting.objects.get()
    assert response["Location"] == meeting.get_absolute_url()
    assert [d.text for d in meeting.decisions.all()] == [
        "Утвердить план.",
        "Назначить ответственных.",
    ]
    page = curator.get(meeting.get_absolute_url()).content.decode()
    assert "Подписать протокол" not in page  # the curator is not the chair
    chair = client_for("council")
    page = chair.get(meeting.get_absolute_url()).content.decode()
    assert "Подписать протокол" in page
    chair.post(reverse("roadmap:council-meeting-sign", args=[meeting.pk]), {"password": PASSWORD})
    meeting.refresh_from_db()
    assert meeting.is_signed
    page = chair.get(meeting.get_absolute_url()).content.decode()
    assert "Председатель совета Иванова Мария Петровна подписала протокол" in page
    verify = reverse("signing:verify", args=[meeting.verify_code])
    assert f'href="{verify}">проверить</a>' in page
    assert chair.get(reverse("roadmap:council-protocol-pdf", args=[meeting.pk])).status_code == 200
    edit = curator.get(reverse("roadmap:council-meeting-edit", args=[meeting.pk]))
    assert edit.status_code == 404


def test_a_male_chair_signed_the_protocol_in_the_masculine(org, users, esign, client_for):
    man = member(org, Role.CURATOR, username="petrov")
    man.last_name, man.first_name, man.middle_name = "Петров", "Иван", "Сергеевич"
    man.save()
    card = staff_of(man, org)
    card.last_name, card.first_name, card.middle_name = "Петров", "Иван", "Сергеевич"
    card.gender = "m"
    card.save()
    services.order_acknowledge(order=esign, user=man, ip=None)
    order = _sign(
        council.council_order_draft(organization=org, author=users["curator"], chair=card),
        users,
    )
    meeting = _meeting(org, users, order, attendees=[card])
    council_meetings.meeting_sign(meeting=meeting, signer=man, password=PASSWORD)
    page = client_for("curator").get(meeting.get_absolute_url()).content.decode()
    assert "Председатель совета Петров Иван Сергеевич подписал протокол" in page
    labels = [e.label for e in audit_for(meeting)]
    assert f"Подписал протокол № {meeting.number} как председатель совета" in labels


def test_the_council_page_runs_a_bounded_number_of_queries(
    org, users, council_order, client_for, django_assert_max_num_queries
):
    for _ in range(6):
        _meeting(org, users, council_order)
    client = client_for("curator")
    client.get(reverse("roadmap:council"))
    with django_assert_max_num_queries(20):
        response = client.get(reverse("roadmap:council"))
    assert response.content.decode().count("Проект протокола") == 6


def test_the_demo_has_a_signed_council_with_its_chair_and_a_signed_protocol():
    from mentoring.seeding import seed_demo

    org = seed_demo()
    order = council.council_order_in_force(organization=org)
    assert order is not None and order.is_signed
    chair = RoleAssignment.objects.get(
        organization=org, role=Role.COUNCIL, user__username="council"
    )
    assert chair.basis_id == order.pk
    meeting = CouncilMeeting.objects.get(organization=org)
    assert meeting.is_signed and meeting.verify_code
    assert meeting.chair.user.username == "council"
    assert _rules(org) == []


# --- decisions about programs --------------------------------------------------------------


def test_a_decision_of_a_signed_protocol_is_attached_to_a_program_and_shown_on_its_pages(
    org, users, council_order, client_for, django_assert_max_num_queries
):
    from programs.models import ProgramCouncilDecision
    from tests.programs.factories import fixed_pair, make_program

    program = make_program(fixed_pair(org, users["mentor"], users["mentee"]), status="in_progress")
    meeting = _meeting(org, users, council_order)
    decision = meeting.decisions.get(position=2)
    curator = client_for("curator")
    url = reverse("programs:council-decision-link", args=[program.pk])
    response = curator.post(url, {"decision": decision.pk}, follow=True)
    assert "только решение из подписанного протокола" in response.content.decode()
    assert not ProgramCouncilDecision.objects.exists()
    council_meetings.meeting_sign(meeting=meeting, signer=users["council"], password=PASSWORD)
    page = curator.get(program.get_absolute_url()).content.decode()
    assert "Протокол № 1" in page  # offered in the form
    curator.post(url, {"decision": decision.pk})
    link = ProgramCouncilDecision.objects.get()
    assert link.program == program and link.decision == decision
    assert any("Привязано решение методического совета" in e.label for e in audit_for(program))
    page = client_for("mentee").get(program.get_absolute_url()).content.decode()
    assert "Рекомендовать пары к закреплению." in page
    assert meeting.get_absolute_url() in page
    again = curator.post(url, {"decision": decision.pk}, follow=True)
    assert "уже привязано" in again.content.decode()


def test_the_chair_sees_a_home_card_while_a_protocol_waits_for_her_signature(
    org, users, council_order, client_for
):
    meeting = _meeting(org, users, council_order)
    chair = client_for("council")
    page = chair.get(reverse("home")).content.decode()
    assert f"Протокол № {meeting.number} ждёт вашей подписи" in page
    assert meeting.get_absolute_url() in page
    assert "ждёт вашей подписи" not in client_for("curator").get(reverse("home")).content.decode()
    council_meetings.meeting_sign(meeting=meeting, signer=users["council"], password=PASSWORD)
    assert "Протокол № 1 ждёт" not in chair.get(reverse("home")).content.decode()
