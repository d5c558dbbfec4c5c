"""The municipal coordinator has a menu on her municipality's pages."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_coordinator_menu_leads_to_her_pages(coordinator_client, municipality):
    response = coordinator_client.get(reverse("region:deadlines", args=[municipality.slug]))
    menu = {item["label"]: item for item in response.context["nav_items"]}
    assert menu["Детские сады"]["url"] == reverse("region:overview", args=[municipality.slug])
    assert menu["Сроки"]["url"] == reverse("region:deadlines", args=[municipality.slug])
    assert menu["Сроки"]["active"]
    assert menu["Добавить детский сад"]["url"] == reverse(
        "region:organization-create", args=[municipality.slug]
    )
    page = response.content.decode()
    assert f'href="{reverse("region:overview", args=[municipality.slug])}"' in page


def test_a_kindergarten_page_has_no_municipal_entries(users, client_for):
    response = client_for("curator").get(reverse("home"))
    labels = {item["label"] for item in response.context["nav_items"]}
    assert "Сроки" not in labels and "Добавить детский сад" not in labels
