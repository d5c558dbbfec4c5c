"""Passwords are kept with Argon2id at OWASP's parameters; older hashes upgrade at next login."""

import pytest
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.urls import reverse

from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

PRODUCTION_HASHERS = [
    "core.hashers.OwaspArgon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]


def test_the_project_hashes_with_argon2id_first():
    from config import settings as project

    assert project.PASSWORD_HASHERS[0] == "core.hashers.OwaspArgon2PasswordHasher"


def test_a_pbkdf2_password_becomes_argon2id_at_the_next_login(settings, users, client):
    settings.PASSWORD_HASHERS = PRODUCTION_HASHERS
    user = users["curator"]
    hasher = PBKDF2PasswordHasher()
    user.password = hasher.encode(PASSWORD, hasher.salt())
    user.save(update_fields=["password"])

    response = client.post(reverse("login"), {"username": user.username, "password": PASSWORD})

    assert response.status_code == 302
    user.refresh_from_db()
    assert user.password.startswith("argon2$argon2id$v=19$m=19456,t=2,p=1$")
    assert user.check_password(PASSWORD)
