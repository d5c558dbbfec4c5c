"""Seeding: the region's organizations and the demo kindergarten get a filled section."""

import random

from django.test import Client
from django.urls import reverse

from public.bench import PAGES
from public.models import NewsItem, PublicFile, PublicSettings
from public.seeding import seed_organizations
from tests.factories import OrganizationFactory


def test_region_organizations_get_documents_materials_and_news_in_few_queries(
    db, django_assert_max_num_queries
):
    orgs = [OrganizationFactory(slug=f"region-{n:04d}") for n in range(1, 31)]
    with django_assert_max_num_queries(8):
        seed_organizations(orgs, random.Random(1))
    assert PublicSettings.objects.count() == 30
    assert NewsItem.objects.filter(published_at__isnull=False).count() == 60
    assert PublicFile.objects.filter(organization=orgs[0]).count() == 6


def test_seeding_twice_adds_nothing(db):
    orgs = [OrganizationFactory(slug="region-0001")]
    seed_organizations(orgs, random.Random(1))
    seed_organizations(orgs, random.Random(1))
    assert NewsItem.objects.count() == 2


def test_the_demo_shows_a_published_case_signed_local_acts_materials_and_news(db):
    from mentoring.seeding import seed_demo
    from public.demo import sign_local_acts

    org = seed_demo()
    seed_organizations([org], random.Random(20))  # what the discovery of seeding modules runs
    sign_local_acts(org)
    visitor = Client()
    practices = visitor.get(reverse("public:practices", args=[org.slug])).content.decode()
    assert "Кейсы программ" in practices and "Опубликованных кейсов пока нет" not in practices
    documents = visitor.get(reverse("public:documents", args=[org.slug])).content.decode()
    from roadmap.models import Order, OrderKind, OrderStatus

    signed = Order.objects.filter(
        organization=org,
        kind__in=(OrderKind.ESIGN_REGULATION, OrderKind.APPROVE_REGULATION),
        status=OrderStatus.SIGNED,
    )
    assert {o.kind for o in signed} == {OrderKind.ESIGN_REGULATION, OrderKind.APPROVE_REGULATION}
    for order in signed:
        assert f"Проверить подлинность приказа № {order.number_text}" in documents
    assert (
        "Методические рекомендации"
        in visitor.get(reverse("public:materials", args=[org.slug])).content.decode()
    )
    assert (
        "Стартовал новый цикл"
        in visitor.get(reverse("public:news", args=[org.slug])).content.decode()
    )


def test_every_bench_page_answers_200(org):
    client = Client()
    for page in PAGES:
        assert client.get(page.url(org)).status_code == 200, page.label


def test_region_kindergartens_show_a_consented_case_the_biggest_one_several(db):
    from core.models import Role
    from programs.models import ProgramStatus
    from public.selectors.cases import visible_cases
    from tests.factories import member
    from tests.programs.factories import fixed_pair, make_program

    orgs = [OrganizationFactory(slug=f"region-{n:04d}") for n in (1, 2)]
    for org in orgs:
        member(org, Role.CURATOR, username=f"{org.slug}-curator")
        for n in range(3):
            mentor = member(org, Role.MENTOR, username=f"{org.slug}-mentor-{n}")
            mentee = member(org, Role.MENTEE, username=f"{org.slug}-mentee-{n}")
            make_program(fixed_pair(org, mentor, mentee), status=ProgramStatus.COMPLETED)
    seed_organizations(orgs, random.Random(1))
    assert visible_cases(orgs[0].pk).count() == 3  # the benchmark's biggest: up to 45
    assert visible_cases(orgs[1].pk).count() == 1
    seed_organizations(orgs, random.Random(1))  # a rerun adds nothing
    assert visible_cases(orgs[1].pk).count() == 1
