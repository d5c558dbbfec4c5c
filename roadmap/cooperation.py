"""Network cooperation (seed 002, §4.4.3): agreements with partners and joint events, writes.

An agreement: draft (curator or director) → signed by us (the director, simple e-signature: the
organization's next number, the verification code, the PDF with its QR code) → signed by the
parties (the partner's paper copy: its scan and date recorded). Joint events are kept beside them.
"""

from __future__ import annotations

import datetime as dt
import hashlib

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.http import HttpRequest
from django.utils import timezone

from core.access import has_role
from core.audit import log_action, register_actions, status_data
from core.files import IMAGES, check_upload
from core.lifecycle import TransitionError, check_transition
from core.models import Organization, Role, User
from core.signing.services import Step, document_sign, qr_data_uri, verify_url
from mentoring.models import Partner
from roadmap.esign import esign_check
from roadmap.models import CooperationAgreement, CooperationStatus, JointEvent

register_actions(
    {
        "cooperation.drafted": "[actor:Подготовил|Подготовила] проект договора с «{partner}»",
        "cooperation.signed_by_us": "[actor:Подписал|Подписала] договор № {number} с «{partner}»",
        "cooperation.partner_signed": "[actor:Загрузил|Загрузила] скан договора № {number}, "
        "подписанного «{partner}» {day}",
        "joint_event.saved": "[actor:Сохранил|Сохранила] совместное мероприятие «{title}»",
        "joint_event.deleted": "[actor:Удалил|Удалила] совместное мероприятие «{title}»",
    }
)

ALLOWED = {
    CooperationStatus.DRAFT: {CooperationStatus.SIGNED_BY_US},
    CooperationStatus.SIGNED_BY_US: {CooperationStatus.SIGNED},
}
SCAN_KINDS = frozenset({".pdf"}) | IMAGES
MAX_SCAN_BYTES = 10 * 1024 * 1024
DEFAULT_OBLIGATIONS = (
    "Стороны совместно проводят семинары, мастер-классы и открытые занятия для молодых педагогов.\n"
    "Стороны обмениваются методическими материалами и опытом наставничества.\n"
    "Стороны информируют друг друга о мероприятиях по наставничеству не позднее чем за две недели."
)


def _partner_of(organization: Organization, partner: Partner) -> None:
    if partner.organization_id != organization.pk:
        raise ValidationError("Выберите партнёра из реестра своей организации.", code="foreign")
    if not partner.is_active:
        raise ValidationError(
            "Сотрудничество с этой организацией отмечено завершённым: сначала возобновите его в "
            "реестре партнёров.",
            code="partner_ended",
        )


def cooperation_draft(
    *,
    organization: Organization,
    author: User,
    partner: Partner,
    kind: str,
    subject: str,
    obligations: str,
    starts_on: dt.date,
    ends_on: dt.date,
) -> CooperationAgreement:
    """A draft agreement with an active partner of the organization."""
    _partner_of(organization, partner)
    with transaction.atomic():
        agreement = CooperationAgreement(
            organization=organization,
            partner=partner,
            kind=kind,
            subject=(subject or "").strip(),
            obligations=(obligations or "").strip(),
            starts_on=starts_on,
            ends_on=ends_on,
            created_by=author,
        )
        agreement.full_clean()
        agreement.save()
        log_action(agreement, "cooperation.drafted", actor=author, partner=str(partner))
    return agreement


def cooperation_sign(
    *,
    agreement: CooperationAgreement,
    signer: User,
    password: str,
    request: HttpRequest | None = None,
    ip: str | None = None,
) -> CooperationAgreement:
    """The director signs the draft for the organization, exactly as she signs an order."""
    return document_sign(
        kind="cooperation",
        document=agreement,
        signer=signer,
        password=password,
        request=request,
        ip=ip,
        not_done="Договор не подписан",
        prepare=lambda current, now: _signature(current, signer),
    )


def _signature(agreement: CooperationAgreement, signer: User) -> Step:
    """After the password: only the director, only a draft; the next number."""
    if agreement.status != CooperationStatus.DRAFT:
        raise TransitionError(
            "Договор уже подписан руководителем и больше не меняется.", code="already_signed"
        )
    if not has_role(signer, agreement.organization_id, Role.DIRECTOR):
        raise ValidationError("Договор подписывает руководитель организации.", code="not_director")
    esign_check(user=signer, organization=agreement.organization)
    check_transition(
        ALLOWED, agreement.status, CooperationStatus.SIGNED_BY_US, labels=CooperationStatus
    )
    # The organization's row is the lock for its numbering of agreements.
    Organization.objects.select_for_update().get(pk=agreement.organization_id)
    last = CooperationAgreement.objects.filter(organization=agreement.organization_id).aggregate(
        n=Max("number")
    )["n"]
    agreement.number = (last or 0) + 1
    agreement.director_name = signer.full_name or agreement.organization.director_name
    agreement.status = CooperationStatus.SIGNED_BY_US
    return Step(
        "cooperation.signed_by_us",
        data={
            "number": agreement.number,
            "partner": str(agreement.partner),
            **status_data(
                CooperationStatus.DRAFT, CooperationStatus.SIGNED_BY_US, CooperationStatus
            ),
        },
    )


