"""Demo organization and a synthetic region, for the demo and for the benchmark.

Each app adds its own data through ``<app>/seeding.py: seed_organizations(organizations, rng)``;
mentoring's own (the banks, consents and two working pairs per organization) is in
``seeding_banks``, and ``seeding_pairs.seed_pairs`` makes pairs for every app's seeding.
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

from core.models import Organization, Role, RoleAssignment, User
from core.plugins import autodiscover
from core.text import fold
from mentoring.models import Category, Education, Position, StaffMember
from mentoring.seeding_banks import seed_organizations  # noqa: F401 (mentoring's seeding hook)
from mentoring.seeding_pairs import PairPlan, seed_pairs  # noqa: F401 (monitoring.seeding uses)

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


def seed_region(
    *, orgs: int, staff_per_org: int = 50, seed: int = 1, first: int = 1
) -> list[Organization]:
    """Create kindergartens ``region-<first>`` to ``region-<orgs>`` with staff and users in every
    role, in one transaction; existing ones are kept. ``seed_region_in_chunks`` makes a big
    region a chunk at a time."""
    rng = random.Random(seed if first == 1 else f"{seed}:{first}")
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
            for n in range(first, orgs + 1)
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


REGION_CHUNK = 50  # kindergartens per transaction: one municipality (region.seeding)


def seed_region_in_chunks(
    *,
    orgs: int,
    staff_per_org: int = 50,
    seed: int = 1,
    chunk: int = REGION_CHUNK,
    progress=None,
) -> int:
    """``seed_region`` ``chunk`` kindergartens at a time, each chunk its own transaction, so time
    grows linearly and memory stays that of one chunk (2,000 kindergartens as well as 30).
    ``progress(done, total)`` after each chunk; returns how many were created."""
    created = 0
    for first in range(1, orgs + 1, chunk):
        last = min(orgs, first + chunk - 1)
        created += len(seed_region(orgs=last, staff_per_org=staff_per_org, seed=seed, first=first))
        if progress is not None:
            progress(last, orgs)
    return created


def _seed_apps(organizations: list[Organization], rng: random.Random) -> None:
    """Let each app add its data through ``<app>.seeding.seed_organizations``, in app order."""
    for module in autodiscover("seeding"):
        module.seed_organizations(organizations, rng)
