"""The mentor's «Дополнительное соглашение к трудовому договору» (ТК РФ ст. 351.8): writes.

Draft (curator) → signed by the director (takes the organization's next number) → signed by
the mentor (the PDF is rendered once, stored with its SHA-256 and a verification code).
Both signatures go through the one sign service (``core.signing``): password again (counted and
locked like the login), after reading the e-signature regulation.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.http import HttpRequest
from django.utils import timezone

from core.access import has_role
from core.audit import register_actions
from core.lifecycle import TransitionError
from core.models import Organization, Role, User
from core.signing.services import Step, document_sign, qr_data_uri, verify_url
from mentoring.models import StaffMember
from roadmap.esign import esign_check
from roadmap.models import AgreementPay, AgreementStatus, MentorAgreement

register_actions(
    {
        "agreement.director_signed": (
            "[actor:Подписал|Подписала] дополнительное соглашение № {number} за работодателя"
        ),
        "agreement.signed": (
            "[actor:Подписал|Подписала] дополнительное соглашение № {number} как наставник"
        ),
    }
)

DEFAULT_CONTENT = (
    "Наставник оказывает наставляемому индивидуальную помощь в освоении профессиональных "
    "компетенций, адаптации в коллективе и выполнении должностных обязанностей в соответствии "
    "с персонализированной программой наставничества."
)

# What the volunteer agreement says of pay, whatever the draft's form said.
VOLUNTEER_TERMS = "на безвозмездной основе; наставник не является работником организации"


def agreement_draft(
    *,
    organization: Organization,
    author: User,
    mentor: StaffMember,
    mentees: Iterable[StaffMember],
    starts_on: dt.date,
    ends_on: dt.date,
    form: str,
    pay: str = AgreementPay.PERCENT,
    pay_amount: Decimal | int | str | None = None,
    pay_terms: str = "",
    content: str = DEFAULT_CONTENT,
    contract_reference: str = "",
) -> MentorAgreement:
    """A draft agreement for one mentor and the mentees named in it."""
    mentees = list(mentees)
    people = [mentor, *mentees]
    if any(p.organization_id != organization.pk for p in people):
        raise ValidationError(
            "В соглашение можно включить только сотрудников своей организации.",
            code="foreign_person",
        )
    if not mentees:
        raise ValidationError("Укажите наставляемого (наставляемых).", code="mentees_required")
    if mentor in mentees:
        raise ValidationError(
            "Наставник не может быть наставляемым в том же соглашении.", code="self_mentoring"
        )
    if any(m.is_external for m in mentees):
        raise ValidationError(
            "Наставляемым может быть только работник организации.", code="external_mentee"
        )
    if mentor.is_external:
        # Not an employee: no addendum to a labour contract (ТК РФ ст. 351.8) but an agreement
        # on mentoring without pay (roadmap/pdf/agreement_volunteer.html).
        pay, pay_terms, contract_reference = AgreementPay.VOLUNTEER, VOLUNTEER_TERMS, ""
        pay_amount = None
    with transaction.atomic():
        agreement = MentorAgreement(
            organization=organization,
            mentor=mentor,
            contract_reference=(contract_reference or "").strip(),
            content=(content or "").strip(),
            starts_on=starts_on,
            ends_on=ends_on,
            form=(form or "").strip(),
            pay=pay,
            pay_amount=Decimal(str(pay_amount)) if pay_amount not in (None, "") else None,
            pay_terms=(pay_terms or "").strip(),
            created_by=author,
        )
        agreement.full_clean()
        agreement.save()
        agreement.mentees.set(mentees)
    return agreement


def agreement_sign(
    *,
    agreement: MentorAgreement,
    signer: User,
    password: str,
    ip: str | None = None,
    request: HttpRequest | None = None,
) -> MentorAgreement:
    """The director signs a draft; then the mentor signs, which freezes the document."""
    return document_sign(
        kind="agreement",
        document=agreement,
        signer=signer,
        password=password,
        request=request,
        ip=ip,
        not_done="Соглашение не подписано",
        prepare=lambda current, now: _signature(current, signer, now),
    )


def _signature(agreement: MentorAgreement, signer: User, now) -> Step:
    """After the password: who signs at this stage, and what the signature records."""
    esign_check(user=signer, organization=agreement.organization)
    if agreement.status == AgreementStatus.DRAFT:
        agreement.pay_check()  # a draft from before the pay became required is not signed
        if not has_role(signer, agreement.organization_id, Role.DIRECTOR):
            raise ValidationError(
                "Первым соглашение подписывает руководитель организации.", code="not_director"
            )
        # The organization's row is the lock for its numbering of agreements.
        Organization.objects.select_for_update().get(pk=agreement.organization_id)
        last = MentorAgreement.objects.filter(organization=agreement.organization_id).aggregate(
            n=Max("number")
        )["n"]
        agreement.number = (last or 0) + 1
        agreement.director_signed_at = now
        agreement.director_signed_by = signer
        agreement.director_name = signer.full_name or agreement.organization.director_name
        agreement.status = AgreementStatus.DIRECTOR_SIGNED
        return Step("agreement.director_signed", complete=False, data={"number": agreement.number})
    if agreement.status == AgreementStatus.DIRECTOR_SIGNED:
        if agreement.mentor.user_id != signer.pk:
            raise ValidationError(
                "После руководителя соглашение подписывает сам наставник.", code="not_mentor"
            )
        agreement.status = AgreementStatus.SIGNED
        return Step("agreement.signed", data={"number": agreement.number})
    raise TransitionError(
        "Соглашение уже подписано обеими сторонами и больше не меняется.", code="already_signed"
    )


def agreement_pdf_context(agreement: MentorAgreement) -> dict:
    from roadmap.services import initials_first

    organization = agreement.organization
    context = {
        "agreement": agreement,
        "organization": organization,
        "mentees": list(agreement.mentees.all()),
        "director_short": initials_first(agreement.director_name or organization.director_name),
        "director_signed_local": agreement.director_signed_at
        and timezone.localtime(agreement.director_signed_at),
        "mentor_signed_local": agreement.mentor_signed_at
        and timezone.localtime(agreement.mentor_signed_at),
        "signed_on": agreement.director_signed_at
        and timezone.localtime(agreement.director_signed_at).date(),
    }
    if agreement.verify_code:
        url = verify_url(agreement.verify_code)
        context.update({"verify_url": url, "qr": qr_data_uri(url)})
    return context
