"""Pairs are numbered per organization and academic year («Пара № 1»), not by database id."""

import importlib

import pytest

from mentoring.models import Pair
from tests.mentoring import factories as f

pytestmark = pytest.mark.django_db


def test_pairs_are_numbered_in_sequence_per_organization_and_year(org, other_org):
    first = f.pair(org, [f.mentor(org).staff], [f.mentee(org).staff])
    elsewhere = f.pair(other_org, [f.mentor(other_org).staff], [f.mentee(other_org).staff])
    second = f.pair(org, [f.mentor(org).staff], [f.mentee(org).staff])
    assert (first.number, second.number, elsewhere.number) == (1, 2, 1)
    assert str(Pair.objects.prefetch_related("mentors", "mentees").get(pk=second.pk)) == "Пара № 2"
    next_year = Pair.objects.create(organization=org, year_start=first.year_start + 1)
    assert next_year.number == 1


def test_the_migration_numbers_existing_pairs_in_the_order_they_were_formed(org, other_org):
    pairs = [Pair.objects.create(organization=o) for o in (org, other_org, org, org)]
    Pair.objects.update(number=None)
    migration = importlib.import_module("mentoring.migrations.0005_docs_pair_number")
    from django.apps import apps

    migration.number_existing_pairs(apps, None)
    numbers = [Pair.objects.get(pk=p.pk).number for p in pairs]
    assert numbers == [1, 1, 2, 3]


def test_a_pair_formed_after_the_demo_seed_takes_the_next_number_of_its_year():
    from django.db.models import Max

    from core.models import Organization, User
    from mentoring import services
    from mentoring.seeding import seed_demo

    seed_demo()
    org = Organization.objects.get(slug="ds20")
    seeded = Pair.objects.filter(organization=org)
    assert seeded.exists() and not seeded.filter(year_start=None).exists()
    last = seeded.aggregate(last=Max("number"))["last"]
    pair = services.pair_create(
        organization=org,
        mentors=[f.mentor(org).staff],
        mentees=[f.mentee(org).staff],
        forms=["traditional"],
        created_by=User.objects.get(username="curator"),
    )
    assert pair.year_start == seeded.first().year_start
    assert pair.number == last + 1
    numbers = list(Pair.objects.filter(organization=org).values_list("number", flat=True))
    assert len(numbers) == len(set(numbers))


def test_the_migration_stamps_unyeared_pairs_and_moves_a_later_pair_that_took_their_number(org):
    from django.apps import apps
    from django.utils import timezone

    seeded = [Pair.objects.create(organization=org) for _ in range(2)]  # year None: 1, 2
    today = timezone.localdate()
    year = today.year if today.month >= 9 else today.year - 1
    later = Pair.objects.create(organization=org, year_start=year)
    assert [p.number for p in (*seeded, later)] == [1, 2, 1]
    migration = importlib.import_module("mentoring.migrations.0007_fixb_pair_year")
    migration.stamp_pair_years(apps, None)
    rows = [Pair.objects.get(pk=p.pk) for p in (*seeded, later)]
    assert [(p.year_start, p.number) for p in rows] == [(year, 1), (year, 2), (year, 3)]
    assert Pair.objects.create(organization=org, year_start=year).number == 4
