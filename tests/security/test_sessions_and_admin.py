"""Sessions end after inactivity; the admin is only for the administrator role."""

import pytest
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


def test_a_session_is_renewed_after_a_twentieth_of_its_age_and_not_on_every_request(
    users, settings, monkeypatch
):
    import time

    from core.security import TOUCHED_KEY

    settings.SESSION_COOKIE_AGE = 2000
    clock = [1_000_000.0]
    monkeypatch.setattr(time, "time", lambda: clock[0])
    client = Client()
    client.force_login(users["curator"])
    assert client.session[TOUCHED_KEY] == 1_000_000
    response = client.get(reverse("home"))
    assert "sessionid" not in response.cookies  # nothing written within 100 s
    clock[0] += 150
    response = client.get(reverse("home"))
    assert response.cookies["sessionid"]["max-age"] == 2000
    assert client.session[TOUCHED_KEY] == 1_000_150


def test_an_idle_session_expires_after_the_configured_age(users, settings):
    from django.contrib.sessions.models import Session
    from django.utils import timezone

    client = Client()
    client.force_login(users["curator"])
    Session.objects.update(expire_date=timezone.now() - timezone.timedelta(seconds=1))
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


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
    from core.models import User

    root = User.objects.create_superuser("root", "root@example.ru", "x")
    client = Client()
    client.force_login(root)
    assert client.get(reverse("admin:index")).status_code == 200
