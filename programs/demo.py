"""What only the demo shows of programs: a mentor from outside the staff (seed 004), a retired
teacher, with her questionnaire and consents, her pair in the traditional and distance forms and
its draft program; and program templates written for the distance and reverse forms."""

from __future__ import annotations

import datetime as dt
import random

from django.utils import timezone

from mentoring.models import (
    Category,
    Direction,
    Education,
    ExternalKind,
    MentoringForm,
    PairForm,
    StaffMember,
)
from mentoring.seeding_pairs import PairPlan, seed_pairs
from mentoring.services.banks import mentor_profile_save
from mentoring.services.external import external_mentor_save
from programs.models import ProgramStatus, ProgramTemplate, TemplateRow
from programs.seeding_build import (
    NOTE,
    bank_people,
    held_mentees,
    pair_state,
    programs_create,
    staff_of,
)
from programs.services import add_months

# Templates by form: the program of a pair with that form starts from it by default.
FORM_TEMPLATES = {
    MentoringForm.VIRTUAL: (
        "Дистанционное наставничество",
        [
            (Direction.ICT, "Встреча-знакомство по видеосвязи", "Онлайн-консультация"),
            (Direction.METHODS, "Разбор видеозаписи занятия наставляемого", "Онлайн-разбор"),
            (Direction.PSYCHOLOGY, "Подготовка к родительскому собранию", "Онлайн-консультация"),
            (Direction.SUBJECT, "Самоанализ занятия", "Переписка, обратная связь"),
        ],
    ),
    MentoringForm.REVERSE: (
        "Реверсивное наставничество: цифровые компетенции",
        [
            (Direction.DIGITAL, "Электронный журнал и портфолио группы", "Практикум"),
            (Direction.ICT, "Интерактивная презентация к занятию", "Мастер-класс"),
            (Direction.DIGITAL, "Сайт и социальные сети детского сада", "Консультация"),
        ],
    ),
}
REQUEST = "Организация детей на занятиях; общение с родителями воспитанников"


def _templates(organization) -> None:
    for form, (title, events) in FORM_TEMPLATES.items():
        if ProgramTemplate.objects.filter(organization=organization, mentoring_form=form).exists():
            continue
        template = ProgramTemplate.objects.create(
            organization=organization,
            title=title,
            mentoring_form=form,
            duration_months=6,
            **NOTE,
        )
        TemplateRow.objects.bulk_create(
            TemplateRow(
                template=template,
                position=n,
                direction=direction,
                event=event,
                event_form=event_form,
                week=4 * n,
                expected_result="Освоено на практике",
            )
            for n, (direction, event, event_form) in enumerate(events, start=1)
        )


def seed_demo(organization) -> None:
    _templates(organization)
    if StaffMember.objects.filter(organization=organization, is_external=True).exists():
        return  # rerunning the demo changes nothing
    _, mentees = bank_people(organization, staff_of(organization))
    free = [m for m in mentees if m.pk not in held_mentees(organization) and not m.is_external]
    if not free:
        return
    mentor = external_mentor_save(
        organization=organization,
        actor=None,
        last_name="Белова",
        first_name="Галина",
        middle_name="Петровна",
        external_kind=ExternalKind.RETIRED,
        birth_date=dt.date(1957, 3, 14),
        education=Education.HIGHER_PEDAGOGICAL,
        qualification_category=Category.HIGHEST,
        total_experience_years=40,
        teaching_experience_years=38,
        email="belova.gp@example.ru",
    )
    mentor_profile_save(
        staff=mentor,
        experience_sphere="38 лет воспитателем и старшим воспитателем в детских садах города.",
        strengths="Организация детей на занятиях, работа с родителями, методическая работа.",
        hobbies="Хоровое пение, дача.",
        motivation="Хочу передать опыт молодым воспитателям.",
        hours_per_week=3,
        expertise=[Direction.METHODS, Direction.PSYCHOLOGY, Direction.UPBRINGING],
        forms=[MentoringForm.TRADITIONAL, MentoringForm.VIRTUAL],
        achievements="Почётный работник общего образования Российской Федерации.",
        capacity=1,
    )
    today = timezone.localdate()
    start = today + dt.timedelta(days=14)
    ends = add_months(start, 6)
    # A draft written from the distance template: it cites no order yet.
    state = pair_state(ProgramStatus.DRAFT, start, ends, today)
    [pair] = seed_pairs(
        [PairPlan(organization, mentor, free[0], request_text=REQUEST, **state)]
    )  # consents of both, the mentor appointed, the mentee «в паре»
    PairForm.objects.create(pair=pair, form=MentoringForm.VIRTUAL)
    template = ProgramTemplate.objects.get(
        organization=organization, mentoring_form=MentoringForm.VIRTUAL
    )
    [program] = programs_create(
        [(pair, ProgramStatus.DRAFT, start, ends, ProgramStatus.DRAFT)],
        random.Random(4),
        today,
    )
    program.template = template
    program.title = template.title
    program.save(update_fields=["template", "title"])
