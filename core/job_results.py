"""Files of background jobs hold personal data: kept ``RESULT_KEPT`` (7 days), then deleted.

Beat runs ``job_results_expire`` every hour. Anonymization calls ``job_results_forget`` for the
jobs of the person's organizations: an export made before may name her. The job's row stays
(its page says the file is gone and offers to prepare it again); only the file goes.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Q, QuerySet
from django.utils import timezone

from core.models import BackgroundJob


def _forget(jobs: QuerySet[BackgroundJob]) -> int:
    return jobs.filter(Q(result__isnull=False) | Q(kept_until__isnull=False)).update(
        result=None, kept_until=None
    )


def job_results_expire(*, now: dt.datetime | None = None) -> int:
    """Delete the files kept past their date; return how many."""
    now = now or timezone.now()
    return _forget(BackgroundJob.objects.filter(kept_until__lte=now))


def job_results_forget(*, organization_ids, municipality_ids=()) -> int:
    """Delete the files of every job of these organizations and municipalities; return how many."""
    return _forget(
        BackgroundJob.objects.filter(
            Q(organization_id__in=list(organization_ids))
            | Q(municipality_id__in=list(municipality_ids))
        )
    )
