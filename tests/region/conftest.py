"""The ninth persona: the municipal coordinator of ``org``'s municipality (not a member of it)."""

import pytest
from django.test import Client

from core.models import MunicipalCoordinator, Municipality
from tests.factories import OrganizationFactory, UserFactory


@pytest.fixture
def municipality(org):
    municipality = Municipality.objects.create(name="Городской округ Иваново", slug="ivanovo")
    org.municipality = municipality
    org.save(update_fields=["municipality"])
    return municipality


@pytest.fixture
def other_municipality(other_org):
    """Another municipality, with ``other_org`` (the outsider's ДОУ) in it."""
    municipality = Municipality.objects.create(name="Кинешемский район", slug="kineshma")
    other_org.municipality = municipality
    other_org.save(update_fields=["municipality"])
    return municipality


@pytest.fixture
def coordinator(municipality):
    user = UserFactory(username="municipal", email="municipal@example.ru")
    MunicipalCoordinator.objects.create(user=user, municipality=municipality)
    return user


@pytest.fixture
def coordinator_client(coordinator):
    client = Client()
    client.force_login(coordinator)
    return client


@pytest.fixture
def neighbour_org(municipality):
    """A second ДОУ of the same municipality."""
    return OrganizationFactory(
        short_name="МБДОУ «Детский сад №3»", slug="ds3", municipality=municipality
    )
