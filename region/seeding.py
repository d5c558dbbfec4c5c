"""Municipalities for the demo and the synthetic region, with a coordinator each.

The demo ДОУ joins «Городской округ Иваново» with the coordinator ``municipal``; the region's
kindergartens are grouped by number into municipalities of ``PER_MUNICIPALITY``, each with a
coordinator ``municipal-NN``. The demo's summary is computed at once; the region's are left to
``refresh_region_summaries`` (run after ANALYZE: on freshly loaded tables the planner guesses
badly), as the worker would compute them.
"""

from __future__ import annotations

import random

from django.contrib.auth.hashers import make_password

from core.models import MunicipalCoordinator, Municipality, Organization, User
from mentoring.seeding import DEMO_COORDINATOR, DEMO_SLUG, REGION_COORDINATOR_PASSWORD
from region.summaries import summaries_refresh

PER_MUNICIPALITY = 50


def _coordinator(username: str, password: str, municipality: Municipality, **names) -> None:
    user, created = User.objects.get_or_create(username=username, defaults=names)
    if created or not user.has_usable_password():
        user.password = make_password(password)
        user.save(update_fields=["password"])
    MunicipalCoordinator.objects.get_or_create(user=user, municipality=municipality)


def _demo(organization: Organization) -> None:
    municipality, _ = Municipality.objects.get_or_create(
        slug="ivanovo", defaults={"name": "Городской округ Иваново"}
    )
    organization.municipality = municipality
    organization.save(update_fields=["municipality"])
    username, password = DEMO_COORDINATOR
    _coordinator(
        username,
        password,
        municipality,
        last_name="Орлова",
        first_name="Татьяна",
        middle_name="Николаевна",
        email="municipal@ivanovo.example",
    )
    user = User.objects.get(username=username)
    user.set_password(password)  # the demo login always works after a rerun
    user.save(update_fields=["password"])


def _region(organizations: list[Organization]) -> None:
    by_group: dict[int, list[Organization]] = {}
    for organization in organizations:
        number = int(organization.slug.removeprefix("region-"))
        by_group.setdefault((number - 1) // PER_MUNICIPALITY + 1, []).append(organization)
    for group, members in sorted(by_group.items()):
        municipality, _ = Municipality.objects.get_or_create(
            slug=f"region-mun-{group:02d}",
            defaults={"name": f"Муниципальный район №{group}"},
        )
        for organization in members:
            organization.municipality = municipality
        Organization.objects.bulk_update(members, ["municipality"], batch_size=1000)
        _coordinator(
            f"municipal-{group:02d}",
            REGION_COORDINATOR_PASSWORD,
            municipality,
            last_name="Координатор",
            first_name=f"Район {group}",
            email=f"municipal-{group:02d}@region.example",
        )


def seed_organizations(organizations, rng: random.Random) -> None:
    demo = [o for o in organizations if o.slug == DEMO_SLUG]
    region = [o for o in organizations if o.slug.startswith("region-")]
    if demo:
        _demo(demo[0])
    if region:
        _region(region)
    if demo:
        summaries_refresh(organizations=demo)
