"""Program pages show the buttons the named predicates allow."""

import pytest
from django.urls import reverse

from programs.models import ProgramStatus
from programs.rules import can_create_program, can_edit_program_templates
from tests.programs.factories import make_program

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("persona", "url_name", "button", "shown"),
    [
        ("council", "programs:template-list", "Новый шаблон", True),
        ("director", "programs:template-list", "Новый шаблон", False),
        ("mentor", "programs:program-list", "Новая программа", True),
        ("mentee", "programs:program-list", "Новая программа", False),
    ],
)
def test_a_program_page_offers_the_action_only_to_whom_the_rule_allows(
    persona, url_name, button, shown, client_for
):
    content = client_for(persona).get(reverse(url_name)).content.decode()
    assert (button in content) is shown


@pytest.mark.parametrize(("persona", "shown"), [("curator", True), ("director", False)])
def test_only_the_curator_is_offered_the_approval_order(persona, shown, pair, client_for):
    make_program(pair, status=ProgramStatus.REVIEWED)
    content = client_for(persona).get(reverse("programs:program-list")).content.decode()
    assert ("Подготовить приказ об утверждении программ (1)" in content) is shown


def test_program_rules_refuse_a_stranger_and_no_organization(users, org):
    assert can_create_program(users["council"], org) is True
    assert can_create_program(users["outsider"], org) is False
    assert can_edit_program_templates(users["curator"], None) is False
