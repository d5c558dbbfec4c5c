"""Survey data for the demo and the synthetic region: templates, pairs when none, answers.

Per organization: the five shipped questionnaires, five pairs (unless pairs in programs
already exist), the self-assessment before and after, the satisfaction surveys of mentees and
mentors, about a hundred answers. For 300 organizations that is about 30,000 answers.
Everything is written with bulk_create.
"""

from __future__ import annotations

import datetime as dt
import random

from django.contrib.auth import get_user_model
from django.db.models import Max
from django.utils import timezone

from core.models import Organization, Role, RoleAssignment
from mentoring.models import MentoringForm, Pair, PairForm, PairStatus, StaffMember
from mentoring.seeding import PairPlan, seed_pairs
from monitoring.indicators import ENTERED
from monitoring.models import (
    SCALE_MAX,
    Answer,
    Moment,
    ParticipantRole,
    Question,
    ResponseStatus,
    SurveyAssignment,
    SurveyKind,
    SurveyResponse,
    SurveyTemplate,
    SurveyVersion,
    TextAnswer,
)
from monitoring.periods import current_year
from monitoring.shipped import SHIPPED, shipped_questions

PAIRS_PER_ORG = 5
SURVEYED_PAIRS = 6
TEXTS = [
    "Больше совместных занятий в группе.",
    "Хотелось бы чаще встречаться.",
    "Всё устроило, спасибо наставнику.",
    "Нужны материалы по работе с родителями.",
]


def seed_organizations(organizations, rng: random.Random) -> None:
    orgs = [
        o for o in organizations if not SurveyAssignment.objects.filter(organization=o).exists()
    ]
    if not orgs:
        return
    versions = _templates(orgs)
    pairs = _pairs(orgs, rng)
    _surveys(orgs, versions, pairs, rng)


def _templates(orgs: list[Organization]) -> dict[tuple[int, str], SurveyVersion]:
    """The shipped questionnaires of every organization, each with its first version."""
    have = set(
        SurveyTemplate.objects.filter(organization__in=orgs)
        .exclude(shipped_key="")
        .values_list("organization_id", "shipped_key")
    )
    templates = SurveyTemplate.objects.bulk_create(
        SurveyTemplate(
            organization=org, kind=kind, title=title, description=description, shipped_key=kind
        )
        for org in orgs
        for kind, title, description, _questions in SHIPPED
        if (org.pk, kind) not in have
    )
    questions_of = {kind: questions for kind, _t, _d, questions in SHIPPED}
    Question.objects.bulk_create(
        (
            question
            for template in templates
            for question in shipped_questions(template, questions_of[template.kind])
        ),
        batch_size=2000,
    )
    by_template: dict[int, list[dict]] = {}
    for question in Question.objects.filter(template__in=[t.pk for t in templates]).order_by(
        "template", "position"
    ):
        by_template.setdefault(question.template_id, []).append(question.frozen())
    SurveyVersion.objects.bulk_create(
        (
            SurveyVersion(template=t, number=1, title=t.title, questions=by_template.get(t.pk, []))
            for t in templates
        ),
        batch_size=1000,
    )
    result = {}
    for version in SurveyVersion.objects.filter(
        template__organization__in=orgs, template__shipped_key__gt=""
    ).select_related("template"):
        key = (version.template.organization_id, version.template.shipped_key)
        if key not in result or result[key].number < version.number:
            result[key] = version
    return result


def _pairs(orgs: list[Organization], rng: random.Random) -> dict[int, list[tuple]]:
    """Pairs in programs per organization: (pair id, mentor ids, mentee ids)."""
    existing: dict[int, dict[int, tuple[list, list]]] = {}
    for pair_id, org_id in Pair.objects.filter(
        organization__in=orgs, status__in=ENTERED
    ).values_list("pk", "organization_id"):
        existing.setdefault(org_id, {})[pair_id] = ([], [])
    for model, index in ((Pair.mentors.through, 0), (Pair.mentees.through, 1)):
        for pair_id, staff_id, org_id in model.objects.filter(
            pair__organization__in=orgs, pair__status__in=ENTERED
        ).values_list("pair_id", "staffmember_id", "pair__organization_id"):
            existing[org_id][pair_id][index].append(staff_id)
    missing = [org for org in orgs if org.pk not in existing]
    if missing:
        _create_pairs(missing, rng)
        return _pairs(orgs, rng)
    # Surveys go to a handful of pairs per organization, also where another app seeded
    # thousands of pairs for its own benchmark.
    return {
        org_id: [(pk, mentors, mentees) for pk, (mentors, mentees) in sorted(pairs.items())][
            :SURVEYED_PAIRS
        ]
        for org_id, pairs in existing.items()
    }


