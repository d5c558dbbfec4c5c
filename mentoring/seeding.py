"""Demo organization and a synthetic region, for the demo and for the benchmark.

Each app adds its own data through ``<app>/seeding.py: seed_organizations(organizations, rng)``.
"""

from __future__ import annotations

import csv
import datetime as dt
import random
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import transaction

from mentoring.models import (
    Category,
    Education,
    MenteeStatus,
    Organization,
    Position,
    Role,
    RoleAssignment,
    StaffMember,
    User,
)
from mentoring.plugins import autodiscover
from mentoring.text import fold

DEMO_SLUG = "ds20"
# The municipal coordinator of the demo (created by region.seeding; printed by seed_demo).
DEMO_COORDINATOR = ("municipal", "municipal-2026")
REGION_COORDINATOR_PASSWORD = "region-2026"  # noqa: S105 (synthetic benchmark data)
DEMO_STAFF_CSV = Path(settings.BASE_DIR) / "fixtures" / "demo_staff.csv"


@dataclass(frozen=True)
class DemoUser:
    username: str
    password: str
    role: str
    personnel_number: str  # the staff card this login belongs to ("" for none)


DEMO_USERS = (
    DemoUser("director", "director-2026", Role.DIRECTOR, "0001"),
    DemoUser("curator", "curator-2026", Role.CURATOR, "0002"),
    DemoUser("mentor", "mentor-2026", Role.MENTOR, "0003"),
    DemoUser("mentee", "mentee-2026", Role.MENTEE, "0004"),
    DemoUser("council", "council-2026", Role.COUNCIL, "0005"),
    DemoUser("admin", "admin-2026", Role.ADMIN, ""),
)

_POSITION_BY_LABEL = {str(label): value for value, label in Position.choices}
_EDUCATION_BY_LABEL = {str(label): value for value, label in Education.choices}
_CATEGORY_BY_LABEL = {str(label): value for value, label in Category.choices}


def _date(text: str) -> dt.date | None:
    return dt.datetime.strptime(text, "%d.%m.%Y").date() if text else None


def _demo_staff_rows() -> list[dict]:
    with DEMO_STAFF_CSV.open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh, delimiter=";"))


@transaction.atomic
def seed_demo() -> Organization:
    """Create or refresh the demo kindergarten and a user for every role; safe to rerun."""
    org, _ = Organization.objects.update_or_create(
        slug=DEMO_SLUG,
        defaults={
            "full_name": "Муниципальное бюджетное дошкольное образовательное учреждение "
            "«Детский сад №20»",
            "short_name": "МБДОУ «Детский сад №20»",
            "city": "г. Иваново",
            "address": "153000, Ивановская область, г. Иваново, ул. Садовая, д. 20",
            "phone": "+7 (4932) 00-00-20",
            "email": "ds20@example.ru",
            "director_position": "Заведующий",
            "director_name": "Смирнова Ольга Викторовна",
        },
    )
    staff_by_number = {}
    for row in _demo_staff_rows():
        staff, _ = StaffMember.objects.update_or_create(
            organization=org,
            personnel_number=row["Табельный номер"],
            defaults={
                "last_name": row["Фамилия"],
                "first_name": row["Имя"],
                "middle_name": row["Отчество"],
                "birth_date": _date(row["Дата рождения"]),
                "position": _POSITION_BY_LABEL[row["Должность"]],
                "total_experience_years": int(row["Общий стаж"]),
                "teaching_experience_years": int(row["Педагогический стаж"]),
                "education": _EDUCATION_BY_LABEL[row["Образование"]],
                "qualification_category": _CATEGORY_BY_LABEL[row["Квалификационная категория"]],
                "date_hired": _date(row["Дата приёма"]),
                "email": row["Электронная почта"],
                "phone": row["Телефон"],
            },
        )
        staff_by_number[staff.personnel_number] = staff
    for demo in DEMO_USERS:
        staff = staff_by_number.get(demo.personnel_number)
        user, _ = User.objects.get_or_create(username=demo.username)
        if staff is not None:
            user.last_name, user.first_name = staff.last_name, staff.first_name
            user.middle_name, user.email = staff.middle_name, staff.email
        else:
            user.last_name, user.first_name, user.middle_name = "Волков", "Дмитрий", "Андреевич"
            user.email = "admin@ds20.example"
        user.is_staff = user.is_superuser = demo.role == Role.ADMIN
        user.set_password(demo.password)
        user.save()
        RoleAssignment.objects.get_or_create(user=user, organization=org, role=demo.role)
        if staff is not None and staff.user_id != user.pk:
            staff.user = user
            staff.save(update_fields=["user"])
    _seed_apps([org], random.Random(20))
    # What only the demo shows, from every app's <app>/demo.py (e.g. signed local acts).
    for module in autodiscover("demo"):
        module.seed_demo(org)
    return org


