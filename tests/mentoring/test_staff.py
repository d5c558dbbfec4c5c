"""The staff list: search in Russian, filters, a bounded number of queries."""

from django.urls import reverse

from core.models import Role
from mentoring.models import Position
from mentoring.seeding import seed_region
from tests.factories import StaffMemberFactory


def test_search_ignores_case_for_cyrillic_names(client_for, org):
    StaffMemberFactory(organization=org, last_name="Ёлкина", first_name="Вера")
    StaffMemberFactory(organization=org, last_name="Павлова", first_name="Вера")
    content = client_for("curator").get(reverse("mentoring:staff-list"), {"q": "ЕЛКИНА"}).content
    text = content.decode()
    assert "Ёлкина Вера" in text
    assert "Павлова" not in text


def test_filter_by_position(client_for, org):
    StaffMemberFactory(organization=org, last_name="Логопедова", position=Position.SPEECH_THERAPIST)
    StaffMemberFactory(organization=org, last_name="Воспитателева", position=Position.EDUCATOR)
    text = (
        client_for("director")
        .get(reverse("mentoring:staff-list"), {"position": Position.SPEECH_THERAPIST})
        .content.decode()
    )
    assert "Логопедова" in text
    assert "Воспитателева" not in text


def test_staff_list_shows_only_own_organization(client_for, org, other_org):
    StaffMemberFactory(organization=other_org, last_name="Чужая")
    assert (
        "Чужая" not in client_for("curator").get(reverse("mentoring:staff-list")).content.decode()
    )


def test_htmx_request_gets_only_the_table(client_for, org):
    response = client_for("curator").get(reverse("mentoring:staff-list"), HTTP_HX_REQUEST="true")
    text = response.content.decode()
    assert "<table" in text
    assert "<nav" not in text.split("<table")[0]


def test_staff_list_queries_do_not_grow_with_data(client, django_assert_max_num_queries, db):
    organizations = seed_region(orgs=3, staff_per_org=60)
    curator = organizations[0].role_assignments.get(role=Role.CURATOR).user
    client.force_login(curator)
    with django_assert_max_num_queries(6):
        response = client.get(reverse("mentoring:staff-list"))
    assert response.status_code == 200
    assert response.context["page"].paginator.count == 60