def _create_pairs(orgs: list[Organization], rng: random.Random) -> None:
    """Five pairs per organization: the mentor and mentee logins first, then by experience."""
    user_role = {
        (org_id, user_id): role
        for org_id, user_id, role in RoleAssignment.objects.filter(
            organization__in=orgs, role__in=(Role.MENTOR, Role.MENTEE)
        ).values_list("organization_id", "user_id", "role")
    }
    managers = set(
        RoleAssignment.objects.filter(
            organization__in=orgs, role__in=(Role.DIRECTOR, Role.CURATOR, Role.ADMIN, Role.COUNCIL)
        ).values_list("organization_id", "user_id")
    )
    staff: dict[int, list[tuple]] = {}
    for pk, org_id, years, user_id, position in (
        StaffMember.objects.filter(organization__in=orgs, is_active=True)
        .order_by("pk")
        .values_list("pk", "organization_id", "teaching_experience_years", "user_id", "position")
    ):
        if position in ("head", "deputy_head", "other") or (org_id, user_id) in managers:
            continue
        staff.setdefault(org_id, []).append((pk, years, user_role.get((org_id, user_id))))
    started = timezone.make_aware(dt.datetime.combine(current_year().starts_on, dt.time(9)))
    by_pk = {s.pk: s for s in StaffMember.objects.filter(organization__in=orgs)}
    plans = []
    for org in orgs:
        people = staff.get(org.pk, [])
        mentors = sorted(
            (p for p in people if p[2] == Role.MENTOR or (p[2] is None and p[1] >= 8)),
            key=lambda p: p[2] != Role.MENTOR,
        )
        mentees = sorted(
            (p for p in people if p[2] == Role.MENTEE or (p[2] is None and p[1] < 5)),
            key=lambda p: p[2] != Role.MENTEE,
        )
        mentees = [p for p in mentees if p[0] not in {m[0] for m in mentors}]
        for n in range(min(PAIRS_PER_ORG, len(mentors), len(mentees))):
            plans.append(
                PairPlan(
                    org,
                    by_pk[mentors[n][0]],
                    by_pk[mentees[n][0]],
                    PairStatus.ACTIVE if n < 4 else PairStatus.FIXED,
                    fixed_at=started,
                    role_model="молодой специалист – опытный педагог",
                    request_text="",
                )
            )
    # seed_pairs gives the consents, appoints the mentors and puts the mentees «в паре».
    created = seed_pairs(plans)
    Pair.objects.filter(pk__in=[p.pk for p in created]).update(created_at=started)
    # The network form needs a partner organization: the synthetic pairs never take it.
    forms = [f for f in MentoringForm.values if f != MentoringForm.NETWORK]
    for pair in created:
        if rng.random() < 0.4:
            PairForm.objects.filter(pair=pair).update(form=rng.choice(forms[1:]))


