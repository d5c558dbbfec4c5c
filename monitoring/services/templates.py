"""Questionnaires: the shipped templates, questions and their frozen versions."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from core.models import Organization
from monitoring.models import (
    SCALE_MAX,
    Answer,
    Question,
    QuestionKind,
    ResponseStatus,
    SurveyResponse,
    SurveyTemplate,
    SurveyVersion,
    TextAnswer,
)
from monitoring.shipped import SHIPPED, shipped_questions

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
