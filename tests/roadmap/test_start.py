"""The start of a new kindergarten: the e-signature regulation first, the start checklist, and a
roadmap that counts from the day the kindergarten joined."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from core.models import MunicipalCoordinator, Municipality, Organization, Role, RoleAssignment
from mentoring.models import PairStatus, StaffMember
from region.services import organization_create_with_director
from roadmap import services
from roadmap.models import Cycle, Order, OrderKind, OrderStatus
from roadmap.selectors import current_cycle
from roadmap.stages import STAGES, planned_dates, roadmap_progress
from roadmap.start import REQUISITES_PAGES, ROLES_PAGES, first_url, start_steps
from tests.factories import OrganizationFactory, UserFactory, member
from tests.mentoring.factories import mentee, mentor, pair
from tests.roadmap.factories import esign_in_force, sent, signed, staff_of

TODAY = dt.date(2026, 12, 5)  # a kindergarten that joins in December


@pytest.fixture
def december(monkeypatch):
    """Today is 5 December 2026 for every ``timezone.localdate()`` without an argument."""
    real = timezone.localdate

    def localdate(value=None, timezone=None):
        return real(value, timezone) if value is not None else TODAY

    monkeypatch.setattr("django.utils.timezone.localdate", localdate)
    return TODAY


def _new_kindergarten(coordinator=None) -> Organization:
    municipality = Municipality.objects.create(name="Городской округ Иваново", slug="ivanovo")
    invitation = organization_create_with_director(
        municipality=municipality,
        full_name="МБДОУ «Детский сад №42»",
        short_name="МБДОУ «Детский сад №42»",
        slug="ds42",
        city="г. Иваново",
        director_last_name="Соколова",
        director_first_name="Ирина",
        director_middle_name="Павловна",
        director_email="sokolova@ds42.example",
        actor=coordinator or UserFactory(username="municipal"),
        base_url="https://nastavnik.example.ru",
    )
    return invitation.organization


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


# --- the e-signature regulation first ------------------------------------------------------


def test_curator_home_asks_for_the_esign_regulation_first_and_links_to_its_one_button(
    org, users, client_for
):
    text = client_for("curator").get(reverse("home")).content.decode()
    assert "Первый шаг: Положение об электронной подписи" in text
    assert reverse("roadmap:esign-draft") in text
    assert text.index("Первый шаг: Положение об электронной подписи") < text.index(
        "Дорожная карта и приказы"
    )


def test_the_esign_page_lists_who_will_acknowledge_and_one_post_drafts_the_order(
    org, users, client_for
):
    curator = client_for("curator")
    page = curator.get(reverse("roadmap:esign-draft")).content.decode()
    assert "Лист ознакомления (5)" in page
    assert "Руководитель, подписывая приказ, сразу считается ознакомленной с ним" in page

    reply = curator.post(reverse("roadmap:esign-draft"))

    order = Order.objects.get(kind=OrderKind.ESIGN_REGULATION)
    assert reply.status_code == 302 and reply.url == order.get_absolute_url()
    assert order.status == OrderStatus.DRAFT
    assert set(order.people.values_list("staff__user__username", flat=True)) == {
        "director",
        "curator",
        "mentor",
        "mentee",
        "council",
    }
    # A second click opens the same order instead of drafting another.
    again = curator.post(reverse("roadmap:esign-draft"))
    assert again.url == order.get_absolute_url()
    assert Order.objects.filter(kind=OrderKind.ESIGN_REGULATION).count() == 1
    text = curator.get(reverse("home")).content.decode()
    assert "Проект приказа об утверждении Положения об использовании простой электронной " in text


def test_a_male_director_reads_his_own_form_on_the_esign_page(org, users, client_for):
    org.director_name = "Орлов Павел Андреевич"
    org.save()
    page = client_for("curator").get(reverse("roadmap:esign-draft")).content.decode()
    assert "Руководитель, подписывая приказ, сразу считается ознакомленным с ним" in page


def test_the_roadmap_page_puts_the_esign_regulation_first_with_its_button(org, users, client_for):
    text = client_for("curator").get(reverse("roadmap:roadmap-detail")).content.decode()
    assert "Первый шаг: Положение об использовании простой электронной подписи" in text
    assert "Подготовить приказ о Положении" in text
    assert text.index('data-testid="esign-first"') < text.index('data-testid="stage-1"')


def test_once_the_regulation_is_sent_the_curator_is_told_it_waits_for_the_director(
    org, users, client_for
):
    sent(org, users["curator"], OrderKind.ESIGN_REGULATION)
    text = client_for("curator").get(reverse("home")).content.decode()
    assert "Положение об электронной подписи — на подписи" in text
    assert "Подготовить приказ" not in text


def test_once_the_regulation_is_signed_nobody_is_asked_to_draft_it(org, users, client_for):
    esign_in_force(org, users["curator"], users["director"])
    for persona in ("curator", "director"):
        text = client_for(persona).get(reverse("home")).content.decode()
        assert "Первый шаг: Положение об электронной подписи" not in text
    roadmap = client_for("curator").get(reverse("roadmap:roadmap-detail")).content.decode()
    assert 'data-testid="esign-first"' not in roadmap


def test_the_director_drafts_the_regulation_herself_while_no_curator_is_named(org, users):
    RoleAssignment.objects.filter(organization=org, role=Role.CURATOR).delete()
    text = _client(users["director"]).get(reverse("home")).content.decode()
    assert "Первый шаг: Положение об электронной подписи" in text


def test_mentors_and_mentees_are_not_asked_to_draft_the_regulation(org, users, client_for):
    for persona in ("mentor", "mentee"):
        text = client_for(persona).get(reverse("home")).content.decode()
        assert "Первый шаг" not in text


# --- the start checklist --------------------------------------------------------------------


def test_a_new_kindergarten_director_sees_the_start_checklist_from_the_first_step(db):
    organization = _new_kindergarten()
    director = RoleAssignment.objects.get(organization=organization).user
    director.must_change_password = False  # she changed the temporary password at first login
    director.save()
    text = _client(director).get(reverse("home")).content.decode()
    assert "Запуск наставничества" in text
    assert "Сделано шагов: 0 из 7." in text
    requisites = reverse("organization-requisites")
    assert f'ждёт:</span> <a href="{requisites}">Заполнены реквизиты организации</a>' in text
    assert "не хватает: адрес" in text
    # The roles page where the product has one, else the staff list.
    curator_page = first_url(*ROLES_PAGES) or reverse("mentoring:staff-list")
    assert f'href="{curator_page}">Назначен куратор' in text
    assert f'href="{reverse("mentoring:staff-import")}">Загружен штатный список' in text
    assert "не подписано: Положение об электронной подписи, Положение о наставничестве" in text
    assert "пусты оба банка" in text
    # The button opens the first waiting step that has a page (requisites, where they have one).
    next_page = first_url(*REQUISITES_PAGES) or curator_page
    assert (
        f'href="{next_page}" class="btn btn-sm btn-outline-primary '
        'align-self-start">Перейти к следующему шагу' in text
    )


def test_steps_are_done_from_data_one_by_one(org, users):
    steps = {s.label: s for s in start_steps(org)}
    assert steps["Заполнены реквизиты организации"].done
    assert steps["Назначен куратор"].done
    assert steps["Загружен штатный список"].done  # the personas' staff cards
    assert steps["Выданы учётные записи"].done
    assert not steps["Подписаны локальные акты, с ними ознакомились"].done
    StaffMember.objects.create(
        organization=org,
        last_name="Белова",
        first_name="Нина",
        middle_name="Ильинична",
        position="educator",
    )
    steps = {s.label: s for s in start_steps(org)}
    assert not steps["Выданы учётные записи"].done
    assert steps["Выданы учётные записи"].detail == "без учётной записи: 1"


def test_the_acts_step_waits_for_everyone_concerned_to_acknowledge(org, users):
    regulation = esign_in_force(org, users["curator"], users["director"], users["curator"])
    services.order_acknowledge(
        order=signed(org, users["curator"], users["director"], OrderKind.APPROVE_REGULATION),
        user=users["curator"],
        ip=None,
    )
    step = {s.label: s for s in start_steps(org)}["Подписаны локальные акты, с ними ознакомились"]
    # Mentor, mentee and council for each of the two acts; the director signed both.
    assert (step.done, step.detail) == (False, "не ознакомлены: 6 отметок")
    for persona in ("mentor", "mentee", "council"):
        services.order_acknowledge(order=regulation, user=users[persona], ip=None)
    step = {s.label: s for s in start_steps(org)}["Подписаны локальные акты, с ними ознакомились"]
    assert step.detail == "не ознакомлены: 3 отметки"


def test_the_checklist_disappears_when_everything_is_done(org, users, client_for):
    regulation = esign_in_force(
        org,
        users["curator"],
        users["director"],
        *(users[p] for p in ("curator", "mentor", "mentee", "council")),
    )
    act = signed(org, users["curator"], users["director"], OrderKind.APPROVE_REGULATION)
    for persona in ("curator", "mentor", "mentee", "council"):
        services.order_acknowledge(order=act, user=users[persona], ip=None)
    assert regulation.people.filter(acknowledged_at=None).count() == 0
    mentee(org, person=staff_of(users["mentee"], org))
    mentor(org, person=staff_of(users["mentor"], org))
    assert "Запуск наставничества" in client_for("curator").get(reverse("home")).content.decode()
    pair(
        org,
        [staff_of(users["mentor"], org)],
        [staff_of(users["mentee"], org)],
        status=PairStatus.FIXED,
    )
    assert all(s.done for s in start_steps(org))
    for persona in ("curator", "director"):
        assert (
            "Запуск наставничества" not in client_for(persona).get(reverse("home")).content.decode()
        )


def test_only_the_director_and_the_curator_see_the_checklist(org, users, client_for):
    for persona in ("mentor", "mentee", "council", "admin"):
        assert (
            "Запуск наставничества" not in client_for(persona).get(reverse("home")).content.decode()
        )


# --- a roadmap that counts from the day the kindergarten joined ------------------------------


def test_a_kindergarten_joining_in_december_counts_its_roadmap_from_that_day(db, december):
    organization = _new_kindergarten()
    cycle = current_cycle(organization)
    assert cycle.starts_on == dt.date(2026, 9, 1)
    assert cycle.roadmap_starts_on == TODAY
    first = STAGES[0]
    assert planned_dates(first, cycle) == (dt.date(2026, 12, 5), dt.date(2027, 1, 3))
    assert planned_dates(STAGES[-1], cycle)[1] == dt.date(2027, 8, 31)  # never past the cycle
    stages = roadmap_progress(organization, cycle)
    assert [s.stage.number for s in stages if s.is_overdue(TODAY)] == []


def test_a_kindergarten_of_september_keeps_the_standard_dates(org, users, december):
    cycle = current_cycle(org)
    assert cycle.roadmap_starts_on is None
    assert planned_dates(STAGES[0], cycle) == (dt.date(2026, 9, 1), dt.date(2026, 9, 30))
    stages = roadmap_progress(org, cycle)
    assert 1 in [s.stage.number for s in stages if s.is_overdue(TODAY)]


def test_the_roadmap_page_of_a_joined_kindergarten_says_so_and_shows_nothing_overdue(db, december):
    organization = _new_kindergarten()
    curator = member(organization, Role.CURATOR, username="new-curator")
    text = _client(curator).get(reverse("roadmap:roadmap-detail")).content.decode()
    assert "Организация подключилась 05.12.2026, и сроки этапов отсчитываются с этого дня." in text
    assert "border-danger" not in text
    assert "опубликуйте новость или материал с 05.12.2026 по 03.01.2027" in text


def test_the_coordinator_sees_no_late_stage_for_a_day_old_kindergarten(db, december):
    coordinator = UserFactory(username="municipal")
    organization = _new_kindergarten(coordinator)
    MunicipalCoordinator.objects.create(user=coordinator, municipality=organization.municipality)
    client = _client(coordinator)
    refresh = reverse(
        "region:organization-refresh", kwargs={"municipality": "ivanovo", "slug": "ds42"}
    )
    client.post(refresh)
    page = client.get(
        reverse("region:organization", kwargs={"municipality": "ivanovo", "slug": "ds42"})
    ).content.decode()
    assert "Отставание от дорожной карты" not in page
    overview = client.get(reverse("region:overview", kwargs={"municipality": "ivanovo"}))
    assert overview.context["totals"]["late_stages"] == 0
    # A kindergarten of September with nothing done is late, on the same page.
    OrganizationFactory(slug="ds5", municipality=organization.municipality)
    client.post(
        reverse("region:organization-refresh", kwargs={"municipality": "ivanovo", "slug": "ds5"})
    )
    overview = client.get(reverse("region:overview", kwargs={"municipality": "ivanovo"}))
    assert overview.context["totals"]["late_stages"] > 0
    assert Cycle.objects.get(organization=organization).roadmap_starts_on == TODAY


def test_the_checklist_stays_after_the_first_pairs_while_a_step_is_open(org, users, client_for):
    esign_in_force(org, users["curator"], users["director"], users["curator"])
    signed(org, users["curator"], users["director"], OrderKind.APPROVE_REGULATION)
    mentee(org, person=staff_of(users["mentee"], org))
    mentor(org, person=staff_of(users["mentor"], org))
    pair(
        org,
        [staff_of(users["mentor"], org)],
        [staff_of(users["mentee"], org)],
        status=PairStatus.FIXED,
    )
    waiting = [s for s in start_steps(org) if not s.done]
    assert [s.label for s in waiting] == ["Подписаны локальные акты, с ними ознакомились"]
    for persona in ("curator", "director"):
        page = client_for(persona).get(reverse("home")).content.decode()
        assert "Запуск наставничества" in page and "не ознакомлены:" in page
