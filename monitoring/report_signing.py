"""The final report approved by the director with the simple e-signature, like an order: writes.

Готовится (the curator writes conclusions) → на утверждении (the curator sends it) →
утверждён (the director repeats her password, through the one sign service of
``core.signing``, counted and locked like the login): the PDF is rendered once with the «УТВЕРЖДАЮ»
block filled in and an e-signature stamp, stored with its SHA-256 and a verification code; from
then on the report and its conclusions never change.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from core.access import has_role
from core.audit import log_action, register_actions
from core.lifecycle import TransitionError, check_transition
from core.models import Organization, Role, User
from core.signing.services import Step, document_sign, qr_data_uri, verify_url
from monitoring.indicators import Filters
from monitoring.models import CycleReport, ReportStatus
from monitoring.periods import AcademicYear
from roadmap.esign import director_esign_check

ALLOWED = {
    ReportStatus.DRAFT: {ReportStatus.SENT},
    ReportStatus.SENT: {ReportStatus.APPROVED},
    ReportStatus.APPROVED: set(),
}


class ApprovedReportError(ValidationError):
    def __init__(self, report: CycleReport):
        super().__init__(
            f"Итоговый отчёт за {AcademicYear(report.year_start).label} утверждён "
            f"{timezone.localtime(report.approved_at):%d.%m.%Y} и больше не меняется.",
            code="report_approved",
        )


register_actions(
    {
        "report.sent": "Итоговый отчёт отправлен руководителю на утверждение",
        "report.approved": (
            "[actor:Утвердил|Утвердила] итоговый отчёт простой электронной подписью"
        ),
    }
)


def report_send(*, organization: Organization, year_start: int, actor: User) -> CycleReport:
    """The curator sends the year's report to the director for approval."""
    if not has_role(actor, organization.pk, Role.CURATOR):
        raise ValidationError("Отправить отчёт на утверждение может куратор.", code="not_curator")
    with transaction.atomic():
        report, _created = CycleReport.objects.select_for_update().get_or_create(
            organization=organization, year_start=year_start
        )
        if report.is_approved:
            raise ApprovedReportError(report)
        check_transition(ALLOWED, report.status, ReportStatus.SENT, labels=ReportStatus)
        report.status = ReportStatus.SENT
        report.sent_at = timezone.now()
        report.sent_by = actor
        report.save()
        log_action(report, "report.sent", actor=actor)
    return report


def report_approve(
    *,
    report: CycleReport,
    signer: User,
    password: str,
    ip: str | None = None,
    request: HttpRequest | None = None,
) -> CycleReport:
    """The director approves the sent report: PDF, checksum and verification code, frozen."""
    return document_sign(
        kind="report",
        document=report,
        signer=signer,
        password=password,
        request=request,
        ip=ip,
        not_done="Отчёт не утверждён",
        prepare=lambda current, now: _approval(current, signer),
    )


def _approval(report: CycleReport, signer: User) -> Step:
    """After the password: the director, the regulation read, the report sent and not approved."""
    organization = report.organization
    director_esign_check(
        signer=signer,
        organization=organization,
        director_only="Утвердить итоговый отчёт может только руководитель организации.",
    )
    if report.is_approved:
        raise TransitionError(
            f"Отчёт уже утверждён {timezone.localtime(report.approved_at):%d.%m.%Y}.",
            code="already_approved",
        )
    if report.status == ReportStatus.DRAFT:
        raise TransitionError(
            "Отчёт ещё не отправлен на утверждение: куратор отправляет его, когда выводы готовы.",
            code="not_sent",
        )
    check_transition(ALLOWED, report.status, ReportStatus.APPROVED, labels=ReportStatus)
    report.status = ReportStatus.APPROVED
    report.approver_name = signer.full_name or organization.director_name
    report.approver_position = organization.director_position
    return Step("report.approved")


def approved_context(report: CycleReport) -> dict:
    """The report's context with the director's approval and the e-signature stamp."""
    from monitoring.exports import _initials_first, report_context

    context = report_context(report.organization, Filters(year=AcademicYear(report.year_start)))
    url = verify_url(report.verify_code)
    context.update(
        {
            "approval": report,
            "approved_local": timezone.localtime(report.approved_at),
            "director_short": _initials_first(report.approver_name),
            "verify_url": url,
            "qr": qr_data_uri(url),
        }
    )
    return context
