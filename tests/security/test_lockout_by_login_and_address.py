"""Locks by login and address together: nobody locks out another; the reset letter unlocks."""

import re
from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "Другой-пароль-2026!"


def _login(username, password, ip):
    client = Client()
    response = client.post(
        reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=ip
    )
    return response


def _lock(username, ip):
    for _ in range(5):
        _login(username, "wrong-guess", ip)


def test_a_stranger_who_knows_the_directors_login_cannot_lock_her_out(users):
    _lock("director", "203.0.113.7")
    assert _login("director", PASSWORD, "203.0.113.7").status_code == 429
    assert _login("director", PASSWORD, "10.20.0.5").status_code == 302


def test_the_locked_person_sees_the_time_she_may_try_again(users):
    _lock("curator", "10.20.0.5")
    last = AccessAttempt.objects.get(username="curator").attempt_time
    expected = timezone.localtime(last + timedelta(minutes=15))
    response = _login("curator", PASSWORD, "10.20.0.5")
    text = response.content.decode()
    assert response.status_code == 429
    assert f"Попробуйте снова после {expected:%H:%M} ({expected:%d.%m.%Y}" in text
    assert "время московское" in text
    assert reverse("password_reset") in text
    assert "блокировка снимется" in text


def test_a_new_password_by_the_reset_letter_lifts_her_lock(users, settings):
    settings.SITE_URL = "https://nastavnik.example.ru"
    user = users["curator"]
    user.email = "curator@example.ru"
    user.save()
    _lock("curator", "10.20.0.5")
    assert _login("curator", PASSWORD, "10.20.0.5").status_code == 429

    client = Client()
    client.post(reverse("password_reset"), {"email": "curator@example.ru"}, REMOTE_ADDR="10.20.0.5")
    link = re.search(r"nastavnik\.example\.ru(/accounts/reset/\S+/)", mail.outbox[0].body).group(1)
    form = client.get(link, follow=True, REMOTE_ADDR="10.20.0.5")
    set_url = form.redirect_chain[-1][0]
    done = client.post(
        set_url,
        {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
        REMOTE_ADDR="10.20.0.5",
    )
    assert done.status_code == 302

    assert not AccessAttempt.objects.filter(username="curator").exists()
    response = _login("curator", NEW_PASSWORD, "10.20.0.5")
    assert response.status_code == 302


def _admin_client(users):
    admin = users["admin"]
    admin.is_staff = admin.is_superuser = True  # as seed_demo makes it
    admin.save()
    client = Client()
    client.force_login(admin)
    return client


def test_the_administrator_sees_locks_in_russian_and_lifts_one(users):
    _lock("curator", "10.20.0.5")
    _login("mentor", "wrong-guess", "10.20.0.6")
    client = _admin_client(users)
    url = reverse("admin:axes_accessattempt_changelist")
    text = client.get(url).content.decode()
    for label in ("Имя пользователя", "Адрес", "Неверных паролей", "Состояние"):
        assert label in text
    assert "Заблокирован до" in text
    assert "Не заблокирован (осталось попыток: 4)" in text
    assert "Снять блокировку с выбранных" in text
    assert "Locked Out" not in text and "Attempt Remaining" not in text

    locked_only = client.get(url, {"locked": "yes"}).content.decode()
    assert "curator" in locked_only and "10.20.0.6" not in locked_only

    attempt = AccessAttempt.objects.get(username="curator")
    response = client.post(url, {"action": "lift", "_selected_action": [attempt.pk]}, follow=True)
    assert "Блокировка снята (записей удалено: 1)." in response.content.decode()
    assert _login("curator", PASSWORD, "10.20.0.5").status_code == 302
