"""Answers: autosave of one answer and sending the whole questionnaire."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.audit import log_action, register_actions, status_data
from core.lifecycle import check_transition
from monitoring.models import (
    SCALE_MAX,
    Answer,
    QuestionKind,
    ResponseStatus,
    SurveyResponse,
    TextAnswer,
)

TEXT_LIMIT = 5000
RESPONSE_ALLOWED = {ResponseStatus.DRAFT: {ResponseStatus.SUBMITTED}}

register_actions(
    {
        "survey.assigned": "Анкета «{title}» назначена участникам: {count}",
        "survey.submitted": "Анкета отправлена",
    }
)


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
