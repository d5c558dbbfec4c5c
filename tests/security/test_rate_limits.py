"""Rate limits: the password reset (per address and per e-mail), every verification address
and the public section answer a Russian 429 page past their budget."""

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db

BOGUS = "guess0000abcdefgh"


def test_forty_requests_for_one_address_send_three_letters(users, settings):
    settings.PASSWORD_RESET_IP_LIMIT = 100
    users["mentor"].email = "mentor@example.ru"
    users["mentor"].save()
    for i in range(40):
        response = Client().post(
            reverse("password_reset"), {"email": "mentor@example.ru"}, REMOTE_ADDR=f"10.5.0.{i}"
        )
        # The same answer every time: nobody learns that the letters stopped.
        assert response.status_code == 302
    assert len(mail.outbox) == 3
    assert {tuple(letter.to) for letter in mail.outbox} == {("mentor@example.ru",)}


def test_one_address_asking_many_resets_gets_a_russian_429(users):
    client = Client()
    statuses = [
        client.post(
            reverse("password_reset"), {"email": f"n{i}@example.ru"}, REMOTE_ADDR="10.6.6.6"
        ).status_code
        for i in range(11)
    ]
    assert statuses[:10] == [302] * 10
    assert statuses[10] == 429
    response = client.post(
        reverse("password_reset"), {"email": "x@example.ru"}, REMOTE_ADDR="10.6.6.6"
    )
    text = response.content.decode()
    assert "Слишком много запросов" in text
    assert "слишком много запросов на восстановление пароля" in text
    assert "Подождите" in text and "и попробуйте снова" in text
    assert 0 < int(response["Retry-After"]) <= 3600
    # The form itself still opens, and another address is not affected.
    assert client.get(reverse("password_reset"), REMOTE_ADDR="10.6.6.6").status_code == 200
    other = client.post(
        reverse("password_reset"), {"email": "x@example.ru"}, REMOTE_ADDR="10.6.6.7"
    )
    assert other.status_code == 302


def _verify_urls() -> list[tuple[str, str]]:
    urls = [
        ("signing:verify-lookup", reverse("signing:verify-lookup") + "?code=bad"),
        ("roadmap:verify-lookup", reverse("roadmap:verify-lookup") + "?code=bad"),
        ("signing:verify", reverse("signing:verify", args=[BOGUS])),
        ("roadmap:verify", reverse("roadmap:verify", args=[BOGUS])),
        ("roadmap:agreement-verify", reverse("roadmap:agreement-verify", args=[BOGUS])),
        ("monitoring:report-verify", reverse("monitoring:report-verify", args=[BOGUS])),
    ]
    return urls


@pytest.mark.parametrize("name", [name for name, _ in _verify_urls()])
def test_every_verification_address_is_rate_limited(name, settings):
    settings.VERIFY_RATE_LIMIT = 5
    url = dict(_verify_urls())[name]
    client = Client()
    statuses = [client.get(url, REMOTE_ADDR="10.8.8.8").status_code for _ in range(6)]
    assert 429 not in statuses[:5]
    assert statuses[5] == 429
    assert "Слишком много запросов" in client.get(url, REMOTE_ADDR="10.8.8.8").content.decode()


def test_the_public_search_is_rate_limited(settings, org):
    settings.PUBLIC_RATE_LIMIT = 5
    client = Client()
    url = reverse("public:municipalities")
    statuses = [
        client.get(url, {"doo": f"sad-{i}"}, REMOTE_ADDR="10.9.0.1").status_code for i in range(6)
    ]
    assert 429 not in statuses[:5]
    assert statuses[5] == 429
    text = client.get(url, REMOTE_ADDR="10.9.0.1").content.decode()
    assert "слишком много запросов к публичному разделу" in text
    # A kindergarten's lists share the budget; another visitor is not affected.
    assert (
        client.get(reverse("public:news", args=[org.slug]), REMOTE_ADDR="10.9.0.1").status_code
        == 429
    )
    assert (
        client.get(reverse("public:news", args=[org.slug]), REMOTE_ADDR="10.9.0.2").status_code
        == 200
    )
