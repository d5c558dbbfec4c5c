"""Public sections for the demo and the synthetic region (bulk, fast for 300 organizations).

Every organization gets its settings, a few documents by level (links to the official texts),
a methodical material and two published news items. The demo kindergarten also gets the case of
its completed program shown with both participants' consent to publication, and the final event.
"""

from __future__ import annotations

import datetime as dt
import random

from django.utils import timezone

from mentoring.models import Organization
from public.models import DocumentLevel, FileKind, NewsItem, PublicFile, PublicSettings

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
    for o in fresh:
        if not o.slug.startswith("region-"):
            from public.demo import publish_demo_case

            publish_demo_case(o)
