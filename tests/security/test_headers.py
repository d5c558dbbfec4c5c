"""Every kind of response carries the strict Content-Security-Policy and the other headers."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from tests.roadmap.factories import draft

pytestmark = pytest.mark.django_db

TEMPLATES = Path(settings.BASE_DIR) / "templates"


def _csp(response) -> dict[str, str]:
    header = response["Content-Security-Policy"]
    return {
        part.strip().split(" ", 1)[0]: part.strip().split(" ", 1)[1]
        for part in header.split(";")
        if part.strip()
    }


def _assert_strict(response):
    policy = _csp(response)
    assert policy["default-src"] == "'self'"
    assert policy["script-src"] == "'self'"
    assert policy["frame-ancestors"] == "'none'"
    assert policy["object-src"] == "'none'"
    assert "unsafe-inline" not in policy["script-src"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


def _client(users, persona):
    client = Client()
    client.force_login(users[persona])
    return client


def test_a_page_has_the_strict_policy(users):
    response = _client(users, "curator").get(reverse("home"))
    assert response.status_code == 200
    _assert_strict(response)


def test_the_login_page_has_the_strict_policy(db):
    _assert_strict(Client().get(reverse("login")))


def test_a_pdf_has_the_strict_policy(org, users):
    order = draft(org, users["curator"])
    response = _client(users, "curator").get(reverse("roadmap:order-preview", args=[order.pk]))
    assert response["Content-Type"] == "application/pdf"
    _assert_strict(response)


def test_an_htmx_fragment_has_the_strict_policy(users):
    response = _client(users, "curator").get(
        reverse("mentoring:staff-list"), HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    assert b"<html" not in response.content
    _assert_strict(response)


def test_the_admin_has_the_strict_policy(users):
    users["admin"].is_staff = users["admin"].is_superuser = True
    users["admin"].save()
    response = _client(users, "admin").get(reverse("admin:index"))
    assert response.status_code == 200
    _assert_strict(response)


def test_an_error_page_has_the_strict_policy(users):
    response = _client(users, "curator").get("/no-such-page/")
    assert response.status_code == 404
    _assert_strict(response)


def test_no_template_has_an_inline_script_or_event_handler():
    offenders = []
    for path in TEMPLATES.rglob("*.html"):
        text = path.read_text()
        for match in re.finditer(r"<script(?![^>]*\bsrc=)[^>]*>", text):
            if "application/json" not in match.group(0):
                offenders.append(f"{path.relative_to(TEMPLATES)}: {match.group(0)}")
        for match in re.finditer(r"\son[a-z]+\s*=", text):
            offenders.append(f"{path.relative_to(TEMPLATES)}: {match.group(0)}")
    assert not offenders, offenders


def test_production_locks_transport_and_cookies():
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.SECURE_SSL_REDIRECT, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, "
        "s.SECURE_HSTS_SECONDS >= 31536000, s.CSRF_COOKIE_HTTPONLY, s.SESSION_COOKIE_HTTPONLY)"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings_production",
        "SECRET_KEY": "ci-" + "abcdefghijklmnopqrstuvwxyz0123456789" * 2,
        "ALLOWED_HOSTS": "example.ru",
        "SITE_URL": "https://example.ru",
        "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/dou_settings_check",
    }
    out = subprocess.run(  # noqa: S603  (our own interpreter and code)
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    assert out.stdout.split() == ["True"] * 6
