"""The curator's conclusions for the final report."""

from __future__ import annotations

from django.db import transaction

from core.models import Organization, User
from monitoring.models import (
    CycleReport,
)

# --- report -----------------------------------------------------------------------------------


def report_conclusions_save(
    *, organization: Organization, year_start: int, conclusions: str, author: User
) -> CycleReport:
    with transaction.atomic():
        report, _created = CycleReport.objects.select_for_update().get_or_create(
            organization=organization, year_start=year_start
        )
        if report.is_approved:
            from monitoring.report_signing import ApprovedReportError

            raise ApprovedReportError(report)
        report.conclusions, report.updated_by = conclusions, author
        report.save()
    return report
