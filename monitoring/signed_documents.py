"""The monitoring app's signed document: the final report approved by the director.

Found by ``core.signing.registry`` (``autodiscover("signed_documents")``).
"""

from django.db.models import Q

from core.access import MANAGING_ROLES
from core.signing.registry import DocumentKind, register
from monitoring.models import CycleReport, ReportStatus
from monitoring.report_signing import approved_context

register(
    DocumentKind(
        name="report",
        model=CycleReport,
        verify_title="Проверка итогового отчёта",
        genitive="отчёта",
        not_found="Отчёт с таким кодом проверки не найден.",
        details_template="monitoring/verify/report.html",
        pdf_template="monitoring/pdf/report.html",
        pdf_context=approved_context,
        signed=Q(status=ReportStatus.APPROVED),
        roles=frozenset(MANAGING_ROLES),
        download="monitoring:report-signed-pdf",
        can_download=None,
        file_name=lambda report: (
            f"otchet-{report.year_start}-{report.year_start + 1}-utverzhden.pdf"
        ),
    )
)
