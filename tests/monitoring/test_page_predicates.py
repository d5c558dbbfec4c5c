"""Monitoring pages show the buttons the named predicates allow."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("persona", "url_name", "button", "shown"),
    [
        ("curator", "monitoring:template-list", "Новая анкета", True),
        ("director", "monitoring:template-list", "Новая анкета", False),
        ("curator", "monitoring:assignment-list", "Назначить анкету", True),
        ("council", "monitoring:assignment-list", "Назначить анкету", False),
        ("admin", "monitoring:report-detail", "Выгрузить XLSX", True),
        ("council", "monitoring:report-detail", "Выгрузить XLSX", False),
    ],
)
def test_a_monitoring_page_offers_the_action_only_to_whom_the_rule_allows(
    persona, url_name, button, shown, client_for
):
    content = client_for(persona).get(reverse(url_name)).content.decode()
    assert (button in content) is shown
