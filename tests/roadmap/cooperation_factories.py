"""Partners, their agreements in a given state and joint events, for the tests and the matrix."""

import datetime as dt

from django.core.files.uploadedfile import SimpleUploadedFile

from mentoring.models import Partner, PartnerKind
from roadmap.models import CooperationAgreement, CooperationKind, CooperationStatus, JointEvent

VALID_INN = "7707083893"  # a 10-digit ИНН with a correct check digit
VALID_OGRN = "1027700132195"
SCAN = b"%PDF-1.4\n% the partner's signed copy\n"


def scan_file(name: str = "dogovor-skan.pdf", content: bytes = SCAN) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def partner(organization, **fields) -> Partner:
    values = {
        "name": "Государственное автономное учреждение «Институт развития образования»",
        "short_name": "ГАУ ИРО",
        "kind": PartnerKind.METHODICAL,
        "inn": VALID_INN,
        "ogrn": VALID_OGRN,
        "scope": "Методическое сопровождение наставников",
        **fields,
    }
    return Partner.objects.create(organization=organization, **values)


def agreement(organization, author, *, status=CooperationStatus.DRAFT, of=None, **fields):
    """An agreement row in ``status`` without going through signing (the matrix's set-up)."""
    signed = status != CooperationStatus.DRAFT
    values = {
        "partner": of or partner(organization),
        "kind": CooperationKind.NETWORK,
        "subject": "Совместная работа по наставничеству молодых педагогов",
        "obligations": "Проводить совместные семинары.\nОбмениваться материалами.",
        "starts_on": dt.date(2026, 9, 1),
        "ends_on": dt.date(2027, 8, 31),
        "created_by": author,
        "status": status,
        "number": 1 if signed else None,
        "verify_code": "CoOpErAtIoNcOdE1" if signed else None,
        "pdf": b"%PDF-1.7" if signed else None,
        "pdf_sha256": "1" * 64 if signed else "",
        "signed_at": dt.datetime(2026, 9, 1, 10, tzinfo=dt.UTC) if signed else None,
        **fields,
    }
    if status == CooperationStatus.SIGNED:
        values.update(
            scan=SCAN, scan_name="skan.pdf", scan_sha256="2" * 64, partner_signed_on=dt.date.today()
        )
    return CooperationAgreement.objects.create(organization=organization, **values)


def joint_event(organization, *, of=None, held_on=None, **fields) -> JointEvent:
    values = {
        "partner": of or partner(organization),
        "held_on": held_on or dt.date.today() + dt.timedelta(days=10),
        "title": "Семинар «Первые шаги молодого педагога»",
        "participants": "молодые педагоги и наставники, 14 человек",
        **fields,
    }
    return JointEvent.objects.create(organization=organization, **values)