# --- a synthetic region -------------------------------------------------------------------

_SURNAMES = [
    "Иванов",
    "Смирнов",
    "Кузнецов",
    "Попов",
    "Васильев",
    "Петров",
    "Соколов",
    "Михайлов",
    "Новиков",
    "Фёдоров",
    "Морозов",
    "Волков",
    "Алексеев",
    "Лебедев",
    "Семёнов",
    "Егоров",
    "Павлов",
    "Козлов",
    "Степанов",
    "Николаев",
    "Орлов",
    "Андреев",
    "Макаров",
    "Никитин",
    "Захаров",
    "Зайцев",
    "Соловьёв",
    "Борисов",
    "Яковлев",
    "Григорьев",
    "Романов",
    "Воробьёв",
    "Сергеев",
    "Кузьмин",
    "Фролов",
    "Александров",
    "Дмитриев",
    "Королёв",
    "Гусев",
    "Киселёв",
    "Ильин",
    "Максимов",
    "Поляков",
    "Сорокин",
    "Виноградов",
    "Ковалёв",
    "Белов",
    "Медведев",
    "Антонов",
    "Тарасов",
    "Жуков",
    "Баранов",
    "Филиппов",
]
_FEMALE_NAMES = [
    "Анна",
    "Мария",
    "Елена",
    "Ольга",
    "Наталья",
    "Татьяна",
    "Ирина",
    "Светлана",
    "Екатерина",
    "Юлия",
    "Анастасия",
    "Марина",
    "Дарья",
    "Полина",
    "Виктория",
    "Ксения",
    "Людмила",
    "Галина",
    "Оксана",
    "Валентина",
    "Алёна",
    "Вера",
    "Надежда",
    "Любовь",
]
_MALE_NAMES = [
    "Александр",
    "Сергей",
    "Дмитрий",
    "Андрей",
    "Алексей",
    "Максим",
    "Иван",
    "Михаил",
    "Николай",
    "Павел",
]
_PATRONYMIC_STEMS = [
    "Александров",
    "Сергеев",
    "Владимиров",
    "Николаев",
    "Андреев",
    "Алексеев",
    "Дмитриев",
    "Михайлов",
    "Иванов",
    "Петров",
    "Викторов",
    "Юрьев",
    "Олегов",
    "Павлов",
    "Игорев",
    "Геннадьев",
    "Анатольев",
    "Борисов",
    "Васильев",
    "Евгеньев",
]
_POSITIONS = (
    (Position.EDUCATOR, 60),
    (Position.SENIOR_EDUCATOR, 3),
    (Position.MUSIC, 4),
    (Position.PE_INSTRUCTOR, 3),
    (Position.SPEECH_THERAPIST, 6),
    (Position.PSYCHOLOGIST, 4),
    (Position.DEFECTOLOGIST, 3),
    (Position.ADDITIONAL_ED, 4),
)


def random_person(rng: random.Random) -> tuple[str, str, str, bool]:
    """A plausible Russian full name (last, first, middle) and whether it is female."""
    female = rng.random() < 0.92  # preschool teaching staff are mostly women
    surname = rng.choice(_SURNAMES)
    stem = rng.choice(_PATRONYMIC_STEMS)
    if female:
        last = surname[:-1] + "а" if surname.endswith("й") else surname + "а"
        return last, rng.choice(_FEMALE_NAMES), stem + "на", True
    return surname, rng.choice(_MALE_NAMES), stem + "ич", False


def _random_staff(org: Organization, number: int, rng: random.Random) -> StaffMember:
    last, first, middle, _ = random_person(rng)
    positions, weights = zip(*_POSITIONS, strict=True)
    total = rng.choice([0, 1, 1, 2, 3, 5, 8, 10, 12, 15, 18, 20, 25, 30, 35])
    age = 21 + total + rng.randint(0, 6)
    today = dt.date.today()
    return StaffMember(
        organization=org,
        personnel_number=f"{number:04d}",
        last_name=last,
        first_name=first,
        middle_name=middle,
        birth_date=today.replace(day=1, month=rng.randint(1, 12)) - dt.timedelta(days=365 * age),
        position=rng.choices(positions, weights)[0],
        total_experience_years=total,
        teaching_experience_years=max(0, total - rng.choice([0, 0, 0, 1, 2])),
        education=rng.choice(Education.values),
        qualification_category=(
            Category.NONE
            if total < 2
            else rng.choice([Category.CONFORMITY, Category.FIRST, Category.HIGHEST])
        ),
        date_hired=today - dt.timedelta(days=365 * min(total, rng.randint(0, 15)) + 30),
        search_name="",
    )


