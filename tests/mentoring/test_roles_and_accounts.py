"""The roles page, a person's page, and one account per person (issue 22)."""

import pytest
from django.core import mail
from django.urls import reverse

from core.audit import audit_for
from core.invariants import find_violations
from core.models import Organization, Role, RoleAssignment, User
from mentoring import logins, selectors
from mentoring.models import StaffMember
from tests.factories import StaffMemberFactory, UserFactory

pytestmark = pytest.mark.django_db


def _card(org, **kwargs) -> StaffMember:
    defaults = {"last_name": "Орлова", "first_name": "Вера", "middle_name": "Ивановна"}
    return StaffMemberFactory(organization=org, **{**defaults, **kwargs})


def _rules(org):
    return sorted(v.rule for v in find_violations(Organization.objects.filter(pk=org.pk)))


# --- the roles page ----------------------------------------------------------------------------
def test_the_director_names_a_curator_without_a_login_and_she_is_invited(
    client_for, org, django_capture_on_commit_callbacks
):
    card = _card(org, email="orlova@ds20.example")
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for("director").post(
            reverse("mentoring:role-name"),
            {"role": "curator", "staff": card.pk, "login": "invite"},
            follow=True,
        )
    text = response.content.decode()
    assert "Орлова Вера Ивановна назначена: куратор." in text
    card.refresh_from_db()
    assert card.user is not None
    held = {a.role: a for a in RoleAssignment.objects.filter(user=card.user, organization=org)}
    assert set(held) == {Role.CURATOR}  # not a mentee of her own bank
    assert held[Role.CURATOR].basis_label.startswith("решение руководителя от ")
    (letter,) = mail.outbox
    assert letter.to == ["orlova@ds20.example"]
    assert [e.label for e in audit_for(card.user)][-1].startswith(
        "Назначена роль «Куратор»: решение руководителя от "
    )


def test_a_slip_is_printed_when_the_director_chooses_it(client_for, org):
    card = _card(org)
    response = client_for("director").post(
        reverse("mentoring:role-name"), {"role": "admin", "staff": card.pk, "login": "slip"}
    )
    assert response["Content-Type"] == "application/pdf"
    card.refresh_from_db()
    assert card.user.must_change_password
    assert RoleAssignment.objects.filter(user=card.user, role=Role.ADMIN).exists()


def test_naming_someone_who_logs_in_already_keeps_her_password(client_for, users, org):
    teacher = users["mentee"]
    teacher.last_login = teacher.date_joined
    teacher.save()
    card = teacher.staff_records.get()
    response = client_for("admin").post(
        reverse("mentoring:role-name"),
        {"role": "curator", "staff": card.pk, "login": "slip"},
        follow=True,
    )
    assert "Она входит в систему под своим логином mentee." in response.content.decode()
    teacher.refresh_from_db()
    assert teacher.check_password("test-pass-2026")
    assert RoleAssignment.objects.get(user=teacher, role=Role.CURATOR).basis_label.startswith(
        "решение администратора"
    )


def test_a_role_taken_away_is_gone_and_in_the_history(client_for, users, org):
    assignment = RoleAssignment.objects.get(user=users["curator"], role=Role.CURATOR)
    response = client_for("director").post(
        reverse("mentoring:role-take-away", args=[assignment.pk]), follow=True
    )
    assert "Роль «Куратор» снята" in response.content.decode()
    assert not RoleAssignment.objects.filter(pk=assignment.pk).exists()
    assert audit_for(users["curator"])[-1].label.startswith("Снята роль «Куратор»")


def test_an_order_role_cannot_be_taken_away_on_the_roles_page(client_for, users):
    assignment = RoleAssignment.objects.get(user=users["mentor"], role=Role.MENTOR)
    response = client_for("director").post(
        reverse("mentoring:role-take-away", args=[assignment.pk]), follow=True
    )
    assert "назначается и снимается приказом" in response.content.decode()
    assert RoleAssignment.objects.filter(pk=assignment.pk).exists()


def test_the_roles_page_lists_who_runs_the_kindergarten(client_for, users):
    text = client_for("director").get(reverse("mentoring:roles")).content.decode()
    assert reverse("mentoring:person", args=[users["curator"].pk]) in text
    assert "Назначить куратора или администратора" in text
    assert "Куратор не назначен" not in text


# --- a person's page ---------------------------------------------------------------------------
def test_a_persons_page_shows_roles_account_card_and_history(client_for, users, org):
    from core.roles import role_grant

    teacher = users["mentee"]
    role_grant(
        user=teacher,
        organization=org,
        role=Role.MENTOR,
        actor=users["director"],
        basis_label="приказ № 4-од от 02.10.2026",
    )
    response = client_for("curator").get(reverse("mentoring:person", args=[teacher.pk]))
    text = response.content.decode()
    assert "Наставник" in text and "основание: приказ № 4-од от 02.10.2026" in text
    assert "mentee" in text and "ещё не входила" in text and "действует" in text
    assert teacher.staff_records.get().get_absolute_url() in text
    assert "Назначена роль «Наставник»: приказ № 4-од от 02.10.2026" in text
    assert "Объединить с другой учётной записью" not in text  # the curator doesn't merge


def test_the_staff_list_links_each_account_to_its_persons_page(client_for, users):
    text = client_for("director").get(reverse("mentoring:staff-list")).content.decode()
    assert reverse("mentoring:person", args=[users["mentor"].pk]) in text


