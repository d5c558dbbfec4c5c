"""A curator imports the real staff list and hands out logins; the new people get in."""

import io
import re
from pathlib import Path

import pytest
from django.core import mail
from pypdf import PdfReader

from core.models import Role
from mentoring.models import StaffMember
from tests.browser.conftest import login
from tests.factories import PASSWORD, StaffMemberFactory, member

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

XLSX = Path(__file__).resolve().parents[1] / "data" / "staff-list.xlsx"
NEW_PASSWORD = "Raduga-2026-sad"


def _curator(org):
    member(org, Role.CURATOR, username="kurator")
    return "kurator", PASSWORD


def test_curator_imports_the_kindergartens_excel_list_as_it_is(new_page, org):
    username, password = _curator(org)
    page = new_page()
    login(page, username, password)
    page.goto("/staff/import/")
    page.get_by_label("Файл со списком сотрудников").set_input_files(str(XLSX))
    page.get_by_role("button", name="Проверить файл").click()
    assert (
        "Будет добавлено: 12, обновлено: 0." in page.get_by_test_id("import-summary").inner_text()
    )
    page.get_by_role("button", name="Загрузить строки без ошибок (12)").click()
    page.wait_for_url("**/staff/")
    assert "добавлено 12, обновлено 0" in page.locator(".alert-success").inner_text()
    assert StaffMember.objects.filter(organization=org, user=None).count() == 12


def test_an_invited_person_sets_a_password_and_sees_her_home_page(new_page, org):
    username, password = _curator(org)
    StaffMemberFactory(
        organization=org,
        user=None,
        last_name="Никитина",
        first_name="Эльвира",
        middle_name="Олеговна",
        email="ped1@raduga7.example",
    )
    page = new_page()
    login(page, username, password)
    page.goto("/staff/logins/")
    page.get_by_role("button", name="Пригласить: Никитина Эльвира Олеговна").click()
    assert "Приглашение отправлено" in page.locator(".alert-success").inner_text()
    # The mail carries SITE_URL; the live server listens elsewhere, so follow the path.
    path = re.search(r"http://\S+?(/accounts/invite/\S+/)", mail.outbox[-1].body).group(1)
    newcomer = new_page()
    newcomer.goto(path)
    newcomer.get_by_label("Новый пароль").fill(NEW_PASSWORD)
    newcomer.get_by_label("Подтверждение нового пароля").fill(NEW_PASSWORD)
    newcomer.get_by_role("button", name="Сохранить пароль и войти").click()
    newcomer.wait_for_url(re.compile(r"/$"))
    assert newcomer.locator("h1").inner_text().startswith("Здравствуйте")
    page.goto("/staff/logins/")
    assert "входила" in page.get_by_test_id("login-row").first.inner_text()


def test_a_person_with_a_slip_changes_the_temporary_password_and_sees_her_home(new_page, org):
    username, password = _curator(org)
    StaffMemberFactory(
        organization=org, user=None, last_name="Захарова", first_name="Лилия", email=""
    )
    page = new_page()
    login(page, username, password)
    page.goto("/staff/logins/")
    with page.expect_download() as download:
        page.get_by_role("button", name=re.compile("Листки для тех, у кого нет e-mail")).click()
    text = PdfReader(io.BytesIO(Path(download.value.path()).read_bytes())).pages[0].extract_text()
    login_name = re.search(r"Логин\s+(\S+)", text).group(1)
    temporary = re.search(r"Временный пароль\s+(\S+)", text).group(1)
    newcomer = new_page()
    login(newcomer, login_name, temporary)
    newcomer.wait_for_url("**/accounts/password/")
    assert "Вы вошли с временным паролем" in newcomer.content()
    newcomer.goto("/")  # any other page sends her back to the change
    newcomer.wait_for_url("**/accounts/password/")
    newcomer.get_by_label("Старый пароль").fill(temporary)
    newcomer.get_by_label("Новый пароль").fill(NEW_PASSWORD)
    newcomer.get_by_label("Подтверждение нового пароля").fill(NEW_PASSWORD)
    newcomer.get_by_role("button", name="Сменить пароль").click()
    newcomer.get_by_role("link", name="На главную").click()
    newcomer.wait_for_url(re.compile(r"/$"))
    assert newcomer.locator("h1").inner_text().startswith("Здравствуйте")