REGION_ROLES = (
    (Role.DIRECTOR, 1),
    (Role.CURATOR, 1),
    (Role.COUNCIL, 2),
    (Role.MENTOR, 6),
    (Role.MENTEE, 6),
    (Role.ADMIN, 1),
)


def seed_region(*, orgs: int, staff_per_org: int = 50, seed: int = 1) -> list[Organization]:
    """Create ``orgs`` kindergartens with staff and users in every role; existing ones are kept."""
    rng = random.Random(seed)
    password = make_password("region-2026")
    existing = set(
        Organization.objects.filter(slug__startswith="region-").values_list("slug", flat=True)
    )
    created: list[Organization] = []
    with transaction.atomic():
        new_orgs = [
            Organization(
                slug=f"region-{n:04d}",
                full_name=f"Муниципальное бюджетное дошкольное образовательное учреждение "
                f"«Детский сад №{n}»",
                short_name=f"МБДОУ «Детский сад №{n}»",
                city="г. Иваново",
                address=f"153000, г. Иваново, ул. Лесная, д. {n}",
                director_name="",
            )
            for n in range(1, orgs + 1)
            if f"region-{n:04d}" not in existing
        ]
        created = Organization.objects.bulk_create(new_orgs)
        staff: list[StaffMember] = []
        for org in created:
            for number in range(1, staff_per_org + 1):
                member = _random_staff(org, number, rng)
                member.search_name = fold(member.full_name)
                staff.append(member)
        StaffMember.objects.bulk_create(staff, batch_size=2000)
        by_org: dict[int, list[StaffMember]] = {}
        for member in StaffMember.objects.filter(organization__in=created).order_by("id"):
            by_org.setdefault(member.organization_id, []).append(member)
        users: list[User] = []
        links: list[tuple[User, StaffMember, Organization, str]] = []
        for org in created:
            people = iter(by_org.get(org.pk, []))
            for role, count in REGION_ROLES:
                for i in range(count):
                    person = next(people)
                    user = User(
                        username=f"{org.slug}-{role}-{i + 1}",
                        password=password,
                        last_name=person.last_name,
                        first_name=person.first_name,
                        middle_name=person.middle_name,
                    )
                    users.append(user)
                    links.append((user, person, org, role))
        User.objects.bulk_create(users, batch_size=2000)
        saved = {
            u.username: u for u in User.objects.filter(username__in=[u.username for u in users])
        }
        assignments, touched = [], []
        for user, person, org, role in links:
            real = saved[user.username]
            assignments.append(RoleAssignment(user=real, organization=org, role=role))
            person.user = real
            touched.append(person)
        RoleAssignment.objects.bulk_create(assignments, batch_size=2000)
        StaffMember.objects.bulk_update(touched, ["user"], batch_size=2000)
        for org in created:
            director = by_org[org.pk][0]
            org.director_name = director.full_name
        Organization.objects.bulk_update(created, ["director_name"], batch_size=1000)
        _seed_apps(created, rng)
    return created


def _seed_apps(organizations: list[Organization], rng: random.Random) -> None:
    """Let each app add its data through ``<app>.seeding.seed_organizations``, in app order."""
    for module in autodiscover("seeding"):
        module.seed_organizations(organizations, rng)


# --- banks of mentees and mentors, consents and pairs (mentoring's seed_organizations) ------

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
                    forms=rng.sample(MentoringForm.values, 2),
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


# --- pairs with everything a pair needs (used by every app's seeding) ----------------------

# Seeded consents are given this long before the earliest pair that needs them is fixed.
CONSENT_LEAD = dt.timedelta(days=30)
PAIR_CONSENT_LEAD = dt.timedelta(days=7)


