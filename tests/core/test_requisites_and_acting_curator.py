"""The director's requisites page, and the director acting as curator until one is named."""

import pytest
from django.test import Client
from django.urls import reverse

from core.access import resolve_scope
from core.audit import audit_for
from core.models import Role, RoleAssignment
from tests.factories import OrganizationFactory, member

pytestmark = pytest.mark.django_db


@pytest.fixture
def new_kindergarten(db):
    """A kindergarten the coordinator just created: its director and nobody else."""
    org = OrganizationFactory(
        full_name="Муниципальное бюджетное дошкольное образовательное учреждение "
        "«Детский сад № 12 «Солнышко»»",
        short_name="МБДОУ «Детский сад № 12»",
        address="",
        city="",
        director_name="",
    )
    director = member(org, Role.DIRECTOR, username="head12")
    client = Client()
    client.force_login(director)
    return org, director, client


def test_the_directors_requisites_card_links_to_her_own_page(new_kindergarten):
    org, _director, client = new_kindergarten
    text = client.get(reverse("home")).content.decode()
    assert "Для приказов не хватает реквизитов: населённый пункт, адрес, ФИО руководителя." in text
    assert reverse("organization-requisites") in text
    assert "/admin/" not in text


def test_the_genitive_names_are_offered_from_the_full_names(new_kindergarten):
    _org, _director, client = new_kindergarten
    form = client.get(reverse("organization-requisites")).context["form"]
    assert form.initial["full_name_genitive"] == (
        "Муниципального бюджетного дошкольного образовательного учреждения "
        "«Детский сад № 12 «Солнышко»»"
    )
    assert form.initial["short_name_genitive"] == "МБДОУ «Детский сад № 12»"


def test_the_director_saves_her_requisites_and_the_card_goes_away(new_kindergarten):
    org, director, client = new_kindergarten
    data = {
        "full_name": org.full_name,
        "short_name": org.short_name,
        "full_name_genitive": "Муниципального бюджетного дошкольного образовательного "
        "учреждения «Детский сад № 12 «Солнышко»»",
        "short_name_genitive": org.short_name,
        "city": "г. Кинешма",
        "address": "г. Кинешма, ул. Ленина, д. 5",
        "phone": "8 (49331) 2-12-12",
        "email": "ds12@kineshma.example",
        "inn": "3703001234",
        "director_name": "Белова Ирина Николаевна",
        "director_position": "Заведующий",
    }
    response = client.post(reverse("organization-requisites"), data, follow=True)
    assert "Реквизиты сохранены." in response.content.decode()
    org.refresh_from_db()
    assert org.address == "г. Кинешма, ул. Ленина, д. 5"
    assert org.director_name == "Белова Ирина Николаевна"
    assert org.name_in("gen").startswith("Муниципального бюджетного")
    assert org.missing_requisites == []
    (entry,) = audit_for(org)
    assert entry.actor == director
    assert entry.label == (
        "Реквизиты изменены: полное наименование в родительном падеже, сокращённое наименование "
        "в родительном падеже, населённый пункт, адрес, телефон, электронная почта, ИНН, "
        "ФИО руководителя"
    )
    assert "Реквизиты организации" not in client.get(reverse("home")).content.decode()


def test_a_mentor_cannot_edit_the_requisites(client_for):
    assert client_for("mentor").get(reverse("organization-requisites")).status_code == 403


def test_until_a_curator_is_named_the_director_has_the_curators_pages(new_kindergarten):
    org, director, client = new_kindergarten
    assert client.get(reverse("mentoring:staff-import")).status_code == 200
    assert client.get(reverse("mentoring:staff-logins")).status_code == 200
    home = client.get(reverse("home")).content.decode()
    assert "Куратор не назначен" in home
    assert "Банк наставляемых" in home  # the curator's menu

    curator = member(org, Role.CURATOR, username="cur12")
    assert client.get(reverse("mentoring:staff-import")).status_code == 403
    assert "Куратор не назначен" not in client.get(reverse("home")).content.decode()
    assert RoleAssignment.objects.filter(user=curator, role=Role.CURATOR).exists()


def test_the_acting_curator_is_resolved_in_the_same_single_query(
    new_kindergarten, django_assert_num_queries, rf
):
    _org, director, _client = new_kindergarten
    request = rf.get("/")
    request.user, request.session = director, {}
    with django_assert_num_queries(1):
        scope = resolve_scope(request)
    assert scope.roles == {Role.DIRECTOR, Role.CURATOR}


def test_a_director_with_a_curator_is_only_the_director(org, users):
    from core.access import has_role

    assert not has_role(users["director"], org.pk, Role.CURATOR)
