"""Guessing passwords gets nowhere: the login form and the signing password lock out."""

import pytest
from axes.models import AccessAttempt
from django.test import Client
from django.urls import reverse

from roadmap.models import OrderStatus
from tests.factories import PASSWORD
from tests.roadmap.factories import esign_in_force, sent

pytestmark = pytest.mark.django_db


@pytest.fixture
def esign(org, users):
    return esign_in_force(org, users["curator"], users["director"])


def _login(client, username, password, ip="10.1.1.1"):
    return client.post(
        reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=ip
    )


def test_five_wrong_passwords_lock_the_login_even_for_the_right_password(users):
    client = Client()
    for _ in range(5):
        _login(client, "curator", "wrong-guess")
    response = _login(client, "curator", PASSWORD)
    assert response.status_code == 429
    text = response.content.decode()
    assert "Слишком много неверных паролей" in text
    assert "Попробуйте снова после" in text
    assert "администратор" in text
    assert "_auth_user_id" not in client.session


def test_four_wrong_passwords_still_let_the_right_one_in(users):
    client = Client()
    for _ in range(4):
        _login(client, "curator", "wrong-guess")
    response = _login(client, "curator", PASSWORD)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(users["curator"].pk)


def test_guessing_many_logins_behind_one_address_locks_nobody_else_there(users):
    """One NAT is the whole kindergarten: a stranger's guesses there lock only what he guessed."""
    client = Client()
    for name in ("a1", "a2", "a3", "a4", "a5", "a6", "a7"):
        _login(client, name, "x", ip="10.9.9.9")
    assert _login(Client(), "mentor", PASSWORD, ip="10.9.9.9").status_code == 302


def test_the_administrator_lifts_a_lock_in_the_admin(users):
    client = Client()
    for _ in range(5):
        _login(client, "curator", "wrong-guess")
    users["admin"].is_staff = users["admin"].is_superuser = True  # as seed_demo makes it
    users["admin"].save()
    admin = Client()
    admin.force_login(users["admin"])
    listing = admin.get(reverse("admin:axes_accessattempt_changelist"))
    assert listing.status_code == 200
    assert "curator" in listing.content.decode()
    AccessAttempt.objects.filter(username="curator").delete()  # what «Удалить» in the admin does
    assert _login(client, "curator", PASSWORD).status_code == 302


def test_fifteen_wrong_signing_passwords_refuse_even_the_right_one(org, users, esign):
    order = sent(org, users["curator"])
    director = Client()
    director.force_login(users["director"])
    url = reverse("roadmap:order-sign", args=[order.pk])
    statuses = [
        director.post(url, {"password": f"guess-{i}"}, REMOTE_ADDR="10.2.2.2").status_code
        for i in range(15)
    ]
    assert statuses[:4] == [302] * 4
    assert set(statuses[4:]) == {429}
    response = director.post(url, {"password": PASSWORD}, REMOTE_ADDR="10.2.2.2")
    assert response.status_code == 429
    assert "Слишком много неверных паролей" in response.content.decode()
    order.refresh_from_db()
    assert order.status == OrderStatus.SENT
    assert order.number is None


def test_a_wrong_signing_password_counts_towards_the_login_lock(org, users, esign):
    order = sent(org, users["curator"])
    director = Client()
    director.force_login(users["director"])
    url = reverse("roadmap:order-sign", args=[order.pk])
    for _ in range(5):
        director.post(url, {"password": "guess"}, REMOTE_ADDR="10.3.3.3")
    assert _login(Client(), "director", PASSWORD, ip="10.3.3.3").status_code == 429
    # The lock is of this login at this address: from her own computer she still signs in.
    assert _login(Client(), "director", PASSWORD, ip="10.4.4.4").status_code == 302


def test_the_proxy_header_is_ignored_unless_proxies_are_configured(rf, settings):
    from core.security import client_ip

    request = rf.get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="1.2.3.4")
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_ip(request) == "10.0.0.1"
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_ip(request) == "1.2.3.4"
    spoofed = rf.get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 1.2.3.4")
    assert client_ip(spoofed) == "1.2.3.4"
