"""Password reset by e-mail, end to end: letter, link, new password, old one refused."""

import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "Новый-пароль-2026!"


def _login(username, password):
    client = Client()
    response = client.post(reverse("login"), {"username": username, "password": password})
    return response.status_code == 302 and "_auth_user_id" in client.session


def test_the_login_page_links_to_the_password_reset(db):
    text = Client().get(reverse("login")).content.decode()
    assert "Забыли пароль?" in text
    assert reverse("password_reset") in text


def test_a_reset_by_email_changes_the_password_and_refuses_the_old_one(users, settings):
    settings.SITE_URL = "https://nastavnik.example.ru"
    user = users["mentor"]
    user.email = "mentor@example.ru"
    user.save()
    client = Client()
    response = client.post(reverse("password_reset"), {"email": "MENTOR@example.ru"})
    assert response.status_code == 302
    assert "Проверьте почту" in client.get(response["Location"]).content.decode()
    assert len(mail.outbox) == 1
    letter = mail.outbox[0]
    assert letter.to == ["mentor@example.ru"]
    assert letter.subject == "Восстановление пароля — Наставничество в ДОУ"
    assert "Чтобы задать новый пароль" in letter.body
    link = re.search(r"https://nastavnik\.example\.ru(/accounts/reset/\S+/)", letter.body).group(1)

    form_page = client.get(link, follow=True)
    assert "Новый пароль" in form_page.content.decode()
    set_url = form_page.redirect_chain[-1][0]
    done = client.post(set_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert done.status_code == 302
    assert "Пароль изменён" in client.get(done["Location"]).content.decode()

    assert not _login("mentor", PASSWORD)
    assert _login("mentor", NEW_PASSWORD)
    # The link works once.
    assert "Ссылка больше не действует" in client.get(link, follow=True).content.decode()


def test_an_unknown_address_gets_the_same_answer_and_no_letter(users):
    response = Client().post(reverse("password_reset"), {"email": "nobody@example.ru"})
    assert response.status_code == 302
    assert mail.outbox == []


def test_the_link_ignores_the_host_header(users, settings):
    settings.SITE_URL = "https://nastavnik.example.ru"
    settings.ALLOWED_HOSTS = ["evil.example.com", "testserver"]
    users["mentor"].email = "mentor@example.ru"
    users["mentor"].save()
    Client().post(
        reverse("password_reset"), {"email": "mentor@example.ru"}, HTTP_HOST="evil.example.com"
    )
    assert "evil.example.com" not in mail.outbox[0].body
    assert "https://nastavnik.example.ru/accounts/reset/" in mail.outbox[0].body
