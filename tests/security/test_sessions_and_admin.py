"""Sessions end after inactivity; the admin is only for the administrator role."""

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db


def _staff(user, superuser=False):
    user.is_staff = True
    user.is_superuser = superuser
    user.save()
    client = Client()
    client.force_login(user)
    return client


def test_sessions_slide_and_expire_after_the_configured_inactivity(users):
    assert settings.SESSION_SAVE_EVERY_REQUEST is True
    client = Client()
    client.force_login(users["curator"])
    response = client.get(reverse("home"))
    assert response.cookies["sessionid"]["max-age"] == settings.SESSION_COOKIE_AGE
    assert client.session.get_expiry_age() == settings.SESSION_COOKIE_AGE


def test_a_staff_flag_without_the_administrator_role_does_not_open_the_admin(users):
    client = _staff(users["curator"])
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_the_administrator_role_with_staff_login_opens_the_admin(users):
    client = _staff(users["admin"], superuser=True)
    assert client.get(reverse("admin:index")).status_code == 200


def test_the_administrator_role_without_the_staff_flag_is_refused(users):
    client = Client()
    client.force_login(users["admin"])
    assert client.get(reverse("admin:index")).status_code == 302


def test_a_superuser_without_any_role_still_opens_the_admin(db):
    from mentoring.models import User

    root = User.objects.create_superuser("root", "root@example.ru", "x")
    client = Client()
    client.force_login(root)
    assert client.get(reverse("admin:index")).status_code == 200
