"""A new kindergarten: the director names the curator from the staff list, the curator gets in."""

import re

import pytest
from django.core import mail

from core.models import Role, RoleAssignment
from tests.browser.conftest import login
from tests.factories import PASSWORD, StaffMemberFactory, member

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NEW_PASSWORD = "Solnyshko-2026-sad"


def test_the_director_names_the_curator_who_then_sees_the_curators_menu(new_page, org):
    member(org, Role.DIRECTOR, username="zaveduyushchaya")
    card = StaffMemberFactory(
        organization=org,
        user=None,
        last_name="Орлова",
        first_name="Вера",
        middle_name="Ивановна",
        email="orlova@ds20.example",
    )
    page = new_page()
    login(page, "zaveduyushchaya", PASSWORD)
    assert "Куратор не назначен" in page.get_by_test_id("home-cards").inner_text()

    page.goto("/staff/")
    page.get_by_role("link", name="Орлова Вера Ивановна").click()
    page.get_by_role("link", name="Назначить куратором или администратором").click()
    assert page.get_by_label("Сотрудник из штатного списка").input_value() == str(card.pk)
    page.get_by_label("Роль").select_option(label="Куратор")
    page.get_by_role("button", name="Назначить").click()
    page.wait_for_url("**/roles/")
    assert "Орлова Вера Ивановна назначена: куратор." in page.locator(".alert-success").inner_text()
    assert "Орлова Вера Ивановна" in page.get_by_test_id("role-curator").inner_text()
    assert page.get_by_test_id("no-curator").count() == 0

    # The invitation carries SITE_URL; the live server listens elsewhere, so follow the path.
    path = re.search(r"http://\S+?(/accounts/invite/\S+/)", mail.outbox[-1].body).group(1)
    curator = new_page()
    curator.goto(path)
    curator.get_by_label("Новый пароль").fill(NEW_PASSWORD)
    curator.get_by_label("Подтверждение нового пароля").fill(NEW_PASSWORD)
    curator.get_by_role("button", name="Сохранить пароль и войти").click()
    curator.wait_for_url(re.compile(r"/$"))
    assert curator.get_by_test_id("roles").inner_text() == "Куратор"
    menu = curator.locator("nav")
    assert menu.get_by_text("Роли и реквизиты", exact=True).count() == 0  # the director's
    menu.get_by_role("button", name="Банки и пары").click()
    menu.get_by_role("link", name="Банк наставляемых", exact=True).click()
    curator.wait_for_url("**/mentees/")
    assert curator.locator("h1").inner_text().startswith("Банк наставляемых")
    card.refresh_from_db()
    assert set(RoleAssignment.objects.filter(user=card.user).values_list("role", flat=True)) == {
        Role.CURATOR
    }