def test_a_person_of_another_organization_is_not_found(client_for, users):
    response = client_for("director").get(reverse("mentoring:person", args=[users["outsider"].pk]))
    assert response.status_code == 404


# --- one account per person --------------------------------------------------------------------
def _curator_made_by_hand(org, email="orlova@ds20.example"):
    """The curator's account made before the staff list was loaded: a role, no card."""
    user = UserFactory(
        username="orlova",
        last_name="Орлова",
        first_name="Вера",
        middle_name="Ивановна",
        email=email,
    )
    RoleAssignment.objects.create(user=user, organization=org, role=Role.CURATOR)
    user.last_login = user.date_joined
    user.save()
    return user


def test_inviting_everyone_links_the_curators_own_account_instead_of_a_second(client_for, org):
    curator = _curator_made_by_hand(org)
    card = _card(org, email="Orlova@ds20.example")
    _card(org, last_name="Лебедева", email="lebedeva@ds20.example")
    response = client_for("curator").post(reverse("mentoring:staff-logins-invite-all"), follow=True)
    text = response.content.decode()
    assert "Отправлено приглашений: 1." in text
    assert "уже входят в систему (приглашение им не нужно): Орлова Вера Ивановна." in text
    card.refresh_from_db()
    assert card.user == curator
    assert User.objects.filter(email__iexact="orlova@ds20.example").count() == 1
    assert not RoleAssignment.objects.filter(user=curator, role=Role.MENTEE).exists()
    mentee_candidates = selectors.bank_candidates(organization=org, bank="mentee")
    assert card not in mentee_candidates
    assert "one_account_per_person" not in _rules(org)


def test_a_shared_email_of_the_kindergarten_does_not_join_two_people(org):
    _curator_made_by_hand(org, email="ds20@example.ru")
    card = _card(org, last_name="Лебедева", email="ds20@example.ru")
    user = logins.staff_login_invite(staff=card)
    assert user.username != "orlova"


def test_the_staff_import_links_an_existing_account(org):
    from mentoring.staff_import.planning import ImportResult, ImportRow
    from mentoring.staff_import.saving import staff_import_apply

    curator = _curator_made_by_hand(org)
    result = ImportResult(header=["ФИО"], mapping={})
    values = {
        "last_name": "Орлова",
        "first_name": "Вера",
        "middle_name": "Ивановна",
        "position": "senior_educator",
        "email": "orlova@ds20.example",
    }
    result.rows.append(ImportRow(number=2, cells=[], values=values))
    staff_import_apply(organization=org, result=result, remember=False)
    assert StaffMember.objects.get(last_name="Орлова").user == curator


def test_the_director_links_an_account_made_earlier_to_its_card(client_for, org):
    curator = _curator_made_by_hand(org, email="")
    card = _card(org)
    client = client_for("director")
    page = client.get(reverse("mentoring:staff-account-link", args=[card.pk])).content.decode()
    assert "логин orlova" in page
    response = client.post(
        reverse("mentoring:staff-account-link", args=[card.pk]),
        {"account": curator.pk},
        follow=True,
    )
    assert "связана с учётной записью orlova" in response.content.decode()
    card.refresh_from_db()
    assert card.user == curator


def test_an_account_not_offered_cannot_be_linked(client_for, users, org):
    card = _card(org)
    response = client_for("director").post(
        reverse("mentoring:staff-account-link", args=[card.pk]), {"account": users["outsider"].pk}
    )
    assert response.status_code == 422
    card.refresh_from_db()
    assert card.user is None


def test_merging_two_accounts_moves_roles_and_card_after_a_confirmation(client_for, users, org):
    curator = _curator_made_by_hand(org)
    card = _card(org, email="orlova@ds20.example")
    second = UserFactory(username="orlova.vi", last_name="Орлова", email="orlova@ds20.example")
    RoleAssignment.objects.create(user=second, organization=org, role=Role.COUNCIL)
    card.user = second
    card.save()
    assert "one_account_per_person" in _rules(org)

    client = client_for("director")
    url = reverse("mentoring:person-merge", args=[curator.pk])
    confirm = client.get(url, {"account": second.pk}).content.decode()
    assert "роль «Член методического совета»" in confirm
    assert "карточка сотрудника Орлова Вера Ивановна" in confirm
    assert "Объединить и отключить orlova.vi" in confirm
    assert RoleAssignment.objects.filter(user=second).exists()  # nothing moved on GET

    response = client.post(url, {"account": second.pk}, follow=True)
    assert "Учётная запись orlova.vi присоединена и отключена." in response.content.decode()
    card.refresh_from_db()
    second.refresh_from_db()
    assert card.user == curator and not second.is_active
    assert {a.role for a in RoleAssignment.objects.filter(user=curator)} == {
        Role.CURATOR,
        Role.COUNCIL,
    }
    assert not RoleAssignment.objects.filter(user=second).exists()
    assert _rules(org) == []


def test_an_account_working_in_another_organization_is_not_merged(client_for, users, org):
    response = client_for("director").get(
        reverse("mentoring:person-merge", args=[users["mentee"].pk]),
        {"account": users["mentor"].pk},
    )
    assert "У обеих учётных записей есть карточки сотрудника." in response.content.decode()


def test_the_director_is_never_a_candidate_of_either_bank(users, org):
    director_card = users["director"].staff_records.get()
    curator_card = users["curator"].staff_records.get()
    mentees = selectors.bank_candidates(organization=org, bank="mentee")
    mentors = selectors.bank_candidates(organization=org, bank="mentor")
    assert director_card not in mentees and curator_card not in mentees
    assert director_card not in mentors