def _surveys(orgs, versions, pairs, rng: random.Random) -> None:
    """Before, satisfaction and after surveys with answers; the demo logins keep one open."""
    author_of = dict(
        RoleAssignment.objects.filter(organization__in=orgs, role=Role.CURATOR)
        .values("organization_id")
        .annotate(user=Max("user_id"))
        .values_list("organization_id", "user")
    )
    fallback = get_user_model().objects.order_by("pk").values_list("pk", flat=True).first()
    today = timezone.localdate()
    year = current_year()
    span = max(1, (today - year.starts_on).days)
    demo_mentee = set(
        StaffMember.objects.filter(
            organization__in=orgs,
            user__role_assignments__role=Role.MENTEE,
            organization__slug="ds20",
        ).values_list("pk", flat=True)
    )
    plan = (
        (SurveyKind.IMPACT, Moment.BEFORE, "both", 1.0),
        (SurveyKind.IMPACT, Moment.INTERMEDIATE, "both", 0.3),
        (SurveyKind.SATISFACTION_MENTEE, Moment.AFTER, "mentee", 0.85),
        (SurveyKind.SATISFACTION_MENTOR, Moment.AFTER, "mentor", 0.9),
        (SurveyKind.IMPACT, Moment.AFTER, "both", 0.7),
    )
    assignments = []
    for org in orgs:
        for kind, moment, _who, _share in plan:
            assignments.append(
                SurveyAssignment(
                    organization=org,
                    version=versions[(org.pk, kind)],
                    moment=moment,
                    deadline=today + dt.timedelta(days=rng.randint(7, 30)),
                    created_by_id=author_of.get(org.pk, fallback),
                )
            )
    assignments = SurveyAssignment.objects.bulk_create(assignments, batch_size=1000)
    responses, answers_for = [], []
    it = iter(assignments)
    for org in orgs:
        for (kind, moment, who, share), assignment in zip(
            plan, [next(it) for _ in plan], strict=True
        ):
            for pair_id, mentor_ids, mentee_ids in pairs.get(org.pk, []):
                people = []
                if who in ("both", "mentor"):
                    people += [(s, ParticipantRole.MENTOR) for s in mentor_ids]
                if who in ("both", "mentee"):
                    people += [(s, ParticipantRole.MENTEE) for s in mentee_ids]
                for staff_id, role in people:
                    sent = rng.random() < share
                    if staff_id in demo_mentee and kind == SurveyKind.SATISFACTION_MENTEE:
                        sent = False  # the demo mentee finds this survey waiting on the home page
                    when = None
                    if sent:
                        days = (
                            rng.randint(0, span // 3)
                            if moment == Moment.BEFORE
                            else (rng.randint(span // 2, span))
                        )
                        when = timezone.make_aware(
                            dt.datetime.combine(
                                year.starts_on + dt.timedelta(days=days), dt.time(10)
                            )
                        )
                        when = min(when, timezone.now())
                    responses.append(
                        SurveyResponse(
                            assignment=assignment,
                            pair_id=pair_id,
                            staff_id=staff_id,
                            role=role,
                            status=ResponseStatus.SUBMITTED if sent else ResponseStatus.DRAFT,
                            submitted_at=when,
                        )
                    )
                    answers_for.append((sent, kind, moment, staff_id))
    responses = SurveyResponse.objects.bulk_create(responses, batch_size=2000)
    before_level: dict[int, int] = {}
    answers, texts = [], []
    for response, (sent, kind, moment, staff_id) in zip(responses, answers_for, strict=True):
        if not sent:
            continue
        version = response.assignment.version
        base = before_level.setdefault(staff_id, rng.randint(2, 4))
        for question in version.questions:
            if question["kind"] in SCALE_MAX:
                if kind == SurveyKind.IMPACT:
                    lift = rng.choice([0, 1, 1, 2]) if moment == Moment.AFTER else 0
                    value = min(5, max(1, base + lift + rng.choice([-1, 0, 0, 1]) * (lift == 0)))
                else:
                    value = rng.choices([3, 4, 5], [1, 3, 4])[0]
                answers.append(
                    Answer(
                        response=response,
                        question_key=question["key"],
                        kind=question["kind"],
                        measure=question["measure"],
                        value=value,
                        scale_max=SCALE_MAX[question["kind"]],
                    )
                )
            elif question["kind"] == "text" and rng.random() < 0.3:
                texts.append(
                    TextAnswer(
                        response=response, question_key=question["key"], text=rng.choice(TEXTS)
                    )
                )
    Answer.objects.bulk_create(answers, batch_size=5000)
    TextAnswer.objects.bulk_create(texts, batch_size=5000)
