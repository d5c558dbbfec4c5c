"""The weekly digest: each curator gets her stalled pairs and overdue plan events; each
municipal coordinator gets the list per ДОУ. A bounded number of queries for any region."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.conf import settings
from django.core.mail import send_mail
from django.db.models import Prefetch
from django.utils import timezone

from core.models import MunicipalCoordinator, Role, RoleAssignment
from mentoring.models import StaffMember
from monitoring.periods import current_year
from monitoring.selectors import pair_label
from region import selectors
from region.models import OrganizationSummary

SUBJECT_CURATOR = "Наставничество: пары без движения и просроченные мероприятия"
SUBJECT_COORDINATOR = "Наставничество в ДОУ муниципалитета: сводка за неделю"


def deliver(subject: str, body: str, recipient: str) -> None:
    """Send one letter; the lead switches this to ``core.notifications.notify``."""
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [recipient])


def curator_letters(today: dt.date) -> list[tuple[str, str, str]]:
    """(recipient, subject, body) for every curator with something to follow up."""
    curators = defaultdict(list)
    for assignment in (
        RoleAssignment.objects.filter(role=Role.CURATOR, organization__is_active=True)
        .exclude(user__email="")
        .select_related("user")
    ):
        curators[assignment.organization_id].append(assignment.user)
    people = StaffMember.objects.only("last_name", "first_name", "middle_name")
    stalled = defaultdict(list)
    for pair in (
        selectors.stalled_pairs(today)
        .filter(organization_id__in=list(curators))
        .prefetch_related(Prefetch("mentors", people), Prefetch("mentees", people))
        .order_by("organization_id", "last_activity", "pk")
    ):
        stalled[pair.organization_id].append(
            f"— {pair_label(pair)}; последняя активность {pair.last_activity:%d.%m.%Y}"
        )
    overdue = defaultdict(list)
    for row in (
        selectors.overdue_rows(today)
        .filter(program__organization_id__in=list(curators))
        .select_related("program")
        .order_by("program__organization_id", "deadline", "pk")
    ):
        overdue[row.program.organization_id].append(
            f"— {row.event} (программа «{row.program.title or row.program_id}», "
            f"срок {row.deadline:%d.%m.%Y})"
        )
    letters = []
    for org_id, users in curators.items():
        if not stalled[org_id] and not overdue[org_id]:
            continue
        parts = ["Здравствуйте!", ""]
        if stalled[org_id]:
            parts += [
                "Пары без встреч и без движения по плану больше 21 дня:",
                *stalled[org_id],
                "",
            ]
        if overdue[org_id]:
            parts += ["Мероприятия планов, срок которых прошёл:", *overdue[org_id], ""]
        parts.append("Откройте систему наставничества, чтобы связаться с парами и обновить планы.")
        body = "\n".join(parts)
        letters += [(user.email, SUBJECT_CURATOR, body) for user in users]
    return letters


def coordinator_letters() -> list[tuple[str, str, str]]:
    """(recipient, subject, body) for every coordinator: one line per ДОУ of her municipality."""
    year = current_year().start_year
    by_municipality = defaultdict(list)
    for summary in (
        OrganizationSummary.objects.filter(
            start_year=year,
            organization__is_active=True,
            organization__municipality__isnull=False,
        )
        .select_related("organization")
        .order_by("organization__short_name")
    ):
        by_municipality[summary.organization.municipality_id].append(summary)
    letters = []
    for assignment in (
        MunicipalCoordinator.objects.exclude(user__email="")
        .select_related("user", "municipality")
        .order_by("municipality__name")
    ):
        rows = by_municipality[assignment.municipality_id]
        lines = [
            f"— {s.organization.short_name}: этап {s.stage_number or '—'}, дорожная карта "
            f"{s.roadmap_percent} %, просрочено этапов {s.late_count}, пар без движения "
            f"{s.stalled_pairs}, просроченных мероприятий {s.overdue_events}"
            for s in rows
        ]
        body = "\n".join(
            [
                "Здравствуйте!",
                "",
                f"Наставничество в ДОУ муниципалитета «{assignment.municipality.name}» "
                f"({len(rows)} ДОУ):",
                *lines,
                "",
                "Подробности и свод для отчёта — на странице муниципалитета в системе.",
            ]
        )
        letters.append((assignment.user.email, SUBJECT_COORDINATOR, body))
    return letters


def send_weekly_digest(today: dt.date | None = None) -> int:
    """Send the digest to curators and coordinators; returns the number of letters."""
    today = today or timezone.localdate()
    letters = curator_letters(today) + coordinator_letters()
    for recipient, subject, body in letters:
        deliver(subject, body, recipient)
    return len(letters)
