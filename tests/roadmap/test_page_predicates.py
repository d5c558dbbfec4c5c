"""Roadmap pages show the buttons the named predicates allow."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("persona", "url_name", "marker", "shown"),
    [
        ("director", "roadmap:order-list", "Подготовить приказ</a>", True),
        ("admin", "roadmap:order-list", "Подготовить приказ</a>", False),
        ("admin", "roadmap:roadmap-detail", "Название документа", True),
        ("director", "roadmap:roadmap-detail", "Название документа", False),
    ],
)
def test_a_roadmap_page_offers_the_action_only_to_whom_the_rule_allows(
    persona, url_name, marker, shown, client_for
):
    content = client_for(persona).get(reverse(url_name)).content.decode()
    assert (marker in content) is shown
