"""The home page: each role lands on what waits for it."""

import pytest
from django.urls import reverse

from core.models import Role, User
from tests.factories import PASSWORD, StaffMemberFactory, UserFactory
from tests.mentoring import factories as f


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("director", "Вы утверждаете приказы"),
        ("curator", "Вы ведёте дорожную карту"),
        ("mentor", "Вы заполняете анкету наставника"),
        ("mentee", "Вы формулируете свои профессиональные запросы"),
        ("council", "Вы помогаете куратору"),
        ("admin", "Вы ведёте пользователей"),
    ],
)
def test_each_role_sees_its_own_home(persona, expected, client_for):
    response = client_for(persona).get(reverse("home"))
    assert response.status_code == 200
    assert expected in response.content.decode()


def test_curator_home_links_to_the_staff_list(client_for, org):
    content = client_for("curator").get(reverse("home")).content.decode()
    assert reverse("mentoring:staff-list") in content
    assert "В штатном списке" in content


def test_mentee_home_links_to_their_own_card(client_for, users):
    content = client_for("mentee").get(reverse("home")).content.decode()
    assert users["mentee"].staff_records.get().get_absolute_url() in content
    assert f'href="{reverse("mentoring:staff-list")}"' not in content


def test_a_mentor_whose_questionnaire_is_filled_is_offered_to_change_it(client_for, users, org):
    assert "Заполнить анкету" in client_for("mentor").get(reverse("home")).content.decode()
    f.mentor(org, person=users["mentor"].staff_records.get())
    content = client_for("mentor").get(reverse("home")).content.decode()
    assert "Изменить анкету" in content and "Заполнить анкету" not in content


def test_admin_is_told_which_requisites_are_missing(client_for, org):
    org.director_name = ""
    org.save()
    content = client_for("admin").get(reverse("home")).content.decode()
    assert "не хватает реквизитов: ФИО руководителя" in content


def test_user_without_organization_is_told_what_to_do(client, db):
    client.force_login(UserFactory())
    response = client.get(reverse("home"))
    assert response.status_code == 200
    assert "не включена ни в одну организацию" in response.content.decode()


def test_login_page_is_russian_and_logs_in(client, users):
    page = client.get(reverse("login")).content.decode()
    assert "Вход в систему" in page
    response = client.post(reverse("login"), {"username": "curator", "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == reverse("home")


def test_wrong_password_gets_a_russian_message(client, users):
    response = client.post(reverse("login"), {"username": "curator", "password": "wrong"})
    assert "Пожалуйста, введите правильные имя пользователя и пароль" in response.content.decode()


def test_password_change_works(client_for, users):
    client = client_for("mentor")
    response = client.post(
        reverse("password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "Nov-Parol-2026!",
            "new_password2": "Nov-Parol-2026!",
        },
    )
    assert response.status_code == 302
    users["mentor"].refresh_from_db()
    assert users["mentor"].check_password("Nov-Parol-2026!")


def test_switching_organization_changes_the_scope(client_for, users, other_org):
    from core.models import RoleAssignment

    RoleAssignment.objects.create(user=users["curator"], organization=other_org, role=Role.MENTEE)
    client = client_for("curator")
    client.post(reverse("organization-switch"), {"organization": other_org.pk})
    content = client.get(reverse("home")).content.decode()
    assert other_org.full_name in content
    assert "Наставляемый" in content


def test_admin_finds_staff_by_name_in_any_case(client_for, users, org):
    StaffMemberFactory(organization=org, last_name="Ёлкина", first_name="Вера")
    User.objects.filter(username="admin").update(is_staff=True, is_superuser=True)
    response = client_for("admin").get(
        reverse("admin:mentoring_staffmember_changelist"), {"q": "ЁЛКИНА"}
    )
    assert response.status_code == 200
    assert "Ёлкина" in response.content.decode()


def test_bank_pages_share_one_dropdown_in_the_menu(client_for):
    nav = client_for("curator").get(reverse("home")).context["nav_items"]
    labels = [entry["label"] for entry in nav]
    assert "Банки и пары" in labels
    group = next(entry for entry in nav if entry["label"] == "Банки и пары")
    assert [child["label"] for child in group["children"]][:3] == [
        "Сотрудники",
        "Банк наставляемых",
        "Банк наставников",
    ]


def test_mentee_menu_has_no_bank_pages(client_for):
    nav = client_for("mentee").get(reverse("home")).context["nav_items"]
    assert "Банки и пары" not in [entry["label"] for entry in nav]
