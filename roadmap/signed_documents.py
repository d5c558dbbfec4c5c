"""The roadmap app's signed documents: orders, mentors' and partners' agreements, the roadmap.

Found by ``core.signing.registry`` (``autodiscover("signed_documents")``); the one verify page
and the one download serve them from these descriptions.
"""

from django.db.models import Q

from core.access import MANAGING_ROLES
from core.signing.registry import DocumentKind, register
from roadmap.agreement_endings import ending_pdf_context
from roadmap.agreements import agreement_pdf_context
from roadmap.cooperation import cooperation_pdf_context
from roadmap.council_meetings import protocol_pdf_context
from roadmap.models import (
    AgreementEnding,
    AgreementStatus,
    CooperationAgreement,
    CooperationStatus,
    CouncilMeeting,
    MeetingStatus,
    MentorAgreement,
    Order,
    OrderStatus,
    RoadmapVersion,
    RoadmapVersionStatus,
)
from roadmap.plans import roadmap_pdf_context
from roadmap.rules import (
    can_view_agreement,
    can_view_cooperation,
    can_view_council_meeting,
    can_view_order,
)
from roadmap.services import order_pdf_context

register(
    DocumentKind(
        name="order",
        model=Order,
        verify_title="Проверка подписанного приказа",
        genitive="приказа",
        not_found="Приказ с таким кодом проверки не найден.",
        details_template="roadmap/verify/order.html",
        pdf_template="roadmap/pdf/order.html",
        pdf_context=order_pdf_context,
        signed=Q(status=OrderStatus.SIGNED),
        can_download=can_view_order,
        file_name=lambda order: f"prikaz-{order.number}.pdf",
        defer=("signed_html",),
        download="roadmap:order-pdf",
    )
)
register(
    DocumentKind(
        name="agreement",
        model=MentorAgreement,
        verify_title="Проверка дополнительного соглашения",
        genitive="соглашения",
        not_found="Соглашение с таким кодом проверки не найдено.",
        details_template="roadmap/verify/agreement.html",
        # The labour addendum or, for a mentor from outside the staff, the volunteer agreement.
        pdf_template="roadmap/pdf/agreement_document.html",
        pdf_context=agreement_pdf_context,
        signed=Q(status=AgreementStatus.SIGNED),
        can_download=can_view_agreement,
        file_name=lambda agreement: f"soglashenie-{agreement.number}.pdf",
        related=("organization", "mentor"),
        download="roadmap:agreement-pdf",
    )
)
register(
    DocumentKind(
        name="agreement_ending",
        model=AgreementEnding,
        verify_title="Проверка досрочного прекращения наставничества",
        genitive="документа о прекращении наставничества",
        not_found="Документ о прекращении наставничества с таким кодом проверки не найден.",
        details_template="roadmap/verify/agreement_ending.html",
        pdf_template="roadmap/pdf/agreement_ending.html",
        pdf_context=ending_pdf_context,
        signed=Q(verify_code__isnull=False),
        can_download=lambda user, ending: can_view_agreement(user, ending.agreement),
        file_name=lambda ending: f"prekrashchenie-nastavnichestva-{ending.agreement.number}.pdf",
        related=("organization", "agreement__mentor", "agreement__organization"),
        download="roadmap:agreement-ending-pdf",
    )
)
register(
    DocumentKind(
        name="roadmap",
        model=RoadmapVersion,
        verify_title="Проверка дорожной карты",
        genitive="дорожной карты",
        not_found="Дорожная карта с таким кодом проверки не найдена.",
        details_template="roadmap/verify/roadmap.html",
        pdf_template="roadmap/pdf/roadmap.html",
        pdf_context=roadmap_pdf_context,
        signed=Q(status=RoadmapVersionStatus.APPROVED),
        roles=frozenset(MANAGING_ROLES),
        can_download=None,
        file_name=lambda version: f"dorozhnaya-karta-redakciya-{version.number}.pdf",
        related=("organization", "cycle"),
        download="roadmap:plan-version-pdf",
    )
)
register(
    DocumentKind(
        name="cooperation",
        model=CooperationAgreement,
        verify_title="Проверка договора о сотрудничестве",
        genitive="договора",
        not_found="Договор с таким кодом проверки не найден.",
        details_template="roadmap/verify/cooperation.html",
        pdf_template="roadmap/pdf/cooperation.html",
        pdf_context=cooperation_pdf_context,
        # Our e-signature completes the signed text; the partner's paper copy comes later.
        signed=Q(status__in=(CooperationStatus.SIGNED_BY_US, CooperationStatus.SIGNED)),
        roles=frozenset(MANAGING_ROLES),
        can_download=can_view_cooperation,
        file_name=lambda agreement: f"dogovor-{agreement.number}.pdf",
        related=("organization", "partner"),
        defer=("pdf", "signed_html", "scan"),
        download="roadmap:cooperation-pdf",
    )
)
register(
    DocumentKind(
        name="council_protocol",
        model=CouncilMeeting,
        verify_title="Проверка протокола заседания методического совета",
        genitive="протокола",
        not_found="Протокол с таким кодом проверки не найден.",
        details_template="roadmap/verify/council_protocol.html",
        pdf_template="roadmap/pdf/council_protocol.html",
        pdf_context=protocol_pdf_context,
        signed=Q(status=MeetingStatus.SIGNED),
        can_download=can_view_council_meeting,
        file_name=lambda meeting: f"protokol-sovet-{meeting.number}.pdf",
        related=("organization", "chair"),
        download="roadmap:council-protocol-pdf",
    )
)