def cooperation_partner_signed(
    *, agreement: CooperationAgreement, scan, signed_on: dt.date, actor: User
) -> CooperationAgreement:
    """Record the partner's paper signature: the scan (PDF, JPG or PNG) and its date."""
    if signed_on is None:
        raise ValidationError("Укажите дату подписи партнёра.", code="required")
    if signed_on > timezone.localdate():
        raise ValidationError(
            "Дата подписи партнёра не может быть позже сегодняшнего дня.", code="future"
        )
    if scan is None:
        raise ValidationError("Выберите файл скана подписанного договора.", code="required")
    content = check_upload(scan, allowed=SCAN_KINDS, max_bytes=MAX_SCAN_BYTES)
    with transaction.atomic():
        current = CooperationAgreement.objects.select_for_update().get(pk=agreement.pk)
        if current.status == CooperationStatus.DRAFT:
            raise TransitionError(
                "Сначала договор подписывает руководитель, затем загружается скан экземпляра "
                "партнёра.",
                code="not_signed_by_us",
            )
        check_transition(
            ALLOWED, current.status, CooperationStatus.SIGNED, labels=CooperationStatus
        )
        if signed_on < timezone.localtime(current.created_at).date():
            raise ValidationError(
                "Партнёр не мог подписать договор раньше, чем подготовлен его проект: проверьте "
                "дату.",
                code="before_draft",
            )
        current.scan = content
        current.scan_name = scan.name[:255]
        current.scan_sha256 = hashlib.sha256(content).hexdigest()
        current.scan_uploaded_at = timezone.now()
        current.partner_signed_on = signed_on
        current.status = CooperationStatus.SIGNED
        current.save()
        log_action(
            current,
            "cooperation.partner_signed",
            actor=actor,
            number=current.number,
            partner=str(current.partner),
            day=f"{signed_on:%d.%m.%Y}",
            **status_data(
                CooperationStatus.SIGNED_BY_US, CooperationStatus.SIGNED, CooperationStatus
            ),
        )
    return current


def cooperation_pdf_context(agreement: CooperationAgreement) -> dict:
    from roadmap.services import initials_first

    organization = agreement.organization
    signed_local = agreement.signed_at and timezone.localtime(agreement.signed_at)
    context = {
        "agreement": agreement,
        "organization": organization,
        "partner": agreement.partner,
        "obligations": agreement.obligation_lines,
        "director_short": initials_first(agreement.director_name or organization.director_name),
        "signed_local": signed_local,
        "signed_on": signed_local and signed_local.date(),
    }
    if agreement.verify_code:
        url = verify_url(agreement.verify_code)
        context.update({"verify_url": url, "qr": qr_data_uri(url)})
    return context


# --- joint events -----------------------------------------------------------------------------

EVENT_FIELDS = ("partner", "agreement", "held_on", "title", "format", "participants", "is_public")


@transaction.atomic
def joint_event_save(
    *, organization: Organization, data: dict, actor: User, event: JointEvent | None = None
) -> JointEvent:
    """Add a joint event with a partner, or change one."""
    if event is None:
        event = JointEvent(organization=organization)
    else:
        event = JointEvent.objects.select_for_update().get(pk=event.pk)
    for name in EVENT_FIELDS:
        if name in data:
            value = data[name]
            setattr(event, name, value.strip() if isinstance(value, str) else value)
    partner = event.partner
    if partner.organization_id != organization.pk:
        raise ValidationError("Выберите партнёра из реестра своей организации.", code="foreign")
    if event.agreement is not None and event.agreement.partner_id != partner.pk:
        raise ValidationError(
            {
                "agreement": "Этот договор заключён с другой организацией: выберите договор "
                "с партнёром мероприятия или оставьте поле пустым."
            },
            code="agreement_partner",
        )
    event.full_clean()
    event.save()
    log_action(event, "joint_event.saved", actor=actor, title=event.title)
    return event


@transaction.atomic
def joint_event_delete(*, event: JointEvent, actor: User) -> None:
    """Remove a joint event entered by mistake; the audit keeps its title."""
    log_action(event, "joint_event.deleted", actor=actor, title=event.title)
    event.delete()
