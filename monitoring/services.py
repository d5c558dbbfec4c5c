"""Writes of the monitoring app: templates and versions, assignments, answers, reminders."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from core.audit import log_action, register_actions, status_data
from core.lifecycle import check_transition
from core.models import NotificationKind, Organization, User
from core.notifications import email_queue, notify, staff_users
from mentoring import consents
from mentoring.leaving import without_left
from mentoring.models import Pair
from monitoring.models import (
    SCALE_MAX,
    Answer,
    CycleReport,
    Moment,
    ParticipantRole,
    Question,
    QuestionKind,
    ResponseStatus,
    SurveyAssignment,
    SurveyKind,
    SurveyResponse,
    SurveyTemplate,
    SurveyVersion,
    TextAnswer,
)
from monitoring.shipped import SHIPPED, shipped_questions

TEXT_LIMIT = 5000
RESPONSE_ALLOWED = {ResponseStatus.DRAFT: {ResponseStatus.SUBMITTED}}

register_actions(
    {
        "survey.assigned": "Анкета «{title}» назначена участникам: {count}",
        "survey.submitted": "Анкета отправлена",
    }
)


# --- templates and versions -----------------------------------------------------------------


def survey_templates_ensure(*, organization: Organization) -> None:
    """Create the shipped questionnaires the organization does not have yet (first use)."""
    existing = set(
        SurveyTemplate.objects.filter(organization=organization)
        .exclude(shipped_key="")
        .values_list("shipped_key", flat=True)
    )
    missing = [entry for entry in SHIPPED if entry[0] not in existing]
    if not missing:
        return
    with transaction.atomic():
        for kind, title, description, questions in missing:
            template = SurveyTemplate.objects.create(
                organization=organization,
                kind=kind,
                title=title,
                description=description,
                shipped_key=kind,
            )
            Question.objects.bulk_create(shipped_questions(template, questions))
            version_sync(template=template)


def survey_template_create(
    *, organization: Organization, kind: str, title: str, description: str = ""
) -> SurveyTemplate:
    with transaction.atomic():
        template = SurveyTemplate.objects.create(
            organization=organization, kind=kind, title=title, description=description
        )
        version_sync(template=template)
    return template


def survey_template_update(
    *, template: SurveyTemplate, title: str, description: str, kind: str
) -> SurveyTemplate:
    with transaction.atomic():
        template = SurveyTemplate.objects.select_for_update().get(pk=template.pk)
        template.title, template.description, template.kind = title, description, kind
        template.full_clean()
        template.save()
        version_sync(template=template)
    return template


def _check_question(kind: str, options: str) -> None:
    has_options = kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE)
    count = len([line for line in options.splitlines() if line.strip()])
    if has_options and count < 2:
        raise ValidationError(
            _("Для вопроса с выбором укажите не меньше двух вариантов, каждый с новой строки."),
            code="too_few_options",
        )


def question_add(
    *,
    template: SurveyTemplate,
    text: str,
    kind: str,
    options: str = "",
    required: bool = True,
    measure: str = "",
) -> Question:
    _check_question(kind, options)
    with transaction.atomic():
        template = SurveyTemplate.objects.select_for_update().get(pk=template.pk)
        last = template.questions.aggregate(m=Max("position"))["m"] or 0
        question = Question.objects.create(
            template=template,
            position=last + 1,
            text=text,
            kind=kind,
            options=options if kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE) else "",
            required=required,
            measure=measure if kind in SCALE_MAX else "",
        )
        version_sync(template=template)
    return question


def question_update(
    *, question: Question, text: str, kind: str, options: str, required: bool, measure: str
) -> Question:
    _check_question(kind, options)
    with transaction.atomic():
        SurveyTemplate.objects.select_for_update().get(pk=question.template_id)
        question = Question.objects.select_for_update().get(pk=question.pk)
        question.text, question.kind, question.required = text, kind, required
        question.options = options if kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE) else ""
        question.measure = measure if kind in SCALE_MAX else ""
        question.save()
        version_sync(template=question.template)
    return question


def question_delete(*, question: Question) -> None:
    with transaction.atomic():
        template = SurveyTemplate.objects.select_for_update().get(pk=question.template_id)
        question.delete()
        version_sync(template=template)


def question_move(*, question: Question, up: bool) -> None:
    """Swap the question with its neighbour above (``up``) or below."""
    with transaction.atomic():
        template = SurveyTemplate.objects.select_for_update().get(pk=question.template_id)
        ordered = list(template.questions.order_by("position", "pk"))
        index = next(i for i, q in enumerate(ordered) if q.pk == question.pk)
        other = index - 1 if up else index + 1
        if not 0 <= other < len(ordered):
            return
        ordered[index], ordered[other] = ordered[other], ordered[index]
        for position, item in enumerate(ordered, 1):
            item.position = position
        Question.objects.bulk_update(ordered, ["position"])
        version_sync(template=template)


def version_sync(*, template: SurveyTemplate) -> SurveyVersion:
    """The version matching the template now: reused, updated while unanswered, or new.

    A version that already has answers is never changed: the edit becomes a new version, and
    the old answers stay readable against the questions they were given.
    """
    snapshot = [q.frozen() for q in template.questions.order_by("position", "pk")]
    latest = template.versions.order_by("-number").first()
    if latest is not None and latest.questions == snapshot and latest.title == template.title:
        return latest
    if latest is not None and not _has_answers(latest):
        latest.questions, latest.title = snapshot, template.title
        latest.save(update_fields=["questions", "title"])
        return latest
    number = (latest.number + 1) if latest is not None else 1
    return SurveyVersion.objects.create(
        template=template, number=number, title=template.title, questions=snapshot
    )


def _has_answers(version: SurveyVersion) -> bool:
    return (
        Answer.objects.filter(response__assignment__version=version).exists()
        or TextAnswer.objects.filter(response__assignment__version=version).exists()
        or SurveyResponse.objects.filter(
            assignment__version=version, status=ResponseStatus.SUBMITTED
        ).exists()
    )


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
            # Security (issue 13): a person who withdrew their consent is not surveyed; nor is
            # one who left (mentoring.leaving).
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


# --- answers ----------------------------------------------------------------------------------


def _check_open(response: SurveyResponse, *, today: dt.date | None = None) -> None:
    today = today or timezone.localdate()
    if response.status == ResponseStatus.SUBMITTED:
        raise ValidationError(
            _(
                "Анкета уже отправлена %(date)s, повторно отправить или изменить её нельзя. "
                "Ваши ответы сохранены."
            )
            % {"date": timezone.localtime(response.submitted_at).strftime("%d.%m.%Y")},
            code="already_submitted",
        )
    deadline = response.assignment.deadline
    if today > deadline:
        raise ValidationError(
            _(
                "Срок заполнения анкеты истёк %(date)s. Ваши ответы сохранены; попросите "
                "куратора продлить срок."
            )
            % {"date": deadline.strftime("%d.%m.%Y")},
            code="deadline_passed",
        )


def parse_answer(question: dict, raw: list[str]) -> tuple[int | None, list[int], str] | None:
    """Check one question's raw input; None when it is empty. Raises a Russian ValidationError."""
    raw = [item.strip() for item in raw if item is not None and item.strip()]
    if not raw:
        return None
    kind = question["kind"]
    if kind in SCALE_MAX:
        top = SCALE_MAX[kind]
        try:
            value = int(raw[0])
        except ValueError:
            value = 0
        if not 1 <= value <= top:
            raise ValidationError(
                _("Оценка должна быть целым числом от 1 до %(top)s.") % {"top": top},
                code="out_of_scale",
            )
        return value, [], ""
    if kind == QuestionKind.TEXT:
        text = raw[0]
        if len(text) > TEXT_LIMIT:
            raise ValidationError(
                _("Ответ слишком длинный: не больше %(n)s знаков.") % {"n": TEXT_LIMIT},
                code="too_long",
            )
        return None, [], text
    count = len(question["options"])
    try:
        picked = sorted({int(item) for item in raw})
    except ValueError:
        picked = [-1]
    if any(not 0 <= i < count for i in picked) or (kind == QuestionKind.SINGLE and len(picked) > 1):
        raise ValidationError(_("Выберите вариант из предложенного списка."), code="unknown_option")
    if kind == QuestionKind.SINGLE:
        return picked[0], [], ""
    return None, picked, ""


