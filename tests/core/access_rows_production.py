"""Access-matrix rows for the notification pages and /health/ (issue «Production»)."""

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from tests.access_table import Row, everyone, latest, this, url

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
    from core.models import EmailStatus, OutgoingEmail

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


def _curators_job(name, status="done"):
    """A job the curator asked for (finished, or failed): only the curator sees it, anyone else
    gets 404."""

    def build(request) -> str:
        from core.models import BackgroundJob, JobStatus, Role, RoleAssignment

        org = request.getfixturevalue("org")
        curator = RoleAssignment.objects.get(organization=org, role=Role.CURATOR).user
        job = BackgroundJob.objects.create(
            organization=org,
            requested_by=curator,
            kind="monitoring.statistics",
            title="Статистика",
            status=status,
            progress=100 if status == JobStatus.DONE else 10,
            result=b"a;b\n",
            kept_until=timezone.now() + dt.timedelta(days=7),
            filename="statistika.csv",
            content_type="text/csv",
        )
        return reverse(name, args=[job.pk])

    return build


JOB_OWNER = {A: "login", C: 200, D: 404, MR: 404, ME: 404, CO: 404, AD: 404, OUT: 404}

ROWS: dict[str, Row] = {
    "jobs:detail": Row(_curators_job("jobs:detail"), JOB_OWNER),
    "jobs:progress": Row(_curators_job("jobs:progress"), JOB_OWNER),
    "jobs:download": Row(_curators_job("jobs:download"), JOB_OWNER),
    # «Попробовать ещё раз» queues a new job with the same parameters for its owner only.
    "jobs:retry": Row(
        _curators_job("jobs:retry", status="failed"),
        {**JOB_OWNER, C: 302},
        method="post",
        check=latest("core.BackgroundJob", "status", "queued"),
    ),
    "health": Row(url("health"), everyone(200, anonymous=200)),
    # The test client comes from 127.0.0.1, the administrator's own machine: everyone sees it;
    # from elsewhere only staff do (tests/core/test_outages.py).
    "health-detail": Row(url("health-detail"), everyone(200, anonymous=200)),
    "notifications:preferences": Row(url("notifications:preferences"), everyone()),
    "notifications:undelivered": Row(url("notifications:undelivered"), MAIL_MANAGERS),
    # Another organization's letter is a 404 for the outsider; a redirect after queuing it.
    "notifications:email-retry": Row(
        _failed_email,
        {**MAIL_MANAGERS, D: 302, C: 302, AD: 302, OUT: 404},
        method="post",
        check=this("core.OutgoingEmail", "status", "queued"),
    ),
}
