"""Public sections for the demo and the synthetic region (bulk, fast for 300 organizations).

Every organization gets its settings, a few documents by level (links to the official texts),
a methodical material and two published news items. The demo kindergarten also gets the case of
its completed program shown with both participants' consent to publication, and the final event.
A region's kindergarten shows the case of one completed program (the benchmark's biggest one,
``REGION_CASES_BIG``), with the participants' consents, so municipalities' pages have cases.
"""

from __future__ import annotations

import datetime as dt
import random

from django.utils import timezone

from core.models import Organization, Role, RoleAssignment
from mentoring.models import Consent, ConsentKind, Pair
from public.models import DocumentLevel, FileKind, NewsItem, PublicFile, PublicSettings

REGION_CASES = 1
REGION_CASES_BIG = 45  # the benchmark's biggest kindergarten: its municipality pages through

DOCUMENTS = (
    (
        DocumentLevel.FEDERAL,
        "Федеральный закон от 29.12.2012 № 273-ФЗ «Об образовании в Российской Федерации»",
        "https://www.consultant.ru/document/cons_doc_LAW_140174/",
    ),
    (
        DocumentLevel.FEDERAL,
        "Распоряжение Минпросвещения России от 25.12.2019 № Р-145 о методологии (целевой модели) "
        "наставничества",
        "https://docs.edu.gov.ru/document/c4d7feb359d9563f114aea8106c9a2aa/",
    ),
    (
        DocumentLevel.REGIONAL,
        "Региональное положение о системе наставничества педагогических работников",
        "https://edu.example.ru/nastavnichestvo/polozhenie",
    ),
    (
        DocumentLevel.MUNICIPAL,
        "Приказ управления образования о внедрении наставничества в муниципальных ДОУ",
        "https://uo.example.ru/nastavnichestvo/prikaz",
    ),
)
MATERIALS = (
    (
        "Методические рекомендации по разработке персонализированной программы наставничества",
        "https://edu.example.ru/nastavnichestvo/rekomendacii",
    ),
    ("Памятка молодому педагогу ДОУ", "https://edu.example.ru/nastavnichestvo/pamyatka"),
)
NEWS = (
    (
        "Стартовал новый цикл наставничества",
        "В детском саду начался новый цикл программы наставничества педагогических работников. "
        "Подготовлен проект дорожной карты, формируется банк наставляемых.",
        False,
        40,
    ),
    (
        "Анонс: круглый стол «Лучшие практики наставничества»",
        "Приглашаем педагогов на круглый стол, где наставнические пары расскажут о результатах "
        "своих программ.",
        True,
        5,
    ),
)


def seed_organizations(organizations: list[Organization], rng: random.Random) -> None:
    """Settings, documents, materials and news for organizations that have no section yet."""
    done = set(
        PublicSettings.objects.filter(organization__in=organizations).values_list(
            "organization_id", flat=True
        )
    )
    fresh = [o for o in organizations if o.pk not in done]  # rerun-safe
    if not fresh:
        return
    now = timezone.now()
    PublicSettings.objects.bulk_create(
        PublicSettings(
            organization=o,
            curator_contact="Старший воспитатель, куратор наставничества: "
            + ", ".join(part for part in (o.phone, o.email) if part),
        )
        for o in fresh
    )
    files, news = [], []
    for o in fresh:
        published = now - dt.timedelta(days=rng.randint(20, 60))
        files += [
            PublicFile(
                organization=o,
                kind=FileKind.NORMATIVE,
                level=level,
                title=title,
                url=url,
                published_at=published,
            )
            for level, title, url in DOCUMENTS
        ]
        files += [
            PublicFile(
                organization=o, kind=FileKind.MATERIAL, title=title, url=url, published_at=published
            )
            for title, url in MATERIALS
        ]
        news += [
            NewsItem(
                organization=o,
                title=title,
                body=body,
                is_announcement=announcement,
                published_at=now - dt.timedelta(days=days, hours=rng.randint(0, 12)),
            )
            for title, body, announcement, days in NEWS
        ]
    PublicFile.objects.bulk_create(files)
    NewsItem.objects.bulk_create(news)
    _show_region_cases([o for o in fresh if o.slug.startswith("region-")], now)
    for o in fresh:
        if not o.slug.startswith("region-"):
            from public.demo import publish_demo_case

            publish_demo_case(o)


def _show_region_cases(organizations: list[Organization], now) -> None:
    """Cases of the newest completed programs, shown with both participants' consents (bulk)."""
    from mentoring.consents import TEXTS
    from programs.models import Case, Program, ProgramStatus
    from programs.seeding import BIG_ORG_SLUG

    if not organizations:
        return
    wanted = {
        o.pk: REGION_CASES_BIG if o.slug == BIG_ORG_SLUG else REGION_CASES for o in organizations
    }
    chosen: list[tuple[int, int, int, str, str]] = []
    taken: dict[int, int] = {}
    for row in (
        Program.objects.filter(
            organization__in=organizations, status=ProgramStatus.COMPLETED, case__isnull=True
        )
        .order_by("organization_id", "-ends_on", "-pk")
        .values_list("pk", "organization_id", "pair_id", "goal", "planned_results")
        .iterator()
    ):
        if taken.get(row[1], 0) < wanted[row[1]]:
            taken[row[1]] = taken.get(row[1], 0) + 1
            chosen.append(row)
    if not chosen:
        return
    Case.objects.bulk_create(
        Case(
            program_id=pk,
            form_and_role_model="Индивидуальная (традиционная) / «педагог – педагог»",
            given="Молодой специалист первого года работы в детском саду.",
            need=f"{goal}\n{planned}".strip(),
            who_needed="Опытный воспитатель высшей квалификационной категории.",
            results=planned,
            stage_6="План мероприятий программы выполнен.",
            stage_7="Завершена: план мероприятий выполнен.",
            is_published=True,
        )
        for pk, _org, _pair, goal, planned in chosen
    )
    org_of_pair = {pair_id: org_id for _pk, org_id, pair_id, _g, _p in chosen}
    people = {
        (staff_id, org_of_pair[pair_id])
        for through in (Pair.mentors.through, Pair.mentees.through)
        for pair_id, staff_id in through.objects.filter(pair_id__in=org_of_pair).values_list(
            "pair_id", "staffmember_id"
        )
    }
    consenting = set(
        Consent.objects.active()
        .filter(kind=ConsentKind.PUBLICATION, staff_id__in=[s for s, _o in people])
        .values_list("staff_id", flat=True)
    )
    recorders: dict[int, int] = {}
    for org_id, user_id in RoleAssignment.objects.filter(
        organization_id__in=wanted, role=Role.CURATOR
    ).values_list("organization_id", "user_id"):
        recorders.setdefault(org_id, user_id)
    version, _template = TEXTS[ConsentKind.PUBLICATION]
    Consent.objects.bulk_create(
        Consent(
            organization_id=org_id,
            staff_id=staff_id,
            kind=ConsentKind.PUBLICATION,
            text_version=version,
            text=f"{ConsentKind.PUBLICATION.label} (редакция {version}).",
            given_at=now,
            recorded_by_id=recorders[org_id],
        )
        for staff_id, org_id in sorted(people)
        if staff_id not in consenting and org_id in recorders
    )