def _store(response: SurveyResponse, question: dict, parsed) -> None:
    key = question["key"]
    if question["kind"] == QuestionKind.TEXT:
        if parsed is None:
            TextAnswer.objects.filter(response=response, question_key=key).delete()
        else:
            TextAnswer.objects.update_or_create(
                response=response, question_key=key, defaults={"text": parsed[2]}
            )
        return
    if parsed is None:
        Answer.objects.filter(response=response, question_key=key).delete()
        return
    value, picked, _text = parsed
    Answer.objects.update_or_create(
        response=response,
        question_key=key,
        defaults={
            "kind": question["kind"],
            "measure": question.get("measure", ""),
            "value": value,
            "scale_max": SCALE_MAX.get(question["kind"]),
            "choices": picked,
        },
    )


def _question(response: SurveyResponse, key: int) -> dict:
    for question in response.assignment.version.questions:
        if question["key"] == key:
            return question
    raise ValidationError(_("Такого вопроса нет в анкете. Обновите страницу."), code="no_question")


def answer_save(*, response: SurveyResponse, question_key: int, raw: list[str]) -> None:
    """Save one answer as the participant types (autosave); a bad value keeps the old one."""
    with transaction.atomic():
        response = (
            SurveyResponse.objects.select_for_update()
            .select_related("assignment__version")
            .get(pk=response.pk)
        )
        _check_open(response)
        question = _question(response, question_key)
        _store(response, question, parse_answer(question, raw))


