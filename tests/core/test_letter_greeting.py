"""Every letter greets the same way: «Здравствуйте, Валентина Петровна!» — name and patronymic,
the full name when there is no patronymic. Expectations written by hand."""

from pathlib import Path

import pytest
from django.conf import settings
from django.template.loader import render_to_string

from core.notifications import render_email
from tests.factories import OrganizationFactory, UserFactory

pytestmark = pytest.mark.django_db

EMAILS = Path(settings.BASE_DIR) / "templates" / "emails"
KINDS = sorted(p.stem for p in EMAILS.glob("*.txt"))

PEOPLE = [
    # (last, first, middle) → the greeting
    (("Анатольева", "Валентина", "Петровна"), "Здравствуйте, Валентина Петровна!"),
    (("Кузьмин", "Лев", "Фёдорович"), "Здравствуйте, Лев Фёдорович!"),
    (("Ким", "Анастасия", ""), "Здравствуйте, Ким Анастасия!"),
]


def test_every_letter_kind_is_checked():
    assert len(KINDS) >= 13 and "order_signed" in KINDS and "agreement_ending" in KINDS


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize(("name", "greeting"), PEOPLE)
def test_every_letter_greets_by_name_and_patronymic(kind, name, greeting):
    last, first, middle = name
    user = UserFactory(last_name=last, first_name=first, middle_name=middle)
    context = {
        "user": user,
        "organization": OrganizationFactory(),
        "preferences_link": "http://testserver/n/",
        "link": "http://testserver/x/",
    }
    _subject, text, html = render_email(kind=kind, context=context)
    assert text.splitlines()[0] == greeting
    assert f"<p>{greeting}</p>" in html
    assert html.count("Здравствуйте") == 1
    assert f"{last} {first} {middle}!" not in text if middle else True


@pytest.mark.parametrize(("name", "greeting"), PEOPLE)
def test_the_invitation_and_the_password_reset_greet_the_same_way(name, greeting):
    last, first, middle = name
    user = UserFactory(last_name=last, first_name=first, middle_name=middle)
    for template in ("mentoring/email/invitation.txt", "registration/password_reset_email.txt"):
        context = {"user": user, "uid": "MQ", "token": "abc-123", "domain": "testserver"}
        text = render_to_string(template, context)
        assert text.splitlines()[0] == greeting, template
