"""The curator goes from a staff list to an agreed pair chosen from explained suggestions."""

import pytest
from playwright.sync_api import expect

from core.models import Role, RoleAssignment
from mentoring.models import (
    MenteeProfile,
    MentorProfile,
    MentorStatus,
    Pair,
    PairStatus,
    StaffMember,
)
from mentoring.seeding import DEMO_STAFF_CSV
from tests.browser.conftest import login, open_menu
from tests.factories import PASSWORD, OrganizationFactory, UserFactory
from tests.roadmap import factories as roadmap_factories

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _person(org, username, role, number, last, first, middle):
    user = UserFactory(username=username, last_name=last, first_name=first, middle_name=middle)
    RoleAssignment.objects.create(user=user, organization=org, role=role)
    StaffMember.objects.create(
        organization=org,
        user=user,
        personnel_number=number,
        last_name=last,
        first_name=first,
        middle_name=middle,
        position="educator",
    )
    return user


def _appoint_by_order(org, director):
    """The director signs «о назначении наставников» for every mentor ready for it."""
    from roadmap import bank_orders, services

    curator = StaffMember.objects.get(organization=org, personnel_number="0002").user
    order = bank_orders.mentors_order_draft(organization=org, author=curator)[0]
    services.order_send(order=order, actor=curator)
    services.order_sign(order=order, signer=director, password=PASSWORD, ip="127.0.0.1")


def _to_agreed_pair(new_page, org, director):
    """Import, a mentee's requests, a mentor's questionnaire, a pair from the first suggestion."""

    # The curator imports the staff list: a preview of every row first, then the save.
    curator = new_page()
    login(curator, "curator", PASSWORD)
    open_menu(curator, "Сотрудники")
    curator.get_by_role("link", name="Загрузить список (XLSX, XLS, CSV)").click()
    curator.get_by_label("Файл со списком сотрудников").set_input_files(str(DEMO_STAFF_CSV))
    curator.get_by_role("button", name="Проверить файл").click()
    existing = StaffMember.objects.filter(organization=org).count()
    summary = curator.get_by_test_id("import-summary").inner_text()
    assert f"Будет добавлено: {18 - existing}, обновлено: {existing}." in summary
    curator.get_by_role("button", name="Загрузить строки без ошибок (18)").click()
    expected = f"добавлено {18 - existing}, обновлено {existing}"
    assert expected in curator.locator(".alert-success").inner_text()
    assert StaffMember.objects.filter(organization=org).count() == 18

    # The curator records a mentee's requests.
    open_menu(curator, "Банк наставляемых")
    curator.get_by_label("Внести педагога в банк").select_option(
        label="Соколова Арина Сергеевна — воспитатель"
    )
    curator.get_by_role("button", name="Записать запросы").click()
    curator.get_by_label("Категория").select_option(label="Молодой специалист")
    curator.locator("#id_req-0-direction").select_option(label="ИКТ-компетенции")
    curator.locator("#id_req-0-text").fill("Освоить интерактивную доску")
    curator.locator("#id_req-1-direction").select_option(
        label="Психолого-педагогические (работа с детьми и родителями)"
    )
    curator.locator("#id_req-1-text").fill("Выстроить общение с родителями")
    curator.get_by_label("Традиционное").check()
    curator.get_by_role("button", name="Сохранить запросы").click()
    expect(curator.locator("#mentee-table")).to_contain_text("Освоить интерактивную доску")

    # The mentor fills in the questionnaire from their home page.
    mentor = new_page()
    login(mentor, "mentor", PASSWORD)
    mentor.get_by_role("link", name="Заполнить анкету").click()
    mentor.get_by_label("Опыт работы (профессиональная сфера)").fill("Воспитатель, 30 лет")
    mentor.get_by_label("Сильные стороны и развитые навыки").fill("Работа с родителями, ИКТ")
    mentor.get_by_label("Хобби и образ жизни").fill("Театр")
    mentor.get_by_label("Мотивация участия в программе").fill("Передать опыт")
    mentor.get_by_label("Ресурс времени, часов в неделю").fill("2")
    mentor.get_by_label("ИКТ-компетенции").check()
    mentor.get_by_label("Психолого-педагогические (работа с детьми и родителями)").check()
    mentor.get_by_label("Традиционное").check()
    mentor.get_by_role("button", name="Сохранить анкету").click()
    mentor.wait_for_url("**/")
    profile = MentorProfile.objects.get(staff__personnel_number="0003", organization=org)
    assert profile.status == MentorStatus.CANDIDATE

    # The curator selects the mentor and records the personal-data and duties consents.
    open_menu(curator, "Банк наставников")
    curator.get_by_role("button", name="Отобрать").click()
    expect(curator.locator("#mentor-table")).to_contain_text("Отобран")
    curator.goto(f"/staff/{profile.staff_id}/consents/")
    for kind in ("personal_data", "mentor_duties"):
        curator.locator("form", has=curator.locator(f"input[value={kind}]")).get_by_role(
            "button"
        ).click()
        assert "записано" in curator.locator(".alert-success").first.inner_text()

    # Only a mentor appointed by the director's order is proposed for a pair.
    open_menu(curator, "Банк наставляемых")
    curator.get_by_role("link", name="Подобрать наставника").click()
    assert "Ещё не назначена наставником приказом" in curator.content()
    _appoint_by_order(org, director)

    # The curator forms the pair from the first suggestion; its reasons stay with the pair.
    open_menu(curator, "Банк наставляемых")
    curator.get_by_role("link", name="Подобрать наставника").click()
    first = curator.locator(".suggestion").first
    assert "Петрова Валентина Анатольевна" in first.inner_text()
    assert "«Освоить интерактивную доску»" in first.inner_text()
    assert "«Выстроить общение с родителями»" in first.inner_text()
    first.get_by_role("link", name="Сформировать пару").click()
    curator.get_by_role("button", name="Сформировать").click()
    assert "Согласия участников" in curator.locator("#consents-box").inner_text()
    assert "Соколова Арина Сергеевна" in curator.locator("#consents-box").inner_text()
    curator.get_by_role("button", name="Согласовать").click()
    expect(curator.get_by_test_id("pair-status")).to_have_text("Согласована")

    return curator, Pair.objects.get(organization=org)


