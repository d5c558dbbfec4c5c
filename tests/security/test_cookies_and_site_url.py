"""Production: every cookie Secure, HttpOnly and SameSite; a SITE_URL people can open over https."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib import messages
from django.test import Client
from django.urls import reverse

from tests.factories import PASSWORD

ROOT = Path(__file__).resolve().parents[2]
GOOD = {
    "SECRET_KEY": "k3J9-a8s7d6f5g4h3j2k1l0qwertyuiopASDFGHJKLzxcvbnm1234567890",
    "ALLOWED_HOSTS": "nastavnik.example.ru",
    "SITE_URL": "https://nastavnik.example.ru",
    "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/dou_prod_settings",
}
FLAGS = [
    "SESSION_COOKIE_SECURE",
    "SESSION_COOKIE_HTTPONLY",
    "SESSION_COOKIE_SAMESITE",
    "CSRF_COOKIE_SECURE",
    "CSRF_COOKIE_HTTPONLY",
    "CSRF_COOKIE_SAMESITE",
    "LANGUAGE_COOKIE_SECURE",
    "LANGUAGE_COOKIE_HTTPONLY",
    "LANGUAGE_COOKIE_SAMESITE",
]


def _production(code: str = "", **env) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in GOOD and k != "DEBUG"}
    clean.update(GOOD, DJANGO_SETTINGS_MODULE="config.settings_production")
    clean.update(env)
    return subprocess.run(  # noqa: S603
        [sys.executable, "-c", "import django; django.setup()\n" + code],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_production_sets_every_cookie_flag():
    code = (
        "import json; from django.conf import settings as s\n"
        f"print(json.dumps({{n: getattr(s, n) for n in {FLAGS!r}}}))"
    )
    result = _production(code)
    assert result.returncode == 0, result.stderr
    flags = json.loads(result.stdout.strip().splitlines()[-1])
    assert flags == {
        "SESSION_COOKIE_SECURE": True,
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "CSRF_COOKIE_SECURE": True,
        "CSRF_COOKIE_HTTPONLY": True,
        "CSRF_COOKIE_SAMESITE": "Lax",
        "LANGUAGE_COOKIE_SECURE": True,
        "LANGUAGE_COOKIE_HTTPONLY": True,
        "LANGUAGE_COOKIE_SAMESITE": "Lax",
    }


@pytest.mark.django_db
def test_with_production_flags_every_cookie_the_site_sets_is_secure(settings, users, org):
    for name in FLAGS:
        setattr(settings, name, "Lax" if name.endswith("SAMESITE") else True)
    client = Client()
    jar = {}
    jar.update(client.get(reverse("login")).cookies)  # csrftoken
    jar.update(
        client.post(reverse("login"), {"username": "curator", "password": PASSWORD}).cookies
    )  # sessionid
    visitor = Client()
    jar.update(visitor.get(reverse("public:about", args=[org.slug]) + "?a11y=1").cookies)
    # A message waiting for the next page (the cookie storage when the session is not enough).
    from django.contrib.messages.storage.cookie import CookieStorage
    from django.http import HttpResponse
    from django.test import RequestFactory

    request = RequestFactory().get("/")
    storage = CookieStorage(request)
    storage.add(messages.INFO, "Сохранено.")
    response = HttpResponse()
    storage.update(response)
    jar.update(response.cookies)

    assert {"csrftoken", "sessionid", "public_a11y", "messages"} <= set(jar)
    for name, morsel in jar.items():
        assert morsel["secure"] is True, name
        assert morsel["httponly"] is True, name
        assert morsel["samesite"] == "Lax", name


@pytest.mark.parametrize(
    ("site_url", "message"),
    [
        ("http://nastavnik.example.ru", "is not https"),
        ("https://192.168.1.10", "points to a private network address (192.168.1.10)"),
        ("https://10.0.0.5:8443", "points to a private network address (10.0.0.5)"),
        ("https://127.0.0.1", "points to this machine"),
        ("https://localhost", "points to this machine"),
        ("https://[fd00::1]", "points to a private network address (fd00::1)"),
        ("https://server.local", "points to a private network address (server.local)"),
    ],
)
def test_production_refuses_a_site_url_that_is_not_https_or_is_private(site_url, message):
    result = _production(SITE_URL=site_url)
    assert result.returncode != 0
    assert f"SITE_URL={site_url!r} {message}" in result.stderr
    assert "SITE_URL_ALLOW_LOCAL=true only for smoke tests" in result.stderr


def test_the_smoke_tests_switch_allows_a_local_plain_http_site_url():
    assert (
        _production(SITE_URL="http://127.0.0.1:8123", SITE_URL_ALLOW_LOCAL="true").returncode == 0
    )
    assert _production(SITE_URL="https://nastavnik.example.ru").returncode == 0
