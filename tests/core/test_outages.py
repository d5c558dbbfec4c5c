"""A Redis outage degrades, never breaks: pages from the database, letters and jobs wait in it,
and the health pages tell the load balancer «alive» and the administrator what is wrong."""

import datetime as dt
import socket
from unittest import mock

import pytest
from django.core import mail
from django.core.cache import cache, caches
from django.test.signals import clear_cache_handlers
from django.urls import reverse
from django.utils import timezone

from core import cache_backend
from core.cache import versions
from core.models import BackgroundJob, EmailStatus, NotificationKind, OutgoingEmail
from core.notifications import emails_overdue_requeue, notify
from core.tasks import send_email
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def redis_down(settings):
    """The cache and the broker on a Redis that refuses every connection."""
    url = f"redis://127.0.0.1:{_closed_port()}/3"
    settings.CACHE = "redis"
    settings.REDIS_URL = url
    settings.CACHES = {
        "default": {
            "BACKEND": "core.cache_backend.FailOpenRedisCache",
            "LOCATION": url,
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
    clear_cache_handlers(setting="CACHES")
    yield url
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    clear_cache_handlers(setting="CACHES")


def test_the_cache_makes_its_redis_client_once_and_still_fails_open(redis_down):
    """Django makes a new client for every cache call (about 0.1 ms each); ours is made once
    per connection pool, and a call to a server that is down is still a miss."""
    backend = caches["default"]
    client = backend._cache.get_client("a")
    assert backend._cache.get_client("b") is client
    assert backend._cache.get_client("c", write=True) is client  # one server, one pool
    assert backend.get("a") is None


def test_with_redis_down_the_cache_misses_and_skips_writes_without_an_error(redis_down, caplog):
    assert cache.get("anything", "default") == "default"
    assert cache.get_many(["a", "b"]) == {}
    cache.set("a", 1)
    assert cache.add("a", 1) is False
    with pytest.raises(ValueError):
        cache.incr("a")
    assert versions(1)  # the data versions start from now instead of failing
    assert "Cache unavailable" in caplog.text


def test_with_redis_down_people_log_in_and_read_their_pages(redis_down, client, users, org):
    response = client.post(
        reverse("login"), {"username": users["curator"].username, "password": PASSWORD}
    )
    assert response.status_code == 302 and response["Location"] == "/"
    public_page = reverse("public:about", args=[org.slug])
    for url in ("/", reverse("notifications:undelivered"), public_page):
        page = client.get(url)
        assert page.status_code == 200, url


def test_after_an_outage_with_a_lost_write_every_cached_part_is_made_stale(redis_down):
    backend = caches["default"]
    backend.set("dou:part:x", 1)  # lost: Redis is down
    assert backend._lost_write
    with (
        mock.patch.object(cache_backend.RedisCache, "get", return_value="v"),
        mock.patch.object(cache_backend.RedisCache, "set_many") as stored,
    ):
        backend._down_until = 0
        assert backend.get("k") == "v"
    [call] = stored.call_args_list
    assert "dou:data-version:all:programs" in call.args[0]  # every group, for everyone
    assert "dou:data-version:all:people" in call.args[0]
    assert not backend._lost_write


def test_a_letter_made_while_the_broker_is_down_waits_and_is_sent_once_after(
    org, users, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    with (
        mock.patch.object(send_email, "delay", side_effect=ConnectionRefusedError("redis")),
        django_capture_on_commit_callbacks(execute=True),
    ):
        notify(
            users=[users["director"]],
            kind=NotificationKind.ORDER_SENT,
            organization=org,
            context={"title": "О наставничестве", "author": "Куратор", "path": "/x/"},
        )
    letter = OutgoingEmail.objects.get()
    assert (letter.status, mail.outbox) == (EmailStatus.QUEUED, [])
    assert emails_overdue_requeue() == []  # a moment old: not yet the sweep's
    later = timezone.now() + dt.timedelta(minutes=2)
    assert emails_overdue_requeue(now=later) == [letter.pk]  # eager: sent right here
    emails_overdue_requeue(now=later)
    send_email.delay(letter.pk)  # a message the broker kept from before: does nothing
    letter.refresh_from_db()
    assert (letter.status, letter.attempts, len(mail.outbox)) == (EmailStatus.SENT, 1, 1)


def test_a_retrying_letter_is_not_tried_before_its_time_by_a_second_message(org, users, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    letter = OutgoingEmail.objects.create(
        organization=org,
        to_email="director@example.ru",
        kind=NotificationKind.ORDER_SENT,
        subject="Приказ ждёт вашей подписи",
        body_text="…",
        attempts=2,
        next_attempt_at=timezone.now() + dt.timedelta(minutes=2),
    )
    assert send_email.run(letter.pk) == "not due"  # as the worker runs a message
    assert mail.outbox == []
    OutgoingEmail.objects.filter(pk=letter.pk).update(next_attempt_at=timezone.now())
    assert send_email.run(letter.pk) == "sent"
    assert send_email.run(letter.pk) == "skipped"
    assert len(mail.outbox) == 1


def test_the_undelivered_page_shows_letters_still_being_retried(org, users, client_for):
    next_try = timezone.now() + dt.timedelta(minutes=4)
    OutgoingEmail.objects.create(
        organization=org,
        to_email="director@example.ru",
        kind=NotificationKind.ORDER_SENT,
        subject="Приказ ждёт вашей подписи",
        body_text="…",
        attempts=3,
        next_attempt_at=next_try,
        last_error="ConnectionRefusedError: [Errno 111] Connection refused",
    )
    page = client_for("curator").get(reverse("notifications:undelivered")).content.decode()
    assert "Все письма доставлены" not in page
    assert "director@example.ru" in page
    assert "Повторяем отправку" in page
    assert "попытка 3 из 6" in page
    assert f"{timezone.localtime(next_try):%H:%M}" in page
    assert "Connection refused" in page


# --- /health/ ----------------------------------------------------------------------------------


def test_liveness_says_alive_while_the_database_answers_even_with_redis_down(redis_down, client):
    reply = client.get("/health/")
    assert (reply.status_code, reply.json()) == (200, {"status": "ok", "database": "ok"})


def test_liveness_is_503_when_the_database_does_not_answer(client):
    with mock.patch("core.health.database_ok", return_value=False):
        reply = client.get("/health/")
    assert reply.status_code == 503


def test_the_detailed_health_reports_redis_degraded_without_naming_it(redis_down, client, org):
    BackgroundJob.objects.create(organization=org, kind="x", title="Отчёт")
    reply = client.get("/health/detail/")
    assert reply.status_code == 200
    found = reply.json()
    assert found["status"] == "degraded"
    assert found["parts"]["database"] == {"status": "ok"}
    assert found["parts"]["cache"] == {"status": "degraded"}
    assert found["parts"]["jobs"]["queued"] == 1
    assert found["parts"]["jobs"]["oldest_queued_seconds"] >= 0
    port = redis_down.rsplit(":", 1)[1].split("/")[0]
    assert port not in reply.content.decode() and "127.0.0.1" not in reply.content.decode()


def test_the_detailed_health_is_a_404_from_elsewhere_unless_staff(client, users, settings):
    settings.TRUSTED_PROXY_COUNT = 0
    assert client.get("/health/detail/", REMOTE_ADDR="203.0.113.9").status_code == 404
    client.force_login(users["admin"])  # a kindergarten's administrator is not the site's
    assert client.get("/health/detail/", REMOTE_ADDR="203.0.113.9").status_code == 404
    users["admin"].is_staff = True
    users["admin"].save(update_fields=["is_staff"])
    reply = client.get("/health/detail/", REMOTE_ADDR="203.0.113.9")
    assert reply.status_code == 200 and reply.json()["parts"]["database"]["status"] == "ok"


def test_the_detailed_health_counts_waiting_letters(client, org):
    OutgoingEmail.objects.create(
        organization=org, to_email="a@example.ru", kind="order_sent", subject="s", body_text="b"
    )
    letters = client.get("/health/detail/").json()["parts"]["letters"]
    assert (letters["queued"], letters["retrying"], letters["failed"]) == (1, 0, 0)
