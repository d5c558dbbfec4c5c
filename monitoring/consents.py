"""The one place that knows how a withdrawn personal-data consent is recorded.

Until the banks branch brings its withdrawal API, the signal is a ``Consent`` of kind
personal_data with ``withdrawn_at`` set and no newer active one.
"""

from django.db.models import Exists, OuterRef, QuerySet

from mentoring.models import Consent, ConsentKind


def without_withdrawn(queryset: QuerySet, *, staff_path: str) -> QuerySet:
    """Drop rows whose person (at ``staff_path``) withdrew consent to personal data processing."""
    withdrawn = Consent.objects.filter(
        staff=OuterRef(staff_path), kind=ConsentKind.PERSONAL_DATA, withdrawn_at__isnull=False
    )
    active = Consent.objects.filter(
        staff=OuterRef(staff_path), kind=ConsentKind.PERSONAL_DATA, withdrawn_at__isnull=True
    )
    return queryset.exclude(Exists(withdrawn) & ~Exists(active))