def _org():
    org = OrganizationFactory(
        short_name="МБДОУ «Детский сад №20»", director_name="Смирнова Ольга Викторовна"
    )
    users = {
        "curator": _person(
            org, "curator", Role.CURATOR, "0002", "Кузнецова", "Елена", "Николаевна"
        ),
        "mentor": _person(
            org, "mentor", Role.MENTOR, "0003", "Петрова", "Валентина", "Анатольевна"
        ),
        "mentee": _person(org, "mentee", Role.MENTEE, "0004", "Соколова", "Арина", "Сергеевна"),
    }
    return org, users


def test_curator_goes_from_staff_list_to_an_agreed_pair_from_a_suggestion(new_page):
    org, users = _org()
    director = _person(org, "director", Role.DIRECTOR, "0001", "Смирнова", "Ольга", "Викторовна")
    roadmap_factories.local_acts_in_force(org, users["curator"], director, users["curator"])
    _curator, pair = _to_agreed_pair(new_page, org, director)
    assert pair.status == PairStatus.AGREED
    assert any("Освоить интерактивную доску" in r for r in pair.match_reasons["covered_requests"])
    assert MenteeProfile.objects.get(staff__personnel_number="0004").status == "in_pair"


def test_the_director_signs_the_order_and_the_pair_shows_as_fixed(new_page):
    org, users = _org()
    director = _person(org, "director", Role.DIRECTOR, "0001", "Смирнова", "Ольга", "Викторовна")
    roadmap_factories.local_acts_in_force(org, users["curator"], director, users["curator"])
    curator, pair = _to_agreed_pair(new_page, org, director)

    # The page lists who is missing a consent; the curator records the signed papers.
    for person in [*pair.mentors.all(), *pair.mentees.all()]:
        curator.goto(f"/staff/{person.pk}/consents/")
        while curator.get_by_role("button", name="Записать согласие").count():
            curator.get_by_role("button", name="Записать согласие").first.click()
            curator.locator(".alert-success").first.wait_for()
    curator.goto(f"/pairs/{pair.pk}/")
    assert "Все согласия собраны" in curator.locator("#consents-box").inner_text()

    # The curator drafts the order from the pairs page and sends it for signature.
    open_menu(curator, "Пары и группы")
    curator.get_by_role("button", name="Подготовить приказ о закреплении пар/групп").click()
    curator.get_by_role("button", name="Отправить на подпись").click()
    order_url = curator.url

    # The director signs it with their password.
    page = new_page()
    login(page, "director", PASSWORD)
    page.goto(order_url)
    page.get_by_label("Ваш пароль").fill(PASSWORD)
    page.get_by_role("button", name="Подписать").click()
    page.get_by_test_id("order-status").filter(has_text="Подписан").wait_for()

    curator.goto(f"/pairs/{pair.pk}/")
    assert curator.get_by_test_id("pair-status").inner_text() == "Закреплена приказом"
    pair.refresh_from_db()
    assert pair.status == PairStatus.FIXED
