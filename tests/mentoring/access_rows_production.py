"""Access-matrix rows for the notification pages and /health/ (issue «Production»)."""

from django.urls import reverse

from tests.access_table import Row, everyone, url

A, D, C, MR, ME, CO, AD, OUT = (
    "anonymous",
    "director",
    "curator",
    "mentor",
    "mentee",
    "council",
    "admin",
    "outsider",
)
# Curator, director and admin see the organization's undelivered letters.
MAIL_MANAGERS = {A: "login", D: 200, C: 200, AD: 200, CO: 403, MR: 403, ME: 403, OUT: 200}


def _failed_email(request) -> str:
    from mentoring.models import EmailStatus, OutgoingEmail

    org = request.getfixturevalue("org")
    email = OutgoingEmail.objects.create(
        organization=org,
        to_email="x@example.ru",
        kind="order_sent",
        subject="s",
        body_text="b",
        status=EmailStatus.FAILED,
    )
    return reverse("notifications:email-retry", args=[email.pk])


ROWS: dict[str, Row] = {
    "health": Row(url("health"), everyone(200, anonymous=200)),
    "notifications:preferences": Row(url("notifications:preferences"), everyone()),
    "notifications:undelivered": Row(url("notifications:undelivered"), MAIL_MANAGERS),
    # Another organization's letter is a 404 for the outsider; a redirect after queuing it.
    "notifications:email-retry": Row(
        _failed_email, {**MAIL_MANAGERS, D: 302, C: 302, AD: 302, OUT: 404}, method="post"
    ),
}
