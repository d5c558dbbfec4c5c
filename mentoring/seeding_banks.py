"""Banks of mentees and mentors, their consents, a training session and two working pairs per
organization: mentoring's ``seed_organizations`` (called through ``mentoring.seeding``)."""

from __future__ import annotations

import datetime as dt
import random

from core.models import Role, RoleAssignment, User
from mentoring.models import MenteeStatus, MentoringForm, StaffMember
from mentoring.seeding_pairs import PairPlan, seed_pairs

_REQUESTS = {
    "ict": ["Освоить интерактивную доску на занятиях", "Делать презентации для родителей"],
    "digital": ["Вести группу в мессенджере и на платформе «Сферум»", "Цифровое портфолио"],
    "psychology": ["Выстроить общение с родителями", "Адаптация детей раннего возраста"],
    "methods": ["Писать конспекты занятий по ФОП ДО", "Планировать образовательную работу"],
    "legal": ["Разобраться в ФГОС ДО и ФОП ДО", "Оформлять документацию группы"],
    "subject": ["Организовать развивающую предметно-пространственную среду"],
    "upbringing": ["Готовить праздники и развлечения", "Проектная деятельность с детьми"],
    "health": ["Здоровьесберегающие технологии в режиме дня"],
    "theory": ["Подготовиться к аттестации на первую категорию"],
}
_STRENGTHS = [
    "Умею объяснять просто и по шагам, терпелива.",
    "Сильная методическая подготовка, веду открытые занятия для района.",
    "Хорошо выстраиваю контакт с родителями, веду родительский клуб.",
    "Свободно работаю с интерактивным оборудованием и цифровыми сервисами.",
]
_HOBBIES = ["Рукоделие и театр", "Скандинавская ходьба, дача", "Фотография", "Хоровое пение"]
_MOTIVATION = [
    "Хочу передать опыт молодым коллегам и сама учиться новому.",
    "Помогать новичкам адаптироваться в коллективе.",
    "Развиваться профессионально, готовлюсь к высшей категории.",
]


# The bank's consents were given a year ago; its two working pairs were fixed in spring.
CONSENTS_AGE_DAYS = 365
SEEDED_PAIRS_AGE_DAYS = 210

# The forms the synthetic questionnaires pick from (the network form, added later, is left out
# so that the seeded data stay the same).
SEEDED_FORMS = [f for f in MentoringForm.values if f != MentoringForm.NETWORK]


