"""Builders for monitoring tests: pairs, assignments and answered responses."""

import datetime as dt

from django.utils import timezone

from mentoring.models import Pair, PairForm, PairStatus, Position
from monitoring import services
from monitoring.models import (
    SCALE_MAX,
    Answer,
    ParticipantRole,
    ResponseStatus,
    SurveyAssignment,
    SurveyResponse,
    SurveyTemplate,
    TextAnswer,
)
from tests.factories import StaffMemberFactory


def staff(org, *, years=8, position=Position.EDUCATOR, **extra):
    return StaffMemberFactory(
        organization=org,
        teaching_experience_years=years,
        total_experience_years=max(years, 10),
        position=position,
        **extra,
    )


def pair(org, *, mentors, mentees, status=PairStatus.ACTIVE, forms=()):
    made = Pair.objects.create(organization=org, status=status)
    made.mentors.set(mentors)
    made.mentees.set(mentees)
    for form in forms:
        PairForm.objects.create(pair=made, form=form)
    return made


def template(org, kind) -> SurveyTemplate:
    services.survey_templates_ensure(organization=org)
    return SurveyTemplate.objects.get(organization=org, shipped_key=kind)


def assign(org, kind, *, pairs, author, moment="before", roles=None, deadline=None):
    tpl = template(org, kind)
    return services.assignment_create(
        template=tpl,
        moment=moment,
        deadline=deadline or timezone.localdate() + dt.timedelta(days=14),
        pairs=pairs,
        roles=roles or services.default_roles(tpl.kind),
        author=author,
    )


def answer_all(assignment: SurveyAssignment, person, values, *, pair=None, text="Всё хорошо"):
    """Answer every scale question of the person's response with ``values`` (list or by measure)
    and send it."""
    response = SurveyResponse.objects.get(
        assignment=assignment, staff=person, **({"pair": pair} if pair else {})
    )
    scales = [q for q in assignment.version.questions if q["kind"] in SCALE_MAX]
    for n, question in enumerate(scales):
        value = values[question["measure"]] if isinstance(values, dict) else values[n]
        if value is None:
            continue
        Answer.objects.create(
            response=response,
            question_key=question["key"],
            kind=question["kind"],
            measure=question["measure"],
            value=value,
            scale_max=SCALE_MAX[question["kind"]],
        )
    for question in assignment.version.questions:
        if question["kind"] == "text":
            TextAnswer.objects.create(response=response, question_key=question["key"], text=text)
    response.status = ResponseStatus.SUBMITTED
    response.submitted_at = timezone.now()
    response.save()
    return response


__all__ = ["ParticipantRole", "answer_all", "assign", "pair", "staff", "template"]