def response_submit(
    *, response: SurveyResponse, data: dict[int, list[str]] | None = None
) -> SurveyResponse:
    """Save the posted answers (each valid one is kept) and send the response once.

    Raises ValidationError with a dict {question key: message} for bad or missing answers;
    what was valid stays saved, and the response remains a draft.
    """
    with transaction.atomic():
        response = (
            SurveyResponse.objects.select_for_update()
            .select_related("assignment__version")
            .get(pk=response.pk)
        )
        _check_open(response)
        errors: dict[str, ValidationError] = {}
        for question in response.assignment.version.questions:
            if data is None or question["key"] not in data:
                continue
            try:
                _store(response, question, parse_answer(question, data[question["key"]]))
            except ValidationError as error:
                errors[f"q{question['key']}"] = error
        answered = set(response.answers.values_list("question_key", flat=True)) | set(
            response.text_answers.values_list("question_key", flat=True)
        )
        for question in response.assignment.version.questions:
            name = f"q{question['key']}"
            if question["required"] and question["key"] not in answered and name not in errors:
                errors[name] = ValidationError(
                    _("Это обязательный вопрос: ответьте на него."), code="required"
                )
    if errors:
        # Outside the atomic block: the valid answers above are committed, the draft kept.
        raise ValidationError(errors)
    with transaction.atomic():
        response = SurveyResponse.objects.select_for_update().get(pk=response.pk)
        check_transition(
            RESPONSE_ALLOWED, response.status, ResponseStatus.SUBMITTED, labels=ResponseStatus
        )
        old = response.status
        response.status = ResponseStatus.SUBMITTED
        response.submitted_at = timezone.now()
        response.save(update_fields=["status", "submitted_at"])
        log_action(
            response,
            "survey.submitted",
            actor=response.staff.user,
            **status_data(old, ResponseStatus.SUBMITTED, ResponseStatus),
        )
    return response


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


# --- report -----------------------------------------------------------------------------------


def report_conclusions_save(
    *, organization: Organization, year_start: int, conclusions: str, author: User
) -> CycleReport:
    with transaction.atomic():
        report, _created = CycleReport.objects.select_for_update().get_or_create(
            organization=organization, year_start=year_start
        )
        if report.is_approved:
            from monitoring.report_signing import ApprovedReportError

            raise ApprovedReportError(report)
        report.conclusions, report.updated_by = conclusions, author
        report.save()
    return report
