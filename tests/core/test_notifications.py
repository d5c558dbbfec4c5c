"""E-mail notifications: rendered from templates, sent after commit, retried, never fatal."""

import socket

import pytest
from django.core import mail
from django.urls import reverse

from core.models import EmailStatus, NotificationKind, NotificationPreference, OutgoingEmail
from core.notifications import notify
from core.tasks import MAX_RETRIES
from roadmap.models import OrderKind
from tests.roadmap.factories import draft

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def site(settings):
    settings.SITE_URL = "https://nastavnik.example.ru"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


def _closed_port() -> int:
    """A local port nobody listens on: connecting is refused at once."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def refusing_mail_server(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = _closed_port()
    settings.EMAIL_TIMEOUT = 2


def test_letter_is_rendered_with_a_link_from_site_url_and_sent_after_commit(
    org, users, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        notify(
            users=[users["director"]],
            kind=NotificationKind.ORDER_SENT,
            organization=org,
            context={"title": "Об утверждении Положения", "author": "Куратор", "path": "/x/1/"},
        )
        assert mail.outbox == []  # nothing leaves before the commit
    assert callbacks
    [letter] = mail.outbox
    assert letter.to == [users["director"].email]
    assert letter.subject == "Приказ ждёт вашей подписи: Об утверждении Положения"
    assert "https://nastavnik.example.ru/x/1/" in letter.body
    assert 'href="https://nastavnik.example.ru/x/1/"' in letter.alternatives[0][0]
    stored = OutgoingEmail.objects.get()
    assert (stored.status, stored.attempts, stored.organization) == (EmailStatus.SENT, 1, org)


def test_an_optional_kind_turned_off_is_not_sent(org, users, django_capture_on_commit_callbacks):
    NotificationPreference.objects.create(
        user=users["mentor"], kind=NotificationKind.PAIR_PROPOSED, enabled=False
    )
    with django_capture_on_commit_callbacks(execute=True):
        notify(
            users=[users["mentor"], users["mentee"]],
            kind=NotificationKind.PAIR_PROPOSED,
            organization=org,
            context={"pair": "Иванова — Петрова"},
        )
    assert [m.to for m in mail.outbox] == [[users["mentee"].email]]


def test_a_required_kind_reaches_people_who_turned_everything_off(
    org, users, client_for, django_capture_on_commit_callbacks
):
    client_for("director").post(reverse("notifications:preferences"), {})
    with django_capture_on_commit_callbacks(execute=True):
        notify(
            users=[users["director"]],
            kind=NotificationKind.ORDER_SENT,
            organization=org,
            context={"title": "Т", "author": "А"},
        )
    assert len(mail.outbox) == 1


def test_preferences_page_saves_the_choice_of_optional_kinds(users, client_for):
    client = client_for("mentor")
    page = client.get(reverse("notifications:preferences")).content.decode()
    assert "Предложена пара наставничества" in page
    assert "Приказ ждёт вашей подписи" in page  # listed among the letters that always come
    reply = client.post(
        reverse("notifications:preferences"),
        {"kind": [NotificationKind.SURVEY_ASSIGNED]},
        follow=True,
    )
    assert "Настройки уведомлений сохранены." in reply.content.decode()
    wanted = dict(
        NotificationPreference.objects.filter(user=users["mentor"]).values_list("kind", "enabled")
    )
    assert wanted[NotificationKind.SURVEY_ASSIGNED] is True
    assert wanted[NotificationKind.PAIR_PROPOSED] is False


def test_curator_sending_an_order_queues_a_letter_to_the_director(
    org, users, client_for, django_capture_on_commit_callbacks
):
    order = draft(org, users["curator"], OrderKind.ESIGN_REGULATION)
    with django_capture_on_commit_callbacks(execute=True):
        client_for("curator").post(reverse("roadmap:order-send", args=[order.pk]))
    assert [m.to for m in mail.outbox] == [[users["director"].email]]
    assert f"https://nastavnik.example.ru/roadmap/orders/{order.pk}/" in mail.outbox[0].body


def test_director_returning_an_order_writes_to_its_author_with_the_comment(
    org, users, client_for, django_capture_on_commit_callbacks
):
    order = draft(org, users["curator"], OrderKind.ESIGN_REGULATION)
    with django_capture_on_commit_callbacks(execute=True):
        client_for("curator").post(reverse("roadmap:order-send", args=[order.pk]))
        client_for("director").post(
            reverse("roadmap:order-return", args=[order.pk]), {"comment": "Уточните дату."}
        )
    returned = mail.outbox[-1]
    assert returned.to == [users["curator"].email]
    assert "Уточните дату." in returned.body


def test_refusing_mail_server_never_fails_the_page_and_the_letter_ends_undelivered(
    org, users, client_for, refusing_mail_server, django_capture_on_commit_callbacks
):
    order = draft(org, users["curator"], OrderKind.ESIGN_REGULATION)
    with django_capture_on_commit_callbacks(execute=True):
        reply = client_for("curator").post(
            reverse("roadmap:order-send", args=[order.pk]), follow=True
        )
    assert reply.status_code == 200
    assert "Приказ отправлен руководителю на подпись." in reply.content.decode()
    letter = OutgoingEmail.objects.get()
    assert letter.status == EmailStatus.FAILED
    assert letter.attempts == MAX_RETRIES + 1
    assert "Connection" in letter.last_error or "refused" in letter.last_error.lower()
    page = client_for("curator").get(reverse("notifications:undelivered")).content.decode()
    assert "Приказ ждёт вашей подписи" in page
    assert users["director"].email in page


def test_curator_puts_an_undelivered_letter_back_in_the_queue(
    org, users, client_for, django_capture_on_commit_callbacks
):
    letter = OutgoingEmail.objects.create(
        organization=org,
        recipient=users["director"],
        to_email=users["director"].email,
        kind=NotificationKind.ORDER_SENT,
        subject="Приказ ждёт вашей подписи",
        body_text="…",
        status=EmailStatus.FAILED,
        attempts=6,
    )
    with django_capture_on_commit_callbacks(execute=True):
        client_for("curator").post(reverse("notifications:email-retry", args=[letter.pk]))
    letter.refresh_from_db()
    assert letter.status == EmailStatus.SENT
    assert len(mail.outbox) == 1


def test_undelivered_list_shows_only_the_own_organization(org, other_org, users, client_for):
    for organization, address in ((org, "own@example.ru"), (other_org, "alien@example.ru")):
        OutgoingEmail.objects.create(
            organization=organization,
            to_email=address,
            kind=NotificationKind.ORDER_SENT,
            subject="Приказ ждёт вашей подписи",
            body_text="…",
            status=EmailStatus.FAILED,
        )
    page = client_for("curator").get(reverse("notifications:undelivered")).content.decode()
    assert "own@example.ru" in page
    assert "alien@example.ru" not in page


def test_every_kind_has_a_text_and_an_html_template(org, users):
    from core.notifications import render_email

    for kind in NotificationKind:
        subject, text, html = render_email(
            kind=kind, context={"user": users["mentor"], "organization": org, "link": "L"}
        )
        assert subject and "\n" not in subject, kind
        assert "Здравствуйте" in text and "L" in text, kind
        assert "<html" in html, kind
