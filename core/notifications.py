"""E-mail notifications: render, store, and hand the letter to the worker after commit.

Every other app calls ``notify()``; the letter is rendered from ``templates/emails/<kind>.txt``
(first line: the subject, then a blank line, then the body) and ``templates/emails/<kind>.html``,
with links built from ``SITE_URL``. A mail server that is down never fails the caller: the row
stays in the database, the task retries with backoff and finally marks it failed, and the
curator sees it on the «Недоставленные письма» page.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import Q, QuerySet
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from core.models import (
    EmailStatus,
    NotificationKind,
    NotificationPreference,
    Organization,
    OutgoingEmail,
    User,
)
from core.models.notifications import OPTIONAL_KINDS, REQUIRED_KINDS
from core.plugins import year_start_now

logger = logging.getLogger(__name__)


def absolute_url(path: str) -> str:
    """A link for a letter: SITE_URL and the path (never the request's Host header)."""
    return settings.SITE_URL.rstrip("/") + path


def render_email(*, kind: str, context: dict) -> tuple[str, str, str]:
    """Return (subject, text, html) of a letter of this kind."""
    text = render_to_string(f"emails/{kind}.txt", context)
    subject, _, body = text.lstrip().partition("\n")
    html = render_to_string(f"emails/{kind}.html", {**context, "subject": subject.strip()})
    return subject.strip(), body.strip() + "\n", html


def enabled_recipients(users: Iterable[User], *, kind: str, optional: bool) -> list[User]:
    """The users with an address who want this kind (required kinds reach everyone)."""
    unique = {user.pk: user for user in users if user is not None and user.is_active}
    people = [user for user in unique.values() if user.email]
    if not optional or not people:
        return people
    off = set(
        NotificationPreference.objects.filter(
            user__in=people, kind=kind, enabled=False
        ).values_list("user_id", flat=True)
    )
    return [user for user in people if user.pk not in off]


# Letters about the work of one academic year: they name it («2027/2028 учебный год»).
YEAR_KINDS = frozenset(
    {
        NotificationKind.PAIR_PROPOSED,
        NotificationKind.PAIR_FIXED,
        NotificationKind.PROGRAM_AGREED,
        NotificationKind.CHANGE_PROPOSED,
        NotificationKind.SURVEY_ASSIGNED,
        NotificationKind.SURVEY_DEADLINE,
        NotificationKind.PLAN_DEADLINE,
    }
)


def notify(
    *,
    users: Iterable[User],
    kind: str,
    context: dict,
    organization: Organization,
    optional: bool | None = None,
    dedupe_key: str = "",
) -> list[OutgoingEmail]:
    """Queue one letter of ``kind`` to each user; sent by the worker after the commit.

    ``context["path"]`` (a site path) becomes ``link`` in the templates. ``optional`` defaults
    to whether people may turn this kind off on their «Уведомления» page. With ``dedupe_key``
    a person who already got a letter with that key gets no second one (daily reminders).
    The rows are written in the caller's transaction: when it rolls back, nothing is sent.
    """
    kind = NotificationKind(kind)
    if optional is None:
        optional = kind not in REQUIRED_KINDS
    base = {
        "organization": organization,
        "site_url": settings.SITE_URL.rstrip("/"),
        "preferences_link": absolute_url(reverse("notifications:preferences")),
    }
    if context.get("path"):
        base["link"] = absolute_url(context["path"])
    recipients = enabled_recipients(users, kind=kind, optional=optional)
    if recipients and kind in YEAR_KINDS and "year_label" not in context:
        # A letter about work of a year says which: the organization's current academic year.
        start = context.get("year_start") or year_start_now(organization.pk)
        base["year_label"] = f"{start}/{start + 1} учебный год"
    if dedupe_key and recipients:
        done = set(
            OutgoingEmail.objects.filter(
                dedupe_key=dedupe_key, recipient__in=recipients
            ).values_list("recipient_id", flat=True)
        )
        recipients = [user for user in recipients if user.pk not in done]
    emails = []
    for user in recipients:
        subject, text, html = render_email(kind=kind, context={**base, **context, "user": user})
        emails.append(
            OutgoingEmail(
                organization=organization,
                recipient=user,
                to_email=user.email,
                kind=kind,
                subject=subject[:300],
                body_text=text,
                body_html=html,
                dedupe_key=dedupe_key,
            )
        )
    if not emails:
        return []
    for email in emails:
        email.save()  # one by one: each row gets its history entry
    ids = [email.pk for email in emails]
    transaction.on_commit(lambda: queue_emails(ids))
    return emails


def role_holders(organization: Organization, *roles: str) -> list[User]:
    """The people who hold any of ``roles`` in the organization (e.g. curator and director)."""
    return list(
        User.objects.filter(
            role_assignments__organization=organization, role_assignments__role__in=roles
        )
        .distinct()
        .order_by("pk")
    )


def staff_users(staff_members: Iterable) -> list[User]:
    """The accounts of these staff members (those without an account or consent are skipped)."""
    return [
        staff.user
        for staff in staff_members
        if staff.user_id is not None and staff.personal_data_withdrawn_at is None
    ]


def email_queue(
    *,
    organization: Organization,
    to_email: str,
    kind: str,
    subject: str,
    body_text: str,
    recipient: User | None = None,
) -> OutgoingEmail | None:
    """Queue a letter composed by the caller (e.g. a digest to a person without an account).

    None when the recipient turned this optional kind off.
    """
    wanted = recipient is None or kind in REQUIRED_KINDS
    if not wanted and not enabled_recipients([recipient], kind=kind, optional=True):
        return None
    email = OutgoingEmail.objects.create(
        organization=organization,
        recipient=recipient,
        to_email=to_email,
        kind=NotificationKind(kind),
        subject=subject[:300],
        body_text=body_text,
    )
    transaction.on_commit(lambda: queue_emails([email.pk]))
    return email


def queue_emails(ids: Iterable[int], *, countdown: dt.timedelta | None = None) -> None:
    """Hand letters to the worker; a broker that is down leaves them queued in the database for
    the beat's sweep (``sweep_emails``), which hands them over when the broker is back."""
    from core.tasks import send_email

    for pk in ids:
        try:
            if countdown is None:
                send_email.delay(pk)
            else:
                send_email.apply_async((pk,), countdown=countdown.total_seconds())
        except Exception:
            logger.warning("Broker unavailable: e-mail %s waits in the database", pk)
            return  # the rest wait too: one refusal is enough to know


# How many times a letter is tried before it is marked undelivered.
MAX_ATTEMPTS = 6


def emails_overdue_requeue(*, now: dt.datetime | None = None, limit: int = 500) -> list[int]:
    """Hand over again the queued letters whose attempt was due more than a sweep ago (a letter
    handed over a moment ago is not handed over twice)."""
    cutoff = (now or timezone.now()) - dt.timedelta(seconds=settings.SWEEP_SECONDS)
    ids = list(
        OutgoingEmail.objects.filter(status=EmailStatus.QUEUED)
        .filter(
            Q(next_attempt_at__lt=cutoff) | Q(next_attempt_at__isnull=True, created_at__lt=cutoff)
        )
        .order_by("created_at")
        .values_list("pk", flat=True)[:limit]
    )
    queue_emails(ids)
    return ids


def email_deliver(*, email: OutgoingEmail) -> None:
    """Send one letter now; raises on failure after recording the attempt and the error."""
    email.attempts += 1
    email.next_attempt_at = None
    message = EmailMultiAlternatives(
        subject=email.subject,
        body=email.body_text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[email.to_email],
        headers={"X-DOU-Letter": str(email.pk)},  # support traces a letter to its row
    )
    if email.body_html:
        message.attach_alternative(email.body_html, "text/html")
    try:
        message.send(fail_silently=False)
    except Exception as exc:
        email.last_error = f"{type(exc).__name__}: {exc}"[:2000]
        email.save(update_fields=["attempts", "last_error", "next_attempt_at", "updated_at"])
        raise
    email.status = EmailStatus.SENT
    email.sent_at = timezone.now()
    email.last_error = ""
    email.save(
        update_fields=[
            "attempts",
            "status",
            "sent_at",
            "last_error",
            "next_attempt_at",
            "updated_at",
        ]
    )


def email_mark_failed(*, email: OutgoingEmail) -> None:
    """Give up on a letter: the curator sees it among the undelivered ones."""
    email.status = EmailStatus.FAILED
    email.save(update_fields=["status", "updated_at"])


def email_retry(*, email: OutgoingEmail) -> OutgoingEmail:
    """Put an undelivered letter back in the queue (the curator's «Отправить ещё раз»)."""
    with transaction.atomic():
        email = OutgoingEmail.objects.select_for_update().get(pk=email.pk)
        if email.status != EmailStatus.FAILED:
            return email
        email.status = EmailStatus.QUEUED
        email.attempts = 0
        email.next_attempt_at = None
        email.save(update_fields=["status", "attempts", "next_attempt_at", "updated_at"])
        transaction.on_commit(lambda: queue_emails([email.pk]))
    return email


def preferences_of(user: User) -> dict[str, bool]:
    """Each optional kind and whether the user wants it."""
    stored = dict(NotificationPreference.objects.filter(user=user).values_list("kind", "enabled"))
    return {kind: stored.get(kind, True) for kind in OPTIONAL_KINDS}


def preferences_save(*, user: User, enabled: Iterable[str]) -> dict[str, bool]:
    """Store the user's choice: the optional kinds in ``enabled`` on, the others off."""
    wanted = set(enabled)
    with transaction.atomic():
        for kind in OPTIONAL_KINDS:
            NotificationPreference.objects.update_or_create(
                user=user, kind=kind, defaults={"enabled": kind in wanted}
            )
    return preferences_of(user)


def undelivered_emails(organization: Organization) -> QuerySet[OutgoingEmail]:
    """Letters of the organization that the mail server did not take: those given up and those
    still being retried after a failed attempt (newest first)."""
    return (
        OutgoingEmail.objects.filter(organization=organization)
        .filter(Q(status=EmailStatus.FAILED) | Q(status=EmailStatus.QUEUED, attempts__gt=0))
        .select_related("recipient")
        .order_by("-created_at", "-pk")
    )
