"""The demo kindergarten's network cooperation: three partners, a signed agreement, events.

Called from ``public.demo.seed_demo`` after the local acts are signed (the director must have
read the e-signature regulation before she signs); rerun-safe.
"""

from __future__ import annotations

import datetime as dt
import logging

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from core.models import Organization, User
from mentoring.models import Partner, PartnerKind
from roadmap import cooperation
from roadmap.models import CooperationKind, JointEventFormat

logger = logging.getLogger(__name__)

PARTNERS = (
    {
        "name": "Государственное автономное учреждение дополнительного профессионального "
        "образования «Институт развития образования»",
        "short_name": "ГАУ ДПО ИРО",
        "kind": PartnerKind.METHODICAL,
        "inn": "7707083893",
        "ogrn": "1027700132195",
        "contact_person": "Соколова Елена Викторовна",
        "phone": "+7 (4852) 00-00-01",
        "scope": "Методическое сопровождение наставников, курсы и стажировки для молодых педагогов",
    },
    {
        "name": "Государственное профессиональное образовательное учреждение "
        "«Педагогический колледж»",
        "short_name": "Педагогический колледж",
        "kind": PartnerKind.HIGHER_EDUCATION,
        "scope": "Практика студентов и адаптация выпускников, пришедших в детский сад",
    },
    {
        "name": "Муниципальное бюджетное учреждение культуры «Детская библиотека»",
        "short_name": "Детская библиотека",
        "kind": PartnerKind.CULTURE,
        "scope": "Совместные открытые мероприятия для педагогов и семей воспитанников",
    },
)
# A one-page PDF standing in for the scan of the partner's signed paper copy.
DEMO_SCAN = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


def seed_cooperation_demo(
    organization: Organization, *, curator: User, director: User, password: str
) -> None:
    """Partners, one agreement signed by both parties (with its scan), three joint events."""
    if Partner.objects.filter(organization=organization).exists():
        return
    partners = [Partner.objects.create(organization=organization, **p) for p in PARTNERS]
    today = timezone.localdate()
    agreement = cooperation.cooperation_draft(
        organization=organization,
        author=curator,
        partner=partners[0],
        kind=CooperationKind.NETWORK,
        subject="Сетевое взаимодействие в сфере наставничества педагогических работников",
        obligations=cooperation.DEFAULT_OBLIGATIONS,
        starts_on=today - dt.timedelta(days=20),
        ends_on=today + dt.timedelta(days=345),
    )
    try:
        agreement = cooperation.cooperation_sign(
            agreement=agreement, signer=director, password=password
        )
        cooperation.cooperation_partner_signed(
            agreement=agreement,
            scan=SimpleUploadedFile("dogovor-iro-skan.pdf", DEMO_SCAN),
            signed_on=today,
            actor=curator,
        )
    except ValidationError as error:
        logger.warning("Demo agreement not signed: %s", " ".join(error.messages))
    events = (
        (
            partners[0],
            -12,
            "Семинар «Наставничество: первые шаги молодого педагога»",
            JointEventFormat.IN_PERSON,
            "молодые педагоги и наставники, 16 человек",
        ),
        (
            partners[1],
            14,
            "Мастер-класс для выпускников колледжа «Утренний круг»",
            JointEventFormat.IN_PERSON,
            "наставники детского сада и выпускники колледжа",
        ),
        (
            partners[0],
            40,
            "Вебинар «Цифровые инструменты наставника»",
            JointEventFormat.ONLINE,
            "наставники и наставляемые, члены методического совета",
        ),
    )
    for partner, days, title, form, participants in events:
        cooperation.joint_event_save(
            organization=organization,
            actor=curator,
            data={
                "partner": partner,
                "agreement": agreement if partner == partners[0] and agreement.number else None,
                "held_on": today + dt.timedelta(days=days),
                "title": title,
                "format": form,
                "participants": participants,
                "is_public": True,
            },
        )