@dataclass(frozen=True)
class PairPlan:
    """One pair to seed: a mentor and a mentee of ``organization`` and the pair's state.

    ``fixed_at`` is required for fixed, working and closed pairs; ``closed_at`` for closed ones.
    """

    organization: Organization
    mentor: StaffMember
    mentee: StaffMember
    status: str
    fixed_at: dt.datetime | None = None
    closed_at: dt.datetime | None = None
    role_model: str = "«новичок – мастер»"
    request_text: str = "Адаптация и освоение профессии"


def seed_pairs(plans: list[PairPlan]) -> list:
    """Create pairs in bulk so that they keep every rule ``check_invariants`` checks.

    Every mentor is an appointed mentor («назначен») with room for her mentees; every mentee is
    in the bank, «в паре» while a pair holds her (a mentee is in at most one such pair); every
    participant gave the personal-data consent, mentors the mentor-duties consent, and each one
    the pair-duties consent for that pair, all before the pair was fixed. Returns the pairs in
    the order of ``plans``.
    """
    from django.utils import timezone

    from mentoring.consents import TEXTS
    from mentoring.invariants import TAKING_STATUSES
    from mentoring.models import (
        Consent,
        ConsentKind,
        MenteeCategory,
        MenteeProfile,
        MenteeStatus,
        MentoringForm,
        MentorProfile,
        MentorStatus,
        Pair,
        PairForm,
        PairStatus,
    )

    if not plans:
        return []
    now = timezone.now()
    for plan in plans:
        if plan.status in (PairStatus.FIXED, PairStatus.ACTIVE, PairStatus.CLOSED):
            assert plan.fixed_at is not None, "a fixed pair needs fixed_at"
        if plan.status == PairStatus.CLOSED:
            assert plan.closed_at is not None, "a closed pair needs closed_at"
    mentor_ids = {p.mentor.pk for p in plans}
    mentee_ids = {p.mentee.pk for p in plans}
    people = mentor_ids | mentee_ids

    # A mentee is held by at most one pair: the ones she is already in, and the new ones.
    Mentors, Mentees = Pair.mentors.through, Pair.mentees.through
    held = set(
        Mentees.objects.filter(
            staffmember_id__in=mentee_ids, pair__status__in=TAKING_STATUSES
        ).values_list("staffmember_id", flat=True)
    )
    load: dict[int, int] = {}
    for staff_id in Mentors.objects.filter(
        staffmember_id__in=mentor_ids, pair__status__in=TAKING_STATUSES
    ).values_list("staffmember_id", flat=True):
        load[staff_id] = load.get(staff_id, 0) + 1
    for plan in plans:
        if plan.status in TAKING_STATUSES:
            if plan.mentee.pk in held:
                raise ValueError(f"{plan.mentee} is already in a working pair")
            held.add(plan.mentee.pk)
            load[plan.mentor.pk] = load.get(plan.mentor.pk, 0) + 1

    # Mentors: appointed, with room for every mentee they hold.
    org_of = {p.mentor.pk: p.organization for p in plans} | {
        p.mentee.pk: p.organization for p in plans
    }
    mentors = {m.staff_id: m for m in MentorProfile.objects.filter(staff_id__in=mentor_ids)}
    changed = []
    for staff_id in mentor_ids:
        profile = mentors.get(staff_id)
        room = max(1, load.get(staff_id, 0))
        if profile is None:
            mentors[staff_id] = MentorProfile(
                organization=org_of[staff_id],
                staff_id=staff_id,
                experience_sphere="Педагогический стаж более пяти лет.",
                hours_per_week=2,
                expertise=["methods", "psychology"],
                forms=[MentoringForm.TRADITIONAL],
                capacity=room,
                status=MentorStatus.ACTIVE,
            )
        elif profile.status != MentorStatus.ACTIVE or profile.capacity < room:
            profile.status = MentorStatus.ACTIVE
            profile.capacity = max(profile.capacity, room)
            changed.append(profile)
    MentorProfile.objects.bulk_create(
        [m for m in mentors.values() if m.pk is None], batch_size=2000
    )
    MentorProfile.objects.bulk_update(changed, ["status", "capacity"], batch_size=2000)

    # Mentees: in the bank, «в паре» while a pair holds them, «без пары» after a closed one.
    mentees = {m.staff_id: m for m in MenteeProfile.objects.filter(staff_id__in=mentee_ids)}
    changed = []
    for staff_id in mentee_ids:
        status = MenteeStatus.IN_PAIR if staff_id in held else MenteeStatus.WITHOUT_PAIR
        profile = mentees.get(staff_id)
        if profile is None:
            mentees[staff_id] = MenteeProfile(
                organization=org_of[staff_id],
                staff_id=staff_id,
                category=MenteeCategory.YOUNG,
                desired_forms=[MentoringForm.TRADITIONAL],
                portrait="Молодой специалист, осваивает профессию.",
                status=status,
            )
        elif profile.status != status and (
            status == MenteeStatus.IN_PAIR or profile.status == MenteeStatus.NEW
        ):
            profile.status = status
            changed.append(profile)
    MenteeProfile.objects.bulk_create(
        [m for m in mentees.values() if m.pk is None], batch_size=2000
    )
    MenteeProfile.objects.bulk_update(changed, ["status"], batch_size=2000)

    pairs = Pair.objects.bulk_create(
        [
            Pair(
                organization=plan.organization,
                status=plan.status,
                role_model=plan.role_model,
                request_text=plan.request_text,
                fixed_at=plan.fixed_at,
                closed_at=plan.closed_at,
            )
            for plan in plans
        ],
        batch_size=2000,
    )
    Mentors.objects.bulk_create(
        [
            Mentors(pair_id=pair.pk, staffmember_id=plan.mentor.pk)
            for pair, plan in zip(pairs, plans, strict=True)
        ],
        batch_size=5000,
    )
    Mentees.objects.bulk_create(
        [
            Mentees(pair_id=pair.pk, staffmember_id=plan.mentee.pk)
            for pair, plan in zip(pairs, plans, strict=True)
        ],
        batch_size=5000,
    )
    PairForm.objects.bulk_create(
        [PairForm(pair=pair, form=MentoringForm.TRADITIONAL) for pair in pairs], batch_size=5000
    )

    # Consents: personal data and mentor duties before the earliest pair needing them, and the
    # pair-duties consent of every participant for that pair, a week before it was fixed.
    recorders = _recorders({plan.organization.pk for plan in plans})
    needed: dict[tuple[int, str], dt.datetime] = {}
    for plan in plans:
        when = (plan.fixed_at or now) - CONSENT_LEAD
        for staff_id, kind in (
            (plan.mentor.pk, ConsentKind.PERSONAL_DATA),
            (plan.mentor.pk, ConsentKind.MENTOR_DUTIES),
            (plan.mentee.pk, ConsentKind.PERSONAL_DATA),
        ):
            key = (staff_id, str(kind))
            needed[key] = min(needed.get(key, when), when)
    existing = {
        (c.staff_id, c.kind): c
        for c in Consent.objects.active().filter(
            staff_id__in=people, pair__isnull=True, kind__in=[k for _, k in needed]
        )
    }
    new, earlier = [], []
    for (staff_id, kind), when in needed.items():
        consent = existing.get((staff_id, kind))
        if consent is None:
            new.append(_seed_consent(org_of[staff_id], staff_id, kind, when, recorders, TEXTS))
        elif consent.given_at > when:
            consent.given_at = when
            earlier.append(consent)
    for pair, plan in zip(pairs, plans, strict=True):
        when = (plan.fixed_at or now) - PAIR_CONSENT_LEAD
        for staff_id in (plan.mentor.pk, plan.mentee.pk):
            consent = _seed_consent(
                plan.organization, staff_id, ConsentKind.PAIR_DUTIES, when, recorders, TEXTS
            )
            consent.pair = pair
            new.append(consent)
    Consent.objects.bulk_create(new, batch_size=5000)
    Consent.objects.bulk_update(earlier, ["given_at"], batch_size=2000)
    return pairs


def _recorders(org_ids: set[int]) -> dict[int, int]:
    """Who records consents in each organization: its curator, else its admin, else anyone."""
    recorders: dict[int, int] = {}
    for ra in RoleAssignment.objects.filter(
        organization_id__in=org_ids, role__in=[Role.CURATOR, Role.ADMIN]
    ).order_by("role"):
        recorders.setdefault(ra.organization_id, ra.user_id)
    fallback = User.objects.order_by("pk").values_list("pk", flat=True).first()
    return {org_id: recorders.get(org_id, fallback) for org_id in org_ids}


def _seed_consent(org, staff_id: int, kind: str, when, recorders, texts):
    from mentoring.models import Consent, ConsentKind

    version, _template = texts[kind]
    return Consent(
        organization=org,
        staff_id=staff_id,
        kind=kind,
        text_version=version,
        text=f"{ConsentKind(kind).label} (редакция {version}).",
        given_at=when,
        recorded_by_id=recorders[org.pk],
    )