def seed_organizations(organizations, rng: random.Random) -> None:
    """Banks for each organization: mentees with requests, mentors, consents, a few pairs.

    Safe to rerun: organizations that already have a bank are skipped.
    """
    from django.utils import timezone

    from mentoring.models import (
        Consent,
        ConsentKind,
        MenteeCategory,
        MenteeProfile,
        MenteeRequest,
        MentoringForm,
        MentorProfile,
        MentorStatus,
        PairStatus,
        WorkMode,
    )

    org_ids = [o.pk for o in organizations]
    done = set(
        MenteeProfile.objects.filter(organization_id__in=org_ids).values_list(
            "organization_id", flat=True
        )
    )
    todo = [o for o in organizations if o.pk not in done]
    if not todo:
        return
    recorders = {}
    for ra in RoleAssignment.objects.filter(
        organization__in=todo, role__in=[Role.CURATOR, Role.ADMIN]
    ).order_by("role"):
        recorders.setdefault(ra.organization_id, ra.user_id)
    fallback = User.objects.order_by("pk").values_list("pk", flat=True).first()
    staff_by_org: dict[int, list[StaffMember]] = {}
    for s in (
        StaffMember.objects.filter(organization__in=todo)
        .select_related("user")
        .order_by("personnel_number", "pk")
    ):
        staff_by_org.setdefault(s.organization_id, []).append(s)
    roles_of: dict[int, set[str]] = {}
    for user_id, role in RoleAssignment.objects.filter(organization__in=todo).values_list(
        "user_id", "role"
    ):
        roles_of.setdefault(user_id, set()).add(role)
    now = timezone.now()
    consented_at = now - dt.timedelta(days=CONSENTS_AGE_DAYS)
    today = timezone.localdate()
    directions = list(_REQUESTS)
    mentee_profiles, mentor_profiles, plan = [], [], []
    for org in todo:
        people = staff_by_org.get(org.pk, [])
        persona_mentee = [
            s for s in people if s.user_id and Role.MENTEE in roles_of.get(s.user_id, ())
        ]
        persona_mentor = [
            s for s in people if s.user_id and Role.MENTOR in roles_of.get(s.user_id, ())
        ]
        taken = {s.pk for s in persona_mentee + persona_mentor}
        young = [s for s in people if s.teaching_experience_years <= 5 and s.pk not in taken]
        seasoned = [
            s
            for s in people
            if s.teaching_experience_years >= 8 and s.pk not in taken and s.position != "head"
        ]
        mentees = (persona_mentee + young)[:8]
        mentors = (persona_mentor + seasoned)[:10]
        for s in mentees:
            mentee_profiles.append(
                MenteeProfile(
                    organization=org,
                    staff=s,
                    category=MenteeCategory.YOUNG
                    if s.teaching_experience_years <= 3
                    else rng.choice(MenteeCategory.values),
                    desired_forms=rng.sample(
                        [
                            MentoringForm.TRADITIONAL,
                            MentoringForm.SHORT_TERM,
                            MentoringForm.VIRTUAL,
                        ],
                        rng.randint(1, 2),
                    ),
                    mode=rng.choice(WorkMode.values),
                    portrait=f"{s.get_position_display()}, педагогический стаж "
                    f"{s.teaching_experience_years} г. Испытывает затруднения в планировании и "
                    "общении с родителями.",
                )
            )
        for i, s in enumerate(mentors):
            status = (
                MentorStatus.SELECTED
                if s in persona_mentor
                else rng.choice(
                    [MentorStatus.CANDIDATE, MentorStatus.SELECTED, MentorStatus.TRAINED]
                    + [MentorStatus.ACTIVE] * 2
                )
            )
            mentor_profiles.append(
                MentorProfile(
                    organization=org,
                    staff=s,
                    experience_sphere=f"{s.get_position_display()}, педагогический стаж "
                    f"{s.teaching_experience_years} лет; квалификационная категория: "
                    f"{str(s.get_qualification_category_display()).lower()}.",
                    strengths=rng.choice(_STRENGTHS),
                    hobbies=rng.choice(_HOBBIES),
                    motivation=rng.choice(_MOTIVATION),
                    hours_per_week=rng.choice([1, 2, 2, 3]),
                    expertise=rng.sample(directions, rng.randint(2, 4)),
                    forms=rng.sample(SEEDED_FORMS, 2),
                    achievements="Победитель муниципального конкурса «Воспитатель года»"
                    if i % 4 == 0
                    else "",
                    capacity=rng.choice([1, 2, 2, 3]),
                    status=status,
                )
            )
        plan.append((org, mentees, mentors))
        # The mentees of this organization's two working pairs (chosen below) are created as
        # «в паре»: a seeded state is set at creation, never by a status UPDATE afterwards.
        own = mentor_profiles[len(mentor_profiles) - len(mentors) :]
        statuses = {p.staff_id: p.status for p in own}
        active = [s for s in mentors if statuses[s.pk] == MentorStatus.ACTIVE]
        free_mentees = [s for s in mentees if not s.user_id]
        paired = {e.pk for _, e in list(zip(active, free_mentees, strict=False))[:2]}
        for profile in mentee_profiles[len(mentee_profiles) - len(mentees) :]:
            if profile.staff_id in paired:
                profile.status = MenteeStatus.IN_PAIR
    MenteeProfile.objects.bulk_create(mentee_profiles, batch_size=2000)
    MentorProfile.objects.bulk_create(mentor_profiles, batch_size=2000)
    profiles = {p.staff_id: p for p in MenteeProfile.objects.filter(organization__in=todo)}
    mentor_by_staff = {p.staff_id: p for p in MentorProfile.objects.filter(organization__in=todo)}
    requests, consents, pair_rows = [], [], []
    for org, mentees, mentors in plan:
        recorder = recorders.get(org.pk, fallback)
        for s in mentees:
            for direction in rng.sample(directions, rng.randint(1, 3)):
                requests.append(
                    MenteeRequest(
                        profile=profiles[s.pk],
                        direction=direction,
                        text=rng.choice(_REQUESTS[direction]),
                    )
                )
        for s in mentees + mentors:
            if rng.random() < 0.9 or s.user_id:
                consents.append(
                    Consent(
                        organization=org,
                        staff=s,
                        kind=ConsentKind.PERSONAL_DATA,
                        text_version="2026-1",
                        text="Согласие на обработку персональных данных (редакция 2026-1).",
                        given_at=consented_at,
                        recorded_by_id=recorder,
                    )
                )
        for s in mentors:
            if mentor_by_staff[s.pk].status in (MentorStatus.TRAINED, MentorStatus.ACTIVE):
                consents.append(
                    Consent(
                        organization=org,
                        staff=s,
                        kind=ConsentKind.MENTOR_DUTIES,
                        text_version="2026-1",
                        text="Согласие на выполнение обязанностей наставника (редакция 2026-1).",
                        given_at=consented_at,
                        recorded_by_id=recorder,
                    )
                )
        # Two working pairs per organization: active mentors with mentees not on a persona.
        active = [s for s in mentors if mentor_by_staff[s.pk].status == MentorStatus.ACTIVE]
        free_mentees = [s for s in mentees if not s.user_id]
        for mentor, mentee in list(zip(active, free_mentees, strict=False))[:2]:
            pair_rows.append((org, mentor, mentee))
    MenteeRequest.objects.bulk_create(requests, batch_size=5000)
    Consent.objects.bulk_create(consents, batch_size=5000)
    fixed_at = now - dt.timedelta(days=SEEDED_PAIRS_AGE_DAYS)
    seed_pairs(
        [
            PairPlan(org, mentor, mentee, PairStatus.ACTIVE, fixed_at=fixed_at)
            for org, mentor, mentee in pair_rows
        ]
    )
    # One installation session per organization, attended by the trained and active mentors.
    from mentoring.models import TrainingSession

    sessions = TrainingSession.objects.bulk_create(
        [
            TrainingSession(
                organization=org,
                title="Установочная сессия: роль наставника, манифест и кодекс наставника",
                held_on=dt.date(today.year if today.month >= 10 else today.year - 1, 10, 10),
                materials="Положение о системе наставничества\nМетодические рекомендации "
                "Минпросвещения России по внедрению целевой модели наставничества",
            )
            for org in todo
        ]
    )
    Attendance = TrainingSession.attendees.through
    Attendance.objects.bulk_create(
        [
            Attendance(trainingsession_id=session.pk, mentorprofile_id=profile.pk)
            for session, (org, _, mentors) in zip(sessions, plan, strict=True)
            for profile in (mentor_by_staff[s.pk] for s in mentors)
            if profile.status in (MentorStatus.TRAINED, MentorStatus.ACTIVE)
        ],
        batch_size=5000,
    )
