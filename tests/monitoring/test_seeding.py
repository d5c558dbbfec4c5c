"""Region and demo data for monitoring: answers per organization and a fast monitoring page."""

from django.urls import reverse

from mentoring.seeding import seed_demo, seed_region
from monitoring.models import Answer, ResponseStatus, SurveyResponse


def test_region_seeding_gives_about_a_hundred_answers_per_organization(db):
    orgs = seed_region(orgs=3, staff_per_org=30)
    count = Answer.objects.filter(response__assignment__organization__in=orgs).count()
    assert 200 <= count <= 600


def test_demo_gets_answers_and_reseeding_adds_nothing(client, db):
    seed_demo()
    count = Answer.objects.count()
    assert count > 0
    seed_demo()
    assert Answer.objects.count() == count
    assert SurveyResponse.objects.filter(status=ResponseStatus.DRAFT).exists()


def test_monitoring_page_runs_a_constant_number_of_queries(
    client, db, django_assert_max_num_queries
):
    orgs = seed_region(orgs=2, staff_per_org=30)
    from core.models import RoleAssignment

    curator = RoleAssignment.objects.get(organization=orgs[0], role="curator").user
    client.force_login(curator)
    # The professional-activity indicators and their lists (monitoring.dashboard_growth) add six;
    # one looks for the year's frozen figures (monitoring.years).
    with django_assert_max_num_queries(32):
        response = client.get(reverse("monitoring:dashboard"))
    assert response.status_code == 200
    assert "нет данных" not in response.content.decode().split('data-testid="indicators"')[1][:3000]
