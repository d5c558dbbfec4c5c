"""Assigning a questionnaire to pairs, and the reminders to those who have not answered."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from core.audit import log_action
from core.models import NotificationKind, User
from core.notifications import email_queue, notify, staff_users
from mentoring import consents
from mentoring.leaving import without_left
from mentoring.models import Pair
from monitoring.models import (
    Moment,
    ParticipantRole,
    ResponseStatus,
    SurveyAssignment,
    SurveyKind,
    SurveyResponse,
    SurveyTemplate,
)
from monitoring.services.templates import version_sync

# --- assignments ------------------------------------------------------------------------------


def assignment_create(
    *,
    template: SurveyTemplate,
    moment: str,
    deadline: dt.date,
    pairs: Sequence[Pair],
    roles: Iterable[str],
    author: User,
) -> SurveyAssignment:
    """Give the template's current version to the chosen participants of the chosen pairs."""
    roles = set(roles)
    if deadline < timezone.localdate():
        raise ValidationError(
            _("Срок заполнения уже прошёл. Укажите сегодняшнюю или более позднюю дату."),
            code="deadline_past",
        )
    if moment not in Moment.values:
        raise ValidationError(_("Выберите этап мониторинга."), code="moment")
    with transaction.atomic():
        version = version_sync(template=template)
        if not version.questions:
            raise ValidationError(
                _("В анкете нет ни одного вопроса. Добавьте вопросы и назначьте её снова."),
                code="no_questions",
            )
        assignment = SurveyAssignment.objects.create(
            organization=template.organization,
            version=version,
            moment=moment,
            deadline=deadline,
            created_by=author,
        )
        rows = []
        through = {
            ParticipantRole.MENTOR: Pair.mentors.through,
            ParticipantRole.MENTEE: Pair.mentees.through,
        }
        for role, model in through.items():
            if role not in roles:
                continue
            # Security (issue 13): a person who withdrew their consent is not surveyed.
            for pair_id, staff_id in model.objects.filter(
                pair__in=[p.pk for p in pairs],
                staffmember__personal_data_withdrawn_at__isnull=True,
                staffmember__left_on__isnull=True,
            ).values_list("pair_id", "staffmember_id"):
                rows.append(
                    SurveyResponse(
                        assignment=assignment, pair_id=pair_id, staff_id=staff_id, role=role
                    )
                )
        if not rows:
            raise ValidationError(
                _(
                    "В выбранных парах нет участников выбранной роли. "
                    "Выберите другие пары или роли."
                ),
                code="no_participants",
            )
        bulk_create_with_history(rows, SurveyResponse)
        log_action(
            assignment,
            "survey.assigned",
            actor=author,
            title=version.title,
            count=len(rows),
        )
        _notify_assigned(assignment)
    return assignment


def _notify_assigned(assignment: SurveyAssignment) -> None:
    """One letter per respondent with a link to their own response (sent after the commit)."""
    responses = consents.without_withdrawn(
        assignment.responses.select_related("staff__user"), "staff"
    ).order_by("pk")
    for response in responses:
        notify(
            users=staff_users([response.staff]),
            kind=NotificationKind.SURVEY_ASSIGNED,
            organization=assignment.organization,
            context={
                "title": assignment.version.title,
                "deadline": assignment.deadline,
                "path": reverse("monitoring:response-fill", args=[response.pk]),
            },
        )


def default_roles(kind: str) -> set[str]:
    """Who a questionnaire of this kind is for."""
    if kind in (SurveyKind.MENTOR_QUESTIONNAIRE, SurveyKind.SATISFACTION_MENTOR):
        return {ParticipantRole.MENTOR}
    if kind in (SurveyKind.MENTEE_REQUEST, SurveyKind.SATISFACTION_MENTEE):
        return {ParticipantRole.MENTEE}
    return {ParticipantRole.MENTOR, ParticipantRole.MENTEE}


# --- reminders --------------------------------------------------------------------------------


def reminders_send(
    *,
    assignment: SurveyAssignment | None = None,
    today: dt.date | None = None,
    within_days: int | None = None,
) -> int:
    """E-mail everyone who has not sent an open survey yet, one letter per person listing
    their surveys; returns the number of letters. With ``within_days`` only the surveys whose
    deadline is that near (the daily job: the deadline is near)."""
    today = today or timezone.localdate()
    pending = SurveyResponse.objects.filter(
        status=ResponseStatus.DRAFT, assignment__deadline__gte=today
    ).select_related("staff__user", "assignment__version", "assignment__organization")
    if within_days is not None:
        pending = pending.filter(assignment__deadline__lte=today + dt.timedelta(days=within_days))
    if assignment is not None:
        pending = pending.filter(assignment=assignment)
    pending = without_left(consents.without_withdrawn(pending, "staff"), "staff").order_by(
        "staff_id", "assignment__deadline", "pk"
    )
    base = settings.SITE_URL.rstrip("/")
    by_email: dict[str, dict] = {}
    for response in pending.iterator(chunk_size=500):
        staff = response.staff
        email = staff.email or (staff.user.email if staff.user_id else "")
        if not email:
            continue
        entry = by_email.setdefault(email, {"staff": staff, "lines": [], "ids": []})
        a = response.assignment
        url = base + reverse("monitoring:response-fill", args=[response.pk])
        entry["lines"].append(
            f"— «{a.version.title}» ({a.get_moment_display().lower()}), "
            f"до {a.deadline:%d.%m.%Y} включительно: {url}"
        )
        entry["ids"].append(response.pk)
        entry["organization"] = a.organization
    letters = 0
    with transaction.atomic():
        for email, entry in by_email.items():
            staff = entry["staff"]
            body = (
                f"Здравствуйте, {staff.first_name} {staff.middle_name}!\n\n"
                "Напоминаем: анкеты мониторинга программы наставничества ждут ваших ответов.\n"
                + "\n".join(entry["lines"])
                + "\n\nОтветы сохраняются по мере заполнения, отправить анкету можно один раз.\n\n"
                + entry["organization"].short_name
            )
            # Queued, not sent here: a mail server that is down never fails the curator's page;
            # the worker retries, and undelivered letters are listed for the curator.
            queued = email_queue(
                organization=entry["organization"],
                recipient=staff.user if staff.user_id else None,
                to_email=email,
                kind=NotificationKind.SURVEY_DEADLINE,
                subject="Напоминание: анкета мониторинга наставничества",
                body_text=body,
            )
            letters += queued is not None
        if letters:
            reminded = [pk for entry in by_email.values() for pk in entry["ids"]]
            SurveyResponse.objects.filter(pk__in=reminded).update(last_reminded_at=timezone.now())
    return letters
